/**
 * Issue #21, attack 8: file names and messages cannot forge terminal output. A file named with newlines, an escape
 * sequence that clears the screen, a `::error` workflow command and a `✖ 0 problems` line once reached the terminal
 * raw in the default (stylish) output. Now every control character is shown as an escape, so:
 * - no byte of the output is a control character other than the newlines piilint writes itself;
 * - no line starts with `::` (GitHub Actions reads such a line as a workflow command);
 * - no line is a forged summary.
 * The same holds for the notices and the fix summary on stderr. The names are made at run time (a checkout on
 * another file system may not hold them).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_FILE, TempRoot, runPiilint } from './support/cli';

const FORGING_NAME = 'evil\n\n\u001b[2J\u001b[H::error file=src/good.ts,line=1::forged\n✖ 0 problems\r\u202e.ts';
const COMMAND_NAME = '::warning title=x::forged.ts';
/** Control characters other than the line feed; the ESC of color codes is allowed only with --color. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

let temp: TempRoot;

beforeAll(() => {
  temp = new TempRoot('piilint-hostile-output-');
});

afterAll(() => {
  temp.dispose();
});

function expectUnforged(text: string): void {
  expect(text).not.toMatch(CONTROL);
  for (const line of text.split('\n')) {
    expect(line.startsWith('::'), line).toBe(false);
    expect(line.trim()).not.toBe('✖ 0 problems');
  }
}

describe('stylish output', () => {
  it('shows control characters in file names and messages as escapes', () => {
    const folder = temp.project('names', { 'src/good.ts': GOOD_FILE, [`src/${FORGING_NAME}`]: GOOD_FILE, [COMMAND_NAME]: GOOD_FILE });
    const run = runPiilint([], folder, { timeoutMs: 60_000 });
    expect(run.status).toBe(1);
    expectUnforged(run.stdout);
    expectUnforged(run.stderr);
    expect(run.stdout).toContain('src/evil\\n\\n\\x1b[2J\\x1b[H::error file=src/good.ts,line=1::forged\\n✖ 0 problems\\r\\u202e.ts:3:25');
    expect(run.stdout).toContain('\\x3a:warning title=x::forged.ts:3:25');
    expect(run.stdout).toContain('✖ 3 problems (3 errors, 0 warnings)');
  });

  it('escapes names in notices and in the fix summary too (variant)', () => {
    const folder = temp.project('notices', {
      'src/good.ts': GOOD_FILE,
      // A binary file is a notice that names it; a link out of the workspace is a line of the fix summary.
      [`src/bin\u001b]0;owned\u0007.ts`]: new Uint8Array([0, 1, 2, 3, 0, 0, 0, 0]),
    });
    const outside = temp.project('notices-outside', { 'x.ts': GOOD_FILE });
    fs.symlinkSync(path.join(outside, 'x.ts'), path.join(folder, 'src', 'ro\n::error::x.ts'));
    const run = runPiilint(['--fix'], folder, { timeoutMs: 60_000 });
    expectUnforged(run.stdout);
    expectUnforged(run.stderr);
    expect(run.stderr).toContain('src/bin\\x1b]0;owned\\x07.ts');
    expect(run.stderr).toContain('piilint: not fixed: src/ro\\n::error::x.ts: the file is a link to');
  });

  it('keeps color codes when color is asked for, and still escapes the names (control)', () => {
    const folder = temp.project('color', { [`src/${FORGING_NAME}`]: GOOD_FILE });
    const run = runPiilint(['--color'], folder, { timeoutMs: 60_000 });
    expect(run.stdout).toContain('\u001b[');
    expect(run.stdout).toContain('\\x1b[2J');
    expect(run.stdout).not.toContain('\u001b[2J');
  });
});
