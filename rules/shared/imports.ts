/**
 * Adds an `import { name } from './relative/path'` for a project function a fix calls, when the function lives
 * in another file and is not yet visible in the file being fixed. The specifier mimics the file's existing
 * relative imports (with or without a `.js` extension).
 */
import * as path from 'node:path';
import type { KnownFunction, TextEdit } from '../../server/src/engine/rule-api';
import { isNameInScope, lineEndingOf } from './text';

/** The edit that imports `fn` into `file`, `null` when none is needed, or `undefined` when it cannot be imported. */
export function importEditFor(fn: KnownFunction, file: string, fileText: string): TextEdit | null | undefined {
  if (isNameInScope(fileText, fn.name) || fn.file === file) return null;
  if (fn.file === undefined || !fn.isExported) return undefined;
  const eol = lineEndingOf(fileText);
  const usesJsExtension = /from\s*['"]\.{1,2}\/[^'"]*\.js['"]/.test(fileText);
  let specifier = path.relative(path.dirname(file), fn.file).split(path.sep).join('/');
  specifier = specifier.replace(/\.(?:d\.)?[cm]?[tj]sx?$/, '');
  if (specifier.endsWith('/index')) specifier = specifier.slice(0, -'/index'.length);
  if (!specifier.startsWith('.')) specifier = `./${specifier}`;
  if (usesJsExtension) specifier = `${specifier}.js`;
  const importLines = fileText.split('\n').filter((line) => line.startsWith('import'));
  const usesDoubleQuotes = importLines.some((line) => /from\s*"/.test(line)) && !importLines.some((line) => /from\s*'/.test(line));
  const quote = usesDoubleQuotes ? '"' : "'";
  const statement = `import { ${fn.name} } from ${quote}${specifier}${quote};`;
  const offset = afterLastImport(fileText);
  const newText = offset === 0 ? `${statement}${eol}` : `${eol}${statement}`;
  return { file, start: offset, end: offset, newText };
}

/** Offset just past the last top-level import statement, or 0 when the file has none. */
function afterLastImport(fileText: string): number {
  // A scan, as `/^import\b[^;]*;/gm` would find them: that pattern read on to the next `;` again from every import
  // line, quadratic on a file of import lines without one (issue #21).
  let end = 0;
  for (let index = 0; index < fileText.length; index++) {
    const isLineStart = index === 0 || LINE_BREAKS.has(fileText[index - 1] ?? '');
    if (!isLineStart || index < end || !fileText.startsWith('import', index) || /\w/.test(fileText[index + 6] ?? '')) continue;
    const semicolon = fileText.indexOf(';', index);
    if (semicolon === -1) break;
    end = semicolon + 1;
  }
  return end;
}

const LINE_BREAKS: ReadonlySet<string> = new Set(['\n', '\r', '\u2028', '\u2029']);
