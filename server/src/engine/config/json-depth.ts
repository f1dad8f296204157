/**
 * Nesting depth of JSON and JSONC text, found before parsing: the parsers and the code that walks their result
 * (jsonc-parser, TypeScript's tsconfig reader, schema validation) recurse once per level, and a 2 KB file nested
 * 1,000 levels ended the whole run with "Maximum call stack size exceeded" (issue #21).
 * Input: the text. Output: the offset of the first `[` or `{` that opens a level past the limit, or undefined.
 * Invariant: one pass; strings and comments are skipped, so brackets inside them never count.
 */

/** Far deeper than any config, tsconfig, baseline or SARIF report nests, far shallower than the stack allows. */
export const MAX_JSON_DEPTH = 64;

export function offsetPastDepth(text: string, limit = MAX_JSON_DEPTH): number | undefined {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '"') {
      for (index++; index < text.length && text[index] !== '"'; index++) if (text[index] === '\\') index++;
    } else if (char === '/' && text[index + 1] === '/') {
      while (index < text.length && text[index] !== '\n') index++;
    } else if (char === '/' && text[index + 1] === '*') {
      const end = text.indexOf('*/', index + 2);
      index = end === -1 ? text.length : end + 1;
    } else if (char === '[' || char === '{') {
      depth++;
      if (depth > limit) return index;
    } else if ((char === ']' || char === '}') && depth > 0) {
      depth--;
    }
  }
  return undefined;
}
