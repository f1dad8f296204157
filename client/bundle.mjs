/**
 * The esbuild settings of the two bundles in the .vsix, shared by build.mjs and the test that runs the bundled
 * server (test/lsp/bundled-server.test.ts).
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const CLIENT = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(CLIENT);

const COMMON = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // ESM builds first: the UMD builds of jsonc-parser and vscode-languageserver-types hide their requires from bundlers.
  mainFields: ['module', 'main'],
  minify: true,
  legalComments: 'none',
  // ESM dependencies (fdir, under tinyglobby) call createRequire(import.meta.url), which a CommonJS bundle lacks.
  define: { 'import.meta.url': '__piilintImportMetaUrl' },
  banner: { js: "var __piilintImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
};

/** The extension (client/src/extension.ts); `vscode` is provided by the editor. */
export function bundleExtension(outfile) {
  return esbuild.build({ ...COMMON, entryPoints: [path.join(CLIENT, 'src', 'extension.ts')], outfile, external: ['vscode'] });
}

/** The language server with the engine, the rules, ts-morph and TypeScript: one file that runs on plain Node. */
export function bundleServer(outfile) {
  return esbuild.build({ ...COMMON, entryPoints: [path.join(ROOT, 'server', 'src', 'lsp', 'main.ts')], outfile });
}
