/**
 * Command-line arguments: the commander program and the typed options it yields. Parsing never exits the
 * process: help and version end with exit code 0, any usage error with one line on stderr and exit code 2.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { LOCALES, type Locale } from '../engine/rule-api';
import type { CliIo } from './cli-io';
import { FORMAT_NAMES, type FormatName } from './formatters';

export interface CliOptions {
  /** Files, folders or globs as given; empty means the current folder. */
  readonly paths: readonly string[];
  readonly format: FormatName;
  readonly output?: string;
  readonly config?: string;
  /** Exit 1 when there are more warnings than this; undefined: no limit. */
  readonly maxWarnings?: number;
  readonly isFix: boolean;
  readonly isQuiet: boolean;
  /** `--color` (always), `--no-color` (never), or neither (undefined: decided by the environment). */
  readonly colorChoice?: ColorChoice;
  /** `--print-config FILE` (the file) or `--print-config` alone (true). */
  readonly printConfig?: string | true;
  readonly locale?: Locale;
  readonly isDebug: boolean;
  /** `--baseline FILE`: report only findings this baseline does not accept. */
  readonly baseline?: string;
  /** `--changed-since REF`: report only findings that touch lines changed since this git ref. */
  readonly changedSince?: string;
  /** `--shard i/n`, 0-based as `ScanRequest.shard` has it (`--shard 2/4` is `{ index: 1, count: 4 }`). */
  readonly shard?: Shard;
  /** `--cache`: keep results between runs in `cacheLocation` and analyse only what a change can affect. */
  readonly isCache: boolean;
  /** `--cache-location DIR` as given (relative to the current folder); undefined: `DEFAULT_CACHE_LOCATION`. */
  readonly cacheLocation?: string;
}

/** Where `--cache` keeps its files, relative to the current folder (where build tools keep theirs). */
export const DEFAULT_CACHE_LOCATION = 'node_modules/.cache/piilint';

export interface Shard {
  readonly index: number;
  readonly count: number;
}

export type ColorChoice = 'always' | 'never';

export type ParsedArguments =
  | { readonly kind: 'run'; readonly options: CliOptions }
  | { readonly kind: 'exit'; readonly exitCode: number };

/** Usage, configuration or internal error (ESLint uses the same code). */
export const FATAL_EXIT_CODE = 2;

const HELP_AFTER = `
Exit codes:
  0  no error-level finding (and warnings within --max-warnings)
  1  error-level findings, or more warnings than --max-warnings
  2  usage, configuration or internal error

Examples:
  piilint                                  check the current folder
  piilint src "lib/**/*.ts"                check some folders and a glob
  piilint --format sarif --output piilint.sarif
  piilint --fix                            apply the safe fixes, then report what is left
  piilint --print-config src/kiosk/enroll.ts
  piilint --baseline piilint.baseline.json --changed-since origin/main
                                           fail only on new findings in the lines a pull request changed
  piilint --shard 2/4 --format sarif --output shard-2.sarif
  piilint --cache                          analyse again only what changed since the last --cache run

Commands:
  piilint baseline create [paths...]       write the current findings to a baseline (piilint.baseline.json)
  piilint baseline prune [paths...]        remove the baseline entries that no longer match a finding
  piilint merge-sarif OUT IN...            combine the SARIF reports of --shard runs into one
  (Run any of them with --help for their options; to check a folder with one of these names, write ./baseline.)

Suppress one finding with a reason:
  // piilint-disable-next-line no-id-number-logging -- masked by the gateway before storage

Documentation: https://github.com/piilint/piilint/blob/main/docs/cli.md
`;

