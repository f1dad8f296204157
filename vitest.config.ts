/**
 * Vitest configuration for the whole repository.
 * Spawned tests (test/cli/cli.test.ts, test/lsp/) run the compiled code in dist/: test/global-setup.ts rebuilds it
 * with `tsc -b` when a source is newer than the last build, so `npx vitest run` alone works as well as `npm test`
 * (whose `pretest` builds first). A spawned CLI run takes one to three seconds on the 2-core CI machine; the
 * timeouts leave room for several per test.
 */
// CommonJS, like the rest of the repository (package.json has no "type": "module"), so that Vite's config
// loader does not warn about ESM syntax in a CommonJS file.
const config: import('vitest/config').ViteUserConfig = {
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Snapshot files sit next to the tests, in __snapshots__/.
    snapshotFormat: { escapeString: false, printBasicPrototype: false },
  },
};

module.exports = config;
