/**
 * The package as `npm publish` would publish it (issue #20): `npm pack`, then a dealer's fresh project installs the
 * tarball, runs `npx piilint` on its own code and uses the Node API from ESM, CommonJS and TypeScript.
 * Offline, and never from the registry: piilint's production dependencies are packed from this checkout's
 * node_modules (the exact versions package-lock.json pins) and installed from those tarballs with `--offline`, so
 * the test checks the package's contents, `exports`, `bin` and types, not the network.
 * The size budget keeps the package small: what is shipped is the compiled code, its declarations, the schemas,
 * the rule READMEs (the editor's offline documentation) and the docs, and nothing else.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const NPM_CLI = npmCli();
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** Packed size (gzip) and unpacked size the package must stay within. */
const PACKED_BUDGET_BYTES = 700 * 1024;
const UNPACKED_BUDGET_BYTES = 2.5 * 1024 * 1024;

interface PackResult {
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly { readonly path: string }[];
}

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The npm that runs this node (`npm_execpath` under `npm test`, else the one next to node). */
function npmCli(): string {
  const fromEnv = process.env.npm_execpath;
  if (fromEnv && /npm-cli\.js$/.test(fromEnv)) return fromEnv;
  const beside = path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  return fs.existsSync(beside) ? beside : 'npm-cli.js';
}