export function parseArguments(argv: readonly string[], io: CliIo, version: string): ParsedArguments {
  const program = new Command('piilint')
    .description(
      'Privacy linter for TypeScript and JavaScript: finds personal data (biometrics, ID numbers, camera frames) reaching places it must not reach unprotected.',
    )
    .argument('[paths...]', 'files, folders or globs to check (default: the current folder)')
    .addOption(new Option('-f, --format <name>', 'report format').choices(FORMAT_NAMES).default('stylish'))
    .option('-o, --output <file>', 'write the report to this file (atomically, creating folders) instead of stdout')
    .option('-c, --config <file>', 'use this config file instead of the nearest piilint.config.json')
    .option('--max-warnings <n>', 'exit with code 1 when there are more than n warnings', parseCount)
    .option('--fix', 'apply the safe fixes to the files, then report what is left')
    .option('--quiet', 'report errors only')
    .option('--color', 'colour the report even when stdout is not a terminal')
    .option('--no-color', 'do not colour the report (NO_COLOR is honoured too)')
    .option('--print-config [file]', 'print the resolved configuration for a file as JSON and exit')
    .addOption(new Option('--locale <locale>', 'language of the messages').choices(LOCALES))
    .option('--baseline <file>', 'report only findings that this baseline (piilint baseline create) does not accept')
    .option('--changed-since <ref>', 'report only findings whose sink, source or path touches lines changed since this git ref')
    .option('--shard <i/n>', 'check only shard i of n (1-based) of the files, for parallel CI jobs; see merge-sarif', parseShard)
    .option('--cache', 'keep what each file gave in a cache; the next --cache run analyses only the files a change can affect')
    .option('--cache-location <folder>', `folder for the --cache files (default: ${DEFAULT_CACHE_LOCATION})`)
    .option('--debug', 'print statistics, timings, budgets and stack traces of internal errors on stderr')
    .version(version, '-v, --version', 'print the version and exit')
    .helpOption('-h, --help', 'show this help and exit')
    .addHelpText('after', HELP_AFTER)
    .showSuggestionAfterError(true);
  const exitCode = parseWith(program, argv, io, 'piilint --help');
  if (exitCode !== undefined) {
    return { kind: 'exit', exitCode };
  }

  const raw = program.opts<{
    format: FormatName;
    output?: string;
    config?: string;
    maxWarnings?: number;
    fix?: boolean;
    quiet?: boolean;
    color?: boolean;
    printConfig?: string | true;
    locale?: Locale;
    debug?: boolean;
    baseline?: string;
    changedSince?: string;
    shard?: Shard;
    cache?: boolean;
    cacheLocation?: string;
  }>();
  if (raw.cacheLocation !== undefined && raw.cache !== true) {
    io.stderr.write('piilint: --cache-location needs --cache: add --cache to keep a cache there. Run `piilint --help` for the options.\n');
    return { kind: 'exit', exitCode: FATAL_EXIT_CODE };
  }
  return {
    kind: 'run',
    options: {
      paths: program.args,
      format: raw.format,
      output: raw.output,
      config: raw.config,
      maxWarnings: raw.maxWarnings,
      isFix: raw.fix === true,
      isQuiet: raw.quiet === true,
      colorChoice: raw.color === undefined ? undefined : raw.color ? 'always' : 'never',
      printConfig: raw.printConfig,
      locale: raw.locale,
      isDebug: raw.debug === true,
      baseline: raw.baseline,
      changedSince: raw.changedSince,
      shard: raw.shard,
      isCache: raw.cache === true,
      cacheLocation: raw.cacheLocation,
    },
  };
}

export interface BaselineCommandOptions {
  readonly action: 'create' | 'prune';
  readonly paths: readonly string[];
  /** The baseline file (default piilint.baseline.json). */
  readonly baseline: string;
  readonly config?: string;
  /** `create`: reason and author of entries that are new to the baseline. */
  readonly reason?: string;
  readonly author?: string;
  readonly isDebug: boolean;
}

export type ParsedBaselineArguments =
  | { readonly kind: 'run'; readonly options: BaselineCommandOptions }
  | { readonly kind: 'exit'; readonly exitCode: number };

const BASELINE_HELP_AFTER = `
The baseline is JSON meant to be reviewed in pull requests: one entry per accepted finding (fingerprint, rule, file,
line, function, snippet, and an optional reason and author). Run piilint from the same folder every time you use it
(normally the repository root): file paths and fingerprints are relative to it.

  create  writes every current finding (suppressed ones and parse errors excepted); entries that were already in the
          file keep their reason and author, new ones get --reason and --author.
  prune   removes the entries that no longer match a finding, and adds nothing.

Examples:
  piilint baseline create --reason "legacy CRM, see PRIV-142" --author "dealer-crm team"
  piilint --baseline piilint.baseline.json   report only findings that are not in the baseline
  piilint baseline prune                     after fixing some accepted findings

Documentation: https://github.com/piilint/piilint/blob/main/docs/ci.md
`;

