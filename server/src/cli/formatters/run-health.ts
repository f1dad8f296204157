/**
 * Whether a run checked everything it was asked to. A notice with code `internal-error` means piilint failed on
 * part of the input, and one with `config-error` that one of several configs could not be loaded (the rest was
 * still checked): SARIF then says `executionSuccessful: false` and the CLI exits 2, because a clean report from an
 * incomplete run would be a false all-clear.
 */
import type { Notice } from '../../engine/findings/finding';

export function isRunComplete(notices: readonly Notice[]): boolean {
  return !notices.some((notice) => notice.code === 'internal-error' || notice.code === 'config-error');
}
