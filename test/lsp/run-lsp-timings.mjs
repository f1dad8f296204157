#!/usr/bin/env node
/**
 * Runs lsp-timings.ts from plain Node (for `npm run bench`, or by hand), after `npm run build`:
 *
 *   node test/lsp/run-lsp-timings.mjs PROJECT [--file FILE] [--edits 50] [--json OUT.json]
 *
 * Prints the figures as JSON (and writes them to OUT.json). The module is compiled with esbuild into dist/ first,
 * so no TypeScript loader is needed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { file: { type: 'string' }, edits: { type: 'string' }, json: { type: 'string' } },
});
if (positionals.length !== 1) {
  console.error('usage: node test/lsp/run-lsp-timings.mjs PROJECT [--file FILE] [--edits 50] [--json OUT.json]');
  process.exit(2);
}
const outfile = path.join(ROOT, 'dist', 'test', 'lsp-timings.cjs');
await esbuild.build({ entryPoints: [path.join(ROOT, 'test', 'lsp', 'lsp-timings.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', packages: 'external', logLevel: 'warning' });
const { measureLspTimings } = createRequire(import.meta.url)(outfile);
const timings = await measureLspTimings({
  project: positionals[0],
  file: values.file,
  edits: values.edits === undefined ? undefined : Number(values.edits),
  serverScript: path.join(ROOT, 'bin', 'piilint-language-server.js'),
});
const text = JSON.stringify(timings, null, 2);
if (values.json) fs.writeFileSync(values.json, `${text}\n`);
console.log(text);
