// @ts-check
'use strict';
/**
 * Runs one command and measures it: wall time (our own clock), CPU time (user + sys) and peak resident memory
 * of the child. GNU time (`/usr/bin/time -f`) measures any child; where it is missing, every tool here is a Node
 * program, so a preloaded hook (rusage-hook.js) writes the process' own `process.resourceUsage()` at exit.
 * Input: command, arguments, cwd, timeout. Output: a Measurement; never throws for a failing child, so one
 * broken tool does not stop a benchmark run.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const GNU_TIME = '/usr/bin/time';
const HAS_GNU_TIME = fs.existsSync(GNU_TIME);
const HOOK = path.join(__dirname, 'rusage-hook.js');

/**
 * @typedef {{ wallMs: number, cpuMs: number | null, userMs: number | null, sysMs: number | null, maxRssMiB: number | null,
 *   exitCode: number | null, signal: string | null, isTimedOut: boolean, stdout: string, stderr: string, method: string }} Measurement
 */

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, timeoutMs: number, env?: NodeJS.ProcessEnv }} options
 * @returns {Promise<Measurement>}
 */
function measure(command, args, options) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-bench-'));
  const usageFile = path.join(tmp, 'usage');
  let file = command;
  let argv = args;
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, ...options.env, NO_COLOR: '1' };
  let method;
  if (HAS_GNU_TIME) {
    file = GNU_TIME;
    argv = ['-f', '%e %U %S %M', '-o', usageFile, command, ...args];
    method = 'gnu-time';
  } else {
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --require ${HOOK}`.trim();
    env.PIILINT_BENCH_RUSAGE = usageFile;
    method = 'node-resource-usage';
  }
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, argv, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    /** @type {Buffer[]} */
    const out = [];
    /** @type {Buffer[]} */
    const err = [];
    let outBytes = 0;
    const LIMIT = 4 * 1024 * 1024;
    child.stdout.on('data', (chunk) => {
      outBytes += chunk.length;
      if (outBytes <= LIMIT) out.push(chunk);
    });
    child.stderr.on('data', (chunk) => err.push(chunk));
    let isTimedOut = false;
    const timer = setTimeout(() => {
      isTimedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      let userMs = null;
      let sysMs = null;
      let maxRssMiB = null;
      try {
        const text = fs.readFileSync(usageFile, 'utf8').trim();
        if (method === 'gnu-time') {
          // GNU time writes "Command exited with non-zero status N" before the format line.
          const last = text.split('\n').pop() ?? '';
          const [, user, sys, rssKiB] = last.split(/\s+/).map(Number);
          userMs = (user ?? NaN) * 1000;
          sysMs = (sys ?? NaN) * 1000;
          maxRssMiB = (rssKiB ?? NaN) / 1024;
        } else {
          const usage = JSON.parse(text);
          userMs = usage.userCPUTime / 1000;
          sysMs = usage.systemCPUTime / 1000;
          maxRssMiB = usage.maxRSS / 1024;
        }
      } catch {
        // No usage file: the child was killed before it could be written. The wall time still stands.
      }
      fs.rmSync(tmp, { recursive: true, force: true });
      resolve({
        wallMs,
        cpuMs: userMs !== null && sysMs !== null && Number.isFinite(userMs + sysMs) ? userMs + sysMs : null,
        userMs,
        sysMs,
        maxRssMiB: maxRssMiB !== null && Number.isFinite(maxRssMiB) ? maxRssMiB : null,
        exitCode: code,
        signal,
        isTimedOut,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        method,
      });
    });
  });
}

module.exports = { measure, HAS_GNU_TIME };
