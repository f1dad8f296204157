/**
 * No network, no workspace code (issue #11; docs/security.md). The CLI runs under support/no-network-hook.cjs, which
 * makes every socket, DNS lookup, HTTP request, `fetch`, child process and worker fail and records it, and refuses
 * and records every `require`, `import`, compile or native addon load from the scanned folder. The project tries
 * hard to be loaded: a `piilint.config.js`, models and `$schema` that name JS files, a tsconfig with plugins and an
 * `extends` into a package, source files that `require`, `import` and `import()` code that writes a marker file and
 * opens a socket, and packages with install scripts and a fake `typescript`. The test passes only if the log holds
 * nothing but the hook's own "ready" line and no marker file appears.
 * A first test proves the hook catches what it claims to, so that a broken hook cannot pass silently.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_FILE, TempRoot, parseReport, runPiilint } from './support/cli';

const HOOK = fileURLToPath(new URL('./support/no-network-hook.cjs', import.meta.url));

interface GuardRecord {
  readonly kind: 'ready' | 'network' | 'load' | 'process' | 'warning';
  readonly api: string;
  readonly detail: string;
}

let temp: TempRoot;

beforeAll(() => {
  temp = new TempRoot('piilint-no-network-');
});

afterAll(() => {
  temp.dispose();
});

function readLog(file: string): GuardRecord[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as GuardRecord);
}

/** Code that, if it ever runs, leaves a marker file next to itself and tries to phone home. */
function evilCode(marker: string, flavour: 'cjs' | 'esm'): string {
  const body = [
    `fs.writeFileSync(${JSON.stringify(marker)}, 'workspace code ran in piilint: ' + __name);`,
    "try { net.connect(443, 'telemetry.example.com'); } catch (error) { fs.appendFileSync(" + JSON.stringify(marker) + ", String(error)); }",
  ];
  return flavour === 'cjs'
    ? ["const fs = require('fs');", "const net = require('net');", 'const __name = __filename;', ...body, 'module.exports = { mask: (x) => x };', ''].join('\n')
    : ["import * as fs from 'node:fs';", "import * as net from 'node:net';", 'const __name = import.meta.url;', ...body, 'export const mask = (x) => x;', ''].join('\n');
}

