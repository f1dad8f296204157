/**
 * `PiiLint`, the class form of the API for tools that wrap linters the way they wrap ESLint's `ESLint` class:
 * options once in the constructor, then `lintFiles`, `lintText`, `outputFixes` and `format`.
 */
import type { ScanResult } from '../engine/scan-types';
import { type ApplyFixesSummary, outputFixes } from './fix';
import { type FormatName, type FormatOptions, format } from './format';
import { type LintOptions, type LintResult, lint, lintText } from './lint';

export type PiiLintOptions = Omit<LintOptions, 'paths' | 'overlays'>;

export class PiiLint {
  constructor(private readonly options: PiiLintOptions = {}) {}

  /** Lints files, folders or globs (relative to `cwd`); none: all of `cwd`. */
  lintFiles(paths: string | readonly string[] = []): Promise<LintResult> {
    return lint({ ...this.options, paths: typeof paths === 'string' ? [paths] : paths });
  }

  /** Lints `text` as the content of `filePath`, with the rest of the project read from disk. */
  lintText(text: string, options: { readonly filePath: string }): Promise<LintResult> {
    return lintText(text, { ...this.options, filePath: options.filePath });
  }

  /** Writes the safe fixes of a result to disk, as `piilint --fix` does. */
  static outputFixes(result: ScanResult): Promise<ApplyFixesSummary> {
    return outputFixes(result);
  }

  /** The report `--format name` would print. */
  static format(result: ScanResult, name: FormatName, options?: FormatOptions): string {
    return format(result, name, options);
  }
}
