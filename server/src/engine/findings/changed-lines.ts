/**
 * Stage: findings (changed-code mode).
 * Input: the text of `git diff --unified=0` (which the shell runs), and findings with their flows.
 * Output: the changed lines of each file, and whether a finding touches them: its sink, its source or any step of
 * its path lies on a changed line.
 * Invariant: pure (no git, no file system). A line counts as changed when it was added or modified on the new side;
 * where lines were only deleted, the two lines around the deletion count, so that deleting a guard right above a
 * sink (`if (!hasConsent(id)) return;`) reports the finding it lets through (issue #10).
 */
import type { Finding, SourceRange } from './finding';

/** 1-based, inclusive. */
export interface LineRange {
  readonly start: number;
  readonly end: number;
}

/** Changed lines of one file, or `all` for a file that is new (untracked) or was added. */
export type FileChanges = readonly LineRange[] | 'all';

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * The new-side changed lines per file in a `git diff --unified=0 --src-prefix=a/ --dst-prefix=b/` patch, keyed by
 * the path relative to the repository root (forward slashes). Deleted files are left out; added files map to
 * `all`. Hunk bodies are skipped by their line counts, so a changed line that itself reads `+++ b/x` or `@@` is
 * never taken for a header.
 */
export function parseUnifiedDiff(patch: string): Map<string, FileChanges> {
  const changes = new Map<string, FileChanges>();
  const lines = patch.split('\n');
  let file: string | undefined;
  let isAdded = false;
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    index++;
    if (line.startsWith('diff --git ')) {
      file = undefined;
      isAdded = false;
    } else if (line.startsWith('new file mode ')) {
      isAdded = true;
    } else if (line.startsWith('+++ ')) {
      // git ends the name with a tab when it contains a space, so that the name's end is unambiguous.
      const target = unquoteGitPath(line.slice(4).replace(/\t$/, ''));
      file = target === '/dev/null' || !target.startsWith('b/') ? undefined : target.slice(2);
      if (file !== undefined && isAdded) changes.set(file, 'all');
    } else if (file !== undefined) {
      const hunk = HUNK_HEADER.exec(line);
      if (hunk === null) continue;
      const oldCount = hunk[2] === undefined ? 1 : Number(hunk[2]);
      const newStart = Number(hunk[3]);
      const newCount = hunk[4] === undefined ? 1 : Number(hunk[4]);
      // With --unified=0 a hunk has exactly oldCount `-` lines and newCount `+` lines (and `\ No newline` notes).
      let remaining = oldCount + newCount;
      while (remaining > 0 && index < lines.length) {
        if (!lines[index]!.startsWith('\\')) remaining--;
        index++;
      }
      const current = changes.get(file);
      if (current === 'all') continue;
      // A pure deletion after new line `newStart` touches that line and the next.
      const range = newCount > 0 ? { start: newStart, end: newStart + newCount - 1 } : { start: Math.max(1, newStart), end: newStart + 1 };
      changes.set(file, [...(current ?? []), range]);
    }
  }
  return changes;
}

/**
 * Undo git's C-style quoting of unusual paths (`"b/caf\303\251 \"menu\".ts"`); other paths are returned as they are.
 * Octal escapes are bytes of the UTF-8 encoding.
 */
export function unquoteGitPath(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return text;
  const bytes: number[] = [];
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  const body = text.slice(1, -1);
  for (let index = 0; index < body.length; index++) {
    const char = body[index]!;
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = body[index + 1] ?? '';
    if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(body.slice(index + 1))![0];
      bytes.push(parseInt(octal, 8));
      index += octal.length;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      index += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Whether the range touches a changed line. */
export function isRangeChanged(range: SourceRange, changes: FileChanges | undefined): boolean {
  if (changes === undefined) return false;
  if (changes === 'all') return true;
  return changes.some((changed) => range.line <= changed.end && range.endLine >= changed.start);
}

/**
 * Whether the finding's sink, source or any path step lies on a changed line. `changesOf` answers for an absolute
 * file path (as `SourceRange.file` has it).
 */
export function touchesChangedLines(finding: Finding, changesOf: (file: string) => FileChanges | undefined): boolean {
  const ranges = [finding.range, ...finding.path.map((step) => step.range)];
  return ranges.some((range) => isRangeChanged(range, changesOf(range.file)));
}
