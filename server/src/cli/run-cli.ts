/**
 * The CLI shell, thin over the engine: arguments in, one scan (two with `--fix`), a report out, an exit code back.
 * Input: argv (without `node` and the script), the process's streams and environment (CliIo), and the engine
 * entry points (CliDependencies), so tests can run it in-process with a fake engine.
 * Output: the exit code, as ESLint's: 0 no error-level finding (and warnings within --max-warnings), 1 error-level
 * findings or too many warnings, 2 usage, configuration or internal error (or an incomplete run).
 * Invariant: the report goes to stdout (or --output) and nothing else does; notices, progress, the fix summary,
 * debug output and errors go to stderr. A user error is one line without a stack; an internal error is one line
 * pointing to --debug. Only the bin sets `process.exitCode`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import picocolors from 'picocolors';
import { ConfigError, InputPathError, isUserError } from '../engine/errors';
import type { ApplyFixesRequest, ApplyFixesSummary } from '../engine/fixes/apply-fixes';
import type { Notice } from '../engine/findings/finding';
import type { ResolvedConfig } from '../engine/config/config-types';
import type { AnyRule } from '../engine/rule-api';
import type { RunStats, ScanRequest, ScanResult } from '../engine/scan-types';
import { parseArguments, FATAL_EXIT_CODE, type CliOptions } from './cli-options';
import type { CliIo } from './cli-io';
import { shouldUseColor } from './color';
import { FORMATTERS } from './formatters';
import { countFindings } from './formatters/count-findings';
import { toReportPath } from './formatters/report-paths';
import { isRunComplete } from './formatters/run-health';
import { createProgressReporter } from './progress';
import { writeReport } from './write-report';

export interface CliDependencies {
  readonly scan: (request: ScanRequest) => Promise<ScanResult>;
  /** The rule registry (rules/index.ts). */
  readonly rules: readonly AnyRule[];
  readonly findConfigFile: (startPath: string) => string | undefined;
  readonly loadConfig: (options: { file?: string; rules: readonly AnyRule[]; cwd?: string }) => ResolvedConfig;
  readonly applyFixes: (request: ApplyFixesRequest) => Promise<ApplyFixesSummary>;
  readonly toolVersion: string;
  /** Wall clock in epoch milliseconds (progress throttling, the --fix changed-on-disk check). */
  readonly now: () => number;
}

const ISSUES_URI = 'https://github.com/piilint/piilint/issues';
/**
 * For a file a fix edits but the engine did not read: file time stamps come from a coarse kernel clock that can
 * lag the wall clock by a few milliseconds, so a file modified this close before the scan started is treated as
 * possibly modified during it, and is not fixed.
 */
const MTIME_MARGIN_MS = 50;
const GLOB_CHARACTERS = /[*?[\]{}!]/;

export async function runCliWith(argv: readonly string[], io: CliIo, deps: CliDependencies): Promise<number> {
  const parsed = parseArguments(argv, io, deps.toolVersion);
  if (parsed.kind === 'exit') {
    return parsed.exitCode;
  }
  const { options } = parsed;
  try {
    if (options.printConfig !== undefined) {
      return printConfig(options, io, deps);
    }
    return await lint(options, io, deps);
  } catch (error) {
    return reportError(error, io, options.isDebug);
  }
}

async function lint(options: CliOptions, io: CliIo, deps: CliDependencies): Promise<number> {
  checkPathsExist(options.paths, io.cwd);
  const request: Omit<ScanRequest, 'onProgress'> = {
    cwd: io.cwd,
    paths: options.paths,
    configFile: options.config === undefined ? undefined : path.resolve(io.cwd, options.config),
    rules: deps.rules,
    locale: options.locale,
  };

  const scanStartedAt = deps.now();
  let result = await scanWithProgress(request, options, io, deps);
  if (options.isFix) {
    const analysed = result;
    const summary = await deps.applyFixes({
      findings: analysed.findings,
      // The engine's own text of each file it read; a file it did not read must not have changed since the scan.
      analysedContent: (file) => {
        const text = analysed.texts.get(file);
        return text === undefined ? { unmodifiedSince: scanStartedAt - MTIME_MARGIN_MS } : { text };
      },
    });
    printFixSummary(summary, io);
    if (summary.filesFixed.length > 0) {
      // Report what is left on disk, not what was there before the fixes.
      result = await scanWithProgress(request, options, io, deps);
    }
  }

  const reported: ScanResult = options.isQuiet
    ? { ...result, findings: result.findings.filter((finding) => finding.severity === 'error') }
    : result;
  const isColored = options.output === undefined && shouldUseColor(options.colorChoice, io.env, io.isStdoutTTY === true);
  const text = FORMATTERS[options.format](reported, { cwd: io.cwd, toolVersion: deps.toolVersion, isColored });
  if (options.output === undefined) {
    io.stdout.write(text);
  } else {
    await writeReport(path.resolve(io.cwd, options.output), text);
  }

  printNotices(result.notices, options, io);
  if (options.isDebug) {
    printDebugStats(result.stats, io);
  }
  return exitCodeOf(result, options, io);
}

async function scanWithProgress(
  request: Omit<ScanRequest, 'onProgress'>,
  options: CliOptions,
  io: CliIo,
  deps: CliDependencies,
): Promise<ScanResult> {
  const progress = createProgressReporter({
    stream: io.stderr,
    isEnabled: io.isStderrTTY,
    now: deps.now,
    locale: options.locale ?? 'en',
  });
  try {
    return await deps.scan({ ...request, onProgress: progress.onProgress });
  } finally {
    progress.stop();
  }
}

