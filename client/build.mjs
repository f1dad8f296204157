#!/usr/bin/env node
/**
 * Builds the VS Code extension: type-checks client/, bundles the extension and the language server with esbuild
 * into client/dist/ (extension.js, server.js: everything they import is inside, so the .vsix needs no
 * node_modules), copies the config schema for `jsonValidation` and the rule READMEs (offline documentation), and with `--package` writes the .vsix with vsce.
 *
 *   node client/build.mjs            bundle only
 *   node client/build.mjs --package  bundle, then dist/vsix/piilint-vscode-<version>.vsix   (npm run package)
 *
 * The extension's own tools (@types/vscode, @vscode/vsce) are devDependencies of client/package.json, installed
 * here on first use, so the repository's root dependencies stay what the CLI and server need.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleExtension, bundleServer } from './bundle.mjs';

const CLIENT = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(CLIENT);
const OUT = path.join(CLIENT, 'dist');
const isPackaging = process.argv.includes('--package');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args, cwd) {
  try {
    execFileSync(command, args, { cwd, stdio: 'inherit' });
  } catch {
    console.error(`client/build.mjs: \`${path.basename(command)} ${args.join(' ')}\` failed (see above).`);
    process.exit(1);
  }
}

if (!fs.existsSync(path.join(CLIENT, 'node_modules', '@types', 'vscode')) || (isPackaging && !fs.existsSync(path.join(CLIENT, 'node_modules', '@vscode', 'vsce')))) {
  run(npm, ['ci', '--no-audit', '--no-fund'], CLIENT);
}

// Type-check the client against the VS Code API it declares in `engines.vscode` (esbuild only strips types).
run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(CLIENT, 'tsconfig.json')], ROOT);

fs.rmSync(OUT, { recursive: true, force: true });
await bundleExtension(path.join(OUT, 'extension.js'));
await bundleServer(path.join(OUT, 'server.js'));
fs.mkdirSync(path.join(OUT, 'schema'), { recursive: true });
fs.copyFileSync(path.join(ROOT, 'schema', 'piilint.config.schema.json'), path.join(OUT, 'schema', 'piilint.config.schema.json'));
// The rule READMEs, opened by *Open Rule Documentation* when the web page cannot be reached (client/src/rule-docs.ts).
for (const entry of fs.readdirSync(path.join(ROOT, 'rules'), { withFileTypes: true })) {
  const readme = path.join(ROOT, 'rules', entry.name, 'README.md');
  if (!entry.isDirectory() || !fs.existsSync(readme)) continue;
  fs.mkdirSync(path.join(OUT, 'rules', entry.name), { recursive: true });
  fs.copyFileSync(readme, path.join(OUT, 'rules', entry.name, 'README.md'));
}

for (const file of ['extension.js', 'server.js']) {
  console.log(`client/dist/${file}: ${(fs.statSync(path.join(OUT, file)).size / 1024 / 1024).toFixed(2)} MiB`);
}

if (isPackaging) {
  const { version } = JSON.parse(fs.readFileSync(path.join(CLIENT, 'package.json'), 'utf8'));
  const vsix = path.join(ROOT, 'dist', 'vsix', `piilint-vscode-${version}.vsix`);
  fs.mkdirSync(path.dirname(vsix), { recursive: true });
  run(process.execPath, [path.join(CLIENT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--skip-license', '--out', vsix], CLIENT);
  console.log(`${path.relative(ROOT, vsix)}: ${(fs.statSync(vsix).size / 1024 / 1024).toFixed(2)} MiB`);
}
