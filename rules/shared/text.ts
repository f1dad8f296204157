/**
 * Text helpers for fixes: fixes work on the file text as it was analysed (0-based offsets), so every edit is
 * computed from `FixContext.fileText` and never from a re-read file.
 */
import type { LocalizedText, Locale } from '../../server/src/engine/rule-api';

/** Offset of the first character of the line that contains `offset`. */
export function lineStartOffset(text: string, offset: number): number {
  const newline = text.lastIndexOf('\n', Math.max(0, offset - 1));
  return newline === -1 ? 0 : newline + 1;
}

/** The whitespace that opens the line containing `offset`. */
export function indentationAt(text: string, offset: number): string {
  const start = lineStartOffset(text, offset);
  const match = /^[ \t]*/.exec(text.slice(start));
  return match ? match[0] : '';
}

/** The file's own line ending, so inserted lines do not mix `\r\n` and `\n`. */
export function lineEndingOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** One indentation step as the file uses it (two spaces unless the file shows otherwise). */
export function indentUnitOf(text: string): string {
  if (/^\t/m.test(text)) return '\t';
  const match = /^( {2,8})\S/m.exec(text);
  return match?.[1] === '    ' ? '    ' : '  ';
}

export function localize(text: LocalizedText, locale: Locale): string {
  return text[locale];
}

/** Whether `name` is visible in `fileText`: declared there, or imported or required by name. */
export function isNameInScope(fileText: string, name: string): boolean {
  const escaped = name.replace(/[$]/g, '\\$');
  const declared = new RegExp(
    `(?:function\\s*\\*?\\s*${escaped}\\b|(?:const|let|var|class)\\s+${escaped}\\b)`,
  );
  const imported = new RegExp(`import(?!\\s+type\\b)\\s*[^;]*?\\b${escaped}\\b[^;]*?from\\s*['"]`);
  const required = new RegExp(`(?:const|let|var)\\s*\\{[^}]*\\b${escaped}\\b[^}]*\\}\\s*=\\s*require\\(`);
  return declared.test(fileText) || imported.test(fileText) || required.test(fileText);
}