function exitCodeOf(result: ScanResult, options: CliOptions, io: CliIo): number {
  if (!isRunComplete(result.notices)) {
    io.stderr.write('piilint: some files were not checked because of an internal error (see the internal-error notices above), so the run fails.\n');
    return FATAL_EXIT_CODE;
  }
  // Warnings count towards --max-warnings even with --quiet, as in ESLint.
  const counts = countFindings(result.findings);
  if (counts.errorCount > 0) {
    return 1;
  }
  if (options.maxWarnings !== undefined && counts.warningCount > options.maxWarnings) {
    io.stderr.write(
      `piilint: ${counts.warningCount} warnings found, more than --max-warnings ${options.maxWarnings} allows.\n`,
    );
    return 1;
  }
  return 0;
}

function printConfig(options: CliOptions, io: CliIo, deps: CliDependencies): number {
  const target = path.resolve(
    io.cwd,
    typeof options.printConfig === 'string' ? options.printConfig : (options.paths[0] ?? '.'),
  );
  const file =
    options.config === undefined ? deps.findConfigFile(target) : path.resolve(io.cwd, options.config);
  const config = deps.loadConfig({ file, rules: deps.rules, cwd: io.cwd });
  io.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
  return 0;
}

/** Fail fast, before any work, on a path that is not there; globs are left to the engine. */
function checkPathsExist(paths: readonly string[], cwd: string): void {
  for (const given of paths) {
    if (GLOB_CHARACTERS.test(given)) {
      continue;
    }
    const absolute = path.resolve(cwd, given);
    if (!fs.existsSync(absolute)) {
      throw new InputPathError(
        `No such file or folder: ${given} (looked for ${absolute}). Check the path, or quote a glob so that the shell does not expand it.`,
        absolute,
      );
    }
  }
}

function printFixSummary(summary: ApplyFixesSummary, io: CliIo): void {
  const files = summary.filesFixed.length;
  io.stderr.write(
    `piilint: applied ${summary.fixesApplied} fix${summary.fixesApplied === 1 ? '' : 'es'} in ${files} file${files === 1 ? '' : 's'}.\n`,
  );
  if (summary.fixesSkippedOverlap > 0) {
    io.stderr.write(
      `piilint: skipped ${summary.fixesSkippedOverlap} fix${summary.fixesSkippedOverlap === 1 ? '' : 'es'} that overlapped another; run piilint --fix again to apply ${summary.fixesSkippedOverlap === 1 ? 'it' : 'them'}.\n`,
    );
  }
  for (const conflict of summary.conflicts) {
    io.stderr.write(
      `piilint: not fixed: ${toReportPath(io.cwd, conflict.file)}: ${conflict.message} (${conflict.reason}).\n`,
    );
  }
}

function printNotices(notices: readonly Notice[], options: CliOptions, io: CliIo): void {
  const colors = picocolors.createColors(shouldUseColor(options.colorChoice, io.env, io.isStderrTTY));
  for (const notice of notices) {
    if (options.isQuiet && notice.level !== 'error' && notice.code !== 'internal-error') {
      continue;
    }
    const level =
      notice.level === 'error' ? colors.red('error') : notice.level === 'warning' ? colors.yellow('warning') : 'info';
    const where = notice.file === undefined ? '' : `${toReportPath(io.cwd, notice.file)}: `;
    io.stderr.write(`piilint ${level}: ${where}${notice.message} ${colors.dim(`(${notice.code})`)}\n`);
  }
}

function printDebugStats(stats: RunStats, io: CliIo): void {
  const timings = Object.entries(stats.timings)
    .map(([phase, ms]) => `${phase} ${Math.round(ms)} ms`)
    .join(', ');
  const maxRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  io.stderr.write(
    [
      `piilint debug: files: ${stats.filesDiscovered} discovered, ${stats.filesAnalysed} analysed, ${stats.filesSkipped} skipped`,
      `piilint debug: functions summarised: ${stats.functionsSummarised}`,
      `piilint debug: budgets hit: ${stats.budgetsHit.length === 0 ? 'none' : stats.budgetsHit.join(', ')}`,
      `piilint debug: timings: ${timings === '' ? 'none' : timings}; total ${Math.round(stats.durationMs)} ms`,
      `piilint debug: memory: ${maxRssMiB} MiB peak resident`,
      '',
    ].join('\n'),
  );
}

function reportError(error: unknown, io: CliIo, isDebug: boolean): number {
  if (isUserError(error)) {
    io.stderr.write(`piilint: ${toOneLine(describeUserError(error, io.cwd))}\n`);
    return FATAL_EXIT_CODE;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(
    isDebug
      ? `piilint: internal error: ${toOneLine(message)}. Please report it at ${ISSUES_URI} with the output below.\n`
      : `piilint: internal error: ${toOneLine(message)}. Run again with --debug to see the stack trace.\n`,
  );
  if (isDebug) {
    io.stderr.write(`${error instanceof Error && error.stack !== undefined ? error.stack : String(error)}\n`);
  }
  return FATAL_EXIT_CODE;
}

/** A config error always names the file and, when known, the JSON path of the offending value. */
function describeUserError(error: Error, cwd: string): string {
  let message = error.message;
  if (error instanceof ConfigError) {
    if (error.file !== undefined && !message.includes(error.file) && !message.includes(toReportPath(cwd, error.file))) {
      message = `${toReportPath(cwd, error.file)}: ${message}`;
    }
    if (error.jsonPath !== undefined && !message.includes(error.jsonPath)) {
      message = `${message} (at ${error.jsonPath})`;
    }
  }
  return message;
}

function toOneLine(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join(' ');
}
