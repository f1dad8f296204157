/**
 * The CLI as CI and editors wrap it (issue #20), spawned from bin/piilint.js with the real engine: several reports
 * from one run (`--output-sarif` beside the console report), `--stdin --stdin-filename`, and the language chosen by
 * `--locale`, else the environment (`LANG`, `LC_ALL`) when the config says nothing (`auto`).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'piilint.js');

interface Spawned {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment of a CI machine: no locale set unless the test sets one. */
function piilint(args: readonly string[], cwd: string, env: Record<string, string> = {}, input?: string): Spawned {
  const base = { ...process.env };
  for (const name of ['LANG', 'LC_ALL', 'LC_MESSAGES', 'LANGUAGE']) delete base[name];
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...base, NO_COLOR: '1', FORCE_COLOR: '', ...env },
    timeout: 60_000,
    ...(input === undefined ? {} : { input }),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const TRADE_IN = [
  "import { logger } from './logger';",
  '',
  'export interface TradeInRequest {',
  '  customerName: string;',
  '  plateNo: string;',
  '}',
  '',
  'export function requestAppraisal(request: TradeInRequest): void {',
  "  logger.info('trade-in appraisal requested', request.plateNo);",
  '}',
  '',
].join('\n');
const MASKED = TRADE_IN.replace("request.plateNo);", "request.plateNo.slice(-4));");
const LOGGER = "import winston from 'winston';\n\nexport const logger = winston.createLogger({ level: 'info' });\n";

let folder: string;

beforeAll(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-adoption-'));
  fs.mkdirSync(path.join(folder, 'src'));
  fs.writeFileSync(path.join(folder, 'src', 'trade-in.ts'), TRADE_IN);
  fs.writeFileSync(path.join(folder, 'src', 'logger.ts'), LOGGER);
});

afterAll(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('several reports from one run', () => {
  it('prints stylish and writes SARIF and a GitLab report with --output-sarif and --output-gitlab', () => {
    const run = piilint(['--output-sarif', 'reports/piilint.sarif', '--output-gitlab', 'gl-code-quality-report.json'], folder);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('src/trade-in.ts:9:');
    expect(run.stdout).toContain('no-id-number-logging');
    const sarif = JSON.parse(fs.readFileSync(path.join(folder, 'reports', 'piilint.sarif'), 'utf8')) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.map((result) => result.ruleId)).toEqual(['no-id-number-logging']);
    const gitlab = JSON.parse(fs.readFileSync(path.join(folder, 'gl-code-quality-report.json'), 'utf8')) as { location: { path: string; lines: { begin: number } } }[];
    expect(gitlab.map((issue) => `${issue.location.path}:${issue.location.lines.begin}`)).toEqual(['src/trade-in.ts:9']);
  });

  it('annotates a GitHub run with --format github', () => {
    const run = piilint(['--format', 'github'], folder);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error file=src\/trade-in\.ts,line=9,endLine=9,col=\d+,endColumn=\d+,title=piilint\(no-id-number-logging\)::/);
  });
});

describe('--stdin --stdin-filename', () => {
  it('checks the text on standard input as that file, with its imports read from disk', () => {
    const leaking = piilint(['--stdin', '--stdin-filename', 'src/trade-in.ts', '--format', 'json'], folder, {}, TRADE_IN);
    expect(leaking.status).toBe(1);
    const report = JSON.parse(leaking.stdout) as { findings: { file: string; line: number; message: string }[] };
    expect(report.findings.map((finding) => `${finding.file}:${finding.line}`)).toEqual(['src/trade-in.ts:9']);
    expect(report.findings[0]!.message).toContain('Winston logger');

    const masked = piilint(['--stdin', '--stdin-filename', 'src/trade-in.ts'], folder, {}, MASKED);
    expect(masked.stderr).toBe('');
    expect(masked.status).toBe(0);
    expect(fs.readFileSync(path.join(folder, 'src', 'trade-in.ts'), 'utf8')).toBe(TRADE_IN);
  });

  it('is a usage error without --stdin-filename, with paths, with --fix, or for a file that does not exist', () => {
    const cases: [string[], RegExp][] = [
      [['--stdin'], /^piilint: --stdin needs --stdin-filename/],
      [['--stdin', '--stdin-filename', 'src/trade-in.ts', 'src'], /^piilint: --stdin checks the text on standard input, so it takes no paths/],
      [['--stdin', '--stdin-filename', 'src/trade-in.ts', '--fix'], /^piilint: --fix cannot write back to standard input/],
      [['--stdin', '--stdin-filename', 'src/missing.ts'], /^piilint: No such file: src\/missing\.ts \(looked for .*missing\.ts\)/],
    ];
    for (const [args, message] of cases) {
      const run = piilint(args, folder, {}, TRADE_IN);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});

describe('the language', () => {
  it('follows LANG when neither --locale nor the config names one', () => {
    const run = piilint([], folder, { LANG: 'zh_CN.UTF-8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('车牌号');
    expect(run.stdout).toContain('✖ 1 个问题（1 个错误，0 个警告）');
  });

  it('lets LC_ALL win over LANG, and --locale over both', () => {
    expect(piilint([], folder, { LANG: 'zh_CN.UTF-8', LC_ALL: 'en_US.UTF-8' }).stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
    expect(piilint(['--locale', 'en'], folder, { LC_ALL: 'zh_CN.UTF-8' }).stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
  });

  it('says what the baseline command did in Chinese', () => {
    const run = piilint(['baseline', 'create', '--baseline', 'zh.baseline.json'], folder, { LANG: 'zh_CN.UTF-8' });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('piilint：已写入 zh.baseline.json，共 1 个条目。\n');
    fs.rmSync(path.join(folder, 'zh.baseline.json'));
  });

  it('says usage errors in Chinese', () => {
    const run = piilint(['--stdin'], folder, { LANG: 'zh_CN.UTF-8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^piilint：--stdin 需要 --stdin-filename/);
    const unknown = piilint(['--colour'], folder, { LANG: 'zh_CN.UTF-8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^piilint：.*--colour/);
    expect(unknown.stderr).toMatch(/[\u4e00-\u9fff]/);
  });
});
