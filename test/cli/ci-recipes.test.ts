/**
 * The CI recipes of docs/ci.md work as written: the plain git hook (examples/ci/pre-commit) blocks a commit with a
 * finding in the staged version of a file and lets the fixed one through; the pre-commit framework's hook
 * (.pre-commit-hooks.yaml) runs its entry on the staged files; and the GitHub Actions, GitLab CI and generic recipes
 * are checked for their structure, then every command of theirs that runs piilint is run, exactly as written (with
 * the CI's variables set), against a fixture project whose node_modules/.bin/piilint is this checkout.
 * A YAML parser is not a dependency of piilint, so the workflow files are read line by line: they use a small,
 * regular subset of YAML (block mappings and lists, `|` blocks), which the checks below enforce.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUDIT,
  BIN,
  CUSTOMER_LOG,
  GREETING,
  ROOT,
  commitAll,
  createRepository,
  git,
  isolatedEnv,
  makeTempFolder,
  readText,
  sarifSchemaErrors,
  tryGit,
  writeFiles,
  type Spawned,
} from './git-project';

const EXAMPLES = path.join(ROOT, 'examples', 'ci');

let tempRoot: string;

beforeAll(() => {
  tempRoot = makeTempFolder('piilint-recipes-');
});

afterAll(() => {
  fs.rmSync(tempRoot, { recursive: true, force: true });
});

const VISIT_LOG = [
  'export function logKioskVisit(visitor: { name: string; idCardNo: string }): void {',
  "  console.info('kiosk visit', visitor.idCardNo);",
  '}',
  '',
].join('\n');

const VISIT_LOG_MASKED = VISIT_LOG.replace('visitor.idCardNo);', 'visitor.idCardNo.slice(-4));');

/**
 * A project as CI checks it out: package.json, piilint "installed" (node_modules/.bin/piilint is this checkout's
 * bin), an accepted baseline of the existing findings, committed on `main`. `isSingleFileFlows` keeps every flow
 * within one file, for the shard recipes (a flow across shards is a known gap: see shard.test.ts).
 */
function fixtureProject(name: string, { isSingleFileFlows = false } = {}): string {
  const folder = path.join(tempRoot, name);
  createRepository(folder, {
    '.gitignore': 'node_modules/\nreports/\n*.sarif\nshards/\n',
    'package.json': JSON.stringify({ name: 'showroom-crm', private: true, devDependencies: { piilint: '0.1.0' } }, null, 2),
    'src/crm/customer-log.ts': isSingleFileFlows ? CUSTOMER_LOG.replace('audit(customer.plateNo);', 'audit(customer.name);\n  console.debug(customer.plateNo);') : CUSTOMER_LOG,
    'src/shared/audit.ts': AUDIT,
    'src/crm/greeting.ts': GREETING,
  });
  fs.mkdirSync(path.join(folder, 'node_modules', '.bin'), { recursive: true });
  fs.symlinkSync(BIN, path.join(folder, 'node_modules', '.bin', 'piilint'));
  expect(run('node_modules/.bin/piilint baseline create', folder).status).toBe(0);
  commitAll(folder, 'chore: accept the current findings');
  return folder;
}

