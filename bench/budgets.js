#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run bench:budgets` (issue #19 §4): the wall-clock budgets that used to be assertions in `npm test`, where
 * they failed whenever the 2-core machine was busy. The tests keep what piilint decides on these inputs (a
 * parse-error finding, a notice, an exit); this bench times the same inputs and compares each time with its
 * budget, and with a reference run of the CLI on a one-file project measured in the same run, so a loaded
 * machine shows up as a high reference rather than as a broken budget.
 *
 *   npm run bench:budgets -- [--reps 3] [--out FILE.json]
 *
 * Scenarios:
 * - the CLI on a 1 MB single-line minified bundle (was bad-input.test.ts: < 30 s);
 * - the CLI on 80,000 redeclarations of one variable (bad-input.test.ts: < 10 s);
 * - the CLI on each regression fixture with `budgetMs` (regressions.test.ts);
 * - the engine's deadlines in-process (parse-budget.test.ts; bench/lib/engine-budgets.js);
 * - the language server's exit after its client process is killed (server-survival.test.ts: < 8 s).
 *
 * Input: the built checkout (dist/). Output: a table on stdout (median of --reps), JSON with --out; exit 1 when a
 * median is over its budget. Invariant: writes only under the OS temporary folder and the --out file.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');
const { parseArgs } = require('node:util');
const { measure } = require('./lib/measure');
const { summarise } = require('./lib/stats');
const { minifiedBundle, redeclarations, GOOD_FILE } = require('./lib/hostile-inputs');

const ROOT = path.resolve(__dirname, '..');
const NODE = process.execPath;
const PIILINT = path.join(ROOT, 'bin', 'piilint.js');
const SERVER = path.join(ROOT, 'bin', 'piilint-language-server.js');
const REGRESSIONS = path.join(ROOT, 'test', 'fixtures', 'regressions');
const MIB = 1024 * 1024;
/** Kill a run after this long: a hang is reported as over budget, it does not stall the bench. */
const KILL_AFTER_MS = 300_000;

/** @typedef {{ name: string, budgetMs: number, what: string, samples: number[] }} Scenario */

