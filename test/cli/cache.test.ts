/**
 * `--cache` and `--cache-location` (issue #9), through the spawned CLI on a copy of the showroom example: where the
 * cache goes (node_modules/.cache/piilint under the current folder by default), that nothing is written without
 * `--cache`, that `--debug` says what the cache did, and that a cached run reports what a run without cache
 * reports, alone and with `--fix`, `--baseline`, `--changed-since` and `--shard`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../server/src/cli/cli-io';
import { runCliWith } from '../../server/src/cli/run-cli';
import type { ScanRequest } from '../../server/src/engine/scan-types';
import { commitAll, createRepository, makeTempFolder, piilint, type Spawned } from './git-project';
import { fakeCliDependencies } from './sample-result';

const SHOWROOM = path.join(__dirname, '..', '..', 'examples', 'showroom');
const DEFAULT_FOLDER = path.join('node_modules', '.cache', 'piilint');
const temporary: string[] = [];

afterAll(() => {
  for (const folder of temporary) fs.rmSync(folder, { recursive: true, force: true });
});

function showroom(): string {
  const folder = makeTempFolder('piilint-cli-cache-');
  fs.cpSync(SHOWROOM, folder, { recursive: true });
  temporary.push(folder);
  return folder;
}

/** The report without what differs between any two runs (timings, the cache statistics). */
function report(run: Spawned): unknown {
  if (run.status !== 0 && run.status !== 1) throw new Error(`piilint failed (exit ${run.status}):\n${run.stderr}`);
  const json = JSON.parse(run.stdout) as Record<string, unknown>;
  return { exit: run.status, summary: json.summary, findings: json.findings, notices: json.notices, baseline: json.baseline, changedSince: json.changedSince };
}

function cacheLine(run: Spawned): string {
  return /piilint debug: cache: (.*)/.exec(run.stderr)?.[1] ?? '(no cache line)';
}

