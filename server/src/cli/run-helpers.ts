/**
 * Pieces the CLI's commands share (the lint run in run-cli.ts, `piilint baseline …`): the scan with its progress
 * indicator, the path check before any work, notices and debug statistics on stderr, and the one-line error report.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import picocolors from 'picocolors';
import { ConfigError, InputPathError, isUserError } from '../engine/errors';
import type { Notice } from '../engine/findings/finding';
import type { Locale } from '../engine/rule-api';
import type { CacheStats, RunStats, ScanRequest, ScanResult } from '../engine/scan-types';
import { FATAL_EXIT_CODE, type ColorChoice } from './cli-options';
import type { CliIo } from './cli-io';
import { shouldUseColor } from './color';
import { escapeForTerminal } from './formatters/escape-terminal';
import { toReportPath } from './formatters/report-paths';
import { createProgressReporter } from './progress';
import { cliText } from '../i18n/cli-text';
import { noticeMessage } from '../i18n/notice-text';
import type { CliDependencies } from './run-cli';

const ISSUES_URI = 'https://github.com/piilint/piilint/issues';
const GLOB_CHARACTERS = /[*?[\]{}!]/;

export async function scanWithProgress(
  request: Omit<ScanRequest, 'onProgress'>,
  options: { readonly locale?: Locale; readonly interfaceLocale?: Locale },
  io: CliIo,
  deps: CliDependencies,
): Promise<ScanResult> {
  const progress = createProgressReporter({
    stream: io.stderr,
    isEnabled: io.isStderrTTY,
    now: deps.now,
    locale: options.locale ?? options.interfaceLocale ?? 'en',
  });
  try {
    return await deps.scan({ ...request, onProgress: progress.onProgress });
  } finally {
    progress.stop();
  }
}

/** Fail fast, before any work, on a path that is not there; globs are left to the engine. */
export function checkPathsExist(paths: readonly string[], cwd: string, locale: Locale = 'en'): void {
  for (const given of paths) {
    if (GLOB_CHARACTERS.test(given)) {
      continue;
    }
    const absolute = path.resolve(cwd, given);
    if (!fs.existsSync(absolute)) {
      throw new InputPathError(cliText(locale).noSuchPath(given, absolute), absolute);
    }
  }
}

export function printNotices(notices: readonly Notice[], options: { readonly isQuiet: boolean; readonly colorChoice?: ColorChoice }, io: CliIo, locale: Locale = 'en'): void {
  const colors = picocolors.createColors(shouldUseColor(options.colorChoice, io.env, io.isStderrTTY));
  const t = cliText(locale);
  for (const notice of notices) {
    if (options.isQuiet && notice.level !== 'error' && notice.code !== 'internal-error') {
      continue;
    }
    const level =
      notice.level === 'error' ? colors.red(t.severity.error) : notice.level === 'warning' ? colors.yellow(t.severity.warning) : t.severity.info;
    const where = notice.file === undefined ? '' : `${escapeForTerminal(toReportPath(io.cwd, notice.file))}: `;
    io.stderr.write(`piilint ${level}: ${where}${escapeForTerminal(noticeMessage(notice, locale))} ${colors.dim(`(${notice.code})`)}\n`);
  }
}

export function printDebugStats(stats: RunStats, io: CliIo): void {
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
      ...(stats.cache ?? []).map((cache) => `piilint debug: cache: ${describeCache(cache)} (${toReportPath(io.cwd, cache.file)})`),
      '',
    ].join('\n'),
  );
}

function describeCache(cache: CacheStats): string {
  const counts = `${cache.filesFromCache} files from the cache, ${cache.filesAnalysed} analysed`;
  const written = cache.writeError === undefined ? '' : `; not written: ${cache.writeError}`;
  switch (cache.status) {
    case 'created':
      return `created; ${counts}${written}`;
    case 'ignored':
      return `ignored, since ${cache.reason ?? 'it could not be used'}; rebuilt; ${counts}${written}`;
    case 'unchanged':
      return `nothing changed; ${counts}`;
    case 'partial':
      return `updated; ${counts}${written}`;
    case 'full':
      return `everything analysed again, since ${cache.reason ?? 'the change needed it'}; ${counts}${written}`;
  }
}

export function reportError(error: unknown, io: CliIo, isDebug: boolean, locale: Locale = 'en'): number {
  if (isUserError(error)) {
    io.stderr.write(`piilint: ${escapeForTerminal(toOneLine(describeUserError(error, io.cwd)))}\n`);
    return FATAL_EXIT_CODE;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`${cliText(locale).internalError(toOneLine(message), isDebug, ISSUES_URI)}\n`);
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
