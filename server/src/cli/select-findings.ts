/**
 * Which of a scan's findings the report shows and the exit code counts, with `--baseline` and `--changed-since`.
 * Input: the scan result, the parsed baseline, the changed lines (from git.ts), the shard.
 * Output: the result with only the reported findings, and what the formatters say about the rest.
 * Invariant: the baseline is compared with every finding of the scan, before the changed-lines filter, so that an
 * accepted finding on an unchanged line is matched, not called stale; then both the new and the accepted findings
 * are narrowed to the changed lines. Suppressed findings and parse errors are never baselined (a parse error means
 * the file was not checked at all); they stay in the report as before.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareWithBaseline, type Baseline, type CompareOptions } from '../engine/findings/baseline';
import { touchesChangedLines, type FileChanges } from '../engine/findings/changed-lines';
import { PARSE_ERROR_RULE_ID } from '../engine/findings/engine-rules';
import type { Finding } from '../engine/findings/finding';
import type { ScanResult } from '../engine/scan-types';
import type { Shard } from './cli-options';
import { identifyFindings } from './finding-identity';
import type { BaselineSummary, ChangedSinceSummary } from './formatters';
import type { ChangedFiles } from './git';
import { realPath } from './git';

export interface SelectionInput {
  readonly cwd: string;
  readonly baseline?: { readonly file: string; readonly data: Baseline };
  readonly changed?: ChangedFiles & { readonly ref: string };
  /** Set for `--shard` runs, which never call an entry stale (see `baselineScope`). */
  readonly shard?: Shard;
}

export interface Selection {
  /** The scan result with only the reported findings (new, or suppressed, and on changed lines). */
  readonly result: ScanResult;
  readonly baseline?: BaselineSummary;
  readonly changedSince?: ChangedSinceSummary;
}

export function selectFindings(result: ScanResult, input: SelectionInput): Selection {
  let reported: readonly Finding[] = result.findings;
  let baseline: BaselineSummary | undefined;
  if (input.baseline !== undefined) {
    const candidates = result.findings.filter((finding) => finding.suppression === undefined && finding.ruleId !== PARSE_ERROR_RULE_ID);
    const comparison = compareWithBaseline(identifyFindings(candidates, input.cwd, result.texts), input.baseline.data, baselineScope(result, input));
    const accepted = new Set(comparison.matched.map((match) => match.finding));
    reported = result.findings.filter((finding) => !accepted.has(finding));
    baseline = { file: input.baseline.file, matched: comparison.matched, stale: comparison.stale };
  }

  let changedSince: ChangedSinceSummary | undefined;
  if (input.changed !== undefined) {
    const changes = input.changed.changes;
    const realPaths = new Map<string, string>();
    const changesOf = (file: string): FileChanges | undefined => {
      let real = realPaths.get(file);
      if (real === undefined) {
        real = realPath(file);
        realPaths.set(file, real);
      }
      return changes.get(real);
    };
    const isTouched = (finding: Finding) => touchesChangedLines(finding, changesOf);
    const inside = reported.filter(isTouched);
    changedSince = {
      ref: input.changed.ref,
      commit: input.changed.commit,
      filesChanged: changes.size,
      outsideCount: reported.filter((finding) => finding.suppression === undefined).length - inside.filter((finding) => finding.suppression === undefined).length,
    };
    reported = inside;
    if (baseline !== undefined) {
      baseline = { ...baseline, matched: baseline.matched.filter((match) => isTouched(match.finding)) };
    }
  }

  return { result: { ...result, findings: reported }, baseline, changedSince };
}

/**
 * Where an unmatched entry is stale: its file was checked in this run (and parsed), or it no longer exists. Entries
 * of files another path checks are none of this run's business. A `--shard` run calls nothing stale: a flow from a
 * file of one shard into a sink in a file of another is found by neither shard today (docs/ci.md, known gaps), so a
 * shard cannot tell a fixed finding from one it cannot see; unsharded runs and `baseline prune` can.
 */
export function baselineScope(result: ScanResult, input: Pick<SelectionInput, 'cwd' | 'shard'>): CompareOptions {
  const unparsed = new Set(result.findings.filter((finding) => finding.ruleId === PARSE_ERROR_RULE_ID).map((finding) => finding.range.file));
  const isFileGone = (entryFile: string) => !fs.existsSync(path.resolve(input.cwd, entryFile));
  return {
    isFileGone,
    isInScope: (entryFile) => {
      if (input.shard !== undefined) return false;
      const absolute = path.resolve(input.cwd, entryFile);
      return !unparsed.has(absolute) && (result.texts.has(absolute) || isFileGone(entryFile));
    },
  };
}
