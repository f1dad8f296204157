/**
 * Stage: files (exclusion rules).
 * Input: the config's `ignore` globs with the folder they are relative to, and (per scan root) the `.gitignore`
 * files from the git root, or the scan root when there is no repository, downward.
 * Output: whether a path met while walking (or matched by a glob) is excluded.
 * Invariant: gitignore semantics are git's own, evaluated by the `ignore` package: each `.gitignore` is matched
 * against paths relative to its own folder, a deeper file overrides a shallower one, and nothing inside an
 * excluded folder comes back. The config's `ignore` globs always apply; a path the user names explicitly is
 * exempt from `.gitignore` and from the built-in folder list, never from the config (see docs/configuration.md).
 * Synchronous on purpose: a few small reads per folder are far cheaper than thread-pool round trips.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { Notice } from '../findings/finding';
import { isAlwaysSkippedFolder } from './candidate-names';
import { unreadSetupFileNotice, unreadableNotice } from './file-notices';
import { MAX_SETUP_FILE_BYTES, WorkspaceReadError, readWorkspaceText } from './read-workspace-file';

export interface IgnoreRulesOptions {
  /** Gitignore-syntax globs from the config. */
  readonly ignore: readonly string[];
  /** Absolute folder the config globs are relative to (the config file's folder). */
  readonly ignoreBaseDir: string;
}

/** Rules shared by every scan root of one discovery; caches each folder's `.gitignore` once. */
export class IgnoreRules {
  readonly notices: Notice[] = [];
  private readonly configMatcher: Ignore;
  private readonly baseDir: string;
  /** Folder → its parsed `.gitignore` (undefined: none). */
  private readonly gitignoreCache = new Map<string, Ignore | undefined>();
  /** Git root → its parsed `.git/info/exclude`. */
  private readonly excludeCache = new Map<string, Ignore | undefined>();

  constructor(options: IgnoreRulesOptions) {
    // `./legacy/` never matches in git, but people write it in JSON; read it as the anchored `/legacy/`.
    this.configMatcher = ignore().add(options.ignore.map((pattern) => (pattern.startsWith('./') ? `/${pattern.slice(2)}` : pattern)));
    this.baseDir = path.resolve(options.ignoreBaseDir);
  }

  /** Whether the config's `ignore` excludes the path or a folder above it. Paths outside the base folder never are. */
  isConfigIgnored(absolutePath: string, isDirectory: boolean): boolean {
    const relative = toRelativePosix(this.baseDir, absolutePath);
    if (relative === undefined) return false;
    return this.configMatcher.ignores(isDirectory ? `${relative}/` : relative);
  }

  /**
   * The exclusion rules for one scan root. `.gitignore` files above the root count, up to the git root, unless
   * they exclude the root itself: then the user named an ignored folder on purpose and only the files inside it
   * apply.
   */
  scopeFor(root: string): IgnoreScope {
    const absoluteRoot = path.resolve(root);
    const gitRoot = findGitRoot(absoluteRoot);
    if (gitRoot === undefined) return new IgnoreScope(this, absoluteRoot, absoluteRoot, undefined);
    for (const folder of foldersBetween(gitRoot, absoluteRoot)) {
      if (this.isGitIgnored(folder, true, gitRoot, gitRoot)) {
        return new IgnoreScope(this, absoluteRoot, absoluteRoot, undefined);
      }
    }
    return new IgnoreScope(this, absoluteRoot, gitRoot, gitRoot);
  }

  /**
   * Gitignore decision for one entry, its parent folders already known not to be excluded: the deepest
   * `.gitignore` that says something about the path wins, then `.git/info/exclude`.
   */
  isGitIgnored(absolutePath: string, isDirectory: boolean, top: string, gitRoot: string | undefined): boolean {
    let folder = path.dirname(absolutePath);
    if (folder === top || isInside(top, folder)) {
      for (;;) {
        const matcher = this.gitignoreIn(folder);
        if (matcher !== undefined) {
          const verdict = testRelative(matcher, folder, absolutePath, isDirectory);
          if (verdict !== undefined) return verdict;
        }
        if (folder === top) break;
        folder = path.dirname(folder);
      }
    }
    if (gitRoot !== undefined) {
      const exclude = this.excludeFileOf(gitRoot);
      if (exclude !== undefined) return testRelative(exclude, gitRoot, absolutePath, isDirectory) ?? false;
    }
    return false;
  }

  /**
   * Records whether a folder has a `.gitignore`, from a listing the walker already made, so that folders without
   * one (most of them) cost no failed read.
   */
  noteFolderListing(folder: string, hasGitignore: boolean): void {
    if (!hasGitignore && !this.gitignoreCache.has(folder)) this.gitignoreCache.set(folder, undefined);
  }

  private gitignoreIn(folder: string): Ignore | undefined {
    if (this.gitignoreCache.has(folder)) return this.gitignoreCache.get(folder);
    const matcher = this.loadIgnoreFile(path.join(folder, '.gitignore'));
    this.gitignoreCache.set(folder, matcher);
    return matcher;
  }

