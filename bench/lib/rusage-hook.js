// @ts-check
'use strict';
/**
 * Preloaded with `node --require` when GNU time is missing: at exit, writes this process' own resource usage
 * (CPU in microseconds, maxRSS in KiB) to the file named by PIILINT_BENCH_RUSAGE. The measured tools are all
 * single-process Node programs, so this is their whole cost.
 */
const fs = require('node:fs');

const target = process.env.PIILINT_BENCH_RUSAGE;
if (target !== undefined && target !== '') {
  // Only the first process writes: tools that fork workers must not overwrite the parent's figures.
  delete process.env.PIILINT_BENCH_RUSAGE;
  process.on('exit', () => {
    fs.writeFileSync(target, JSON.stringify(process.resourceUsage()));
  });
}
