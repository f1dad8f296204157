/**
 * Fuzzing the engine (issue #11). Inputs come from generators.ts; fuzz-harness.ts runs each one twice in engine
 * worker processes and fails on a crash, a hang, a scan over the per-input budget, SARIF that differs between the
 * two runs, or a broken invariant (see fuzz-worker.cjs).
 *
 * - `npm run test:fuzz` (run by `.ci/run`, not by `npm test`): 300 inputs from a fixed seed, so the run is the same
 *   every time. It has no per-input time budget: a slow scan is printed, never a failure (issue #19 §4).
 * - `npm run fuzz`: 10,000 inputs from a fresh seed (printed), failures written to a folder (printed), with the
 *   per-input budget.
 * - Environment: FUZZ_RUNS (count), FUZZ_SEED, FUZZ_WORKERS (default: 2, or 1 on a single core), FUZZ_BUDGET_MS
 *   (per input; default 2000 in `npm run fuzz`, none otherwise), FUZZ_HANG_MS (default 20000), FUZZ_OUT (failure
 *   folder), FUZZ_REPORT (a JSON file for the summary).
 * A failing input found here is kept under test/fixtures/regressions/ and replayed by
 * test/reliability/regressions.test.ts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fuzzInput, programInput } from './generators';
import { runFuzz, signatureOf } from './fuzz-harness';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const isCampaign = process.env.npm_lifecycle_event === 'fuzz';
const RUNS = Number(process.env.FUZZ_RUNS ?? (isCampaign ? 10_000 : 300));
const SEED = Number(process.env.FUZZ_SEED ?? (isCampaign ? Date.now() % 2_147_483_647 : 20_251_122));
const WORKERS = Number(process.env.FUZZ_WORKERS ?? Math.min(2, os.availableParallelism()));
const BUDGET_MS = process.env.FUZZ_BUDGET_MS ? Number(process.env.FUZZ_BUDGET_MS) : isCampaign ? 2_000 : undefined;
const HANG_MS = Number(process.env.FUZZ_HANG_MS ?? 20_000);
const OUT_DIR = process.env.FUZZ_OUT ?? path.join(os.tmpdir(), `piilint-fuzz-failures-${SEED}`);

describe('fuzzing the engine', () => {
  it('generates code that mostly parses, in every extension', () => {
    const samples = fc.sample(programInput, { numRuns: 150, seed: SEED });
    const files = samples.flatMap((input) => (input.kind === 'files' ? Object.entries(input.files) : []));
    const broken = files.filter(([name, text]) => {
      const kind = name.endsWith('x') ? (name.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.JSX) : /\.[mc]?js$/.test(name) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
      const source = ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, false, kind) as ts.SourceFile & { parseDiagnostics: readonly ts.Diagnostic[] };
      return source.parseDiagnostics.length > 0;
    });
    // Generated programs are meant to reach the dataflow; mutations are what feed the parser garbage.
    expect(broken.length / files.length).toBeLessThan(0.05);
    expect(new Set(files.map(([name]) => path.extname(name)))).toEqual(new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']));
  });

  it(
    `survives ${RUNS} generated and mutated inputs: no crash, no hang, deterministic SARIF${BUDGET_MS === undefined ? '' : ', within budget'}`,
    async () => {
      const inputs = fc.sample(fuzzInput(ROOT), { numRuns: RUNS, seed: SEED });
      let lastReport = Date.now();
      const summary = await runFuzz({
        inputs,
        workers: WORKERS,
        budgetMs: BUDGET_MS,
        hangMs: HANG_MS,
        outDir: OUT_DIR,
        onProgress: (done, total) => {
          if (isCampaign && Date.now() - lastReport > 30_000) {
            lastReport = Date.now();
            console.info(`[fuzz] ${done}/${total} scans`);
          }
        },
      });
      const report = {
        seed: SEED,
        ...summary,
        failures: summary.failures.map((failure) => ({ kind: failure.kind, index: failure.index, origin: failure.input.origin, signature: signatureOf(failure) })),
      };
      if (process.env.FUZZ_REPORT) fs.writeFileSync(process.env.FUZZ_REPORT, `${JSON.stringify(report, null, 2)}\n`);
      console.info(
        `[fuzz] seed ${SEED}: ${summary.inputs} inputs, ${summary.runs} scans on ${summary.workers} workers in ${Math.round(summary.wallMs / 1000)} s; ` +
          `per scan median ${Math.round(summary.medianMs)} ms, p99 ${Math.round(summary.p99Ms)} ms, max ${Math.round(summary.maxMs)} ms (${summary.slowestOrigin}); ` +
          `${summary.findings} findings, ${summary.parseErrors} parse errors, ${summary.fixesApplied} fixes checked; ` +
          `${summary.failures.length} distinct failures${summary.failures.length > 0 ? `, written to ${OUT_DIR}` : ''}`,
      );
      expect(report.failures.map((failure) => `#${failure.index} ${failure.signature} (${failure.origin})`)).toEqual([]);
      // The generators reach the analysis, not only the parser.
      expect(summary.findings).toBeGreaterThan(summary.inputs / 4);
    },
    // A hang guard for the whole run (each input has its own, FUZZ_HANG_MS); the run's time is printed, not judged.
    Math.max(900_000, RUNS * 3_000),
  );
});
