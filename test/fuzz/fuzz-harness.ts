/**
 * The fuzzer's driver: feeds inputs to engine worker processes (fuzz-worker.cjs), each input twice on two different
 * workers when there are two, and collects what went wrong.
 *
 * A failure is one of:
 * - `crash`: the engine threw (parse errors are findings, so any exception is a bug), or the worker process died;
 * - `hang`: no answer within `hangMs` (the worker is killed and replaced);
 * - `slow`: an answer, but later than the per-input budget `budgetMs` (only when one is given: the fixed-seed run in
 *   CI reports its timings and never fails on them, issue #19 §4);
 * - `nondeterministic`: the two runs gave different SARIF (fingerprints included; the scanned folder's path is
 *   normalised, since each worker has its own);
 * - `invalid`: a broken invariant the worker checks (see its header), such as a finding whose line and column do
 *   not match its offset, or a safe fix that is not idempotent.
 * Failing inputs are written to `outDir` (one folder per failure, with the input's files and failure.json) so they
 * can be replayed and kept as regression fixtures under test/fixtures/regressions/.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FuzzInput } from './generators';

const WORKER = fileURLToPath(new URL('./fuzz-worker.cjs', import.meta.url));

export type FailureKind = 'crash' | 'hang' | 'slow' | 'nondeterministic' | 'invalid';

export interface Failure {
  readonly kind: FailureKind;
  readonly index: number;
  readonly input: FuzzInput;
  readonly detail: string;
}

export interface FuzzSummary {
  readonly inputs: number;
  readonly runs: number;
  readonly failures: readonly Failure[];
  readonly wallMs: number;
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly slowestOrigin: string;
  readonly findings: number;
  readonly parseErrors: number;
  readonly fixesApplied: number;
  readonly workers: number;
}

interface Answer {
  readonly id: number;
  readonly ms?: number;
  readonly sarifHash?: string;
  readonly findings?: number;
  readonly parseErrors?: number;
  readonly problems?: readonly string[];
  readonly fixes?: { readonly applied: number };
  readonly error?: string;
}

type Outcome = Answer | { readonly id: number; readonly hang: true } | { readonly id: number; readonly died: string };

/** One worker process; replaced transparently after a hang or a death. */
class EngineWorker {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private readonly workDir: string;

  constructor(
    private readonly name: string,
    baseDir: string,
  ) {
    this.workDir = path.join(baseDir, name);
  }

  private start(): Promise<void> {
    const child = fork(WORKER, [this.workDir], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
    this.child = child;
    child.stderr?.resume();
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (message: { ready?: boolean }) => {
        if (message.ready) {
          child.off('message', onMessage);
          resolve();
        }
      };
      child.on('message', onMessage);
      child.once('exit', (code, signal) => reject(new Error(`fuzz worker ${this.name} exited while starting (${signal ?? code})`)));
    });
    return this.ready;
  }

  async run(id: number, input: FuzzInput, checkFixes: boolean, hangMs: number): Promise<Outcome> {
    if (!this.child || this.child.killed || this.child.exitCode !== null || this.child.signalCode !== null) await this.start();
    await this.ready;
    const child = this.child!;
    return new Promise<Outcome>((resolve) => {
      const done = (outcome: Outcome) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(outcome);
      };
      const onMessage = (message: Answer) => {
        if (message.id === id) done(message);
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => done({ id, died: `worker exited (${signal ?? `code ${code}`})` });
      const timer = setTimeout(() => {
        child.off('exit', onExit);
        child.kill('SIGKILL');
        done({ id, hang: true });
      }, hangMs);
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ id, input, checkFixes });
    });
  }

  stop(): void {
    this.child?.kill('SIGKILL');
  }
}

export interface FuzzOptions {
  readonly inputs: readonly FuzzInput[];
  /** Worker processes (at least 1; with 2 or more, the two runs of an input go to different processes). */
  readonly workers: number;
  /** Per-input budget for one scan, in milliseconds; without one, slow scans are reported, not failures. */
  readonly budgetMs?: number;
  /** After this long without an answer the worker is killed and the input is a hang. */
  readonly hangMs: number;
  /** Where failing inputs are written. */
  readonly outDir: string;
  readonly onProgress?: (done: number, total: number) => void;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const started = Date.now();
  const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-fuzz-work-'));
  const workers = Array.from({ length: Math.max(1, options.workers) }, (_, index) => new EngineWorker(`w${index}`, baseDir));
  const answers = new Map<number, Outcome[]>();
  const times: { ms: number; index: number }[] = [];
  const queues: { index: number; run: number }[][] = workers.map(() => []);
  options.inputs.forEach((_, index) => {
    for (const run of [0, 1]) queues[(index + run) % workers.length]!.push({ index, run });
  });
  let finished = 0;
  const total = options.inputs.length * 2;
  try {
    await Promise.all(
      workers.map(async (worker, workerIndex) => {
        for (const job of queues[workerIndex]!) {
          const outcome = await worker.run(job.index * 2 + job.run, options.inputs[job.index]!, job.run === 0, options.hangMs);
          if ('ms' in outcome && outcome.ms !== undefined) times.push({ ms: outcome.ms, index: job.index });
          const list = answers.get(job.index) ?? [];
          list[job.run] = outcome;
          answers.set(job.index, list);
          options.onProgress?.(++finished, total);
        }
      }),
    );
  } finally {
    for (const worker of workers) worker.stop();
    fs.rmSync(baseDir, { recursive: true, force: true });
  }

