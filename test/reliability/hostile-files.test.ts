/**
 * Issue #21, attacks 4 and 5: special and deeply nested files read from the workspace. Every read of workspace input
 * takes regular files only, within a size limit, and JSON/JSONC nesting is bounded:
 * - a committed symlink to /dev/zero (tsconfig.json, .gitignore, an `extends` target, a package.json, an imported
 *   file, --baseline, --config) once took the CLI to 4.6 GB in 30 s; a FIFO in those places blocked forever;
 * - a tsconfig, an extended tsconfig or a piilint.config.json nested thousands of levels ended the run with
 *   "Maximum call stack size exceeded" without naming the file.
 * Each run is killed after a generous timeout and gets a 512 MiB heap (`--max-old-space-size`), so an unbounded read
 * fails the test instead of filling the machine. The defect is asserted absent: the run ends by itself, with the good
 * file's finding and a notice that names the file, or with exit 2 and one line that names it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_FILE, GOOD_FINDING, ROOT, TempRoot, findingKeys, parseReport, runPiilint } from './support/cli';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'hostile');
const KILL_AFTER_MS = 60_000;
const HEAP = ['--max-old-space-size=512'];

let temp: TempRoot;
let count = 0;

beforeAll(() => {
  temp = new TempRoot('piilint-hostile-files-');
});

afterAll(() => {
  temp.dispose();
});

function project(files: Record<string, string> = {}): string {
  return temp.project(`p${++count}`, { 'src/good.ts': GOOD_FILE, ...files });
}

function link(folder: string, name: string, target: string): void {
  const file = path.join(folder, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.symlinkSync(target, file);
}

function fifo(folder: string, name: string): void {
  const file = path.join(folder, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  expect(spawnSync('mkfifo', [file]).status).toBe(0);
}

function scan(folder: string, args: readonly string[] = []) {
  const run = runPiilint(['--format', 'json', ...args], folder, { timeoutMs: KILL_AFTER_MS, nodeArgs: HEAP });
  expect(run.signal, `killed after ${KILL_AFTER_MS} ms: ${run.stderr.slice(0, 500)}`).toBeNull();
  return run;
}

/** The run finished with the good finding, and a notice with `code` names `file` and says `says`. */
function expectNotice(folder: string, args: readonly string[], code: string, file: string, says: string): void {
  const run = scan(folder, args);
  expect(run.status, run.stderr).toBe(1);
  const report = parseReport(run);
  expect(findingKeys(report)).toContain(GOOD_FINDING);
  const notice = report.notices.find((candidate) => candidate.code === code && candidate.message.includes(file));
  expect(notice, JSON.stringify(report.notices)).toBeDefined();
  expect(notice?.message).toContain(says);
}

describe('special files where piilint reads its setup', () => {
  it.each([
    ['a symlink to /dev/zero', (folder: string, name: string) => link(folder, name, '/dev/zero'), 'is a character device'],
    ['a FIFO', (folder: string, name: string) => fifo(folder, name), 'is a FIFO'],
  ])('tsconfig.json as %s is a tsconfig-error notice', (_kind, make, says) => {
    const folder = project();
    make(folder, 'tsconfig.json');
    expectNotice(folder, [], 'tsconfig-error', 'tsconfig.json', says);
  });

  it.each([
    ['a symlink to /dev/zero', (folder: string, name: string) => link(folder, name, '/dev/zero'), 'is a character device'],
    ['a FIFO', (folder: string, name: string) => fifo(folder, name), 'is a FIFO'],
  ])('an `extends` target as %s is a tsconfig-error notice', (_kind, make, says) => {
    const folder = project({ 'tsconfig.json': JSON.stringify({ extends: './base.json', compilerOptions: { strict: true } }) });
    make(folder, 'base.json');
    expectNotice(folder, [], 'tsconfig-error', 'base.json', says);
  });

  it.each([
    ['a symlink to /dev/zero', (folder: string, name: string) => link(folder, name, '/dev/zero'), 'is a character device'],
    ['a FIFO', (folder: string, name: string) => fifo(folder, name), 'is a FIFO'],
  ])('.gitignore as %s is an unreadable-file notice, and the rest is scanned', (_kind, make, says) => {
    const folder = project();
    make(folder, '.gitignore');
    expectNotice(folder, [], 'unreadable-file', '.gitignore', says);
  });

  it('a 3 MB .gitignore is over the limit: a notice, and the rest is scanned (variant)', () => {
    const folder = project({ '.gitignore': `${'dist/\n'.repeat(500_000)}` });
    expectNotice(folder, [], 'unreadable-file', '.gitignore', 'over the limit of 2097152 bytes');
  });

  it('a package.json symlinked to /dev/zero under node16 resolution is not read (variant)', () => {
    const folder = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16' } }),
      'src/uses-shared.ts': "import { helper } from './shared/index.js';\nexport const value = helper();\n",
      'src/shared/index.ts': 'export function helper(): number { return 1; }\n',
    });
    link(folder, 'package.json', '/dev/zero');
    link(folder, 'src/shared/package.json', '/dev/zero');
    const run = scan(folder);
    expect(run.status, run.stderr).toBe(1);
    expect(findingKeys(parseReport(run))).toContain(GOOD_FINDING);
  });

  it('an imported file outside the scanned folder that is a symlink to /dev/zero is not read (variant)', () => {
    const folder = project({ 'src/uses-outside.ts': "import { x } from '../outside/zero';\nexport const y = x;\n" });
    link(folder, 'outside/zero.ts', '/dev/zero');
    const run = scan(folder, ['src']);
    expect(run.status, run.stderr).toBe(1);
    expect(findingKeys(parseReport(run))).toContain(GOOD_FINDING);
  });
});

