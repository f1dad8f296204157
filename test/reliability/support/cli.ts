/**
 * Test support for the reliability suites: temporary projects, the spawned `node bin/piilint.js`, and the shapes of
 * its JSON report. Every spawned run goes through `runPiilint`, so a suite can add `--require` hooks, run as another
 * user or kill the process, and always gets the wall time and the child's peak memory back.
 */
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const BIN = path.join(ROOT, 'bin', 'piilint.js');

/**
 * How long a spawned run may take before it is killed as hung. A hang is the behaviour these kills catch; how fast a
 * run is belongs to the bench (`npm run bench:budgets`), so the guard leaves a loaded 2-core machine room and stays
 * under vitest's test timeout (issue #19 §4).
 */
export const HANG_GUARD_MS = 120_000;

export interface CliRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall time of the child process, milliseconds. */
  readonly ms: number;
}

export interface RunOptions {
  readonly env?: Record<string, string>;
  /** Node options placed before the bin, such as `--require <hook>`. */
  readonly nodeArgs?: readonly string[];
  readonly timeoutMs?: number;
  /** Run as this user and group (only when the test runs as root). */
  readonly uid?: number;
  readonly gid?: number;
}

export function runPiilint(args: readonly string[], cwd: string, options: RunOptions = {}): CliRun {
  const started = Date.now();
  const spawnOptions: SpawnSyncOptions = {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...options.env },
    timeout: options.timeoutMs ?? 120_000,
    // A 100,000-finding JSON report is over 100 MB.
    maxBuffer: 1024 * 1024 * 1024,
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid ?? options.uid }),
  };
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], spawnOptions);
  if (result.error && (result.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') throw result.error;
  return {
    status: result.status,
    signal: result.signal,
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
    ms: Date.now() - started,
  };
}

/** Spawns the CLI without waiting, for tests that kill it. */
export function startPiilint(args: readonly string[], cwd: string, options: RunOptions = {}): ReturnType<typeof spawn> {
  return spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A folder of temporary projects, removed by `dispose` (permissions are restored first so `rm` can descend). */
export class TempRoot {
  readonly path: string;

  constructor(prefix: string) {
    this.path = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
    // Readable by everyone, so a test running as root can re-run the CLI as an unprivileged user over it.
    fs.chmodSync(this.path, 0o755);
  }

  /** Writes the files (text or bytes) of a project under this root and returns its folder. */
  project(name: string, files: Record<string, string | Uint8Array>): string {
    const folder = path.join(this.path, name);
    fs.mkdirSync(folder, { recursive: true });
    for (const [relative, content] of Object.entries(files)) {
      const file = path.join(folder, ...relative.split('/'));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
    return folder;
  }

  dispose(): void {
    restoreModes(this.path);
    fs.rmSync(this.path, { recursive: true, force: true });
  }
}

function restoreModes(folder: string): void {
  let entries: fs.Dirent[];
  try {
    fs.chmodSync(folder, 0o755);
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) restoreModes(full);
    else if (entry.isFile()) fs.chmodSync(full, 0o644);
  }
}

export interface JsonFinding {
  readonly ruleId: string;
  readonly severity: string;
  readonly messageId: string;
  readonly message: string;
  /** Why it matters and what to do (issue #20: the message is one sentence); null when the rule gives none. */
  readonly detail: string | null;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly suppression: unknown;
}

export interface JsonNotice {
  readonly level: string;
  readonly code: string;
  readonly message: string;
  readonly file?: string | null;
}

export interface JsonReport {
  readonly findings: readonly JsonFinding[];
  readonly notices: readonly JsonNotice[];
  readonly summary: { readonly errorCount: number; readonly warningCount: number };
}

export function parseReport(run: CliRun): JsonReport {
  try {
    return JSON.parse(run.stdout) as JsonReport;
  } catch {
    throw new Error(`piilint did not print a JSON report (exit ${run.status}, signal ${run.signal}).\nstderr: ${run.stderr.slice(0, 2000)}`);
  }
}

/** `file:line:column ruleId` per finding: compact to assert on. */
export function findingKeys(report: JsonReport): string[] {
  return report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}`);
}

/** A source with one known violation: an ID number logged unmasked, at line 3, column 25. */
export const GOOD_FILE = [
  'interface Customer { name: string; idCardNo: string }',
  'export function logVisit(customer: Customer): void {',
  "  console.info('visit', customer.idCardNo);",
  '}',
  '',
].join('\n');

/** The finding GOOD_FILE gives when it is saved as `src/good.ts`. */
export const GOOD_FINDING = 'src/good.ts:3:25 no-id-number-logging';

export const isRoot = process.getuid?.() === 0;

/** The unprivileged user a root test can switch to, when that user can run the CLI from this checkout. */
export function unprivilegedUser(): number | undefined {
  if (!isRoot) return undefined;
  const nobody = 65_534;
  const probe = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(path.join(ROOT, 'dist', 'server', 'src', 'cli', 'main.js'))})`], {
    uid: nobody,
    gid: nobody,
    cwd: os.tmpdir(),
    encoding: 'utf8',
  });
  return probe.status === 0 ? nobody : undefined;
}
