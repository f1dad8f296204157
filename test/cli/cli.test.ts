/**
 * The CLI, twice over: in-process against a fake engine (argument handling, exit codes, streams, progress,
 * colours, errors), then as a spawned `node bin/piilint.js` against the real engine over temporary projects and
 * examples/showroom. The spawned tests need dist/: `npm test` builds it in `pretest`, and test/global-setup.ts
 * rebuilds it when a source is newer, so `npx vitest run` works as well.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../server/src/engine/errors';
import type { ApplyFixesRequest, ApplyFixesSummary } from '../../server/src/engine/fixes/apply-fixes';
import type { ResolvedConfig } from '../../server/src/engine/config/config-types';
import type { ScanRequest } from '../../server/src/engine/scan-types';
import type { CliIo } from '../../server/src/cli/cli-io';
import { runCliWith } from '../../server/src/cli/run-cli';
import { shouldUseColor } from '../../server/src/cli/color';
import { createProgressReporter } from '../../server/src/cli/progress';
import { BIOMETRIC_FINDING, CWD, ID_NUMBER_FINDING, SAMPLE_RULES, SUPPRESSED_FINDING, fakeCliDependencies, sampleResult } from './sample-result';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'piilint.js');
const ANSI = /\u001b\[\d+m/;

// ---------------------------------------------------------------------------------------------------------------
// In-process, with a fake engine
// ---------------------------------------------------------------------------------------------------------------

interface Captured {
  readonly io: CliIo;
  stdout(): string;
  stderr(): string;
}

function captureIo(overrides: Partial<CliIo> = {}): Captured {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    cwd: CWD,
    isStderrTTY: false,
    isStdoutTTY: false,
    env: {},
    ...overrides,
  };
  return { io, stdout: () => stdout, stderr: () => stderr };
}

/** Paths checked by the CLI before scanning must exist, so in-process runs use this folder. */
const EXISTING = fileURLToPath(new URL('.', import.meta.url));

