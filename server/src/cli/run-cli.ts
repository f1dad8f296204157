/**
 * The CLI shell, thin over the engine: arguments in, one scan (two with `--fix`), a report out, an exit code back.
 * `piilint baseline …` and `piilint merge-sarif …` are dispatched to their own modules before anything else.
 * Input: argv (without `node` and the script), the process's streams and environment (CliIo), and the engine
 * entry points (CliDependencies), so tests can run it in-process with a fake engine.
 * Output: the exit code, as ESLint's: 0 no error-level finding (and warnings within --max-warnings), 1 error-level
 * findings or too many warnings, 2 usage, configuration or internal error (or an incomplete run).
 * Invariant: the report goes to stdout (or --output) and nothing else does; notices, progress, the fix summary,
 * debug output and errors go to stderr. A user error is one line without a stack; an internal error is one line
 * pointing to --debug. Only the bin sets `process.exitCode`.
 */
import * as path from 'node:path';
import type { ApplyFixesRequest, ApplyFixesSummary } from '../engine/fixes/apply-fixes';
import type { ResolvedConfig } from '../engine/config/config-types';
import type { AnyRule, Locale } from '../engine/rule-api';
import type { ScanRequest, ScanResult } from '../engine/scan-types';
import { readBaselineFile } from './baseline-file';
import { runBaselineCommand } from './baseline-command';
import { parseArguments, DEFAULT_CACHE_LOCATION, FATAL_EXIT_CODE, type CliOptions } from './cli-options';
import type { CliIo } from './cli-io';
import { changedFilesSince, type ChangedFiles } from './git';
import { runMergeSarifCommand } from './merge-sarif-command';
import { selectFindings, type Selection } from './select-findings';
import { shouldUseColor } from './color';
import { FORMATTERS } from './formatters';
import { countFindings } from './formatters/count-findings';
import { escapeForTerminal } from './formatters/escape-terminal';
import { toReportPath } from './formatters/report-paths';
import { removeStaleTempFiles, scannedRoots } from '../engine/fixes/fix-guards';
import { isRunComplete } from './formatters/run-health';
import { checkPathsExist, printDebugStats, printNotices, reportError, scanWithProgress } from './run-helpers';
import { cliText } from '../i18n/cli-text';
import { InputPathError } from '../engine/errors';
import * as fs from 'node:fs';
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

/**
 * For a file a fix edits but the engine did not read: file time stamps come from a coarse kernel clock that can
 * lag the wall clock by a few milliseconds, so a file modified this close before the scan started is treated as
 * possibly modified during it, and is not fixed.
 */
function addSummaries(a: ApplyFixesSummary, b: ApplyFixesSummary): ApplyFixesSummary {
  return {
    filesFixed: [...new Set([...a.filesFixed, ...b.filesFixed])].sort(),
    fixesApplied: a.fixesApplied + b.fixesApplied,
    fixesSkippedOverlap: b.fixesSkippedOverlap,
    conflicts: [...a.conflicts, ...b.conflicts],
    newTexts: new Map([...a.newTexts, ...b.newTexts]),
  };
}

/** Fix passes before giving up on reaching a fixed point (ESLint uses 10). */
const MAX_FIX_PASSES = 5;
const MTIME_MARGIN_MS = 50;

export async function runCliWith(argv: readonly string[], io: CliIo, deps: CliDependencies): Promise<number> {
  if (argv[0] === 'baseline') {
    return runBaselineCommand(argv.slice(1), io, deps);
  }
  if (argv[0] === 'merge-sarif') {
    return runMergeSarifCommand(argv.slice(1), io, deps.toolVersion);
  }
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
    return reportError(error, io, options.isDebug, options.interfaceLocale);
  }
}

