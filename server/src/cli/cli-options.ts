/**
 * Command-line arguments: the commander program and the typed options it yields. Parsing never exits the
 * process: help and version end with exit code 0, any usage error with one line on stderr and exit code 2.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { localeFromEnvironment } from '../api/locale';
import { LOCALES, type Locale } from '../engine/rule-api';
import { cliText, type CliText } from '../i18n/cli-text';
import type { CliIo } from './cli-io';
import { EXTRA_OUTPUT_FORMATS, FORMAT_NAMES, type ExtraOutputFormat, type FormatName } from './formatters';

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
  /** `--locale en|zh-CN`; undefined for `auto` or no `--locale` (the config's, else the environment's). */
  readonly locale?: Locale;
  /** The language of the CLI's own messages before the config is read: `--locale`, else the environment's. */
  readonly interfaceLocale: Locale;
  /** `--output-sarif FILE` and the like: reports written besides the main one, in the order given. */
  readonly extraOutputs: readonly { readonly format: ExtraOutputFormat; readonly file: string }[];
  /** `--stdin`: check standard input as the content of `stdinFilename`. */
  readonly isStdin: boolean;
  readonly stdinFilename?: string;
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


export function parseArguments(argv: readonly string[], io: CliIo, version: string): ParsedArguments {
  const interfaceLocale = localeOfArguments(argv, io.env);
  const t = cliText(interfaceLocale);
  const program = new Command('piilint')
    .description(t.help.program)
    .argument('[paths...]', t.help.paths)
    .addOption(new Option('-f, --format <name>', t.help.format).choices(FORMAT_NAMES).default('stylish'))
    .option('-o, --output <file>', t.help.output)
    .option('-c, --config <file>', t.help.config)
    .option('--max-warnings <n>', t.help.maxWarnings, (value: string) => parseCount(value, interfaceLocale))
    .option('--fix', t.help.fix)
    .option('--quiet', t.help.quiet)
    .option('--color', t.help.color)
    .option('--no-color', t.help.noColor)
    .option('--print-config [file]', t.help.printConfig)
    .addOption(new Option('--locale <locale>', t.help.locale).choices([...LOCALES, 'auto']))
    .option('--baseline <file>', t.help.baseline)
    .option('--changed-since <ref>', t.help.changedSince)
    .option('--shard <i/n>', t.help.shard, (value: string) => parseShard(value, interfaceLocale))
    .option('--cache', t.help.cache)
    .option('--cache-location <folder>', t.help.cacheLocation)
    .option('--stdin', t.help.stdin)
    .option('--stdin-filename <file>', t.help.stdinFilename)
    .option('--debug', t.help.debug)
    .version(version, '-v, --version', t.help.version)
    .helpOption('-h, --help', t.help.help)
    .addHelpText('after', t.helpAfter)
    .showSuggestionAfterError(true);
  const outputFormatHelp = t.help.outputFormat.slice(0, Math.max(0, t.help.outputFormat.lastIndexOf(t.help.outputFormat.includes('（') ? '（' : '('))).trimEnd();
  for (const format of EXTRA_OUTPUT_FORMATS) program.option(`--output-${format} <file>`, `${outputFormatHelp} (${format})`);
  const exitCode = parseWith(program, argv, io, 'piilint --help', interfaceLocale);
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
    locale?: Locale | 'auto';
    debug?: boolean;
    baseline?: string;
    changedSince?: string;
    shard?: Shard;
    cache?: boolean;
    cacheLocation?: string;
    stdin?: boolean;
    stdinFilename?: string;
  }>();
  const usage = (message: string): ParsedArguments => {
    io.stderr.write(`${message}\n`);
    return { kind: 'exit', exitCode: FATAL_EXIT_CODE };
  };
  if (raw.cacheLocation !== undefined && raw.cache !== true) return usage(t.cacheLocationNeedsCache);
  if (raw.stdin === true && raw.stdinFilename === undefined) return usage(t.stdinNeedsFilename);
  if (raw.stdin === true && program.args.length > 0) return usage(t.stdinWithPaths);
  if (raw.stdin === true && raw.fix === true) return usage(t.stdinWithFix);
  const extraOutputs = EXTRA_OUTPUT_FORMATS.flatMap((format) => {
    const file = program.getOptionValue(`output${format[0]!.toUpperCase()}${format.slice(1)}`) as string | undefined;
    return file === undefined ? [] : [{ format, file }];
  });
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
      locale: raw.locale === 'auto' ? undefined : raw.locale,
      interfaceLocale,
      extraOutputs,
      isStdin: raw.stdin === true,
      stdinFilename: raw.stdinFilename,
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
function parseWith(program: Command, argv: readonly string[], io: CliIo, helpCommand: string, locale: Locale = localeOfArguments(argv, io.env)): number | undefined {
  let errorText: string | undefined;
  program.exitOverride().configureOutput({
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
    // Written below, once the error's code is known, so that it can be said in the user's language.
    outputError: (text) => {
      errorText = text;
    },
  });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode !== 0) io.stderr.write(`${toOneLineUsageError(errorText ?? error.message, error.code, helpCommand, cliText(locale), locale)}\n`);
      return error.exitCode === 0 ? 0 : FATAL_EXIT_CODE;
    }
    throw error;
  }
  return undefined;
}

