/**
 * The formatter contract: a pure function from a scan result to the text of a report, as ESLint's formatters are.
 * A formatter reads no files, no clock and no environment; everything it needs is in its arguments.
 */
import type { BaselineEntry, BaselineMatch } from '../../engine/findings/baseline';
import type { ScanResult } from '../../engine/scan-types';

export interface FormatterContext {
  /** Folder that reported paths are relative to (and, in SARIF, the `%SRCROOT%` base). */
  readonly cwd: string;
  /** piilint's version (package.json), for SARIF `tool.driver.version` and the JSON report. */
  readonly toolVersion: string;
  /** Whether to colour the text (stylish only); never set when writing to a file. */
  readonly isColored: boolean;
  /** Set with `--baseline`: the result's findings are then the ones the baseline does not accept. */
  readonly baseline?: BaselineSummary;
  /** Set with `--changed-since`: the result's findings are then the ones that touch changed lines. */
  readonly changedSince?: ChangedSinceSummary;
}

export interface BaselineSummary {
  /** The baseline file as given on the command line. */
  readonly file: string;
  /** Findings the baseline accepts (within the report's scope: changed lines, `--quiet`). */
  readonly matched: readonly BaselineMatch[];
  /** Entries that no longer match a finding: fixed, or changed beyond recognition. */
  readonly stale: readonly BaselineEntry[];
}

export interface ChangedSinceSummary {
  /** The ref as given (`origin/main`). */
  readonly ref: string;
  /** The commit it named. */
  readonly commit: string;
  /** Files with changed lines (untracked files included). */
  readonly filesChanged: number;
  /** Findings left out of the report because none of their lines changed. */
  readonly outsideCount: number;
}

export type Formatter = (result: ScanResult, context: FormatterContext) => string;