function run(command: string, args: readonly string[], cwd: string, timeout = 180_000): Run {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout,
    env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function npm(args: readonly string[], cwd: string): Run {
  return run(process.execPath, [NPM_CLI, ...args], cwd);
}

function ok(result: Run, what: string): Run {
  if (result.status !== 0) throw new Error(`${what} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result;
}

let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-package-'));
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('ships the code, its types, the schemas, the rule READMEs and the docs, within the size budget', () => {
    const [pack] = JSON.parse(ok(npm(['pack', '--dry-run', '--json', '--ignore-scripts'], ROOT), 'npm pack --dry-run').stdout) as PackResult[];
    const files = pack!.files.map((file) => file.path);
    for (const required of [
      'bin/piilint.js',
      'bin/piilint-language-server.js',
      'dist/server/src/api/index.js',
      'dist/server/src/api/index.d.ts',
      'dist/server/src/cli/main.js',
      'dist/server/src/lsp/main.js',
      'schema/piilint.config.schema.json',
      'dist/schema/piilint.baseline.schema.json',
      'rules/no-id-number-logging/README.md',
      'rules/no-unanonymized-camera-egress/README.md',
      'rules/no-unconsented-biometric-storage/README.md',
      'docs/api.md',
      'README.md',
    ]) {
      expect(files, required).toContain(required);
    }
    expect(files.filter((file) => /^(test|client|bench|eval|examples)\//.test(file) || file.endsWith('.map') || file.endsWith('.tsbuildinfo'))).toEqual([]);
    expect(pack!.size, `packed ${pack!.size} bytes`).toBeLessThanOrEqual(PACKED_BUDGET_BYTES);
    expect(pack!.unpackedSize, `unpacked ${pack!.unpackedSize} bytes`).toBeLessThanOrEqual(UNPACKED_BUDGET_BYTES);
  });

  it('is publishable: not private, with exports, types and a bin', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.private).toBeUndefined();
    expect(manifest.exports).toMatchObject({ '.': { types: './dist/server/src/api/index.d.ts', default: './dist/server/src/api/index.js' } });
    expect(manifest.bin).toEqual({ piilint: 'bin/piilint.js', 'piilint-language-server': 'bin/piilint-language-server.js' });
    expect(Object.keys((manifest.scripts as Record<string, string>) ?? {})).not.toContain('install');
    expect(Object.keys((manifest.scripts as Record<string, string>) ?? {})).not.toContain('postinstall');
  });
});

describe('a fresh project installs the tarball', () => {
  let project: string;

  beforeAll(() => {
    const packs = path.join(work, 'packs');
    fs.mkdirSync(packs);
    const [own] = JSON.parse(ok(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', packs], ROOT), 'npm pack').stdout) as PackResult[];
    // piilint's production dependencies, as installed here from package-lock.json, each as a tarball.
    const listed = ok(npm(['ls', '--omit=dev', '--all', '--parseable'], ROOT), 'npm ls').stdout.split('\n').filter((line) => line.trim() !== '');
    const dependencies = [...new Set(listed.slice(1))];
    expect(dependencies.length).toBeGreaterThan(5);
    const packed = JSON.parse(ok(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', packs, ...dependencies], ROOT), 'npm pack (dependencies)').stdout) as PackResult[];

    project = path.join(work, 'dealer-crm');
    fs.mkdirSync(path.join(project, 'src'), { recursive: true });
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'dealer-crm', version: '1.0.0', private: true, type: 'module' }, null, 2));
    fs.writeFileSync(
      path.join(project, 'piilint.config.json'),
      JSON.stringify({ $schema: './node_modules/piilint/schema/piilint.config.schema.json', locale: 'en' }, null, 2),
    );
    fs.writeFileSync(
      path.join(project, 'src', 'customer-log.ts'),
      [
        "import { logger } from './logger';",
        '',
        'export function registerCustomer(customer: { name: string; idCardNo: string }): void {',
        '  logger.info(`registered ${customer.name}, ID card ${customer.idCardNo}`);',
        '}',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(project, 'src', 'logger.ts'), "import winston from 'winston';\n\nexport const logger = winston.createLogger({ level: 'info' });\n");
    const tarballs = [own!, ...packed].map((pack) => path.join(packs, pack.filename));
    ok(npm(['install', '--save-dev', '--offline', '--no-audit', '--no-fund', ...tarballs], project), 'npm install (offline, from the tarballs)');
  }, 600_000);

  it('has the files the README points at', () => {
    expect(fs.existsSync(path.join(project, 'node_modules', 'piilint', 'schema', 'piilint.config.schema.json'))).toBe(true);
    expect(fs.existsSync(path.join(project, 'node_modules', 'piilint', 'rules', 'no-id-number-logging', 'README.md'))).toBe(true);
    expect(fs.existsSync(path.join(project, 'node_modules', '.bin', 'piilint'))).toBe(true);
  });

  it('runs npx piilint on the project: the logged ID number, exit code 1', () => {
    const result = run(process.execPath, [NPM_CLI, 'exec', '--offline', '--no', '--', 'piilint'], project);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toContain('src/customer-log.ts:4:');
    expect(result.stdout).toContain('no-id-number-logging');
    const github = run(process.execPath, [NPM_CLI, 'exec', '--offline', '--no', '--', 'piilint', '--format', 'github'], project);
    expect(github.stdout).toMatch(/^::error file=src\/customer-log\.ts,line=4,/);
  });

  it('serves the Node API to ESM and CommonJS', () => {
    fs.writeFileSync(
      path.join(project, 'api-check.mjs'),
      [
        "import { lint, PiiLint, format, ruleList } from 'piilint';",
        "const result = await lint({ paths: ['src'] });",
        'const [finding] = result.findings;',
        "const zh = await new PiiLint({ locale: 'zh-CN' }).lintFiles('src');",
        'console.log(JSON.stringify({',
        '  errorCount: result.errorCount, ruleId: finding.ruleId, line: finding.range.line,',
        '  kinds: finding.path.map((step) => step.kind), hasSafeFix: finding.fixes.some((fix) => fix.isSafe),',
        "  zh: zh.findings[0].message, sarif: JSON.parse(format(result, 'sarif')).version,",
        "  docs: ruleList().find((rule) => rule.id === 'no-id-number-logging').docsPath,",
        '}));',
      ].join('\n'),
    );
    const esm = JSON.parse(ok(run(process.execPath, ['api-check.mjs'], project), 'the ESM check').stdout) as Record<string, unknown>;
    expect(esm).toMatchObject({ errorCount: 1, ruleId: 'no-id-number-logging', line: 4, kinds: ['source', 'step', 'sink'], hasSafeFix: true, sarif: '2.1.0' });
    expect(esm.zh).toMatch(/^未经脱敏的号码/);
    expect(String(esm.docs)).toBe(path.join(fs.realpathSync(project), 'node_modules', 'piilint', 'rules', 'no-id-number-logging', 'README.md'));

    fs.writeFileSync(
      path.join(project, 'api-check.cjs'),
      "const { lint } = require('piilint');\nlint({ paths: ['src'] }).then((result) => console.log(result.errorCount));\n",
    );
    expect(ok(run(process.execPath, ['api-check.cjs'], project), 'the CommonJS check').stdout.trim()).toBe('1');
  });

  it("gives TypeScript the API's types", () => {
    fs.writeFileSync(
      path.join(project, 'api-check.ts'),
      [
        "import { lint, type Finding, type LintResult } from 'piilint';",
        '',
        "const result: LintResult = await lint({ paths: ['src'], locale: 'en' });",
        'export const lines: number[] = result.findings.map((finding: Finding) => finding.range.line);',
        "// @ts-expect-error: a locale piilint does not have",
        "await lint({ locale: 'fr' });",
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', target: 'ES2022', strict: true, noEmit: true, types: [], skipLibCheck: false }, files: ['api-check.ts'] }),
    );
    const result = run(process.execPath, [TSC, '-p', 'tsconfig.json'], project);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