  private excludeFileOf(gitRoot: string): Ignore | undefined {
    if (this.excludeCache.has(gitRoot)) return this.excludeCache.get(gitRoot);
    const matcher = this.loadIgnoreFile(path.join(gitRoot, '.git', 'info', 'exclude'));
    this.excludeCache.set(gitRoot, matcher);
    return matcher;
  }

  private loadIgnoreFile(file: string): Ignore | undefined {
    try {
      return ignore().add(readWorkspaceText(file, MAX_SETUP_FILE_BYTES));
    } catch (error) {
      if (!(error instanceof WorkspaceReadError)) throw error;
      // No ignore file here (or `.git` is a worktree's file, not a folder): nothing to apply.
      if (error.problem === 'missing' || error.reason.startsWith('is a folder')) return undefined;
      if (error.problem === 'unreadable') {
        this.notices.push(unreadableNotice(file, Object.assign(new Error(error.message), { code: error.code }), 'file'));
        return undefined;
      }
      // A FIFO or a device behind the name would block or fill memory; a huge file is no ignore file (issue #21).
      this.notices.push(unreadSetupFileNotice(file, error.reason, 'its ignore rules are not applied'));
      return undefined;
    }
  }

}

/** Exclusion rules below one scan root (a folder given on the command line, or the fixed part of a glob). */
export class IgnoreScope {
  private readonly folderVerdicts = new Map<string, boolean>();

  constructor(
    private readonly rules: IgnoreRules,
    readonly root: string,
    /** Highest folder whose `.gitignore` applies. */
    private readonly gitignoreTop: string,
    /** Git root whose `.git/info/exclude` applies, when the scope reaches it. */
    private readonly gitRoot: string | undefined,
  ) {}

  noteFolderListing(folder: string, hasGitignore: boolean): void {
    this.rules.noteFolderListing(folder, hasGitignore);
  }

  /** Whether an entry met while walking is excluded; its parent folders were checked on the way down. */
  isExcluded(absolutePath: string, isDirectory: boolean): boolean {
    if (isDirectory && isAlwaysSkippedFolder(path.basename(absolutePath))) return true;
    if (this.rules.isConfigIgnored(absolutePath, isDirectory)) return true;
    return this.rules.isGitIgnored(absolutePath, isDirectory, this.gitignoreTop, this.gitRoot);
  }

  /** Whether a file (a glob match) is excluded by itself or by any folder between the root and it. */
  isExcludedWithParents(absoluteFile: string): boolean {
    if (isInside(this.root, absoluteFile)) {
      for (const folder of foldersBetween(this.root, path.dirname(absoluteFile))) {
        if (this.isFolderExcluded(folder)) return true;
      }
    }
    return this.isExcluded(absoluteFile, false);
  }

  private isFolderExcluded(folder: string): boolean {
    let verdict = this.folderVerdicts.get(folder);
    if (verdict === undefined) {
      verdict = this.isExcluded(folder, true);
      this.folderVerdicts.set(folder, verdict);
    }
    return verdict;
  }
}

/** Nearest folder at or above `start` holding a `.git` folder or file (worktrees and submodules use a file). */
export function findGitRoot(start: string): string | undefined {
  for (let folder = path.resolve(start); ; folder = path.dirname(folder)) {
    if (hasEntry(path.join(folder, '.git'))) return folder;
    if (folder === path.dirname(folder)) return undefined;
  }
}

function hasEntry(file: string): boolean {
  try {
    return fs.lstatSync(file, { throwIfNoEntry: false }) !== undefined;
  } catch {
    // A `.git` we may not even stat is no repository we could use; the caller keeps looking upward.
    return false;
  }
}

/** `ignore` verdict for a path relative to the folder an ignore file sits in: true, false, or no opinion. */
function testRelative(matcher: Ignore, folder: string, absolutePath: string, isDirectory: boolean): boolean | undefined {
  const relative = toRelativePosix(folder, absolutePath);
  if (relative === undefined) return undefined;
  const result = matcher.test(isDirectory ? `${relative}/` : relative);
  if (result.ignored) return true;
  if (result.unignored) return false;
  return undefined;
}

/** `path.relative` with `/` separators, or undefined when the path is not strictly inside `folder`. */
function toRelativePosix(folder: string, absolutePath: string): string | undefined {
  const relative = path.relative(folder, absolutePath);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

function isInside(folder: string, absolutePath: string): boolean {
  return toRelativePosix(folder, absolutePath) !== undefined;
}

/** Folders strictly below `top` down to and including `bottom`, top-most first. Empty unless `bottom` is inside `top`. */
function foldersBetween(top: string, bottom: string): string[] {
  const relative = toRelativePosix(top, bottom);
  if (relative === undefined) return [];
  const folders: string[] = [];
  let current = top;
  for (const segment of relative.split('/')) {
    current = path.join(current, segment);
    folders.push(current);
  }
  return folders;
}
