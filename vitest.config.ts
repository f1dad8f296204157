/**
 * Vitest configuration for the whole repository, as three projects (issue #19 §4):
 * - `fast` (`npm test`): unit, rule, engine, CLI and language-server tests; a few minutes on 2 cores;
 * - `slow` (`npm run test:slow`): the end-to-end reliability suites (hostile inputs, kills, hostile servers, the
 *   spawned CLI on thousands of findings) and the CI recipes, which spawn the CLI hundreds of times;
 * - `fuzz` (`npm run test:fuzz`): the fixed-seed fuzz run (`npm run fuzz` is the long campaign).
 * `.ci/run` runs all three; `npx vitest run` alone runs all three too. No test asserts wall time: timings belong to
 * `npm run bench` and `npm run bench:budgets`.
 * Spawned tests (test/cli/, test/lsp/, test/reliability/) run the compiled code in dist/: test/global-setup.ts
 * rebuilds it with `tsc -b` when a source is newer than the last build. Most of a spawned test's time is the child
 * process, so two test workers keep both cores busy even on a 2-core machine (vitest's default is one fewer
 * worker than cores).
 */
// CommonJS, like the rest of the repository (package.json has no "type": "module"), so that Vite's config
// loader does not warn about ESM syntax in a CommonJS file.
const os = require('node:os') as typeof import('node:os');

const SLOW = ['test/reliability/**/*.test.ts', 'test/cli/ci-recipes.test.ts'];
const FUZZ = ['test/fuzz/**/*.test.ts'];
const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.git/**'];

const config: import('vitest/config').ViteUserConfig = {
  test: {
    globalSetup: ['test/global-setup.ts'],
    // Hang guards, not budgets: on a 2-core machine shared with other work, a spawned multi-step test took over a
    // minute, and a test must never fail for being slow (issue #19 §4). Wall time is the bench's.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    // Snapshot files sit next to the tests, in __snapshots__/.
    snapshotFormat: { escapeString: false, printBasicPrototype: false },
    projects: [
      { extends: true, test: { name: 'fast', include: ['test/**/*.test.ts'], exclude: [...ALWAYS_EXCLUDED, ...SLOW, ...FUZZ] } },
      { extends: true, test: { name: 'slow', include: SLOW, exclude: ALWAYS_EXCLUDED } },
      { extends: true, test: { name: 'fuzz', include: FUZZ, exclude: ALWAYS_EXCLUDED } },
    ],
  },
};

module.exports = config;
