/**
 * Counting findings the way the exit code and the summaries see them: suppressed findings count for nothing but
 * the suppressed total, and a finding is fixable when it has a safe fix (`--fix` applies only those).
 */
import type { Finding } from '../../engine/findings/finding';

export interface FindingCounts {
  readonly errorCount: number;
  readonly warningCount: number;
  readonly infoCount: number;
  readonly suppressedCount: number;
  /** Unsuppressed findings with a safe fix. */
  readonly fixableCount: number;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  let errorCount = 0;
  let warningCount = 0;
  let infoCount = 0;
  let suppressedCount = 0;
  let fixableCount = 0;
  for (const finding of findings) {
    if (finding.suppression !== undefined) {
      suppressedCount += 1;
      continue;
    }
    if (finding.severity === 'error') {
      errorCount += 1;
    } else if (finding.severity === 'warning') {
      warningCount += 1;
    } else {
      infoCount += 1;
    }
    if (hasSafeFix(finding)) {
      fixableCount += 1;
    }
  }
  return { errorCount, warningCount, infoCount, suppressedCount, fixableCount };
}

export function hasSafeFix(finding: Finding): boolean {
  return finding.fixes.some((fix) => fix.isSafe && fix.edits.length > 0);
}
