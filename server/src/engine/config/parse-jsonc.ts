/**
 * Stage: config (parsing).
 * Input: the text of piilint.config.json and its path.
 * Output: the parsed value and the syntax tree (for locating values in later error messages).
 * Invariant: JSONC as VS Code reads its settings: comments and trailing commas are allowed. Any syntax error, an
 * empty file or a duplicated key is a `ConfigError` with `file:line:column`; nothing is guessed or half-loaded.
 */
import { getNodeValue, parseTree, printParseErrorCode, stripComments, type Node, type ParseError } from 'jsonc-parser';
import { ConfigError } from '../errors';
import { MAX_JSON_DEPTH, offsetPastDepth } from './json-depth';
import { formatLocation } from './json-location';

export interface ParsedJsonc {
  readonly value: unknown;
  readonly tree: Node;
}

const SYNTAX_PROBLEMS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a key in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':' after the key",
  CommaExpected: "expected ',' between entries",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'unexpected text after the end of the top-level object',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'comment is not closed (missing */)',
  UnexpectedEndOfString: 'string is not closed (missing ")',
  UnexpectedEndOfNumber: 'number is cut off',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape after \\',
  InvalidCharacter: 'control character in a string (write it as an escape such as \\n)',
};

export function parseJsonc(text: string, file: string): ParsedJsonc {
  if (stripComments(text).trim() === '') {
    throw new ConfigError(`${file}:1:1: the config file is empty. Write an object such as {} or delete the file.`, file);
  }
  const tooDeep = offsetPastDepth(text);
  if (tooDeep !== undefined) {
    throw new ConfigError(
      `${formatLocation(file, text, tooDeep)}: the config nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep; piilint does not read it. A config needs a few levels: check that this is the file you meant.`,
      file,
    );
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  const first = errors[0];
  if (first !== undefined) {
    const code = printParseErrorCode(first.error);
    const problem = SYNTAX_PROBLEMS[code] ?? code;
    throw new ConfigError(
      `${formatLocation(file, text, first.offset)}: invalid JSON: ${problem}. Fix the syntax (comments and trailing commas are allowed).`,
      file,
    );
  }
  if (tree === undefined) throw new ConfigError(`${file}:1:1: the config file holds no value. Write an object such as {}.`, file);
  rejectDuplicateKeys(tree, text, file);
  return { value: getNodeValue(tree) as unknown, tree };
}

/** JSON allows duplicate keys and keeps the last one; a second `"rules"` block would silently drop the first. */
function rejectDuplicateKeys(node: Node, text: string, file: string, pointer = ''): void {
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (key === undefined) continue;
      const name = String(key.value);
      const childPointer = `${pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (seen.has(name)) {
        throw new ConfigError(
          `${formatLocation(file, text, key.offset)}: the key "${name}" appears twice at ${pointer || '/'}; only the last would count. Merge the two into one.`,
          file,
          childPointer,
        );
      }
      seen.add(name);
      if (value !== undefined) rejectDuplicateKeys(value, text, file, childPointer);
    }
  } else if (node.type === 'array') {
    (node.children ?? []).forEach((child, index) => rejectDuplicateKeys(child, text, file, `${pointer}/${index}`));
  }
}
