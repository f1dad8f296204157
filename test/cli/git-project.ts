/**
 * Helpers for the spawned CLI tests that need real git repositories (baselines, changed-code mode, shards, the CI
 * recipes): temporary projects, git run with a private configuration (no user or system settings, a fixed
 * identity, no signing), the spawned `node bin/piilint.js`, and the SARIF 2.1.0 schema validator (as in
 * sarif-schema.test.ts: Microsoft's SDK copy of the OASIS schema, read from node_modules).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = path.join(ROOT, 'bin', 'piilint.js');

export interface Spawned {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A folder under the system's temporary folder; `git` finds no repository above it. */
export function makeTempFolder(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

export function writeFiles(folder: string, files: Readonly<Record<string, string>>): void {
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(folder, ...relative.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

export function readText(folder: string, relative: string): string {
  return fs.readFileSync(path.join(folder, ...relative.split('/')), 'utf8');
}

/** The environment of every git and piilint run: no user or system git config, a fixed identity, no colours. */
export function isolatedEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig-none'),
    GIT_AUTHOR_NAME: 'Showroom CI',
    GIT_AUTHOR_EMAIL: 'ci@dealer.example',
    GIT_COMMITTER_NAME: 'Showroom CI',
    GIT_COMMITTER_EMAIL: 'ci@dealer.example',
    GIT_TERMINAL_PROMPT: '0',
    NO_COLOR: '1',
    FORCE_COLOR: '',
    ...extra,
  };
}

export function git(folder: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: folder, encoding: 'utf8', env: isolatedEnv(folder), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `git` that may fail, for hooks that block a commit. */
export function tryGit(folder: string, ...args: string[]): Spawned {
  const run = spawnSync('git', args, { cwd: folder, encoding: 'utf8', env: isolatedEnv(folder) });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A new repository on branch `main` with the files committed. */
export function createRepository(folder: string, files: Readonly<Record<string, string>>): void {
  fs.mkdirSync(folder, { recursive: true });
  git(folder, 'init', '-q', '-b', 'main');
  writeFiles(folder, files);
  commitAll(folder, 'feat(crm): initial showroom CRM');
}

export function commitAll(folder: string, message: string): void {
  git(folder, 'add', '-A');
  git(folder, 'commit', '-q', '--no-gpg-sign', '-m', message);
}

export function piilint(args: readonly string[], cwd: string, env: Record<string, string> = {}): Spawned {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: isolatedEnv(cwd, env), timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const SARIF_SCHEMA_FILE = path.join(ROOT, 'node_modules', '@microsoft', 'sarif-multitool-ts', 'assets', 'sarif-2.1.0.schema.json');

/** Validation errors of a SARIF log against the SARIF 2.1.0 schema (empty when valid). */
export function sarifSchemaErrors(log: unknown): unknown[] {
  validateSarif ??= compileSarifSchema();
  return validateSarif(log) ? [] : [...(validateSarif.errors ?? [])];
}

let validateSarif: ReturnType<typeof compileSarifSchema> | undefined;

function compileSarifSchema() {
  const schema = JSON.parse(fs.readFileSync(SARIF_SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  // strict: false because the schema uses `definitions` and descriptions Ajv's strict mode would flag.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

/** A dealer CRM with two ID-number flows: one within a file, one across files (source in crm/, sink in shared/). */
export const CUSTOMER_LOG = [
  "import { audit } from '../shared/audit';",
  '',
  'interface Customer {',
  '  name: string;',
  '  idCardNo: string;',
  '  plateNo: string;',
  '}',
  '',
  'export function logVisit(customer: Customer): void {',
  "  console.info('showroom visit', customer.idCardNo);",
  '}',
  '',
  'export function recordTestDrive(customer: Customer): void {',
  '  audit(customer.plateNo);',
  '}',
  '',
].join('\n');

export const AUDIT = ["export function audit(value: string): void {", "  console.info('audit', value);", '}', ''].join('\n');

export const GREETING = ['export function greet(name: string): string {', '  return `Welcome to the showroom, ${name}`;', '}', ''].join('\n');

export interface JsonFindingLike {
  readonly ruleId: string;
  readonly severity: string;
  readonly file: string;
  readonly line: number;
  readonly fingerprint: string;
  readonly suppression: unknown;
  readonly path: readonly { readonly kind: string; readonly file: string; readonly line: number }[];
}

export interface JsonReportLike {
  readonly findings: readonly JsonFindingLike[];
  readonly baseline: {
    readonly file: string;
    readonly matched: number;
    readonly new: number;
    readonly stale: readonly { readonly fingerprint: string; readonly file: string; readonly snippet: string; readonly reason: string | null }[];
  } | null;
  readonly changedSince: { readonly ref: string; readonly commit: string; readonly filesChanged: number; readonly outside: number } | null;
}

export function parseJsonReport(run: Spawned): JsonReportLike {
  try {
    return JSON.parse(run.stdout) as JsonReportLike;
  } catch {
    throw new Error(`not a JSON report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
}