describe('special files named on the command line', () => {
  it.each([
    ['a symlink to /dev/zero', (folder: string, name: string) => link(folder, name, '/dev/zero'), 'is a character device'],
    ['a FIFO', (folder: string, name: string) => fifo(folder, name), 'is a FIFO'],
  ])('--baseline as %s exits 2 with one line that names it', (_kind, make, says) => {
    const folder = project();
    make(folder, 'baseline.json');
    const run = scan(folder, ['--baseline', 'baseline.json']);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`The baseline baseline.json ${says}`);
  });

  it.each([
    ['a symlink to /dev/zero', (folder: string, name: string) => link(folder, name, '/dev/zero'), 'is a character device'],
    ['a FIFO', (folder: string, name: string) => fifo(folder, name), 'is a FIFO'],
  ])('--config as %s exits 2 with one line that names it', (_kind, make, says) => {
    const folder = project();
    make(folder, 'piilint.json');
    const run = scan(folder, ['--config', 'piilint.json']);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`${path.join(folder, 'piilint.json')} ${says}`);
  });

  it('a baseline nested 3,000 levels deep exits 2 and names it (variant)', () => {
    const folder = project({ 'baseline.json': `${'['.repeat(3000)}${']'.repeat(3000)}` });
    const run = scan(folder, ['--baseline', 'baseline.json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('The baseline baseline.json nests objects and arrays more than 64 levels deep');
  });
});

describe('deeply nested configuration', () => {
  function copyFixture(name: string): string {
    const target = path.join(temp.path, name);
    fs.cpSync(path.join(FIXTURES, name), target, { recursive: true });
    return target;
  }

  it('a piilint.config.json nested 3,000 levels is a config error at its location (exit 2)', () => {
    const folder = copyFixture('nested-config');
    const run = scan(folder);
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${path.join(folder, 'piilint.config.json')}:1:`);
    expect(lines[0]).toContain('nests objects and arrays more than 64 levels deep');
    expect(lines[0]).not.toContain('internal error');
  });

  it.each([
    ['nested-tsconfig', 'tsconfig.json'],
    ['nested-tsconfig-extends', 'tsconfig.base.json'],
  ])('%s is a tsconfig-error notice that names %s, and the scan goes on', (name, file) => {
    const folder = copyFixture(name);
    expectNotice(folder, [], 'tsconfig-error', path.join(folder, file), 'nests objects and arrays more than 64 levels deep');
  });

  it('with two configs, a broken one is a config-error notice naming it, the other group is scanned, exit 2', () => {
    const folder = temp.project('two-groups', {
      'crm/piilint.config.json': '{ "ignore": ' + '['.repeat(3000) + ']'.repeat(3000) + ' }',
      'crm/src/visit.ts': GOOD_FILE,
      'showroom/piilint.config.json': '{}',
      'showroom/src/good.ts': GOOD_FILE,
    });
    const run = scan(folder, ['crm', 'showroom']);
    expect(run.status).toBe(2);
    const report = parseReport(run);
    expect(findingKeys(report)).toEqual(['showroom/src/good.ts:3:25 no-id-number-logging']);
    const notice = report.notices.find((candidate) => candidate.code === 'config-error');
    expect(notice?.message).toContain(path.join(folder, 'crm', 'piilint.config.json'));
    expect(notice?.message).toContain('were not checked');
    expect(run.stderr).toContain('some files were not checked because of a config error');
  });
});
