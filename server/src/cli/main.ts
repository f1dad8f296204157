/**
 * Entry point of the `piilint` command (bin/piilint.js requires the compiled file). It wires the real engine, the
 * rule registry and the process's streams into the CLI shell; the shell itself lives in run-cli.ts.
 * The engine (and with it TypeScript and ts-morph) is loaded on first use, so `--version`, `--help` and usage
 * errors answer at once, and a broken engine install is reported as one line by the shell instead of a crash.
 */
import type { AnyRule } from '../engine/rule-api';
import type { CliIo } from './cli-io';
import { readPackageInfo } from './package-info';
import { runCliWith, type CliDependencies } from './run-cli';

export type { CliIo } from './cli-io';

/** Run the CLI with the real engine. Returns the exit code; the caller (the bin) sets `process.exitCode`. */
export function runCli(argv: string[], io: CliIo): Promise<number> {
  return runCliWith(argv, io, createDependencies(io.env));
}

interface Engine {
  readonly runScan: typeof import('../api/lint').runScan;
  readonly findConfigFile: typeof import('../engine/config/index').findConfigFile;
  readonly loadConfig: typeof import('../engine/config/index').loadConfig;
  readonly applyFixes: typeof import('../engine/fixes/apply-fixes').applyFixes;
  readonly rules: readonly AnyRule[];
}

let engine: Engine | undefined;

function loadEngine(): Engine {
  if (engine === undefined) {
    // The Node API's entry (api/lint.ts): the CLI scans exactly as `lint()` does.
    const { runScan } = require('../api/lint') as typeof import('../api/lint');
    const config = require('../engine/config/index') as typeof import('../engine/config/index');
    const { applyFixes } = require('../engine/fixes/apply-fixes') as typeof import('../engine/fixes/apply-fixes');
    const { allRules } = require('../../../rules/index') as typeof import('../../../rules/index');
    engine = { runScan, findConfigFile: config.findConfigFile, loadConfig: config.loadConfig, applyFixes, rules: allRules };
  }
  return engine;
}

/** `env` is what the config's `locale: "auto"` reads (LC_ALL, LC_MESSAGES, LANG). */
export function createDependencies(env: Readonly<Record<string, string | undefined>> = process.env): CliDependencies {
  return {
    scan: (request) => loadEngine().runScan(request, env, request.rules),
    get rules() {
      return loadEngine().rules;
    },
    findConfigFile: (startPath) => loadEngine().findConfigFile(startPath),
    loadConfig: (options) => loadEngine().loadConfig(options),
    applyFixes: (request) => loadEngine().applyFixes(request),
    toolVersion: readPackageInfo().version,
    now: () => Date.now(),
  };
}

/** The CliIo of this process. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    isStderrTTY: process.stderr.isTTY === true,
    isStdoutTTY: process.stdout.isTTY === true,
    env: process.env,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
      return Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
    },
  };
}
