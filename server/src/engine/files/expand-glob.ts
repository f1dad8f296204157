/**
 * Stage: files (glob expansion).
 * Input: a glob from the command line (`src/**\/*.ts`), the folder it is relative to, and the exclusion rules.
 * Output: the source files it matches that no rule excludes, with their real paths; and whether it matched
 * anything at all, so the caller can tell a typo from a pattern whose matches are all ignored.
 * Invariant: the fixed leading part of the glob (`src` above) is treated like a folder named on the command
 * line: exempt from `.gitignore` and the built-in folder list, so `dist/**\/*.js` scans `dist` on purpose.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import type { Notice } from '../findings/finding';
import { ALWAYS_SKIPPED_FOLDERS, isSourceFileName } from './candidate-names';
import type { IgnoreRules } from './ignore-rules';
import { noticeForFileError } from './file-notices';
import type { WalkedFile } from './walk-folder';

export interface GlobExpansion {
  readonly hasMatches: boolean;
  readonly files: WalkedFile[];
  readonly notices: Notice[];
}

export function expandGlob(pattern: string, cwd: string, rules: IgnoreRules): GlobExpansion {
  const fixedSegments = fixedLeadingSegments(pattern);
  const base = path.resolve(cwd, fixedSegments.join('/'));
  // Pruning during the crawl keeps `**` out of node_modules; the scope below re-checks every match anyway.
  const skipped = [...ALWAYS_SKIPPED_FOLDERS].filter((name) => !fixedSegments.includes(name)).map((name) => `**/${name}/**`);
  // Synchronous for the same reason as the folder walk: the thread pool is the slow part on large trees.
  const matches = globSync(pattern, {
    cwd,
    absolute: true,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: true,
    expandDirectories: false,
    ignore: skipped,
  });
  const scope = rules.scopeFor(base);
  const files: WalkedFile[] = [];
  const notices: Notice[] = [];
  for (const match of matches) {
    const file = path.resolve(match);
    if (!isSourceFileName(path.basename(file)) || scope.isExcludedWithParents(file)) continue;
    try {
      const realPath = fs.realpathSync(file);
      files.push({ path: file, realPath, isViaSymlink: realPath !== file });
    } catch (error) {
      notices.push(noticeForFileError(file, error, 'file'));
    }
  }
  return { hasMatches: matches.length > 0, files, notices };
}

/** `src/app/**\/*.ts` → `['src', 'app']`; `**\/*.ts` → `[]`. */
function fixedLeadingSegments(pattern: string): string[] {
  const segments = pattern.split('/');
  const fixed: string[] = [];
  // The last segment names files, so it is never part of the folder, even when it has no wildcard.
  for (const segment of segments.slice(0, -1)) {
    if (isDynamicPattern(segment)) break;
    fixed.push(segment);
  }
  return fixed;
}
