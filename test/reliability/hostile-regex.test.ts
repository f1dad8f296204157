/**
 * Issue #21, attacks 1–3: regular expressions cannot hang a scan. Each fixture under test/fixtures/hostile/ hung the
 * CLI past 15 s before (measured on the build before the fix; 100 s and more when left to run). Each must now finish
 * well within the kill timeout with the good file's finding, and a pattern the linear engine cannot run must be a
 * config error with its location (exit 2), or, in code, no evidence.
 * The timeout is generous (a loaded 2-core machine); it kills, it does not measure.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_FINDING, ROOT, TempRoot, findingKeys, parseReport, runPiilint } from './support/cli';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'hostile');
const KILL_AFTER_MS = 60_000;

let temp: TempRoot;

beforeAll(() => {
  temp = new TempRoot('piilint-hostile-regex-');
});

afterAll(() => {
  temp.dispose();
});

function copyFixture(name: string): string {
  const target = path.join(temp.path, name.replace(/\//g, '-'));
  fs.cpSync(path.join(FIXTURES, name), target, { recursive: true });
  return target;
}

function scan(folder: string, args: readonly string[] = []) {
  const run = runPiilint(['--format', 'json', ...args], folder, { timeoutMs: KILL_AFTER_MS });
  expect(run.signal, `killed after ${KILL_AFTER_MS} ms: ${run.stderr.slice(0, 500)}`).toBeNull();
  return run;
}

describe('regular expressions from the scanned code', () => {
  it('an exponential regex literal in a `.test()` does not hang the scan, and a linear variant still validates', () => {
    const run = scan(copyFixture('regex-in-code'));
    expect(run.status).toBe(1);
    const keys = findingKeys(parseReport(run));
    expect(keys).toContain(GOOD_FINDING);
    // `/^(\d+)*X$/` accepts resident ID numbers and rejects ordinary words: the logged code is an ID.
    expect(keys).toContain('src/plate-check.ts:9:56 no-id-number-logging');
    // A backreference cannot run in linear time: it is no evidence, so nothing is reported there.
    expect(keys.filter((key) => key.startsWith('src/plate-check.ts:14'))).toEqual([]);
  });
});

describe('regular expressions from the config', () => {
  it.each(['literal', 'receiver-name', 'when-matches'])('an exponential pattern as %s does not hang the scan', (name) => {
    const run = scan(copyFixture(`regex-in-config/${name}`));
    expect(run.status).toBe(1);
    expect(findingKeys(parseReport(run))).toContain(GOOD_FINDING);
  });

  it('a pattern the linear engine cannot run is a config error at its location (exit 2)', () => {
    const folder = copyFixture('regex-in-config/lookahead');
    const run = scan(folder);
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${path.join(folder, 'piilint.config.json')}:6:`);
    expect(lines[0]).toContain('/models/no-id-number-logging/sinks/0/receiverName is not a valid regular expression for piilint (lookahead');
  });

  it('a backreference in a config pattern is a config error too (variant)', () => {
    const folder = temp.project('backreference', {
      'piilint.config.json': JSON.stringify({ models: { 'no-id-number-logging': { sources: [{ kind: 'literal', pattern: '(\\d{6})\\1', description: 'x' }] } } }),
      'src/a.ts': 'export const a = 1;\n',
    });
    const run = scan(folder);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('/models/no-id-number-logging/sources/0/pattern is not a valid regular expression for piilint (backreferences');
  });
});

describe('built-in patterns', () => {
  it('a 34 KB comment of `import dtoForLog` lines does not make the fixers cubic', () => {
    const run = scan(copyFixture('cubic-import-comment'));
    expect(run.status).toBe(1);
    const report = parseReport(run);
    expect(findingKeys(report)).toContain(GOOD_FINDING);
    expect(findingKeys(report)).toContain('src/dto-log.ts:2005:16 no-id-number-logging');
  });

  it('the same comment with `require` destructuring lines and `function*` declarations (variant)', () => {
    const folder = temp.project('cubic-variant', {
      'src/good.ts': fs.readFileSync(path.join(FIXTURES, 'cubic-import-comment', 'src', 'good.ts'), 'utf8'),
      'src/dto-log.ts': [
        '/*',
        'const { dtoForLog '.repeat(1500),
        `function${' '.repeat(20_000)}`,
        `async function${'\t'.repeat(20_000)}=async`,
        '*/',
        'interface CustomerDto { name: string; idCardNo: string }',
        'export function logCustomer(dto: CustomerDto): void {',
        '  console.info(dto);',
        '}',
        '',
      ].join('\n'),
    });
    const run = scan(folder);
    expect(run.status).toBe(1);
    expect(findingKeys(parseReport(run))).toContain(GOOD_FINDING);
  });
});