/** The environment of a CI job: no user config, npm's cache outside the project, the CI's own variables. */
function ciEnv(folder: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return isolatedEnv(folder, {
    npm_config_cache: path.join(tempRoot, 'npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    CI: 'true',
    ...extra,
  });
}

/** Run a recipe's command as the CI's shell would (bash with -e, like GitHub's and GitLab's default shells). */
function run(command: string, cwd: string, env: Record<string, string> = {}): Spawned {
  const result = spawnSync('bash', ['-e', '-c', command], { cwd, encoding: 'utf8', env: ciEnv(cwd, env), timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the workflow files
// ---------------------------------------------------------------------------------------------------------------

interface YamlLine {
  readonly indent: number;
  readonly text: string;
  readonly number: number;
}

/** Structure every recipe keeps: spaces only, two-space indentation, `key: value` or `- item` lines. */
function checkYamlSubset(text: string): YamlLine[] {
  const lines: YamlLine[] = [];
  let blockIndent: number | undefined;
  text.split('\n').forEach((raw, index) => {
    expect(raw, `line ${index + 1} has a tab`).not.toContain('\t');
    expect(raw, `line ${index + 1} ends in white space`).not.toMatch(/\s$/);
    if (raw.trim() === '') return;
    const indent = raw.length - raw.trimStart().length;
    if (blockIndent !== undefined && indent > blockIndent) {
      lines.push({ indent, text: raw.trimStart(), number: index + 1 });
      return;
    }
    blockIndent = undefined;
    if (raw.trimStart().startsWith('#')) return;
    expect(indent % 2, `line ${index + 1} is not indented by a multiple of two`).toBe(0);
    expect(raw.trimStart(), `line ${index + 1}`).toMatch(/^(- )?([\w$.-]+:( .+)?|[^:]+)$/);
    if (/^(- )?([\w$.-]+: )?[|>]-?$/.test(raw.trimStart())) blockIndent = indent;
    lines.push({ indent, text: raw.trimStart(), number: index + 1 });
  });
  return lines;
}

/** The shell commands of `key:` entries (`run: cmd`, `run: |` blocks, `script:` lists with `- cmd` and `- |`). */
function commandsOf(text: string, key: 'run' | 'script'): string[] {
  const lines = text.split('\n');
  const commands: string[] = [];
  const readBlock = (start: number, indent: number): string => {
    const block: string[] = [];
    for (let index = start; index < lines.length; index++) {
      const line = lines[index]!;
      if (line.trim() !== '' && line.length - line.trimStart().length <= indent) break;
      block.push(line.slice(indent + 2));
    }
    return block.join('\n').trim();
  };
  lines.forEach((line, index) => {
    const indent = line.length - line.trimStart().length;
    const trimmed = line.trimStart();
    if (key === 'run') {
      const match = /^(- )?run: (.*)$/.exec(trimmed);
      if (match === null) return;
      const itemIndent = indent + (match[1] === undefined ? 0 : 2);
      commands.push(match[2] === '|' ? readBlock(index + 1, itemIndent) : match[2]!);
    } else if (trimmed === 'script:') {
      for (let item = index + 1; item < lines.length; item++) {
        const itemLine = lines[item]!;
        const itemIndent = itemLine.length - itemLine.trimStart().length;
        if (itemLine.trim() === '') continue;
        if (itemIndent <= indent || !itemLine.trimStart().startsWith('- ')) break;
        const value = itemLine.trimStart().slice(2);
        commands.push(value === '|' ? readBlock(item + 1, itemIndent) : value);
        if (value === '|') {
          while (item + 1 < lines.length && (lines[item + 1]!.trim() === '' || lines[item + 1]!.length - lines[item + 1]!.trimStart().length > itemIndent)) item++;
        }
      }
    }
  });
  return commands;
}

function sarifResults(folder: string, file: string): { baselineState?: string; partialFingerprints?: Record<string, string> }[] {
  const log = JSON.parse(readText(folder, file)) as { runs: { results: { baselineState?: string; partialFingerprints?: Record<string, string> }[] }[] };
  expect(sarifSchemaErrors(log)).toEqual([]);
  expect(log.runs).toHaveLength(1);
  return log.runs[0]!.results;
}

describe('docs/ci.md', () => {
  it('shows every recipe file exactly as it is', () => {
    const docs = fs.readFileSync(path.join(ROOT, 'docs', 'ci.md'), 'utf8');
    for (const file of [
      'examples/ci/github/piilint.yml',
      'examples/ci/github/piilint-sharded.yml',
      'examples/ci/gitlab/.gitlab-ci.yml',
      'examples/ci/gitlab/.gitlab-ci-sharded.yml',
      'examples/ci/generic-ci.sh',
      'examples/ci/pre-commit',
      '.pre-commit-hooks.yaml',
    ]) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8').trimEnd();
      expect(docs, `${file} in docs/ci.md`).toContain(`\n${text}\n\`\`\`\n`);
      expect(docs).toContain(`(../${file})`);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Pre-commit hooks
// ---------------------------------------------------------------------------------------------------------------

describe('examples/ci/pre-commit (plain git hook)', () => {
  it('blocks a commit whose staged files have a finding, also when the fix is not staged, and lets the fix through', () => {
    const repo = fixtureProject('git-hook');
    fs.copyFileSync(path.join(EXAMPLES, 'pre-commit'), path.join(repo, '.git', 'hooks', 'pre-commit'));
    fs.chmodSync(path.join(repo, '.git', 'hooks', 'pre-commit'), 0o755);
    const commits = () => git(repo, 'rev-list', '--count', 'HEAD').trim();
    const before = commits();

    // Only the greeting changed: accepted findings elsewhere (baseline) do not block.
    writeFiles(repo, { 'src/crm/greeting.ts': GREETING.replace('Welcome', 'Welcome back') });
    git(repo, 'add', 'src/crm/greeting.ts');
    expect(tryGit(repo, 'commit', '-q', '--no-gpg-sign', '-m', 'feat(crm): warmer greeting').status).toBe(0);
    expect(commits()).toBe(String(Number(before) + 1));

    writeFiles(repo, { 'src/kiosk/visit-log.ts': VISIT_LOG });
    git(repo, 'add', 'src/kiosk/visit-log.ts');
    const blocked = tryGit(repo, 'commit', '-q', '--no-gpg-sign', '-m', 'feat(kiosk): log visits');
    expect(blocked.status).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('src/kiosk/visit-log.ts:2:31  error');
    expect(blocked.stderr).toContain('piilint: the staged changes have privacy findings');
    expect(commits()).toBe(String(Number(before) + 1));

    // Fixed in the working tree but not staged: what would be committed still has the finding.
    writeFiles(repo, { 'src/kiosk/visit-log.ts': VISIT_LOG_MASKED });
    expect(tryGit(repo, 'commit', '-q', '--no-gpg-sign', '-m', 'feat(kiosk): log visits').status).not.toBe(0);

    git(repo, 'add', 'src/kiosk/visit-log.ts');
    const passed = tryGit(repo, 'commit', '-q', '--no-gpg-sign', '-m', 'feat(kiosk): log visits, masked');
    expect(passed.status).toBe(0);
    expect(commits()).toBe(String(Number(before) + 2));
    // The hook leaves nothing behind.
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });

  it('checks staged Vue components too', () => {
    const repo = fixtureProject('git-hook-vue');
    fs.copyFileSync(path.join(EXAMPLES, 'pre-commit'), path.join(repo, '.git', 'hooks', 'pre-commit'));
    fs.chmodSync(path.join(repo, '.git', 'hooks', 'pre-commit'), 0o755);
    const component = (script: string) => `<template>\n  <p>{{ visitor.name }}</p>\n</template>\n<script setup lang="ts">\n${script}</script>\n`;
    writeFiles(repo, { 'src/kiosk/VisitCard.vue': component(VISIT_LOG) });
    git(repo, 'add', 'src/kiosk/VisitCard.vue');
    const blocked = tryGit(repo, 'commit', '-q', '--no-gpg-sign', '-m', 'feat(kiosk): visit card');
    expect(blocked.status).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('src/kiosk/VisitCard.vue:6:31  error');
    writeFiles(repo, { 'src/kiosk/VisitCard.vue': component(VISIT_LOG_MASKED) });
    git(repo, 'add', 'src/kiosk/VisitCard.vue');
    expect(tryGit(repo, 'commit', '-q', '--no-gpg-sign', '-m', 'feat(kiosk): visit card, masked').status).toBe(0);
  });
});

describe('.pre-commit-hooks.yaml (pre-commit framework)', () => {
  const text = fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');

  it('declares one node hook named piilint for TypeScript and JavaScript files', () => {
    const lines = checkYamlSubset(text);
    const hook = Object.fromEntries(
      lines.filter((line) => line.indent <= 2).map((line) => {
        const [key, ...value] = line.text.replace(/^- /, '').split(': ');
        return [key, value.join(': ')];
      }),
    );
    expect(hook).toMatchObject({
      id: 'piilint',
      name: 'piilint',
      entry: 'piilint',
      language: 'node',
      types_or: '[ts, tsx, javascript, jsx, vue]',
      require_serial: 'true',
    });
    // The entry is the package's bin.
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(Object.keys(manifest.bin)).toContain(hook.entry);
  });

  it('runs its entry with the staged file names as pre-commit does: exit 1 with a finding, 0 without', () => {
    const repo = fixtureProject('pre-commit-framework');
    const entry = (files: string[]) => {
      const result = spawnSync('piilint', files, {
        cwd: repo,
        encoding: 'utf8',
        env: { ...ciEnv(repo), PATH: `${path.join(repo, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}` },
      });
      return { status: result.status, stdout: result.stdout };
    };
    writeFiles(repo, { 'src/kiosk/visit-log.ts': VISIT_LOG });
    const found = entry(['src/kiosk/visit-log.ts', 'src/crm/greeting.ts']);
    expect(found.status).toBe(1);
    expect(found.stdout).toContain('src/kiosk/visit-log.ts:2:31');
    writeFiles(repo, { 'src/kiosk/visit-log.ts': VISIT_LOG_MASKED });
    expect(entry(['src/kiosk/visit-log.ts', 'src/crm/greeting.ts'])).toMatchObject({ status: 0, stdout: '' });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// GitHub Actions
// ---------------------------------------------------------------------------------------------------------------

describe('examples/ci/github', () => {
  it('piilint.yml: uploads SARIF to code scanning, and its piilint command fails only on new findings', () => {
    const text = fs.readFileSync(path.join(EXAMPLES, 'github', 'piilint.yml'), 'utf8');
    const lines = checkYamlSubset(text);
    expect(lines.filter((line) => line.indent === 0).map((line) => line.text)).toEqual(['name: piilint', 'on:', 'permissions:', 'jobs:']);
    expect(text).toContain('      security-events: write');
    expect(text).toMatch(/uses: github\/codeql-action\/upload-sarif@v3\n\s+with:\n\s+sarif_file: piilint\.sarif\n\s+category: piilint/);
    expect(text).toContain("if: ${{ !cancelled() && hashFiles('piilint.sarif') != '' }}");

    const commands = commandsOf(text, 'run');
    expect(commands.filter((command) => !command.includes('piilint'))).toEqual(['npm ci']);
    const [scan] = commands.filter((command) => command.includes('piilint'));
    expect(scan).toBe('npx piilint --baseline piilint.baseline.json --output-sarif piilint.sarif');

    const repo = fixtureProject('github');
    expect(run(scan!, repo)).toMatchObject({ status: 0 });
    expect(sarifResults(repo, 'piilint.sarif').map((result) => result.baselineState)).toEqual(['unchanged', 'unchanged']);

    writeFiles(repo, { 'src/kiosk/visit-log.ts': VISIT_LOG });
    const failed = run(scan!, repo);
    expect(failed.status).toBe(1);
    // The same run logs the new finding and writes the report.
    expect(failed.stdout).toContain('src/kiosk/visit-log.ts:2:31  error');
    expect(sarifResults(repo, 'piilint.sarif').map((result) => result.baselineState).sort()).toEqual(['new', 'unchanged', 'unchanged']);
  });

  it('piilint-sharded.yml: the matrix shards and the merge produce the full report, valid SARIF', () => {
    const text = fs.readFileSync(path.join(EXAMPLES, 'github', 'piilint-sharded.yml'), 'utf8');
    checkYamlSubset(text);
    const matrix = /\n\s+shard: \[([\d, ]+)\]\n/.exec(text);
    expect(matrix).not.toBeNull();
    const shards = matrix![1]!.split(',').map((value) => value.trim());
    expect(shards).toEqual(['1', '2', '3', '4']);
    expect(text).toMatch(/uses: actions\/download-artifact@v4\n\s+with:\n\s+pattern: piilint-sarif-\*\n\s+path: shards\n\s+merge-multiple: true/);
    expect(text).toMatch(/needs: scan\n(\s+#.*\n)*\s+if: \$\{\{ !cancelled\(\) \}\}/);
    expect(text).toContain('sarif_file: piilint.sarif');

    const commands = commandsOf(text, 'run');
    expect(commands.filter((command) => !command.includes('piilint'))).toEqual(['npm ci', 'npm ci']);
    const [scan, merge] = commands.filter((command) => command.includes('piilint'));
    expect(merge).toBe('npx piilint merge-sarif piilint.sarif shards/*.sarif');

    const repo = fixtureProject('github-sharded', { isSingleFileFlows: true });
    writeFiles(repo, { 'src/kiosk/visit-log.ts': VISIT_LOG });
    const full = run('npx piilint --baseline piilint.baseline.json --format sarif --output full.sarif', repo);
    expect(full.status).toBe(1);
    for (const shard of shards) {
      const command = scan!.replaceAll('${{ matrix.shard }}', shard);
      expect(command).toBe(`npx piilint --shard ${shard}/4 --baseline piilint.baseline.json --format sarif --output piilint-${shard}.sarif`);
      expect([0, 1]).toContain(run(command, repo).status);
      // actions/upload-artifact then actions/download-artifact with merge-multiple: all shards' files in shards/.
      fs.mkdirSync(path.join(repo, 'shards'), { recursive: true });
      fs.renameSync(path.join(repo, `piilint-${shard}.sarif`), path.join(repo, 'shards', `piilint-${shard}.sarif`));
    }
    expect(run(merge!, repo).status).toBe(0);
    const merged = sarifResults(repo, 'piilint.sarif');
    const prints = (results: typeof merged) => results.map((result) => `${result.partialFingerprints?.['piilint/v1']} ${result.baselineState}`).sort();
    expect(prints(merged)).toEqual(prints(sarifResults(repo, 'full.sarif')));
    expect(merged).toHaveLength(3);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// GitLab CI
// ---------------------------------------------------------------------------------------------------------------

/** A fixture with an `origin` to fetch from, as a GitLab runner's clone has, on a merge request's branch. */
function mergeRequestCheckout(name: string): string {
  const upstream = fixtureProject(`${name}-upstream`);
  const clone = path.join(tempRoot, name);
  git(tempRoot, 'clone', '-q', upstream, clone);
  fs.mkdirSync(path.join(clone, 'node_modules', '.bin'), { recursive: true });
  fs.symlinkSync(BIN, path.join(clone, 'node_modules', '.bin', 'piilint'));
  git(clone, 'checkout', '-q', '-b', 'feature/kiosk');
  return clone;
}

describe('examples/ci/gitlab', () => {
  it('.gitlab-ci.yml: in a merge request, fails on a new finding on changed lines, prints it and reports it to Code Quality; SARIF is kept', () => {
    const text = fs.readFileSync(path.join(EXAMPLES, 'gitlab', '.gitlab-ci.yml'), 'utf8');
    const lines = checkYamlSubset(text);
    expect(lines.filter((line) => line.indent === 0).map((line) => line.text)).toEqual(['piilint:']);
    expect(text).toMatch(
      /artifacts:\n\s+when: always\n\s+reports:\n\s+codequality: gl-code-quality-report\.json\n\s+expose_as: piilint SARIF report\n\s+paths:\n\s+- piilint\.sarif/,
    );
    const codeQuality = (repo: string): string[] =>
      (JSON.parse(readText(repo, 'gl-code-quality-report.json')) as { check_name: string; location: { path: string; lines: { begin: number } } }[]).map(
        (issue) => `${issue.location.path}:${issue.location.lines.begin} ${issue.check_name}`,
      );
    const commands = commandsOf(text, 'script');
    expect(commands[0]).toBe('npm ci');
    const script = commands.slice(1).join('\n');

    const repo = mergeRequestCheckout('gitlab-mr');
    const mergeRequest = { CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main' };
    // Only the greeting changed: passes, though accepted findings exist.
    writeFiles(repo, { 'src/crm/greeting.ts': GREETING.replace('Welcome', 'Welcome back') });
    commitAll(repo, 'feat(crm): warmer greeting');
    const clean = run(script, repo, mergeRequest);
    expect(clean).toMatchObject({ status: 0, stdout: '' });
    expect(sarifResults(repo, 'piilint.sarif')).toEqual([]);
    expect(codeQuality(repo)).toEqual([]);

    writeFiles(repo, { 'src/kiosk/visit-log.ts': VISIT_LOG });
    commitAll(repo, 'feat(kiosk): log visits');
    const failed = run(script, repo, mergeRequest);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('src/kiosk/visit-log.ts:2:31  error');
    expect(sarifResults(repo, 'piilint.sarif').map((result) => result.baselineState)).toEqual(['new']);
    expect(codeQuality(repo)).toEqual(['src/kiosk/visit-log.ts:2 no-id-number-logging']);

    // On the default branch (no merge request): the whole project against the baseline.
    const branch = run(script, repo);
    expect(branch.status).toBe(1);
    expect(sarifResults(repo, 'piilint.sarif').map((result) => result.baselineState).sort()).toEqual(['new', 'unchanged', 'unchanged']);
  });

  it('.gitlab-ci-sharded.yml: parallel shards with CI_NODE_INDEX/CI_NODE_TOTAL, then merge-sarif', () => {
    const text = fs.readFileSync(path.join(EXAMPLES, 'gitlab', '.gitlab-ci-sharded.yml'), 'utf8');
    const lines = checkYamlSubset(text);
    expect(lines.filter((line) => line.indent === 0).map((line) => line.text)).toEqual(['piilint-shard:', 'piilint-report:']);
    const parallel = /\n {2}parallel: (\d+)\n/.exec(text);
    expect(parallel?.[1]).toBe('4');
    expect(text).toMatch(/needs: \[piilint-shard\]\n(\s+#.*\n)*\s+when: always/);
    const commands = commandsOf(text, 'script');
    expect(commands.filter((command) => command === 'npm ci')).toHaveLength(2);
    const [scan, merge] = commands.filter((command) => command !== 'npm ci');

    const repo = fixtureProject('gitlab-sharded', { isSingleFileFlows: true });
    writeFiles(repo, { 'src/kiosk/visit-log.ts': VISIT_LOG });
    for (let index = 1; index <= 4; index++) {
      expect([0, 1]).toContain(run(scan!, repo, { CI_NODE_INDEX: String(index), CI_NODE_TOTAL: '4' }).status);
    }
    expect(run(merge!, repo).status).toBe(0);
    expect(sarifResults(repo, 'piilint.sarif').map((result) => result.baselineState).sort()).toEqual(['new', 'unchanged', 'unchanged']);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Any CI
// ---------------------------------------------------------------------------------------------------------------

describe('examples/ci/generic-ci.sh', () => {
  it('passes on accepted findings, fails on new ones with the findings in the log, and honours PIILINT_BASE_REF', () => {
    const repo = fixtureProject('generic');
    const script = path.join(EXAMPLES, 'generic-ci.sh');
    const generic = (env: Record<string, string> = {}) => {
      const result = spawnSync('sh', [script], { cwd: repo, encoding: 'utf8', env: ciEnv(repo, env), timeout: 120_000 });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    };
    expect(generic()).toMatchObject({ status: 0, stdout: '' });
    expect(sarifResults(repo, 'reports/piilint.sarif')).toHaveLength(2);

    git(repo, 'checkout', '-q', '-b', 'feature/kiosk');
    writeFiles(repo, { 'src/kiosk/visit-log.ts': VISIT_LOG });
    const failed = generic();
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('src/kiosk/visit-log.ts:2:31  error');

    // Changed-code mode: a finding that is new but on an unchanged line is not this change's business.
    fs.rmSync(path.join(repo, 'piilint.baseline.json'));
    writeFiles(repo, { 'src/kiosk/visit-log.ts': VISIT_LOG_MASKED });
    commitAll(repo, 'feat(kiosk): masked visit log, baseline dropped');
    expect(generic({ PIILINT_BASE_REF: 'HEAD' })).toMatchObject({ status: 0, stdout: '' });
    expect(generic().status).toBe(1);
    expect(generic({ PIILINT_BASE_REF: 'no-such-branch' }).status).toBe(2);
  });
});