  const failures: Failure[] = [];
  let findings = 0;
  let parseErrors = 0;
  let fixesApplied = 0;
  options.inputs.forEach((input, index) => {
    const [first, second] = answers.get(index) ?? [];
    const fail = (kind: FailureKind, detail: string) => failures.push({ kind, index, input, detail });
    for (const outcome of [first, second]) {
      if (outcome === undefined) fail('crash', 'no answer');
      else if ('hang' in outcome) fail('hang', `no answer within ${options.hangMs} ms`);
      else if ('died' in outcome) fail('crash', outcome.died);
      else if (outcome.error !== undefined) fail('crash', outcome.error);
      else if (options.budgetMs !== undefined && (outcome.ms ?? 0) > options.budgetMs) fail('slow', `${Math.round(outcome.ms ?? 0)} ms, over the ${options.budgetMs} ms budget`);
    }
    if (first && 'sarifHash' in first && first.sarifHash) {
      findings += first.findings ?? 0;
      parseErrors += first.parseErrors ?? 0;
      fixesApplied += first.fixes?.applied ?? 0;
      for (const problem of first.problems ?? []) fail('invalid', problem);
      if (second && 'sarifHash' in second && second.sarifHash && second.sarifHash !== first.sarifHash) {
        fail('nondeterministic', 'the two runs gave different SARIF');
      }
    }
  });
  const unique = dedupe(failures);
  if (unique.length > 0) writeFailures(options.outDir, unique);

  const sorted = times.map((time) => time.ms).sort((a, b) => a - b);
  const slowest = times.reduce((best, time) => (time.ms > best.ms ? time : best), { ms: 0, index: 0 });
  return {
    inputs: options.inputs.length,
    runs: sorted.length,
    failures: unique,
    wallMs: Date.now() - started,
    medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
    p99Ms: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
    maxMs: sorted[sorted.length - 1] ?? 0,
    slowestOrigin: options.inputs[slowest.index]?.origin ?? '',
    findings,
    parseErrors,
    fixesApplied,
    workers: workers.length,
  };
}

/** The first line of a stack or message, with numbers and paths blurred: one entry per distinct problem. */
export function signatureOf(failure: Failure): string {
  const firstLines = failure.detail
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, 3)
    .join(' | ');
  const blurred = firstLines
    .replace(/[\w./-]*\.[mc]?[jt]sx?\b/g, '<file>')
    .replace(/\/[^\s:)]+/g, '<path>')
    .replace(/\d+/g, 'N')
    .replace(/<file>(, <file>)+/g, '<file>');
  return `${failure.kind}: ${blurred}`;
}

/** One failure per signature, the smallest input kept. */
function dedupe(failures: readonly Failure[]): Failure[] {
  const bySignature = new Map<string, Failure>();
  for (const failure of failures) {
    const signature = signatureOf(failure);
    const current = bySignature.get(signature);
    if (!current || sizeOf(failure.input) < sizeOf(current.input)) bySignature.set(signature, failure);
  }
  return [...bySignature.values()];
}

function sizeOf(input: FuzzInput): number {
  return input.kind === 'files' ? Object.values(input.files).reduce((sum, text) => sum + text.length, 0) : input.text.length;
}

function writeFailures(outDir: string, failures: readonly Failure[]): void {
  fs.mkdirSync(outDir, { recursive: true });
  failures.forEach((failure, number) => {
    const folder = path.join(outDir, `${String(number).padStart(3, '0')}-${failure.kind}`);
    fs.mkdirSync(folder, { recursive: true });
    const files = failure.input.kind === 'files' ? failure.input.files : { [failure.input.target]: failure.input.text };
    for (const [relative, text] of Object.entries(files)) {
      const file = path.join(folder, 'input', relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    fs.writeFileSync(
      path.join(folder, 'failure.json'),
      `${JSON.stringify({ kind: failure.kind, index: failure.index, origin: failure.input.origin, inputKind: failure.input.kind, signature: signatureOf(failure), detail: failure.detail }, null, 2)}\n`,
    );
  });
}
