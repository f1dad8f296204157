/**
 * The formatter contract: a pure function from a scan result to the text of a report, as ESLint's formatters are.
 * A formatter reads no files, no clock and no environment; everything it needs is in its arguments.
 */
import type { ScanResult } from '../../engine/scan-types';

export interface FormatterContext {
  /** Folder that reported paths are relative to (and, in SARIF, the `%SRCROOT%` base). */
  readonly cwd: string;
  /** piilint's version (package.json), for SARIF `tool.driver.version` and the JSON report. */
  readonly toolVersion: string;
  /** Whether to colour the text (stylish only); never set when writing to a file. */
  readonly isColored: boolean;
}

export type Formatter = (result: ScanResult, context: FormatterContext) => string;
