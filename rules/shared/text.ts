/**
 * Text helpers for fixes: fixes work on the file text as it was analysed (0-based offsets), so every edit is
 * computed from `FixContext.fileText` and never from a re-read file.
 */
import type { LocalizedText, Locale } from '../../server/src/engine/rule-api';
import { nameIsInScope } from './name-in-scope';

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

/**
 * Answers about the whole text of the file the last fix looked at. Fixes are made finding by finding, and the
 * findings of one file come together: without this, a file with 100,000 findings was scanned 100,000 times.
 */
let memoText: string | undefined;
let memo = new Map<string, string | boolean>();

function perFile<T extends string | boolean>(text: string, key: string, compute: () => T): T {
  if (text !== memoText) {
    memoText = text;
    memo = new Map();
  }
  let value = memo.get(key) as T | undefined;
  if (value === undefined) memo.set(key, (value = compute()));
  return value;
}

/** The file's own line ending, so inserted lines do not mix `\r\n` and `\n`. */
export function lineEndingOf(text: string): string {
  return perFile(text, 'eol', () => (text.includes('\r\n') ? '\r\n' : '\n'));
}

/** One indentation step as the file uses it (two spaces unless the file shows otherwise). */
export function indentUnitOf(text: string): string {
  return perFile(text, 'indent', () => {
    if (/^\t/m.test(text)) return '\t';
    const match = /^( {2,8})\S/m.exec(text);
    return match?.[1] === '    ' ? '    ' : '  ';
  });
}

export function localize(text: LocalizedText, locale: Locale): string {
  return text[locale];
}

/** Whether `name` is visible in `fileText`: declared there, or imported or required by name. */
export function isNameInScope(fileText: string, name: string): boolean {
  return perFile(fileText, `scope:${name}`, () => nameIsInScope(fileText, name));
}

