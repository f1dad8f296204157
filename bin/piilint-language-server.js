#!/usr/bin/env node
'use strict';
// piilint language server. Start with `piilint-language-server --stdio` from any LSP client.
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'server', 'src', 'lsp', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('piilint-language-server: the build output is missing. Run `npm run build` in the piilint folder first.\n');
  process.exit(2);
}
if (!process.argv.slice(2).some((arg) => arg === '--stdio' || arg.startsWith('--node-ipc') || arg.startsWith('--socket') || arg.startsWith('--pipe'))) {
  process.stderr.write('piilint-language-server: choose a transport, e.g. `piilint-language-server --stdio`.\n');
  process.exit(2);
}
require(entry);
