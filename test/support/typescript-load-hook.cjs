/**
 * Preloaded into a spawned piilint process (`node --require`, or NODE_OPTIONS) by tests that check when, or
 * whether, TypeScript is loaded (issue #19 §3 and §5). The first time the process requires `typescript`, `ts-morph`
 * or `@ts-morph/common`, it appends `loaded <request>` to the file named by PIILINT_TYPESCRIPT_LOAD_LOG,
 * synchronously: whatever the process writes after that line was written after TypeScript started loading.
 */
'use strict';
const fs = require('node:fs');
const Module = require('node:module');

const log = process.env.PIILINT_TYPESCRIPT_LOAD_LOG;
const TYPESCRIPT = /^(typescript|ts-morph|@ts-morph\/common)(\/|$)/;
const load = Module._load;
let isLoaded = false;

Module._load = function loadWatched(request, ...rest) {
  if (!isLoaded && log && TYPESCRIPT.test(request)) {
    isLoaded = true;
    fs.appendFileSync(log, `loaded ${request}\n`);
  }
  return load.call(this, request, ...rest);
};