describe('runCli (in-process)', () => {
  it('exits 0 with warnings only and 1 with an error-level finding', async () => {
    const warnings = captureIo();
    expect(await runCliWith([], warnings.io, fakeCliDependencies())).toBe(0);
    expect(warnings.stdout()).toContain('✖ 1 problem (0 errors, 1 warning)');

    const errors = captureIo();
    const deps = fakeCliDependencies({ result: sampleResult({ notices: [] }) });
    expect(await runCliWith([EXISTING], errors.io, deps)).toBe(1);
    expect(deps.requests[0]).toMatchObject({ cwd: CWD, paths: [EXISTING], rules: SAMPLE_RULES });
  });

  it('does not let suppressed findings fail the run', async () => {
    const { io, stdout } = captureIo();
    expect(await runCliWith([], io, fakeCliDependencies({ result: sampleResult({ findings: [SUPPRESSED_FINDING], notices: [] }) }))).toBe(0);
    expect(stdout()).toBe('');
  });

  it('exits 1 when warnings exceed --max-warnings, and counts them even with --quiet', async () => {
    const within = captureIo();
    expect(await runCliWith(['--max-warnings', '1'], within.io, fakeCliDependencies())).toBe(0);

    const over = captureIo();
    expect(await runCliWith(['--max-warnings', '0'], over.io, fakeCliDependencies())).toBe(1);
    expect(over.stderr()).toContain('1 warnings found, more than --max-warnings 0 allows');

    const quiet = captureIo();
    expect(await runCliWith(['--quiet', '--max-warnings', '0'], quiet.io, fakeCliDependencies())).toBe(1);
    expect(quiet.stdout()).toBe('');
  });

  it('reports errors only with --quiet', async () => {
    const { io, stdout } = captureIo();
    expect(await runCliWith(['--quiet'], io, fakeCliDependencies({ result: sampleResult({ notices: [] }) }))).toBe(1);
    expect(stdout()).toContain('no-unconsented-biometric-storage');
    expect(stdout()).not.toContain('no-id-number-logging');
    expect(stdout()).toContain('✖ 2 problems (2 errors, 0 warnings)');
  });

  it('prints notices on stderr, never on stdout, and hides non-error notices with --quiet', async () => {
    const normal = captureIo();
    await runCliWith(['--format', 'json'], normal.io, fakeCliDependencies({ result: sampleResult() }));
    expect(normal.stderr()).toContain('piilint warning: public/vendor.min.js: Skipped: 3.1 MiB is larger than maxFileSize (2 MiB). (file-too-large)');
    expect(normal.stderr()).toContain('(budget-exceeded)');
    expect(JSON.parse(normal.stdout()).notices).toHaveLength(2);

    const quiet = captureIo();
    await runCliWith(['--quiet'], quiet.io, fakeCliDependencies({ result: sampleResult() }));
    expect(quiet.stderr()).not.toContain('file-too-large');
  });

  it('exits 2 when an internal error left part of the input unchecked', async () => {
    const { io, stderr } = captureIo();
    const result = sampleResult({
      findings: [],
      notices: [{ level: 'error', code: 'internal-error', message: 'Analysis of src/a.ts failed: boom.', file: `${CWD}/src/a.ts` }],
    });
    expect(await runCliWith(['--quiet'], io, fakeCliDependencies({ result }))).toBe(2);
    expect(stderr()).toContain('(internal-error)');
    expect(stderr()).toContain('some files were not checked');
  });

  it('selects the formatter with --format', async () => {
    const json = captureIo();
    await runCliWith(['--format', 'json'], json.io, fakeCliDependencies());
    expect(JSON.parse(json.stdout())).toMatchObject({ schemaVersion: 1, findings: [{ ruleId: 'no-id-number-logging' }] });

    const sarif = captureIo();
    await runCliWith(['-f', 'sarif'], sarif.io, fakeCliDependencies());
    expect(JSON.parse(sarif.stdout())).toMatchObject({ version: '2.1.0', runs: [{ tool: { driver: { name: 'piilint' } } }] });
  });

  it('passes --config, --locale and the paths to the engine', async () => {
    const { io } = captureIo({ cwd: EXISTING });
    const deps = fakeCliDependencies();
    await runCliWith(['--config', 'conf/piilint.config.json', '--locale', 'zh-CN', '.'], io, deps);
    expect(deps.requests[0]).toMatchObject({
      cwd: EXISTING,
      paths: ['.'],
      configFile: path.join(EXISTING, 'conf', 'piilint.config.json'),
      locale: 'zh-CN',
    });
  });

  it('writes the report with --output, creating folders, and nothing on stdout', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-out-'));
    try {
      const { io, stdout } = captureIo({ cwd: folder, isStdoutTTY: true });
      expect(await runCliWith(['--format', 'stylish', '--output', 'reports/ci/piilint.txt', '--color'], io, fakeCliDependencies())).toBe(0);
      const written = fs.readFileSync(path.join(folder, 'reports', 'ci', 'piilint.txt'), 'utf8');
      expect(written).toContain('no-id-number-logging');
      expect(written).not.toMatch(ANSI);
      expect(stdout()).toBe('');
      expect(fs.readdirSync(path.join(folder, 'reports', 'ci'))).toEqual(['piilint.txt']);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('exits 2 with one line when the report cannot be written', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-out-'));
    try {
      fs.writeFileSync(path.join(folder, 'reports'), 'a file where a folder should be');
      for (const output of ['reports/piilint.json', '.']) {
        const { io, stderr } = captureIo({ cwd: folder });
        expect(await runCliWith(['--output', output], io, fakeCliDependencies())).toBe(2);
        expect(stderr()).toMatch(/^piilint: Cannot write the report to [^\n]+\n$/);
      }
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('applies fixes with --fix, prints a summary on stderr and reports what is left after a second scan', async () => {
    const fixedResult = sampleResult({ findings: [ID_NUMBER_FINDING], notices: [] });
    let scans = 0;
    const fixRequests: ApplyFixesRequest[] = [];
    const analysedText = 'export async function enroll() {}\n';
    const deps = fakeCliDependencies({
      scan: async () =>
        ++scans === 1
          ? sampleResult({
              findings: [BIOMETRIC_FINDING, ID_NUMBER_FINDING],
              notices: [],
              texts: new Map([[BIOMETRIC_FINDING.range.file, analysedText]]),
            })
          : fixedResult,
      // The first pass fixes one file and hits a conflict; the second pass (after the rescan) has nothing left to
      // apply but the overlapping fix, which still overlaps.
      applyFixes: async (request): Promise<ApplyFixesSummary> => {
        fixRequests.push(request);
        if (fixRequests.length > 1) return { filesFixed: [], fixesApplied: 0, fixesSkippedOverlap: 1, conflicts: [], newTexts: new Map() };
        return {
          filesFixed: [BIOMETRIC_FINDING.range.file],
          fixesApplied: 1,
          fixesSkippedOverlap: 1,
          conflicts: [{ file: `${CWD}/src/crm/customer-log.ts`, reason: 'changed-on-disk', message: 'the file changed on disk', fixes: 1 }],
          newTexts: new Map(),
        };
      },
      now: () => 1_000_000,
    });
    const { io, stdout, stderr } = captureIo();
    expect(await runCliWith(['--fix'], io, deps)).toBe(0);
    expect(scans).toBe(2);
    expect(fixRequests[0]!.findings).toHaveLength(2);
    expect(fixRequests[0]!.analysedContent(BIOMETRIC_FINDING.range.file)).toEqual({ text: analysedText });
    expect(fixRequests[0]!.analysedContent('/not/read/by/the/engine.ts')).toEqual({ unmodifiedSince: 1_000_000 - 50 });
    expect(stderr()).toContain('piilint: applied 1 fix in 1 file.');
    expect(stderr()).toContain('skipped 1 fix that overlapped another');
    expect(stderr()).toContain('not fixed: src/crm/customer-log.ts: the file changed on disk (changed-on-disk)');
    expect(stdout()).not.toContain('no-unconsented-biometric-storage');
  });

  it('prints the resolved config for a file with --print-config and exits 0', async () => {
    const config: ResolvedConfig = { baseDir: CWD, locale: 'en', ignore: [], maxFileSize: 1, rules: {} };
    const lookups: string[] = [];
    const loads: unknown[] = [];
    const deps = fakeCliDependencies({
      findConfigFile: (start) => {
        lookups.push(start);
        return `${CWD}/piilint.config.json`;
      },
      loadConfig: (options) => {
        loads.push(options);
        return { ...config, file: options.file };
      },
    });
    const { io, stdout } = captureIo();
    expect(await runCliWith(['--print-config', 'src/kiosk/enroll.ts'], io, deps)).toBe(0);
    expect(lookups).toEqual([path.join(CWD, 'src', 'kiosk', 'enroll.ts')]);
    expect(loads).toEqual([{ file: `${CWD}/piilint.config.json`, rules: SAMPLE_RULES, cwd: CWD }]);
    expect(JSON.parse(stdout())).toEqual({ ...config, file: `${CWD}/piilint.config.json` });
    expect(deps.requests).toEqual([]);
  });

  it('prints help and the version and exits 0', async () => {
    const help = captureIo();
    expect(await runCliWith(['--help'], help.io, fakeCliDependencies())).toBe(0);
    expect(help.stdout()).toContain('Usage: piilint [options] [paths...]');
    for (const option of ['--format', '--output', '--config', '--max-warnings', '--fix', '--quiet', '--no-color', '--print-config', '--locale', '--debug', '--version']) {
      expect(help.stdout()).toContain(option);
    }
    const version = captureIo();
    expect(await runCliWith(['--version'], version.io, fakeCliDependencies())).toBe(0);
    expect(version.stdout()).toBe('0.1.0\n');
  });

  it('exits 2 with one line for usage errors', async () => {
    for (const argv of [['--frobnicate'], ['--format', 'xml'], ['--max-warnings', 'many'], ['--locale', 'fr']]) {
      const { io, stderr, stdout } = captureIo();
      expect(await runCliWith(argv, io, fakeCliDependencies())).toBe(2);
      expect(stderr()).toMatch(/^piilint: [^\n]+\n$/);
      expect(stdout()).toBe('');
    }
    const typo = captureIo();
    await runCliWith(['--fixx'], typo.io, fakeCliDependencies());
    expect(typo.stderr()).toContain('--fix');
  });

  it('exits 2 with one line naming the path when a path does not exist', async () => {
    const { io, stderr } = captureIo();
    const deps = fakeCliDependencies();
    expect(await runCliWith(['src/no-such-folder'], io, deps)).toBe(2);
    expect(stderr()).toMatch(/^piilint: No such file or folder: src\/no-such-folder \(looked for .*\)\. [^\n]*\n$/);
    expect(deps.requests).toEqual([]);
  });

  it('exits 2 with one line naming the file and JSON path for a config error', async () => {
    const { io, stderr } = captureIo();
    const deps = fakeCliDependencies({
      scan: async () => {
        throw new ConfigError('"sevrity" is not a setting;\nuse "severity".', `${CWD}/piilint.config.json`, '/rules/no-id-number-logging');
      },
    });
    expect(await runCliWith([], io, deps)).toBe(2);
    expect(stderr()).toBe('piilint: piilint.config.json: "sevrity" is not a setting; use "severity". (at /rules/no-id-number-logging)\n');
  });

  it('reports an internal error in one line pointing to --debug, and the stack with --debug', async () => {
    const crash = () =>
      fakeCliDependencies({
        scan: async () => {
          throw new TypeError("Cannot read properties of undefined (reading 'kind')");
        },
      });
    const plain = captureIo();
    expect(await runCliWith([], plain.io, crash())).toBe(2);
    expect(plain.stderr()).toBe(
      "piilint: internal error: Cannot read properties of undefined (reading 'kind'). Run again with --debug to see the stack trace.\n",
    );

    const debug = captureIo();
    expect(await runCliWith(['--debug'], debug.io, crash())).toBe(2);
    expect(debug.stderr()).toContain('TypeError: Cannot read properties of undefined');
    expect(debug.stderr()).toMatch(/\n\s+at /);
  });

  it('prints statistics, timings and budgets with --debug', async () => {
    const { io, stderr } = captureIo();
    await runCliWith(['--debug'], io, fakeCliDependencies({ result: sampleResult({ findings: [], notices: [] }) }));
    expect(stderr()).toContain('piilint debug: files: 14 discovered, 12 analysed, 2 skipped');
    expect(stderr()).toContain('piilint debug: budgets hit: callDepth');
    expect(stderr()).toContain('piilint debug: timings: discover 12 ms, parse 340 ms, analyse 512 ms, report 4 ms; total 870 ms');
  });

  it('draws progress on a terminal only, and clears it', async () => {
    let clock = 0;
    const scan = async (request: ScanRequest) => {
      for (let done = 0; done <= 10; done += 1) {
        clock += 200;
        request.onProgress?.({ phase: 'analyse', done, total: 10 });
      }
      return sampleResult({ findings: [], notices: [] });
    };
    const tty = captureIo({ isStderrTTY: true });
    await runCliWith([], tty.io, fakeCliDependencies({ scan, now: () => clock }));
    expect(tty.stderr()).toContain('piilint: analysing 10/10');
    expect(tty.stderr().endsWith('\r\u001b[2K')).toBe(true);

    const pipe = captureIo({ isStderrTTY: false });
    const requests: ScanRequest[] = [];
    await runCliWith([], pipe.io, fakeCliDependencies({ scan: async (request) => (requests.push(request), scan(request)) }));
    expect(pipe.stderr()).toBe('');
    expect(requests[0]!.onProgress).toBeUndefined();
  });

  it('colours stylish output on a terminal unless --no-color or NO_COLOR says otherwise', async () => {
    const run = async (argv: string[], overrides: Partial<CliIo>) => {
      const captured = captureIo(overrides);
      await runCliWith(argv, captured.io, fakeCliDependencies());
      return captured.stdout();
    };
    expect(await run([], { isStdoutTTY: true })).toMatch(ANSI);
    expect(await run(['--no-color'], { isStdoutTTY: true })).not.toMatch(ANSI);
    expect(await run([], { isStdoutTTY: true, env: { NO_COLOR: '1' } })).not.toMatch(ANSI);
    expect(await run([], { isStdoutTTY: false })).not.toMatch(ANSI);
    expect(await run([], { isStdoutTTY: false, env: { FORCE_COLOR: '1' } })).toMatch(ANSI);
    expect(await run(['--color'], { isStdoutTTY: false })).toMatch(ANSI);
  });
});

describe('shouldUseColor', () => {
  it('ranks flags over NO_COLOR over FORCE_COLOR over the terminal', () => {
    expect(shouldUseColor('always', { NO_COLOR: '1' }, false)).toBe(true);
    expect(shouldUseColor('never', { FORCE_COLOR: '1' }, true)).toBe(false);
    expect(shouldUseColor(undefined, { NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
    expect(shouldUseColor(undefined, { NO_COLOR: '' }, true)).toBe(true);
    expect(shouldUseColor(undefined, { FORCE_COLOR: '0' }, true)).toBe(false);
    expect(shouldUseColor(undefined, { TERM: 'dumb' }, true)).toBe(false);
  });
});

describe('progress reporter', () => {
  it('stays silent for short scans and throttles long ones', () => {
    let clock = 0;
    let written = '';
    const reporter = createProgressReporter({
      stream: { write: (chunk: string) => (written += chunk) },
      isEnabled: true,
      now: () => clock,
      locale: 'en',
    });
    reporter.onProgress?.({ phase: 'parse', done: 1, total: 100 });
    expect(written).toBe('');
    clock = 600;
    reporter.onProgress?.({ phase: 'parse', done: 50, total: 100 });
    clock = 650;
    reporter.onProgress?.({ phase: 'parse', done: 60, total: 100 });
    expect(written).toBe('\r\u001b[2Kpiilint: parsing 50/100');
    reporter.stop();
    reporter.stop();
    expect(written).toBe('\r\u001b[2Kpiilint: parsing 50/100\r\u001b[2K');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Spawned `node bin/piilint.js`, real engine
// ---------------------------------------------------------------------------------------------------------------

interface Spawned {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function piilint(args: readonly string[], cwd: string, env: Record<string, string> = {}): Spawned {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let tempRoot: string;

function project(name: string, files: Record<string, string>): string {
  const folder = path.join(tempRoot, name);
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(folder, ...relative.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return folder;
}

beforeAll(() => {
  tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-cli-'));
});

afterAll(() => {
  fs.rmSync(tempRoot, { recursive: true, force: true });
});

const CUSTOMER_LOG = [
  "import { logger } from './logger';",
  '',
  'interface Customer {',
  '  name: string;',
  '  idCardNo: string;',
  '}',
  '',
  'export function logVisit(customer: Customer): void {',
  "  console.info('showroom visit', customer.idCardNo);",
  '}',
  '',
].join('\n');

const LOGGER = "export const logger = { info: (...args: unknown[]) => args };\n";

const CLEAN = [
  'export function greet(name: string): string {',
  '  return `Welcome to the showroom, ${name}`;',
  '}',
  '',
].join('\n');

interface JsonReportLike {
  readonly findings: readonly {
    readonly ruleId: string;
    readonly severity: string;
    readonly file: string;
    readonly line: number;
    readonly suppression: { readonly justification: string } | null;
  }[];
}

describe('piilint (spawned)', () => {
  it('prints the version from package.json and exits 0', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = piilint(['--version'], ROOT);
    expect(run).toMatchObject({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('prints help and exits 0', () => {
    const run = piilint(['--help'], ROOT);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: piilint [options] [paths...]');
    expect(run.stdout).toContain('Exit codes:');
  });

  it('exits 0 and prints nothing for a clean project (default path: the current folder)', () => {
    const folder = project('clean', { 'src/greet.ts': CLEAN });
    const run = piilint([], folder);
    expect(run).toMatchObject({ status: 0, stdout: '' });
  });

  it('exits 1 for an error-level finding, with the stylish report on stdout', () => {
    const folder = project('dealer-errors', { 'src/crm/customer-log.ts': CUSTOMER_LOG, 'src/crm/logger.ts': LOGGER });
    const run = piilint(['src'], folder);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/src\/crm\/customer-log\.ts:9:\d+ +error +.+ no-id-number-logging/);
    expect(run.stdout).toContain('↳ ');
    expect(run.stdout).toMatch(/✖ 1 problem \(1 error, 0 warnings\)/);
  });

  it('writes each format: json with relative paths, sarif with %SRCROOT%', () => {
    const folder = project('dealer-formats', { 'src/crm/customer-log.ts': CUSTOMER_LOG, 'src/crm/logger.ts': LOGGER });
    const json = piilint(['--format', 'json'], folder);
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout) as JsonReportLike;
    expect(report.findings).toEqual([
      expect.objectContaining({ ruleId: 'no-id-number-logging', file: 'src/crm/customer-log.ts', line: 9, suppression: null }),
    ]);

    const sarif = piilint(['--format', 'sarif'], folder);
    expect(sarif.status).toBe(1);
    const log = JSON.parse(sarif.stdout) as {
      runs: { originalUriBaseIds: Record<string, { uri: string }>; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }[] }[];
    };
    const run = log.runs[0]!;
    expect(run.originalUriBaseIds['%SRCROOT%']!.uri).toBe(`${pathToFileUrl(folder)}/`);
    expect(run.results[0]!.locations[0]!.physicalLocation.artifactLocation).toEqual({
      uri: 'src/crm/customer-log.ts',
      uriBaseId: '%SRCROOT%',
    });
  });

  it('writes the report with --output (creating folders) and leaves stdout empty', () => {
    const folder = project('dealer-output', { 'src/crm/customer-log.ts': CUSTOMER_LOG, 'src/crm/logger.ts': LOGGER });
    const run = piilint(['--format', 'sarif', '--output', 'reports/ci/piilint.sarif'], folder);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const written = JSON.parse(fs.readFileSync(path.join(folder, 'reports', 'ci', 'piilint.sarif'), 'utf8')) as { version: string };
    expect(written.version).toBe('2.1.0');
  });

  it('exits 0 with warnings, 1 when they exceed --max-warnings, and hides them with --quiet', () => {
    const folder = project('dealer-warnings', {
      'piilint.config.json': JSON.stringify({ rules: { 'no-id-number-logging': 'warning' } }),
      'src/crm/customer-log.ts': CUSTOMER_LOG,
      'src/crm/logger.ts': LOGGER,
    });
    const plain = piilint([], folder);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain('✖ 1 problem (0 errors, 1 warning)');

    const limited = piilint(['--max-warnings', '0'], folder);
    expect(limited.status).toBe(1);
    expect(limited.stderr).toContain('more than --max-warnings 0');

    const quiet = piilint(['--quiet'], folder);
    expect(quiet).toMatchObject({ status: 0, stdout: '' });
  });

  it('prints the resolved config for a file with --print-config and exits 0', () => {
    const folder = project('dealer-print-config', {
      'piilint.config.json': JSON.stringify({ rules: { 'no-id-number-logging': 'warning' } }),
      'src/crm/customer-log.ts': CUSTOMER_LOG,
    });
    const run = piilint(['--print-config', 'src/crm/customer-log.ts'], folder);
    expect(run.status).toBe(0);
    const config = JSON.parse(run.stdout) as { file: string; rules: Record<string, { severity: string }> };
    expect(config.file).toBe(path.join(folder, 'piilint.config.json'));
    expect(config.rules['no-id-number-logging']!.severity).toBe('warning');
  });

  it('exits 2 with one line naming the file and the JSON path for a bad config', () => {
    const folder = project('bad-config', {
      'piilint.config.json': JSON.stringify({ rules: { 'no-id-number-logging': { sevrity: 'error' } } }),
      'src/greet.ts': CLEAN,
    });
    const run = piilint([], folder);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^piilint: /);
    expect(run.stderr).toContain('piilint.config.json');
    expect(run.stderr).toContain('/rules/no-id-number-logging');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 with one line and no stack for a path that does not exist', () => {
    const run = piilint(['no/such/place.ts'], tempRoot);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^piilint: No such file or folder: no\/such\/place\.ts [^\n]*\n$/);
    expect(run.stdout).toBe('');
  });

  it('exits 2 with a usage error in one line', () => {
    const run = piilint(['--format', 'xml'], tempRoot);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain("'xml'");
  });

  it('reports an unparsable file as a parse-error finding and still checks the other files', () => {
    const folder = project('broken', {
      'src/crm/customer-log.ts': CUSTOMER_LOG,
      'src/crm/logger.ts': LOGGER,
      'src/kiosk/broken.ts': 'export function enroll(customerId: string {\n  return customerId;\n}\n',
    });
    const run = piilint(['--format', 'json'], folder);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReportLike;
    expect(report.findings.map((finding) => [finding.ruleId, finding.file])).toEqual([
      ['no-id-number-logging', 'src/crm/customer-log.ts'],
      ['parse-error', 'src/kiosk/broken.ts'],
    ]);
  });

  it('honours an inline suppression with a reason: the finding is kept as suppressed and the run passes', () => {
    const suppressed = CUSTOMER_LOG.replace(
      "  console.info('showroom visit'",
      "  // piilint-disable-next-line no-id-number-logging -- the visit log is written to the encrypted audit store\n  console.info('showroom visit'",
    );
    const folder = project('suppressed', { 'src/crm/customer-log.ts': suppressed, 'src/crm/logger.ts': LOGGER });
    const run = piilint(['--format', 'json'], folder);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReportLike;
    expect(report.findings).toEqual([
      expect.objectContaining({
        ruleId: 'no-id-number-logging',
        suppression: expect.objectContaining({ justification: 'the visit log is written to the encrypted audit store' }),
      }),
    ]);
  });

  it('applies the safe fix with --fix, and a second run changes nothing', () => {
    const folder = project('fix', { 'src/crm/customer-log.ts': CUSTOMER_LOG, 'src/crm/logger.ts': LOGGER });
    const file = path.join(folder, 'src', 'crm', 'customer-log.ts');
    fs.chmodSync(file, 0o640);

    const first = piilint(['--fix'], folder);
    expect(first.stderr).toContain('piilint: applied 1 fix in 1 file.');
    const fixed = fs.readFileSync(file, 'utf8');
    expect(fixed).not.toBe(CUSTOMER_LOG);
    expect(fixed).toContain('customer.idCardNo');
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(['customer-log.ts', 'logger.ts']);

    const second = piilint(['--fix'], folder);
    expect(fs.readFileSync(file, 'utf8')).toBe(fixed);
    expect(second.stderr).toContain('piilint: applied 0 fixes in 0 files.');
    // The fixed finding is gone, so both runs report nothing and pass.
    expect(first).toMatchObject({ status: 0, stdout: '' });
    expect(second).toMatchObject({ status: 0, stdout: '' });
  });

  it('tells to run the build when dist/ is missing', () => {
    const folder = project('no-dist', {});
    fs.mkdirSync(path.join(folder, 'bin'), { recursive: true });
    fs.copyFileSync(BIN, path.join(folder, 'bin', 'piilint.js'));
    const run = spawnSync(process.execPath, [path.join(folder, 'bin', 'piilint.js'), '--version'], { cwd: folder, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^piilint: the compiled CLI is missing \(.*\)\. Run `npm run build` in .*\n$/);
  });

  it('writes messages and the summary in Chinese with --locale zh-CN', () => {
    const folder = project('zh', { 'src/crm/customer-log.ts': CUSTOMER_LOG, 'src/crm/logger.ts': LOGGER });
    const run = piilint(['--locale', 'zh-CN'], folder);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('✖ 1 个问题（1 个错误，0 个警告）');
  });

  it('finds all three rules in examples/showroom and exits 1', () => {
    const showroom = path.join(ROOT, 'examples', 'showroom');
    const run = piilint(['--format', 'json', showroom], ROOT);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReportLike;
    const ruleIds = new Set(report.findings.filter((finding) => finding.suppression === null).map((finding) => finding.ruleId));
    expect([...ruleIds].sort()).toEqual(
      expect.arrayContaining(['no-id-number-logging', 'no-unanonymized-camera-egress', 'no-unconsented-biometric-storage']),
    );
    expect(report.findings.every((finding) => finding.file.startsWith('examples/showroom/'))).toBe(true);
  });
});

function pathToFileUrl(folder: string): string {
  return new URL(`file://${folder.split(path.sep).map(encodeURIComponent).join('/')}`).href;
}
