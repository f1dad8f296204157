/**
 * Fixes for API users: `outputFixes` writes the safe fixes of a result to disk as `piilint --fix` does (atomically,
 * only into files whose content is still what was analysed, never outside the scanned paths), and
 * `applyFixesToText` returns the fixed text of one file without touching the disk (`lintText` callers, editors).
 */
import * as path from 'node:path';
import { applyEdits, applyFixes, chooseSafeFixes, hasOverlap, type ApplyFixesSummary } from '../engine/fixes/apply-fixes';
import type { TextEdit } from '../engine/findings/finding';
import { scannedRoots } from '../engine/fixes/fix-guards';
import type { ScanResult } from '../engine/scan-types';

export type { ApplyFixesSummary };

/** Writes one safe fix per unsuppressed finding of `result` (the preferred one; overlapping ones wait for a rerun). */
export function outputFixes(result: ScanResult, options: { readonly paths?: readonly string[] } = {}): Promise<ApplyFixesSummary> {
  return applyFixes({
    findings: result.findings,
    roots: scannedRoots(result.cwd, options.paths ?? []),
    analysedContent: (file) => {
      const text = result.texts.get(file);
      return text === undefined ? undefined : { text };
    },
  });
}

/** The text of `filePath` with the safe fixes of `result` applied (the text as it was analysed when none apply). */
export function applyFixesToText(result: ScanResult, filePath: string): string | undefined {
  const file = path.resolve(result.cwd, filePath);
  const text = result.texts.get(file);
  if (text === undefined) return undefined;
  const chosen: TextEdit[] = [];
  for (const { fix } of chooseSafeFixes(result.findings.filter((finding) => finding.range.file === file))) {
    // A fix that edits another file too, or overlaps one chosen before, waits for the next run, as with --fix.
    if (fix.edits.some((edit) => edit.file !== file) || hasOverlap(fix.edits, chosen)) continue;
    chosen.push(...fix.edits);
  }
  return applyEdits(text, chosen);
}