export function parseBaselineArguments(argv: readonly string[], io: CliIo, version: string): ParsedBaselineArguments {
  const [action, ...rest] = argv;
  if (action !== 'create' && action !== 'prune') {
    const isHelp = action === '--help' || action === '-h';
    const usage = [
      'Usage: piilint baseline create [options] [paths...]',
      '       piilint baseline prune [options] [paths...]',
      BASELINE_HELP_AFTER,
    ].join('\n');
    if (isHelp) {
      io.stdout.write(`${usage}\n`);
      return { kind: 'exit', exitCode: 0 };
    }
    io.stderr.write(
      `piilint: \`piilint baseline\` needs an action, create or prune${action === undefined ? '' : ` (got "${action}")`}. Run \`piilint baseline --help\`; to check a folder named baseline, write ./baseline.\n`,
    );
    return { kind: 'exit', exitCode: FATAL_EXIT_CODE };
  }
  const program = new Command(`piilint baseline ${action}`)
    .description(
      action === 'create'
        ? 'Write the current findings to a baseline file, keeping the reason and author of entries already in it.'
        : 'Remove the baseline entries that no longer match a finding.',
    )
    .argument('[paths...]', 'files, folders or globs to check (default: the current folder)')
    .option('--baseline <file>', 'the baseline file', 'piilint.baseline.json')
    .option('-c, --config <file>', 'use this config file instead of the nearest piilint.config.json')
    .option('--debug', 'print the stack trace of internal errors on stderr')
    .version(version, '-v, --version', 'print the version and exit')
    .helpOption('-h, --help', 'show this help and exit')
    .addHelpText('after', BASELINE_HELP_AFTER)
    .showSuggestionAfterError(true);
  if (action === 'create') {
    program
      .option('--reason <text>', 'reason recorded on entries new to the baseline')
      .option('--author <name>', 'author recorded on entries new to the baseline');
  }
  const exitCode = parseWith(program, rest, io, `piilint baseline ${action} --help`);
  if (exitCode !== undefined) {
    return { kind: 'exit', exitCode };
  }
  const raw = program.opts<{ baseline: string; config?: string; reason?: string; author?: string; debug?: boolean }>();
  return {
    kind: 'run',
    options: {
      action,
      paths: program.args,
      baseline: raw.baseline,
      config: raw.config,
      reason: raw.reason,
      author: raw.author,
      isDebug: raw.debug === true,
    },
  };
}

export interface MergeSarifOptions {
  readonly output: string;
  readonly inputs: readonly string[];
  readonly isDebug: boolean;
}

export type ParsedMergeSarifArguments =
  | { readonly kind: 'run'; readonly options: MergeSarifOptions }
  | { readonly kind: 'exit'; readonly exitCode: number };

const MERGE_SARIF_HELP_AFTER = `
Combines the SARIF reports of piilint runs (one per --shard) into one run: rules are listed once, results and
artifacts are concatenated, invocations are merged (the run succeeded only if every shard did). OUT is written
atomically; globs in IN are expanded by your shell.

Example:
  piilint merge-sarif piilint.sarif shards/piilint-*.sarif

Documentation: https://github.com/piilint/piilint/blob/main/docs/ci.md
`;

export function parseMergeSarifArguments(argv: readonly string[], io: CliIo, version: string): ParsedMergeSarifArguments {
  const program = new Command('piilint merge-sarif')
    .description('Combine the SARIF reports of several piilint runs (shards) into one SARIF run.')
    .argument('<out>', 'the SARIF file to write')
    .argument('<in...>', 'SARIF files written by piilint --format sarif')
    .option('--debug', 'print the stack trace of internal errors on stderr')
    .version(version, '-v, --version', 'print the version and exit')
    .helpOption('-h, --help', 'show this help and exit')
    .addHelpText('after', MERGE_SARIF_HELP_AFTER);
  const exitCode = parseWith(program, argv, io, 'piilint merge-sarif --help');
  if (exitCode !== undefined) {
    return { kind: 'exit', exitCode };
  }
  const [output, ...inputs] = program.args;
  return { kind: 'run', options: { output: output ?? '', inputs, isDebug: program.opts<{ debug?: boolean }>().debug === true } };
}

/**
 * Parse without ever exiting the process: help and version give exit code 0, a usage error one line on stderr and
 * exit code 2. Returns undefined when the command should run.
 */
function parseWith(program: Command, argv: readonly string[], io: CliIo, helpCommand: string): number | undefined {
  program.exitOverride().configureOutput({
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
    outputError: (text, write) => write(`${toOneLineUsageError(text, helpCommand)}\n`),
  });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : FATAL_EXIT_CODE;
    }
    throw error;
  }
  return undefined;
}

/** `2/4` → `{ index: 1, count: 4 }`: 1-based on the command line, 0-based in `ScanRequest.shard`. */
export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new InvalidArgumentError('Expected i/n with 1 ≤ i ≤ n, such as 2/4 for the second of four shards.');
  }
  return { index: index - 1, count };
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) {
    throw new InvalidArgumentError('expected a whole number of 0 or more.');
  }
  return Number(value);
}

/** Commander's `error: …` (sometimes with a suggestion on a second line) as one `piilint: …` line. */
function toOneLineUsageError(text: string, helpCommand: string): string {
  const message = text
    .replace(/^error:\s*/i, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join(' ');
  const sentence = /[.!?]$/.test(message) ? message : `${message}.`;
  return `piilint: ${sentence} Run \`${helpCommand}\` for the options.`;
}
