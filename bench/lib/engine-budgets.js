// @ts-check
'use strict';
/**
 * The engine's own deadlines, timed in a fresh Node process for bench/budgets.js (run after `npm run build`; it
 * loads dist/). These were wall-clock assertions in test/engine/parse-budget.test.ts; the test keeps what the
 * deadlines decide, the bench how long they take (issue #19 §4).
 *
 *   node bench/lib/engine-budgets.js  → prints [{ name, ms, budgetMs, what }] as JSON
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist', 'server', 'src', 'engine', 'project');
const REGRESSIONS = path.join(ROOT, 'test', 'fixtures', 'regressions');
/** The per-file parse budget the unit test uses. */
const BUDGET_MS = 400;

/** @param {string} relative */
const fixture = (relative) => fs.readFileSync(path.join(REGRESSIONS, ...relative.split('/')), 'utf8');

function main() {
  const { buildProject } = require(path.join(DIST, 'build-project.js'));
  const { runWithDeadline } = require(path.join(DIST, 'run-with-deadline.js'));
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-bench-budgets-'));
  /** @param {Record<string, string>} entries */
  const files = (entries) => Object.entries(entries).map(([name, text]) => ({ path: path.join(folder, name), text }));
  const endless = fixture('jsdoc-comment-endless-loop/src/crm/trade-in-appraisal.ts');
  const backtracking = fixture('parser-exponential-backtracking/src/visitors/visitor.controller.ts');
  const good = fixture('jsdoc-comment-endless-loop/src/good.ts');
  /** @type {{ name: string, ms: number, budgetMs: number, what: string }[]} */
  const results = [];
  /** @param {string} name @param {number} budgetMs @param {string} what @param {() => void} run */
  const time = (name, budgetMs, what, run) => {
    const started = performance.now();
    run();
    results.push({ name, ms: Math.round(performance.now() - started), budgetMs, what });
  };
  try {
    time('deadline-stops-endless-loop', 2000, 'runWithDeadline stops `for (;;);` given 200 ms', () => {
      try {
        runWithDeadline(() => {
          for (;;);
        }, 200);
      } catch {
        // DeadlineExceededError is the expected outcome; the test checks its type.
      }
    });
    /** @type {unknown} */
    let first;
    time('parse-budget-two-stopped-files', 4 * 2 * BUDGET_MS + 3000, `buildProject, 4 files, 2 over a ${BUDGET_MS} ms budget`, () => {
      first = buildProject(files({ 'src/good.ts': good, 'src/visitor.controller.ts': backtracking, 'src/appraisal.ts': endless, 'src/offers.ts': good.replace('logVisit', 'logOffer') }), folder, { parseBudgetMs: BUDGET_MS });
    });
    time('parse-budget-skip-at-once', BUDGET_MS, 'the next build skips a text that ran over without parsing it again', () => {
      buildProject(files({ 'src/good.ts': `${good}// edited\n`, 'src/visitor.controller.ts': backtracking, 'src/appraisal.ts': endless, 'src/offers.ts': good.replace('logVisit', 'logOffer') }), folder, { previous: first, parseBudgetMs: BUDGET_MS });
    });
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

main();
