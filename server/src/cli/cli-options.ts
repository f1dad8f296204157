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
    .option('--debug', 'print statistics, timings, budgets and stack traces of internal errors on stderr')
    .version(version, '-v, --version', 'print the version and exit')
    .helpOption('-h, --help', 'show this help and exit')
    .addHelpText('after', HELP_AFTER)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`${toOneLineUsageError(text)}\n`),
    });

  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return { kind: 'exit', exitCode: error.exitCode === 0 ? 0 : FATAL_EXIT_CODE };
    }
    throw error;
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
  }>();
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
    },
  };
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) {
    throw new InvalidArgumentError('expected a whole number of 0 or more.');
  }
  return Number(value);
}

/** Commander's `error: …` (sometimes with a suggestion on a second line) as one `piilint: …` line. */
function toOneLineUsageError(text: string): string {
  const message = text
    .replace(/^error:\s*/i, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join(' ');
  return `piilint: ${message} Run \`piilint --help\` for the options.`;
}
