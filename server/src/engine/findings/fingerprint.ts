/**
 * Stage: findings (fingerprints).
 * Input: a finding's rule, file, sink and source code, and its enclosing function.
 * Output: a stable 16-hex-digit fingerprint (SARIF `partialFingerprints`, baselines).
 * Invariant: the fingerprint depends on what the code says, not where it is: inserting or deleting lines elsewhere
 * in the file, re-indenting, or moving the file's other functions leaves it unchanged. Identical findings in one
 * function are told apart by their order.
 */
import { createHash } from 'node:crypto';

export interface FingerprintInput {
  readonly ruleId: string;
  /** Path relative to the scan root, forward slashes. */
  readonly relativeFile: string;
  readonly sinkText: string;
  readonly sourceText: string;
  readonly enclosingFunction: string;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 400);
}

export function fingerprintKey(input: FingerprintInput): string {
  return [input.ruleId, input.relativeFile, input.enclosingFunction, normalise(input.sinkText), normalise(input.sourceText)].join('\u0000');
}

/** Fingerprints for keys in file order; duplicates get their occurrence number mixed in. */
export function assignFingerprints(keys: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return keys.map((key) => {
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex').slice(0, 16);
  });
}
