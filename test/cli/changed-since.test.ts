/**
 * Changed-code mode (issue #10): `--changed-since REF` analyses the whole project but reports only findings whose
 * sink, source or a path step touches a line changed since REF (committed, staged, unstaged or untracked).
 * The diff parser is tested on real `git diff` output and on the corner cases git produces rarely; the CLI over real
 * repositories with branches, commits and untracked files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUnifiedDiff, touchesChangedLines, unquoteGitPath } from '../../server/src/engine/findings/changed-lines';
import type { Finding } from '../../server/src/engine/findings/finding';
import { ID_NUMBER_FINDING, range } from './sample-result';
import {
  AUDIT,
  CUSTOMER_LOG,
  GREETING,
  commitAll,
  createRepository,
  git,
  makeTempFolder,
  parseJsonReport,
  piilint,
  sarifSchemaErrors,
  writeFiles,
} from './git-project';

let tempRoot: string;

beforeAll(() => {
  tempRoot = makeTempFolder('piilint-changed-');
});

afterAll(() => {
  fs.rmSync(tempRoot, { recursive: true, force: true });
});

describe('parseUnifiedDiff', () => {
  it('reads the new-side lines of real git diffs: edits, insertions, deletions, new and renamed files', () => {
    const repo = path.join(tempRoot, 'diff');
    createRepository(repo, {
      'src/a.ts': ['one', 'two', 'three', 'four', 'five', 'six', ''].join('\n'),
      'src/old-name.ts': ['alpha', 'beta', 'gamma', ''].join('\n'),
      'src/gone.ts': 'bye\n',
    });
    writeFiles(repo, {
      // line 2 edited, a line inserted after 4, line 6 deleted
      'src/a.ts': ['one', 'TWO', 'three', 'four', 'four and a half', 'five', ''].join('\n'),
      'src/new file ü.ts': 'hello\nworld\n',
    });
    fs.rmSync(path.join(repo, 'src', 'gone.ts'));
    git(repo, 'mv', 'src/old-name.ts', 'src/new-name.ts');
    writeFiles(repo, { 'src/new-name.ts': ['alpha', 'beta', 'GAMMA', ''].join('\n') });
    git(repo, 'add', '-A');
    const patch = git(repo, '-c', 'core.quotePath=false', 'diff', '--cached', '--unified=0', '--find-renames', '--src-prefix=a/', '--dst-prefix=b/', 'HEAD');

    expect(Object.fromEntries(parseUnifiedDiff(patch))).toEqual({
      'src/a.ts': [
        { start: 2, end: 2 },
        { start: 5, end: 5 },
        { start: 6, end: 7 },
      ],
      'src/new file ü.ts': 'all',
      'src/new-name.ts': [{ start: 3, end: 3 }],
    });
  });

  it('never takes a changed line for a header, and unquotes C-quoted paths', () => {
    const patch = [
      'diff --git "a/src/tab\\there.ts" "b/src/tab\\there.ts"',
      '--- "a/src/tab\\there.ts"',
      '+++ "b/src/tab\\there.ts"',
      '@@ -3,2 +3,3 @@ export function f() {',
      '-++ b/evil.ts',
      '-@@ -1 +1 @@',
      '++++ b/evil.ts',
      '+@@ -9 +9 @@',
      '+plain',
      '\\ No newline at end of file',
      'diff --git a/src/x.ts b/src/x.ts',
      '--- a/src/x.ts',
      '+++ b/src/x.ts',
      '@@ -10 +10 @@',
      '-a',
      '+b',
      '',
    ].join('\n');
    expect(Object.fromEntries(parseUnifiedDiff(patch))).toEqual({
      'src/tab\there.ts': [{ start: 3, end: 5 }],
      'src/x.ts': [{ start: 10, end: 10 }],
    });
    expect(unquoteGitPath('"b/caf\\303\\251 \\"menu\\".ts"')).toBe('b/café "menu".ts');
    expect(unquoteGitPath('b/plain.ts')).toBe('b/plain.ts');
  });
});

describe('touchesChangedLines', () => {
  const finding: Finding = {
    ...ID_NUMBER_FINDING,
    range: range('src/shared/audit.ts', 2, 3, 30),
    path: [
      { kind: 'source', range: range('src/crm/customer-log.ts', 14, 9, 25), message: 'plate number' },
      { kind: 'call', range: range('src/crm/customer-log.ts', 14, 3, 26), message: 'passed to audit' },
      { kind: 'sink', range: range('src/shared/audit.ts', 2, 3, 30), message: 'reaches console' },
    ],
  };
  const changesOf = (changes: Record<string, readonly { start: number; end: number }[] | 'all'>) => (file: string) =>
    Object.entries(changes).find(([relative]) => file.endsWith(relative))?.[1];

  it('counts the sink, the source and every step', () => {
    expect(touchesChangedLines(finding, changesOf({ 'audit.ts': [{ start: 2, end: 2 }] }))).toBe(true);
    expect(touchesChangedLines(finding, changesOf({ 'customer-log.ts': [{ start: 12, end: 14 }] }))).toBe(true);
    expect(touchesChangedLines(finding, changesOf({ 'customer-log.ts': 'all' }))).toBe(true);
    expect(touchesChangedLines(finding, changesOf({ 'customer-log.ts': [{ start: 1, end: 13 }], 'audit.ts': [{ start: 3, end: 9 }] }))).toBe(false);
    expect(touchesChangedLines(finding, changesOf({ 'greeting.ts': 'all' }))).toBe(false);
  });
});

const CHECK_IN = [
  'export function checkIn(visitor: { idCardNo: string }): void {',
  "  console.info('kiosk check-in', visitor.idCardNo);",
  '}',
  '',
].join('\n');

describe('piilint --changed-since (spawned, real git)', () => {
  function branchWithChanges(name: string, extra: Record<string, string> = {}): string {
    const repo = path.join(tempRoot, name);
    createRepository(repo, { 'src/crm/customer-log.ts': CUSTOMER_LOG, 'src/shared/audit.ts': AUDIT, 'src/crm/greeting.ts': GREETING, ...extra });
    git(repo, 'checkout', '-q', '-b', 'feature/test-drive-audit');
    // Committed on the branch: the test-drive line, the source and call of a flow whose sink (audit.ts) is unchanged.
    writeFiles(repo, { 'src/crm/customer-log.ts': CUSTOMER_LOG.replace('audit(customer.plateNo);', 'audit(customer.plateNo.trim());') });
    commitAll(repo, 'feat(crm): trim plate numbers');
    // Untracked: a new kiosk module.
    writeFiles(repo, { 'src/kiosk/check-in.ts': CHECK_IN });
    return repo;
  }

  it('reports findings whose source, path or sink changed, committed or untracked, and not the others', () => {
    const repo = branchWithChanges('branch');
    const everything = parseJsonReport(piilint(['--format', 'json'], repo));
    expect(everything.findings.map((finding) => finding.file)).toEqual(['src/crm/customer-log.ts', 'src/kiosk/check-in.ts', 'src/shared/audit.ts']);

    const run = piilint(['--format', 'json', '--changed-since', 'main'], repo);
    expect(run.status).toBe(1);
    const report = parseJsonReport(run);
    expect(report.findings.map((finding) => [finding.file, finding.line])).toEqual([
      ['src/kiosk/check-in.ts', 2],
      ['src/shared/audit.ts', 2],
    ]);
    expect(report.changedSince).toEqual({ ref: 'main', commit: git(repo, 'rev-parse', 'main').trim(), filesChanged: 2, outside: 1 });

    const stylish = piilint(['--changed-since', 'main'], repo);
    expect(stylish.stdout).toContain('✖ 2 problems (2 errors, 0 warnings)');
    expect(stylish.stdout).toContain('1 more finding on lines not changed since main is not shown.');
    expect(stylish.stdout).not.toContain('src/crm/customer-log.ts:10');

    const sarif = JSON.parse(piilint(['--format', 'sarif', '--changed-since', 'main'], repo).stdout) as { runs: { results: unknown[]; properties: unknown }[] };
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarif.runs[0]!.results).toHaveLength(2);
    expect(sarif.runs[0]!.properties).toEqual({ 'piilint/changedSince': expect.objectContaining({ ref: 'main', outside: 1 }) });

    // Against the branch itself only the untracked file changed; a staged, unstaged edit counts as well.
    expect(parseJsonReport(piilint(['--format', 'json', '--changed-since', 'HEAD'], repo)).findings.map((finding) => finding.file)).toEqual([
      'src/kiosk/check-in.ts',
    ]);
    const branchVersion = fs.readFileSync(path.join(repo, 'src', 'crm', 'customer-log.ts'), 'utf8');
    writeFiles(repo, { 'src/crm/customer-log.ts': branchVersion.replace("'showroom visit'", "'showroom visit (staged)'") });
    git(repo, 'add', 'src/crm/customer-log.ts');
    expect(parseJsonReport(piilint(['--format', 'json', '--changed-since', 'HEAD'], repo)).findings.map((finding) => finding.file)).toEqual([
      'src/crm/customer-log.ts',
      'src/kiosk/check-in.ts',
    ]);
  });

  it('reports the finding that deleting a masking line lets through, though no line of the flow changed', () => {
    const masked = [
      'export function logVisit(customer: { idCardNo: string }): void {',
      '  let id = customer.idCardNo;',
      "  const channel = 'showroom';",
      '  id = id.slice(-4);',
      '  console.info(channel, id);',
      '}',
      '',
    ].join('\n');
    const repo = path.join(tempRoot, 'deletion');
    createRepository(repo, { 'src/visit.ts': masked });
    expect(piilint([], repo).status).toBe(0);
    // Only a deletion: the source (line 2) and the sink (now line 4) are unchanged lines.
    writeFiles(repo, { 'src/visit.ts': masked.replace('  id = id.slice(-4);\n', '') });
    expect(git(repo, 'diff', '--unified=0')).toContain('@@ -4 +3,0 @@');
    const report = parseJsonReport(piilint(['--format', 'json', '--changed-since', 'HEAD'], repo));
    expect(report.findings.map((finding) => [finding.line, finding.path.map((step) => step.line)])).toEqual([[4, [2, 2, 4]]]);
  });

  it('counts only reported warnings towards --max-warnings', () => {
    const config = JSON.stringify({ rules: { 'no-id-number-logging': { severity: 'warning' } } });
    const repo = path.join(tempRoot, 'warnings');
    createRepository(repo, { 'piilint.config.json': config, 'src/crm/customer-log.ts': CUSTOMER_LOG, 'src/shared/audit.ts': AUDIT });
    expect(piilint(['--max-warnings', '0'], repo).status).toBe(1);
    expect(piilint(['--max-warnings', '0', '--changed-since', 'HEAD'], repo)).toMatchObject({ status: 0, stdout: '' });
    writeFiles(repo, { 'src/kiosk/check-in.ts': CHECK_IN });
    const over = piilint(['--max-warnings', '0', '--changed-since', 'HEAD'], repo);
    expect(over.status).toBe(1);
    expect(over.stderr).toBe('piilint: 1 warnings found, more than --max-warnings 0 allows.\n');
  });

  it('combines with --baseline: accepted findings stay matched (not stale) even on unchanged lines', () => {
    const repo = branchWithChanges('with-baseline');
    git(repo, 'stash', '-q', '--include-untracked');
    expect(piilint(['baseline', 'create'], repo).status).toBe(0);
    commitAll(repo, 'chore: accept the current findings');
    git(repo, 'stash', 'pop', '-q');
    const report = parseJsonReport(piilint(['--format', 'json', '--changed-since', 'main', '--baseline', 'piilint.baseline.json'], repo));
    // audit.ts's flow is accepted (its fingerprint survives the edit of the source line), customer-log.ts's too.
    expect(report.findings.map((finding) => finding.file)).toEqual(['src/kiosk/check-in.ts']);
    expect(report.baseline).toMatchObject({ stale: [], new: 1 });
  });

  it('exits 2 with one line outside a git repository, for an unknown ref, and for an option-like ref', () => {
    const plain = path.join(tempRoot, 'no-git');
    writeFiles(plain, { 'src/kiosk/check-in.ts': CHECK_IN });
    const outside = piilint(['--changed-since', 'main'], plain);
    expect(outside.status).toBe(2);
    expect(outside.stdout).toBe('');
    expect(outside.stderr).toMatch(new RegExp(`^piilint: --changed-since needs a git repository, and ${plain.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not inside one \\(git: fatal: not a git repository[^\\n]*\\)\\. Run piilint in the repository's checkout, or drop --changed-since to check everything\\.\\n$`));

    const repo = path.join(tempRoot, 'unknown-ref');
    createRepository(repo, { 'src/kiosk/check-in.ts': CHECK_IN });
    const unknown = piilint(['--changed-since', 'origin/main'], repo);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^piilint: Unknown git ref "origin\/main" in .*\. Check the spelling, or fetch it first: [^\n]*fetch-depth: 0\)\.\n$/);

    const optionLike = piilint(['--changed-since=--output=/tmp/x'], repo);
    expect(optionLike.status).toBe(2);
    expect(optionLike.stderr).toMatch(/^piilint: "--output=\/tmp\/x" is not a git ref\. [^\n]*\n$/);
  });
});