/** @param {string} root @param {string} name @param {Record<string, string>} files */
function writeProject(root, name, files) {
  const folder = path.join(root, name);
  for (const [relative, text] of Object.entries({ 'src/good.ts': GOOD_FILE, ...files })) {
    const file = path.join(folder, ...relative.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return folder;
}

/** @param {string} folder */
async function timeCli(folder) {
  const run = await measure(NODE, [PIILINT, '--format', 'json'], { cwd: folder, timeoutMs: KILL_AFTER_MS });
  if (run.isTimedOut) return KILL_AFTER_MS;
  if (run.exitCode !== 0 && run.exitCode !== 1) throw new Error(`piilint exited ${run.exitCode} in ${folder}:\n${run.stderr.slice(0, 2000)}`);
  return run.wallMs;
}

/** The language server with --clientProcessId of a stand-in editor: ms from killing the stand-in to the exit. */
async function timeServerExit() {
  const editor = spawn(NODE, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const server = spawn(NODE, [SERVER, '--stdio', `--clientProcessId=${editor.pid}`], { stdio: ['pipe', 'ignore', 'ignore'] });
  const exited = new Promise((resolve) => server.on('exit', resolve));
  // Let it start and begin watching, as after an editor's `initialize`.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const killed = performance.now();
  editor.kill('SIGKILL');
  const timer = setTimeout(() => server.kill('SIGKILL'), KILL_AFTER_MS);
  await exited;
  clearTimeout(timer);
  return performance.now() - killed;
}

async function main() {
  const { values } = parseArgs({ options: { reps: { type: 'string', default: '3' }, out: { type: 'string' } } });
  const reps = Math.max(1, Number(values.reps));
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-budgets-'));
  /** @type {Map<string, Scenario>} */
  const scenarios = new Map();
  /** @param {string} name @param {number} budgetMs @param {string} what @param {number} ms */
  const record = (name, budgetMs, what, ms) => {
    const scenario = scenarios.get(name) ?? { name, budgetMs, what, samples: [] };
    scenario.samples.push(ms);
    scenarios.set(name, scenario);
  };
  try {
    const reference = writeProject(temp, 'reference', {});
    const bundle = writeProject(temp, 'minified', { 'public/vendor.min.js': minifiedBundle(MIB) });
    const redeclared = writeProject(temp, 'redeclarations', { 'public/legacy/counters.js': redeclarations(80_000) });
    const regressions = fs
      .readdirSync(REGRESSIONS, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(REGRESSIONS, entry.name, 'regression.json')))
      .map((entry) => ({ name: entry.name, ...JSON.parse(fs.readFileSync(path.join(REGRESSIONS, entry.name, 'regression.json'), 'utf8')) }))
      .filter((regression) => typeof regression.budgetMs === 'number');
    for (const regression of regressions) fs.cpSync(path.join(REGRESSIONS, regression.name), path.join(temp, regression.name), { recursive: true });

    for (let rep = 0; rep < reps; rep++) {
      process.stderr.write(`[budgets] repetition ${rep + 1}/${reps}\n`);
      record('cli-reference', Infinity, 'the CLI on a one-file project (the ratios’ denominator)', await timeCli(reference));
      record('cli-minified-bundle-1mib', 30_000, 'the CLI on a 1 MB single-line minified bundle', await timeCli(bundle));
      record('cli-redeclarations-80k', 10_000, 'the CLI on 80,000 `var x=1;` (given up on at the 5 s parse budget)', await timeCli(redeclared));
      for (const regression of regressions) {
        record(`cli-regression-${regression.name}`, regression.budgetMs, `regression fixture ${regression.name}`, await timeCli(path.join(temp, regression.name)));
      }
      const engine = JSON.parse(execFileSync(NODE, [path.join(__dirname, 'lib', 'engine-budgets.js')], { encoding: 'utf8', timeout: KILL_AFTER_MS }));
      for (const result of engine) record(`engine-${result.name}`, result.budgetMs, result.what, result.ms);
      record('lsp-exit-after-client-killed', 8000, 'the language server exits after its --clientProcessId process dies', await timeServerExit());
    }
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }

  const referenceMs = summarise(scenarios.get('cli-reference')?.samples ?? [])?.median ?? NaN;
  const rows = [...scenarios.values()].map((scenario) => {
    const median = /** @type {{ median: number }} */ (summarise(scenario.samples)).median;
    return {
      name: scenario.name,
      what: scenario.what,
      medianMs: Math.round(median),
      budgetMs: Number.isFinite(scenario.budgetMs) ? scenario.budgetMs : null,
      ofBudget: Number.isFinite(scenario.budgetMs) ? Math.round((median / scenario.budgetMs) * 100) / 100 : null,
      ofReference: Math.round((median / referenceMs) * 100) / 100,
      samples: scenario.samples.map(Math.round),
    };
  });
  const width = Math.max(...rows.map((row) => row.name.length));
  console.log(`${'scenario'.padEnd(width)}  median ms  budget ms  ×budget  ×reference`);
  for (const row of rows) {
    console.log(
      `${row.name.padEnd(width)}  ${String(row.medianMs).padStart(9)}  ${String(row.budgetMs ?? '–').padStart(9)}  ${String(row.ofBudget ?? '–').padStart(7)}  ${String(row.ofReference).padStart(10)}`,
    );
  }
  const over = rows.filter((row) => row.ofBudget !== null && row.ofBudget > 1);
  if (values.out) fs.writeFileSync(values.out, `${JSON.stringify({ node: process.version, cpus: os.availableParallelism(), reps, rows }, null, 2)}\n`);
  if (over.length > 0) {
    console.log(`over budget: ${over.map((row) => row.name).join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 2;
});
