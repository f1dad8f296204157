/**
 * Editor figures for the benchmark (issue #9's "Editor" line; `node test/lsp/run-lsp-timings.mjs PROJECT`):
 * - server start → the answer to `initialize` (process start and the server's startup included, as an editor waits);
 * - didOpen → first diagnostics of that file in a fresh server (the whole folder is analysed first);
 * - didChange → refreshed diagnostics for the changed version, over N edits (median, p95, min, max): each edit
 *   alternately adds and removes a line that logs an ID number, and the time runs until the server publishes
 *   diagnostics for exactly that document version;
 * - the same after a burst of typing (five changes 30 ms apart), from the last change: this includes the debounce;
 * - the server's resident memory: peak (VmHWM) and at the end (VmRSS), from /proc on Linux.
 * Measured through the push model with a plain LSP client, so the figures include the server's debounce
 * (folder-analysis.ts CHANGE_DEBOUNCE_MS) and JSON-RPC, as an editor sees them. No assertions: tests only check the
 * shape (lsp-timings.test.ts); the numbers belong to `npm run bench`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspTestClient } from './lsp-client';

export interface LspTimingsOptions {
  /** The project folder (opened as the only workspace folder). */
  readonly project: string;
  /** The file to open and edit; default: the first .ts file under `src/` (or the project), by path. */
  readonly file?: string;
  /** Number of edits (default 50). */
  readonly edits?: number;
  /** The server's entry script (default: bin/piilint-language-server.js of this checkout). */
  readonly serverScript?: string;
  /** Give up on one wait after this long (default 10 minutes). */
  readonly timeoutMs?: number;
}

export interface Distribution {
  readonly samples: number;
  readonly median: number;
  readonly p95: number;
  readonly min: number;
  readonly max: number;
}

export interface LspTimings {
  readonly project: string;
  readonly file: string;
  /** Spawning the server → its answer to `initialize`, in milliseconds. */
  readonly startToInitializeMs: number;
  /** didOpen → the first publishDiagnostics for the file, in milliseconds. */
  readonly openToFirstDiagnosticsMs: number;
  /** didChange → publishDiagnostics for that version, in milliseconds. */
  readonly changeToDiagnosticsMs: Distribution;
  /**
   * Typing: five didChange 30 ms apart (what a fast typist sends), then the time from the last one to the
   * diagnostics of its version. Includes the server's debounce, which waits for a pause in the typing.
   */
  readonly burstToDiagnosticsMs: Distribution;
  /** Peak resident set size of the server process (bytes), when the platform tells it. */
  readonly serverPeakRssBytes?: number;
  readonly serverRssBytes?: number;
}

export async function measureLspTimings(options: LspTimingsOptions): Promise<LspTimings> {
  const project = path.resolve(options.project);
  const file = path.resolve(options.file ?? defaultFile(project));
  const edits = options.edits ?? 50;
  const timeoutMs = options.timeoutMs ?? 600_000;
  const starting = performance.now();
  let startToInitializeMs = Number.NaN;
  const { client } = await LspTestClient.start({
    workspaceFolders: [project],
    serverScript: options.serverScript,
    beforeInitialized: () => (startToInitializeMs = performance.now() - starting),
  });
  try {
    const text = fs.readFileSync(file, 'utf8');
    const uri = client.uri(file);
    const opened = performance.now();
    await client.open(file, text);
    await client.waitFor(() => (client.pushed.get(uri)?.version === 1 ? true : undefined), timeoutMs, () => `first diagnostics of ${file}`);
    const openToFirstDiagnosticsMs = performance.now() - opened;

    const violation = `\nexport function piilintTimingProbe(idCardNo: string): void {\n  console.log(\`probe \${idCardNo}\`);\n}\n`;
    const samples: number[] = [];
    for (let index = 0; index < edits; index++) {
      const next = index % 2 === 0 ? text + violation : text;
      const started = performance.now();
      await client.change(file, next);
      const version = client.version(file);
      await client.waitFor(() => (client.pushed.get(uri)?.version === version ? true : undefined), timeoutMs, () => `diagnostics of version ${version}`);
      samples.push(performance.now() - started);
    }
    const bursts: number[] = [];
    for (let index = 0; index < Math.max(2, Math.floor(edits / 5)); index++) {
      let last = 0;
      for (let key = 1; key <= 5; key++) {
        // Typing the probe's call one character at a time; every text parses, as an editor's mostly does.
        const typed = `${text}\nexport const piilintTypingProbe${index} = '${'x'.repeat(key)}';\n`;
        last = performance.now();
        await client.change(file, typed);
        if (key < 5) await delay(30);
      }
      const version = client.version(file);
      await client.waitFor(() => (client.pushed.get(uri)?.version === version ? true : undefined), timeoutMs, () => `diagnostics of version ${version}`);
      bursts.push(performance.now() - last);
    }
    const memory = readMemory(client.process.pid);
    return {
      project,
      file,
      startToInitializeMs: round(startToInitializeMs),
      openToFirstDiagnosticsMs: round(openToFirstDiagnosticsMs),
      changeToDiagnosticsMs: distribution(samples),
      burstToDiagnosticsMs: distribution(bursts),
      ...memory,
    };
  } finally {
    await client.stop();
  }
}

export function distribution(samples: readonly number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (quantile: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(quantile * sorted.length) - 1))] ?? Number.NaN;
  const middle = sorted.length % 2 === 1 ? sorted[(sorted.length - 1) / 2]! : ((sorted[sorted.length / 2 - 1] ?? Number.NaN) + (sorted[sorted.length / 2] ?? Number.NaN)) / 2;
  return { samples: sorted.length, median: round(middle), p95: round(at(0.95)), min: round(sorted[0] ?? Number.NaN), max: round(sorted.at(-1) ?? Number.NaN) };
}

function readMemory(pid: number | undefined): Pick<LspTimings, 'serverPeakRssBytes' | 'serverRssBytes'> {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string): number | undefined => {
      const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
      return match ? Number(match[1]) * 1024 : undefined;
    };
    return { serverPeakRssBytes: kib('VmHWM'), serverRssBytes: kib('VmRSS') };
  } catch {
    return {};
  }
}

function defaultFile(project: string): string {
  const src = path.join(project, 'src');
  const base = fs.existsSync(src) ? src : project;
  const files = fs
    .readdirSync(base, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !entry.parentPath.includes('node_modules'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  if (files.length === 0) throw new Error(`No TypeScript file under ${base}; pass one with --file.`);
  return files[0]!;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
