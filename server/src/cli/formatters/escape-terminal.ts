/**
 * Text from the scanned workspace (file names, code quoted in messages) made safe to print: control characters
 * (C0, DEL, C1), the Unicode line and paragraph separators and the bidirectional overrides are shown as escapes
 * (`\n`, `\x1b`, `\u202e`), never sent. A file name can then neither clear the screen nor start a line of its
 * own, so it cannot forge a `✖ 0 problems` summary, and a name that starts with `::` has its first colon escaped,
 * so it cannot be read as a GitHub Actions workflow command (issue #21).
 * Colors are added by the formatters after escaping, so they still work.
 */

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function escapeForTerminal(text: string): string {
  const escaped = text.replace(UNSAFE, (char) => NAMED[char] ?? escapeCode(char.charCodeAt(0)));
  return escaped.startsWith('::') ? `\\x3a${escaped.slice(1)}` : escaped;
}

function escapeCode(code: number): string {
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