async function lint(options: CliOptions, io: CliIo, deps: CliDependencies): Promise<number> {
  checkPathsExist(options.paths, io.cwd, options.interfaceLocale);
  // --stdin: the text stands for an existing file of the project, whose imports are resolved from where it is.
  const stdin = options.isStdin ? await readStdinFile(options, io) : undefined;
  // A bad baseline or ref is a usage error: report it before the scan, not after minutes of work.
  const baseline = options.baseline === undefined ? undefined : { file: options.baseline, data: readBaselineFile(io.cwd, options.baseline) };
  const changedSince = options.changedSince;
  let changed = changedSince === undefined ? undefined : await changedFilesSince(changedSince, io.cwd);
  const request: Omit<ScanRequest, 'onProgress'> = {
    cwd: io.cwd,
    paths: stdin === undefined ? options.paths : [stdin.file],
    configFile: options.config === undefined ? undefined : path.resolve(io.cwd, options.config),
    rules: deps.rules,
    locale: options.locale,
    ...(stdin === undefined ? {} : { overlays: new Map([[stdin.file, stdin.text]]) }),
    ...(options.shard === undefined ? {} : { shard: options.shard }),
    ...(options.isCache
      ? { cache: { folder: path.resolve(io.cwd, options.cacheLocation ?? DEFAULT_CACHE_LOCATION), toolVersion: deps.toolVersion } }
      : {}),
  };
  const select = (result: ScanResult, changedFiles: ChangedFiles | undefined): Selection =>
    selectFindings(result, {
      cwd: io.cwd,
      baseline,
      changed: changedFiles === undefined || changedSince === undefined ? undefined : { ...changedFiles, ref: changedSince },
      shard: options.shard,
    });

  const scanStartedAt = deps.now();
  let result = await scanWithProgress(request, options, io, deps);
  let selection = select(result, changed);
  if (options.isFix) {
    // Like ESLint, fix in passes: one finding per sink argument means a second ID in the same argument shows only
    // once the first is masked. A second `--fix` then has nothing left to do.
    let total: ApplyFixesSummary | undefined;
    // Symlinks out of the scanned folders are reported, never written (issue #21).
    const roots = scannedRoots(io.cwd, options.paths);
    const removed = removeStaleTempFiles(result.texts.keys());
    if (removed.length > 0) {
      io.stderr.write(`${cliText(result.locale).removedTempFiles(removed.length, removed.map((file) => escapeForTerminal(toReportPath(io.cwd, file))).join(', '))}\n`);
    }
    // A file that changed under us (or could not be written) is left alone for the rest of the run.
    const leftAlone = new Set<string>();
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const analysed = result;
      const passStartedAt = pass === 0 ? scanStartedAt : deps.now();
      const summary = await deps.applyFixes({
        // Only what the report would show: baselined findings and findings outside the changed lines are left alone.
        findings: selection.result.findings.filter((finding) => !leftAlone.has(finding.range.file)),
        roots,
        // The engine's own text of each file it read; a file it did not read must not have changed since the scan.
        analysedContent: (file) => {
          const text = analysed.texts.get(file);
          return text === undefined ? { unmodifiedSince: passStartedAt - MTIME_MARGIN_MS } : { text };
        },
      });
      total = total === undefined ? summary : addSummaries(total, summary);
      for (const conflict of summary.conflicts) leftAlone.add(conflict.file);
      // Overlapping fixes wait for the next pass; they are not skipped for good.
      if (summary.filesFixed.length === 0) break;
      // Report what is left on disk, not what was there before the fixes; the fixes changed lines too.
      result = await scanWithProgress(request, options, io, deps);
      if (changedSince !== undefined) {
        changed = await changedFilesSince(changedSince, io.cwd);
      }
      selection = select(result, changed);
    }
    // Overlaps of earlier passes were retried; those of the last pass are what was left unfixed.
    if (total) printFixSummary(total, io, result.locale);
  }

  const selected = selection.result;
  const isError = (finding: { readonly severity: string }) => finding.severity === 'error';
  const reported: ScanResult = options.isQuiet ? { ...selected, findings: selected.findings.filter(isError) } : selected;
  const reportedBaseline =
    options.isQuiet && selection.baseline !== undefined
      ? { ...selection.baseline, matched: selection.baseline.matched.filter((match) => isError(match.finding)) }
      : selection.baseline;
  const isColored = options.output === undefined && shouldUseColor(options.colorChoice, io.env, io.isStdoutTTY === true);
  const context = {
    cwd: io.cwd,
    toolVersion: deps.toolVersion,
    ...(reportedBaseline === undefined ? {} : { baseline: reportedBaseline }),
    ...(selection.changedSince === undefined ? {} : { changedSince: selection.changedSince }),
  };
  const text = FORMATTERS[options.format](reported, { ...context, isColored });
  // One run, several reports: the log and the file CI uploads (`--output-sarif`) come from the same findings.
  for (const extra of options.extraOutputs) {
    await writeReport(path.resolve(io.cwd, extra.file), FORMATTERS[extra.format](reported, { ...context, isColored: false }));
  }
  if (options.output === undefined) {
    io.stdout.write(text);
  } else {
    await writeReport(path.resolve(io.cwd, options.output), text);
  }

  printNotices(result.notices, options, io, result.locale);
  if (options.isDebug) {
    printDebugStats(result.stats, io);
  }
  // Baselined findings and findings outside the changed lines do not count, as suppressed ones do not.
  return exitCodeOf(selected, options, io);
}

function exitCodeOf(result: ScanResult, options: CliOptions, io: CliIo): number {
  const t = cliText(result.locale);
  if (!isRunComplete(result.notices)) {
    io.stderr.write(`${t.incompleteRun(result.notices.some((notice) => notice.code === 'internal-error'))}\n`);
    return FATAL_EXIT_CODE;
  }
  // Warnings count towards --max-warnings even with --quiet, as in ESLint.
  const counts = countFindings(result.findings);
  if (counts.errorCount > 0) {
    return 1;
  }
  if (options.maxWarnings !== undefined && counts.warningCount > options.maxWarnings) {
    io.stderr.write(`${t.tooManyWarnings(counts.warningCount, options.maxWarnings)}\n`);
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

function printFixSummary(summary: ApplyFixesSummary, io: CliIo, locale: Locale): void {
  const t = cliText(locale);
  io.stderr.write(`${t.fixesApplied(summary.fixesApplied, summary.filesFixed.length)}\n`);
  if (summary.fixesSkippedOverlap > 0) {
    io.stderr.write(`${t.fixesSkipped(summary.fixesSkippedOverlap)}\n`);
  }
  for (const conflict of summary.conflicts) {
    io.stderr.write(`${t.notFixed(escapeForTerminal(toReportPath(io.cwd, conflict.file)), escapeForTerminal(conflict.message), conflict.reason)}\n`);
  }
}

/** The text of `--stdin` and the absolute path of `--stdin-filename`, which must be a file of the project. */
async function readStdinFile(options: CliOptions, io: CliIo): Promise<{ readonly file: string; readonly text: string }> {
  const given = options.stdinFilename ?? '';
  const file = path.resolve(io.cwd, given);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    throw new InputPathError(cliText(options.interfaceLocale).stdinFileMissing(given, file), file);
  }
  return { file, text: io.readStdin === undefined ? '' : await io.readStdin() };
}