function hostileProject(name: string): { folder: string; markers: string[] } {
  const folder = path.join(temp.path, name);
  const markerDir = path.join(folder, 'markers');
  const marker = (id: string) => path.join(markerDir, `${id}.ran`);
  const markers = ['evil-cjs', 'evil-esm', 'config-js', 'plugin', 'pkg-main', 'pkg-install', 'fake-typescript', 'fake-ts-morph', 'rc-js', 'schema-js', 'model-js'].map(marker);
  temp.project(name, {
    'markers/.keep': '',
    // A config that is valid data but names JS files everywhere a loader might be tempted.
    'piilint.config.json': JSON.stringify(
      {
        $schema: './schema-loader.js',
        rules: { 'no-id-number-logging': { severity: 'error', options: { maskFunctions: ['mask'] } } },
        models: {
          'no-id-number-logging': {
            sinks: [{ module: './evil.js', path: 'log', arguments: 'all', description: 'evil logger' }],
            sanitizers: [{ module: './model-loader.js', path: 'mask', description: 'masking from a JS file' }],
          },
        },
      },
      null,
      2,
    ),
    'piilint.config.js': evilCode(marker('config-js'), 'cjs'),
    '.piilintrc.js': evilCode(marker('rc-js'), 'cjs'),
    'schema-loader.js': evilCode(marker('schema-js'), 'cjs'),
    'model-loader.js': evilCode(marker('model-js'), 'cjs'),
    'package.json': JSON.stringify(
      {
        name: 'hostile-showroom',
        version: '1.0.0',
        main: 'evil.js',
        scripts: { preinstall: 'node evil.js', install: 'node evil.js', postinstall: 'node evil.js', prepare: 'node evil.js' },
        dependencies: { 'evil-pkg': '1.0.0' },
      },
      null,
      2,
    ),
    'tsconfig.json': JSON.stringify({
      extends: 'evil-pkg/tsconfig.json',
      compilerOptions: { plugins: [{ name: 'evil-plugin' }], allowJs: true, paths: { '@evil/*': ['./*'] } },
    }),
    'evil.js': evilCode(marker('evil-cjs'), 'cjs'),
    'evil.mjs': evilCode(marker('evil-esm'), 'esm'),
    'node_modules/evil-pkg/package.json': JSON.stringify({ name: 'evil-pkg', version: '1.0.0', main: 'index.js', scripts: { postinstall: 'node index.js' } }),
    'node_modules/evil-pkg/index.js': evilCode(marker('pkg-main'), 'cjs'),
    'node_modules/evil-pkg/install.js': evilCode(marker('pkg-install'), 'cjs'),
    'node_modules/evil-pkg/tsconfig.json': JSON.stringify({ compilerOptions: { plugins: [{ name: 'evil-plugin' }] } }),
    'node_modules/evil-plugin/package.json': JSON.stringify({ name: 'evil-plugin', main: 'index.js' }),
    'node_modules/evil-plugin/index.js': evilCode(marker('plugin'), 'cjs'),
    // If piilint ever resolved its compiler from the scanned folder, these would run.
    'node_modules/typescript/package.json': JSON.stringify({ name: 'typescript', version: '99.0.0', main: 'index.js' }),
    'node_modules/typescript/index.js': evilCode(marker('fake-typescript'), 'cjs'),
    'node_modules/ts-morph/package.json': JSON.stringify({ name: 'ts-morph', version: '99.0.0', main: 'index.js' }),
    'node_modules/ts-morph/index.js': evilCode(marker('fake-ts-morph'), 'cjs'),
    'src/good.ts': GOOD_FILE,
    'src/crm/customer-log.js': [
      "const evil = require('../../evil');",
      "const pkg = require('evil-pkg');",
      "const aliased = require('@evil/evil');",
      'module.exports.logVisit = function logVisit(customer) {',
      '  evil.log(customer.idCardNo);',
      '  pkg.send(customer.idCardNo);',
      '  return aliased;',
      '};',
      '',
    ].join('\n'),
    'src/crm/esm-visit.mjs': [
      "import { mask } from '../../evil.mjs';",
      "import pkg from 'evil-pkg';",
      'export async function later(customer) {',
      "  const dynamic = await import('../../evil.mjs');",
      "  const viaUrl = await import(new URL('../../evil.js', import.meta.url).href);",
      '  console.log(mask(customer.idCardNo), pkg, dynamic, viaUrl);',
      '}',
      '',
    ].join('\n'),
    'src/crm/workers.ts': [
      "import { Worker } from 'node:worker_threads';",
      "import { execSync } from 'node:child_process';",
      "export const worker = new Worker(new URL('../../evil.js', import.meta.url));",
      "export const out = execSync('node evil.js');",
      '',
    ].join('\n'),
  });
  return { folder, markers };
}

function runGuarded(folder: string, args: readonly string[], log: string) {
  return runPiilint(args, folder, {
    nodeArgs: ['--require', HOOK],
    env: { PIILINT_GUARD_LOG: log, PIILINT_GUARD_WORKSPACE: folder },
  });
}

describe('the no-network hook itself', () => {
  it('catches sockets, DNS, fetch, child processes and workspace require/import (positive control)', () => {
    const folder = temp.project('control', { 'evil.js': 'module.exports = 1;\n', 'evil.mjs': 'export default 1;\n' });
    const log = path.join(temp.path, 'control.log');
    const script = [
      "const attempt = (run) => { try { const r = run(); if (r && r.catch) r.catch(() => {}); } catch {} };",
      "attempt(() => require('./evil.js'));",
      "attempt(() => require('net').connect(443, 'example.com'));",
      "attempt(() => new (require('net').Socket)().connect(443, 'example.com'));",
      "attempt(() => require('tls').connect(443, 'example.com'));",
      "attempt(() => require('https').get('https://example.com'));",
      "attempt(() => require('http').request('http://example.com'));",
      "attempt(() => require('dns').lookup('example.com', () => {}));",
      "attempt(() => require('dns').promises.resolve4('example.com'));",
      "attempt(() => require('dgram').createSocket('udp4'));",
      "attempt(() => fetch('https://example.com'));",
      "attempt(() => require('child_process').spawnSync('true'));",
      "attempt(() => import('./evil.mjs'));",
      'setTimeout(() => {}, 200);',
    ].join('\n');
    const run = spawnSync(process.execPath, ['--require', HOOK, '-e', script], {
      cwd: folder,
      encoding: 'utf8',
      env: { ...process.env, PIILINT_GUARD_LOG: log, PIILINT_GUARD_WORKSPACE: folder },
    });
    expect(run.status, run.stderr).toBe(0);
    const apis = readLog(log).map((entry) => `${entry.kind} ${entry.api}`);
    expect(apis).toEqual(
      expect.arrayContaining([
        'ready no-network-hook',
        'load require',
        'network net.connect',
        'network net.Socket.connect',
        'network tls.connect',
        'network https.get',
        'network http.request',
        'network dns.lookup',
        'network dns.promises.resolve4',
        'network dgram.createSocket',
        'network fetch',
        'process child_process.spawnSync',
        'load import',
      ]),
    );
  });
});