describe('--cache', () => {
  it('keeps its cache under node_modules/.cache/piilint of the current folder and reports what a run without it reports', () => {
    const project = showroom();
    const plain = piilint(['--format', 'json'], project);
    expect(fs.existsSync(path.join(project, 'node_modules'))).toBe(false);

    const cold = piilint(['--format', 'json', '--cache', '--debug'], project);
    expect(report(cold)).toEqual(report(plain));
    expect(cacheLine(cold)).toMatch(/^created; 0 files from the cache, 17 analysed \(node_modules\/\.cache\/piilint\/scan-[0-9a-f]{16}\.json\)$/);
    expect(fs.readdirSync(path.join(project, DEFAULT_FOLDER))).toHaveLength(1);

    const warm = piilint(['--format', 'json', '--cache', '--debug'], project);
    expect(report(warm)).toEqual(report(plain));
    expect(cacheLine(warm)).toMatch(/^nothing changed; 17 files from the cache, 0 analysed /);
    expect(warm.stderr).toContain('piilint debug: files: 17 discovered, 0 analysed, 0 skipped');
  });

  it('puts the cache where --cache-location says, relative to the current folder', () => {
    const project = showroom();
    const run = piilint(['--format', 'json', '--cache', '--cache-location', '.cache/privacy-lint', '--debug'], project);
    expect(cacheLine(run)).toMatch(/^created; .* \(\.cache\/privacy-lint\/scan-[0-9a-f]{16}\.json\)$/);
    expect(fs.readdirSync(path.join(project, '.cache', 'privacy-lint'))).toHaveLength(1);
    expect(fs.existsSync(path.join(project, 'node_modules'))).toBe(false);
  });

  it('refuses --cache-location without --cache: exit 2, one line, nothing written', () => {
    const project = showroom();
    const run = piilint(['--cache-location', '.cache/privacy-lint'], project);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('piilint: --cache-location needs --cache: add --cache to keep a cache there. Run `piilint --help` for the options.\n');
    expect(run.stdout).toBe('');
    expect(fs.existsSync(path.join(project, '.cache'))).toBe(false);
  });

  it('says in --debug why a cache was not used, and rebuilds it', () => {
    const project = showroom();
    piilint(['--format', 'json', '--cache'], project);
    const [file] = fs.readdirSync(path.join(project, DEFAULT_FOLDER));
    fs.writeFileSync(path.join(project, DEFAULT_FOLDER, file!), '{"schema":1,"key":"');
    const run = piilint(['--format', 'json', '--cache', '--debug'], project);
    expect(report(run)).toEqual(report(piilint(['--format', 'json'], project)));
    expect(cacheLine(run)).toMatch(/^ignored, since it is not valid JSON .*; rebuilt; 0 files from the cache, 17 analysed /);
    expect(cacheLine(piilint(['--format', 'json', '--cache', '--debug'], project))).toMatch(/^nothing changed;/);
  });

  it('reports after an edit what a run without it reports, analysing part of the project', () => {
    const project = showroom();
    piilint(['--format', 'json', '--cache'], project);
    const service = path.join(project, 'src', 'crm', 'customer.service.ts');
    fs.writeFileSync(service, fs.readFileSync(service, 'utf8').replace("idCardNo: maskIdNumber(dto.idCardNo) });", 'idCardNo: dto.idCardNo });'));
    const run = piilint(['--format', 'json', '--cache', '--debug'], project);
    expect(report(run)).toEqual(report(piilint(['--format', 'json'], project)));
    expect(cacheLine(run)).toMatch(/^updated; \d+ files from the cache, \d+ analysed /);
  });

  it('fixes what a run without it fixes (--fix scans again after the fixes, from the cache)', () => {
    const cached = showroom();
    const uncached = showroom();
    const withCache = piilint(['--fix', '--format', 'json', '--cache'], cached);
    const without = piilint(['--fix', '--format', 'json'], uncached);
    expect(withCache.stderr).toBe(without.stderr);
    expect(withCache.stderr).toMatch(/^piilint: applied \d+ fix/);
    const sources = (root: string) =>
      Object.fromEntries(
        fs
          .readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => {
            const file = path.join(entry.parentPath, entry.name);
            return [path.relative(root, file), fs.readFileSync(file, 'utf8')];
          }),
      );
    expect(sources(cached)).toEqual(sources(uncached));
    const normalise = (run: Spawned, root: string) => JSON.parse(JSON.stringify(report(run)).split(root).join('<root>'));
    expect(normalise(withCache, cached)).toEqual(normalise(without, uncached));
  });

  it('works with --baseline and --changed-since, which only select among the findings', () => {
    const project = makeTempFolder('piilint-cli-cache-git-');
    temporary.push(project);
    fs.cpSync(SHOWROOM, project, { recursive: true });
    createRepository(project, { '.gitignore': 'node_modules/\ndist/\n' });
    expect(piilint(['baseline', 'create', '--reason', 'legacy showroom code, PRIV-142'], project).status).toBe(0);
    commitAll(project, 'chore: accept the current findings');
    const controller = path.join(project, 'src', 'crm', 'customer.controller.ts');
    fs.writeFileSync(controller, fs.readFileSync(controller, 'utf8').replace('(ID ${maskIdNumber(customer.idCardNo)})', '(ID ${customer.idCardNo})'));
    const args = ['--format', 'json', '--baseline', 'piilint.baseline.json', '--changed-since', 'HEAD'];
    const expected = report(piilint(args, project));
    expect(report(piilint([...args, '--cache'], project))).toEqual(expected);
    expect(report(piilint([...args, '--cache'], project))).toEqual(expected);
    expect((expected as { findings: unknown[] }).findings).toHaveLength(1);
  });

  it('keeps one cache per shard, used when nothing changed', () => {
    const project = showroom();
    const args = ['--format', 'json', '--shard', '2/3', '--cache', '--debug'];
    const expected = report(piilint(['--format', 'json', '--shard', '2/3'], project));
    const first = piilint(args, project);
    expect(report(first)).toEqual(expected);
    const second = piilint(args, project);
    expect(report(second)).toEqual(expected);
    expect(cacheLine(second)).toMatch(/^nothing changed;/);
    piilint(['--format', 'json', '--shard', '1/3', '--cache'], project);
    expect(fs.readdirSync(path.join(project, DEFAULT_FOLDER))).toHaveLength(2);

    const store = path.join(project, 'src', 'visitors', 'face-template.store.ts');
    fs.appendFileSync(store, '\n// Templates older than three years are purged by the retention job.\n');
    const afterEdit = piilint(args, project);
    expect(report(afterEdit)).toEqual(report(piilint(['--format', 'json', '--shard', '2/3'], project)));
    // The edited file is in this shard, or read by it through an import: either way the shard is scanned again.
    expect(cacheLine(afterEdit)).toMatch(/^everything analysed again, since (a --shard run is taken from the cache only when nothing changed|src\/visitors\/face-template\.store\.ts, outside the scanned paths, changed); 0 files from the cache/);
  });
});

describe('--cache (in-process)', () => {
  async function requestFor(argv: readonly string[]): Promise<ScanRequest | undefined> {
    const io: CliIo = { stdout: { write: () => true }, stderr: { write: () => true }, cwd: '/srv/showroom', isStderrTTY: false, env: {} };
    const deps = fakeCliDependencies({ toolVersion: '1.2.3' });
    await runCliWith(argv, io, deps);
    return deps.requests[0];
  }

  it('passes the cache folder, resolved against the current folder, and the version to the engine', async () => {
    expect(await requestFor(['--cache'])).toMatchObject({ cache: { folder: '/srv/showroom/node_modules/.cache/piilint', toolVersion: '1.2.3' } });
    expect(await requestFor(['--cache', '--cache-location', 'ci-cache/piilint'])).toMatchObject({ cache: { folder: '/srv/showroom/ci-cache/piilint' } });
    expect(await requestFor(['--cache', '--cache-location', '/var/cache/piilint'])).toMatchObject({ cache: { folder: '/var/cache/piilint' } });
    expect((await requestFor([]))?.cache).toBeUndefined();
    expect(await requestFor(['--cache-location', 'ci-cache'])).toBeUndefined();
  });
});
