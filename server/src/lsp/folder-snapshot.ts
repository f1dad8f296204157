/**
 * LSP shell: turns the engine's `ScanResult` for one folder into a `FolderSnapshot` (diagnostics per file, the
 * findings behind them, the texts and document versions they were computed from), and a failed run into one
 * without findings so that old diagnostics are cleared.
 * Input: a result (or an error), the folder's settings. Output: a snapshot. Pure apart from reading a config file's
 * line for a config problem, and logging.
 */
import type { Diagnostic } from 'vscode-languageserver/node';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/config/config-types';
import { ConfigError, isUserError } from '../engine/errors';
import { MAX_SETUP_FILE_BYTES, readWorkspaceText } from '../engine/files/read-workspace-file';
import type { Finding, Notice, Severity } from '../engine/findings/finding';
import type { Locale } from '../engine/rule-api';
import type { ScanResult } from '../engine/scan-types';
import type { PiilintSettings } from '../protocol';
import { configProblemToDiagnostic, locateConfigProblem, noticeToDiagnostic, toDiagnostic } from './to-diagnostic';

/** Notices worth a diagnostic in the file they are about: the user would otherwise wonder why nothing is shown. */
const FILE_NOTICE_CODES: ReadonlySet<string> = new Set(['file-too-large', 'binary-file', 'unreadable-file', 'internal-error']);

export interface FolderSnapshot {
  /** The workspace version it reflects. */
  readonly version: number;
  readonly diagnosticsByFile: ReadonlyMap<string, readonly Diagnostic[]>;
  /** Unsuppressed findings per file (with the severity shown), for code actions. */
  readonly findingsByFile: ReadonlyMap<string, readonly Finding[]>;
  /** The text of every analysed file as the engine saw it: the base of every offset in the findings. */
  readonly texts: ReadonlyMap<string, string>;
  /** The versions of the open documents whose texts were analysed. */
  readonly documentVersions: ReadonlyMap<string, number>;
  /** A run that failed: why, in one line (a bad config, an internal error). */
  readonly error?: string;
  readonly durationMs: number;
  /** The config's `maxFileSize`, also applied to open documents. */
  readonly maxFileSize?: number;
  /** The locale of the messages. */
  readonly locale: Locale;
  /**
   * Set on the first snapshot of a folder when it covers only the open documents and what they import, analysed
   * before the rest of the folder (issue #19 §3): the files whose diagnostics it holds. A partial snapshot is never
   * current for the whole folder; the full one replaces it.
   */
  readonly coveredFiles?: ReadonlySet<string>;
}

export interface SnapshotContext {
  readonly root: string;
  readonly settings: PiilintSettings;
  readonly log: (message: string) => void;
}

export function buildSnapshot(
  context: SnapshotContext,
  version: number,
  result: ScanResult,
  documentVersions: ReadonlyMap<string, number>,
  tooLarge: ReadonlyMap<string, number>,
  durationMs: number,
): FolderSnapshot {
  const overrides = context.settings.ruleSeverities;
  const findingsByFile = new Map<string, Finding[]>();
  const diagnosticsByFile = new Map<string, Diagnostic[]>();
  const add = (file: string, diagnostic: Diagnostic): void => {
    let list = diagnosticsByFile.get(file);
    if (!list) diagnosticsByFile.set(file, (list = []));
    list.push(diagnostic);
  };
  for (const finding of result.findings) {
    if (finding.suppression) continue;
    const override = overrides[finding.ruleId];
    if (override === 'off') continue;
    const severity: Severity = override ?? finding.severity;
    const shown = severity === finding.severity ? finding : { ...finding, severity };
    let list = findingsByFile.get(finding.range.file);
    if (!list) findingsByFile.set(finding.range.file, (list = []));
    list.push(shown);
    add(finding.range.file, toDiagnostic(shown, severity));
  }
  for (const notice of result.notices) {
    if (notice.file && FILE_NOTICE_CODES.has(notice.code)) add(notice.file, noticeToDiagnostic(notice, result.locale));
    else if (notice.level !== 'info') context.log(`piilint: ${notice.message}`);
  }
  for (const [file, size] of tooLarge) {
    // The engine's own notice says the same when it skipped the document.
    if (result.notices.some((notice) => notice.code === 'file-too-large' && notice.file === file)) continue;
    add(file, noticeToDiagnostic(tooLargeNotice(file, size, result.configs[0]?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE), result.locale));
  }
  return {
    version,
    diagnosticsByFile,
    findingsByFile,
    texts: result.texts,
    documentVersions,
    durationMs,
    maxFileSize: result.configs[0]?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    locale: result.locale,
  };
}

export function failedSnapshot(context: SnapshotContext, version: number, error: unknown, durationMs: number): FolderSnapshot {
  const diagnosticsByFile = new Map<string, Diagnostic[]>();
  let message: string;
  if (error instanceof ConfigError) {
    const problem = locateConfigProblem(error.message, error.file);
    message = problem.message;
    if (problem.file) diagnosticsByFile.set(problem.file, [configProblemToDiagnostic(problem, lineOf(problem.file, problem.line))]);
    context.log(`piilint: ${error.message}`);
  } else if (isUserError(error)) {
    message = (error as Error).message;
    context.log(`piilint: ${message}`);
  } else {
    message = `internal error while analysing ${context.root}: ${(error as Error)?.message ?? String(error)}`;
    context.log(`piilint: ${message}\n${(error as Error)?.stack ?? ''}`);
  }
  return { ...emptySnapshot(version), diagnosticsByFile, error: message, durationMs };
}

export function emptySnapshot(version: number): FolderSnapshot {
  return { version, diagnosticsByFile: new Map(), findingsByFile: new Map(), texts: new Map(), documentVersions: new Map(), durationMs: 0, locale: 'en' };
}

function tooLargeNotice(file: string, size: number, limit: number): Notice {
  return {
    level: 'info',
    code: 'file-too-large',
    file,
    message: `piilint does not analyse this file while it is open: it holds ${size} characters, more than the limit of ${limit} (maxFileSize in piilint.config.json), so no findings are shown for it, not even those of the file on disk, which would be stale. Raise the limit, or add the file to "ignore" if it is generated.`,
  };
}

function lineOf(file: string, line: number): string {
  try {
    return (readWorkspaceText(file, MAX_SETUP_FILE_BYTES).split(/\r?\n/)[line] ?? '');
  } catch {
    return ''; // the config's problem is still shown, without its line
  }
}
