#!/usr/bin/env node
'use strict';
// The `piilint` command. All the work is in dist/server/src/cli/ (compiled from server/src/cli/); this file only
// runs it and is the one place that sets the process's exit code.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const entry = path.join(root, 'dist', 'server', 'src', 'cli', 'main.js');

// `piilint … | head` closes stdout early; that is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') {
    throw error;
  }
});

function fail(message) {
  process.stderr.write(`piilint: ${message}\n`);
  process.exitCode = 2;
}

function firstLine(error) {
  return String(error && error.message ? error.message : error).split('\n')[0];
}

if (!fs.existsSync(entry)) {
  fail(`the compiled CLI is missing (${entry}). Run \`npm run build\` in ${root} first.`);
} else {
  let cli;
  try {
    cli = require(entry);
  } catch (error) {
    fail(`cannot load the compiled CLI (${firstLine(error)}). Run \`npm run build\` in ${root}, then try again.`);
  }
  if (cli !== undefined) {
    cli.runCli(process.argv.slice(2), cli.processIo()).then(
      (exitCode) => {
        process.exitCode = exitCode;
      },
      (error) => fail(`internal error: ${firstLine(error)}. Run again with --debug to see the stack trace.`),
    );
  }
}
