/**
 * Whether a name is visible in a file's text: declared there (`function name`, `const name`, `class name`), imported
 * by name (`import { name } from '…'`, not `import type`), or destructured from a `require(…)`.
 * A scan of the text, linear in its length: the regular expressions it replaces backtracked cubically on a comment
 * of `import dtoForLog` lines without a semicolon (84 s on 34 KB, on every scan; issue #21).
 */

const IDENTIFIER_CHAR = /[\w$]/;

function isIdentifierChar(char: string | undefined): boolean {
  return char !== undefined && IDENTIFIER_CHAR.test(char);
}

function isSpace(char: string | undefined): boolean {
  return char !== undefined && /\s/.test(char);
}

/** `text.indexOf(needle, from)` that never reads past `to` (an unbounded search per span would be quadratic). */
function indexWithin(text: string, needle: string, from: number, to: number): number {
  if (from >= to) return -1;
  const found = text.slice(from, to).indexOf(needle);
  return found === -1 ? -1 : from + found;
}

/** Offsets where `word` occurs in `text[from, to)` with no identifier character on either side, in order. */
function* wordsIn(text: string, word: string, from = 0, to = text.length): Generator<number> {
  if (word.length === 0) return;
  for (let at = indexWithin(text, word, from, to); at !== -1; at = indexWithin(text, word, at + 1, to)) {
    if (!isIdentifierChar(text[at - 1]) && !isIdentifierChar(text[at + word.length])) yield at;
  }
}

function firstWordIn(text: string, word: string, from: number, to: number): number {
  for (const at of wordsIn(text, word, from, to)) return at;
  return -1;
}

/** The word that ends right before `end` (after skipping nothing), or ''. */
function wordBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && isIdentifierChar(text[start - 1])) start--;
  return text.slice(start, end);
}

/** `function name`, `function* name`, `const name`, `let name`, `var name`, `class name`. */
function isDeclared(text: string, name: string): boolean {
  for (const at of wordsIn(text, name)) {
    let cursor = at;
    while (isSpace(text[cursor - 1])) cursor--;
    const hadSpace = cursor < at;
    if (text[cursor - 1] === '*') {
      cursor--;
      while (isSpace(text[cursor - 1])) cursor--;
      if (wordBefore(text, cursor) === 'function') return true;
      continue;
    }
    const keyword = wordBefore(text, cursor);
    if (keyword === 'function') return true;
    if (hadSpace && (keyword === 'const' || keyword === 'let' || keyword === 'var' || keyword === 'class')) return true;
  }
  return false;
}

/**
 * `import … name … from '…'` within one statement (up to the next `;`). The statements that end at the same `;`
 * nest, so only the first value import of each is looked at, and the text is read once.
 */
function isImported(text: string, name: string): boolean {
  let coveredUntil = -1;
  let end = -1;
  for (let at = text.indexOf('import'); at !== -1; at = text.indexOf('import', at + 1)) {
    if (at < coveredUntil) continue;
    if (at >= end) {
      const semicolon = text.indexOf(';', at);
      end = semicolon === -1 ? text.length : semicolon;
    }
    const afterKeyword = at + 'import'.length;
    let cursor = afterKeyword;
    while (isSpace(text[cursor])) cursor++;
    if (cursor > afterKeyword && text.startsWith('type', cursor) && !isIdentifierChar(text[cursor + 4])) continue;
    coveredUntil = end;
    const found = firstWordIn(text, name, afterKeyword, end);
    if (found !== -1 && hasFromClause(text, found + name.length, end)) return true;
  }
  return false;
}

/** `from '` or `from "` (spaces allowed between) in `text[from, to)`. */
function hasFromClause(text: string, from: number, to: number): boolean {
  for (let at = indexWithin(text, 'from', from, to); at !== -1; at = indexWithin(text, 'from', at + 1, to)) {
    let cursor = at + 4;
    while (cursor < to && isSpace(text[cursor])) cursor++;
    if (cursor < to && (text[cursor] === "'" || text[cursor] === '"')) return true;
  }
  return false;
}

/**
 * `const { …name… } = require(`: each `}` followed by `= require(` closes a pattern that opens at the first
 * `const|let|var {` after the previous `}`. Those spans do not overlap, so the text is read once.
 */
function isRequired(text: string, name: string): boolean {
  let previousClose = -1;
  for (let close = text.indexOf('}'); close !== -1; previousClose = close, close = text.indexOf('}', close + 1)) {
    if (!isFollowedByRequire(text, close + 1)) continue;
    const open = firstDestructuringOpen(text, previousClose + 1, close);
    if (open !== -1 && firstWordIn(text, name, open + 1, close) !== -1) return true;
  }
  return false;
}

function isFollowedByRequire(text: string, from: number): boolean {
  let cursor = from;
  while (isSpace(text[cursor])) cursor++;
  if (text[cursor] !== '=') return false;
  cursor++;
  while (isSpace(text[cursor])) cursor++;
  return text.startsWith('require(', cursor);
}

/** Offset of the `{` of the first `const {`, `let {` or `var {` in `text[from, to)`, or -1. */
function firstDestructuringOpen(text: string, from: number, to: number): number {
  for (let open = indexWithin(text, '{', from, to); open !== -1; open = indexWithin(text, '{', open + 1, to)) {
    let cursor = open;
    while (cursor > from && isSpace(text[cursor - 1])) cursor--;
    const keyword = wordBefore(text, cursor);
    if ((keyword === 'const' || keyword === 'let' || keyword === 'var') && cursor - keyword.length >= from) return open;
  }
  return -1;
}

export function nameIsInScope(fileText: string, name: string): boolean {
  return isDeclared(fileText, name) || isImported(fileText, name) || isRequired(fileText, name);
}