describe('piilint with networking blocked over a hostile workspace', () => {
  it('connects to nothing, loads nothing from the workspace, and still reports the findings', () => {
    const { folder, markers } = hostileProject('hostile');
    const log = path.join(temp.path, 'hostile.log');
    const runs = [
      runGuarded(folder, ['--format', 'json'], log),
      runGuarded(folder, ['--format', 'sarif', '--output', path.join(temp.path, 'hostile.sarif')], log),
      runGuarded(folder, ['--print-config', 'src/good.ts'], log),
      runGuarded(folder, ['--fix', '--format', 'json'], log),
    ];
    const report = parseReport(runs[0]!);
    // The scan itself worked: the known violation is reported, the JS and ESM files were analysed as text.
    expect(report.findings.map((finding) => `${finding.file} ${finding.ruleId}`)).toContain('src/good.ts no-id-number-logging');
    // --fix masks the one finding, so its second scan is clean (0); 1 would mean something was left.
    expect(runs.map((run) => run.status)).toEqual([1, 1, 0, 0]);
    expect(runs[3]!.stderr).toContain('piilint: applied 1 fix in 1 file.');
    for (const run of runs) expect(run.stderr).not.toContain('no-network-hook');

    const records = readLog(log);
    expect(records.filter((entry) => entry.kind === 'ready')).toHaveLength(runs.length);
    expect(records.filter((entry) => entry.kind !== 'ready')).toEqual([]);
    expect(markers.filter((marker) => fs.existsSync(marker))).toEqual([]);
    expect(fs.readdirSync(path.join(folder, 'markers'))).toEqual(['.keep']);
  });

  // Product bug (reported to the lead): `--changed-since` runs `git diff <commit> --` and `git ls-files`, and git
  // runs commands that the scanned repository's own .git/config names: `core.fsmonitor`, and the `clean` command of
  // a filter driver that .gitattributes assigns to *.ts. A repository that arrives with its .git folder (an archive,
  // a cached CI workspace) can therefore run code through piilint. Expected: neither command runs.
  it('runs no command from the scanned repository git config with --changed-since', () => {
    const folder = temp.project('git-config', { 'src/good.ts': GOOD_FILE, '.gitattributes': '*.ts filter=showroom\n' });
    const markers = { fsmonitor: path.join(temp.path, 'fsmonitor.ran'), filter: path.join(temp.path, 'filter.ran') };
    const git = (...args: string[]) => spawnSync('git', args, { cwd: folder, encoding: 'utf8' });
    expect(git('init', '-q').status).toBe(0);
    git('add', '.');
    expect(git('-c', 'user.email=ci@example.com', '-c', 'user.name=ci', 'commit', '-qm', 'baseline').status).toBe(0);
    git('config', 'core.fsmonitor', `touch ${markers.fsmonitor}; echo`);
    git('config', 'filter.showroom.clean', `sh -c 'touch ${markers.filter}; cat'`);
    fs.appendFileSync(path.join(folder, 'src', 'good.ts'), '// edited after the baseline\n');

    const run = runPiilint(['--changed-since', 'HEAD', '--format', 'json'], folder);
    expect(run.stderr).not.toContain('internal error');
    expect([0, 1]).toContain(run.status);
    expect(Object.entries(markers).filter(([, marker]) => fs.existsSync(marker)).map(([name]) => name)).toEqual([]);
  });

  it('ignores piilint.config.js entirely (the config is JSON data, never a module)', () => {
    const folder = temp.project('js-config-only', {
      'piilint.config.js': evilCode(path.join(temp.path, 'js-config-only.ran'), 'cjs'),
      'src/good.ts': GOOD_FILE,
    });
    const log = path.join(temp.path, 'js-config-only.log');
    const run = runGuarded(folder, ['--format', 'json'], log);
    expect(run.status).toBe(1);
    expect(parseReport(run).findings).toHaveLength(1);
    expect(readLog(log).filter((entry) => entry.kind !== 'ready')).toEqual([]);
    expect(fs.existsSync(path.join(temp.path, 'js-config-only.ran'))).toBe(false);
  });
});