/** The language of the CLI's messages before the config is read: `--locale en|zh-CN`, else the environment's. */
export function localeOfArguments(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Locale {
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    const value = argument === '--locale' ? argv[index + 1] : argument.startsWith('--locale=') ? argument.slice('--locale='.length) : undefined;
    if (value === 'en' || value === 'zh-CN') return value;
  }
  return localeFromEnvironment(env);
}

/** `2/4` → `{ index: 1, count: 4 }`: 1-based on the command line, 0-based in `ScanRequest.shard`. */
export function parseShard(value: string, locale: Locale = 'en'): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new InvalidArgumentError(
      locale === 'zh-CN' ? '应为 i/n 且 1 ≤ i ≤ n，例如 2/4 表示四个分片中的第二个。' : 'Expected i/n with 1 ≤ i ≤ n, such as 2/4 for the second of four shards.',
    );
  }
  return { index: index - 1, count };
}

function parseCount(value: string, locale: Locale = 'en'): number {
  if (!/^\d+$/.test(value)) {
    throw new InvalidArgumentError(locale === 'zh-CN' ? '应为 0 或更大的整数。' : 'expected a whole number of 0 or more.');
  }
  return Number(value);
}

/**
 * Commander's `error: …` (sometimes with a suggestion on a second line) as one `piilint: …` line, in the user's
 * language: commander writes English, so in Chinese its message is rebuilt from the error's code and the quoted
 * parts of its text (the option, the value, the suggestion).
 */
function toOneLineUsageError(text: string, code: string, helpCommand: string, t: CliText, locale: Locale): string {
  const message = text
    .replace(/^error:\s*/i, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join(' ');
  return t.usageError(locale === 'zh-CN' ? commanderMessageInChinese(code, message) : message, helpCommand);
}

/** The rest of `text` after the last `marker` (string search: a lazy regex to the end is quadratic, issue #21). */
function textAfter(text: string, marker: string): string | undefined {
  const at = text.lastIndexOf(marker);
  return at === -1 ? undefined : text.slice(at + marker.length);
}

function commanderMessageInChinese(code: string, message: string): string {
  const quoted = [...message.matchAll(/'([^']*)'/g)].map((match) => match[1]!);
  const suggestion = textAfter(message, 'Did you mean ')?.replace(/\?\)?$/, '');
  const hint = suggestion === undefined ? '' : `（您是否想用 ${suggestion}？）`;
  switch (code) {
    case 'commander.unknownOption':
      return `未知选项 '${quoted[0] ?? ''}'${hint}`;
    case 'commander.unknownCommand':
      return `未知命令 '${quoted[0] ?? ''}'${hint}`;
    case 'commander.optionMissingArgument':
      return `选项 '${quoted[0] ?? ''}' 缺少参数`;
    case 'commander.missingArgument':
      return `缺少必需的参数 '${quoted[0] ?? ''}'`;
    case 'commander.excessArguments':
      return `参数过多`;
    case 'commander.invalidArgument': {
      const choices = textAfter(message, 'Allowed choices are ')?.replace(/\.$/, '');
      const reason = choices === undefined ? message.replace(/^.*? is invalid\.\s*/, '') : `可用的值：${choices}`;
      return `选项 '${quoted[0] ?? ''}' 的值 '${quoted[1] ?? ''}' 无效。${reason}`;
    }
    default:
      return message;
  }
}
