/**
 * Reports for API users, by the formatters of `--format`: `format(result, 'sarif')` gives the text piilint would
 * write, so a wrapper can upload SARIF, annotate a pull request (`github`) or fill a GitLab Code Quality widget
 * (`gitlab`) without spawning the CLI.
 */
import { FORMATTERS, type FormatName } from '../cli/formatters';
import { readPackageInfo } from '../cli/package-info';
import type { ScanResult } from '../engine/scan-types';

export { FORMAT_NAMES, type FormatName } from '../cli/formatters';

export interface FormatOptions {
  /** Folder that reported paths are relative to. Default: the result's `cwd`. */
  readonly cwd?: string;
  /** Colour the stylish report for a terminal. Default: false. */
  readonly isColored?: boolean;
}

export function format(result: ScanResult, name: FormatName, options: FormatOptions = {}): string {
  const formatter = FORMATTERS[name];
  if (formatter === undefined) throw new TypeError(`Unknown format "${String(name)}"; use one of ${Object.keys(FORMATTERS).join(', ')}.`);
  return formatter(result, { cwd: options.cwd ?? result.cwd, toolVersion: readPackageInfo().version, isColored: options.isColored === true });
}
