/**
 * Stage: files (discovery).
 * Input: the paths, folders and globs from the command line (relative to `cwd`), the config's `ignore` globs and
 * size limit.
 * Output: the absolute paths of the source files to analyse, sorted and de-duplicated by real path, plus a notice
 * for every file that was skipped for a reason the user may want to fix.
 * Invariant: throws only `InputPathError`, for an input that names nothing; a bad file (too large, binary,
 * unreadable, a broken or looping link, vanished) becomes a notice and discovery goes on.
 *
 * Which rules apply where (documented in docs/configuration.md):
 *   - folders found while walking: built-in skipped folders, `.gitignore`, config `ignore`;
 *   - a file or folder named on the command line: config `ignore` only; naming it is the user's decision;
 *   - glob matches: everything below the glob's fixed leading folder, which itself counts as named.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import { InputPathError } from '../errors';
import type { Notice } from '../findings/finding';
import { isSourceFileName } from './candidate-names';
import { expandGlob } from './expand-glob';
import { asErrnoException, brokenSymlinkNotice, noticeForFileError } from './file-notices';
import { IgnoreRules } from './ignore-rules';
import { inspectFile } from './inspect-file';
import { readLinkTarget, walkFolder, type WalkedFile } from './walk-folder';

export interface DiscoverFilesOptions {
  /** Folder that relative paths and globs are resolved against. */
  readonly cwd: string;
  /** Files, folders or globs; empty means `cwd`. */
  readonly paths: readonly string[];
  /** Gitignore-syntax globs from the config's `ignore`. */
  readonly ignore: readonly string[];
  /** Folder the `ignore` globs are relative to (the config file's folder). */
  readonly ignoreBaseDir: string;
  /** Files larger than this many bytes are skipped with a `file-too-large` notice. */
  readonly maxFileSize: number;
}

export interface DiscoveredFiles {
  /** Absolute, sorted, each real file once. */
  readonly files: string[];
  readonly notices: Notice[];
}

/** Files inspected between two yields to the event loop. */
const FILES_PER_SLICE = 256;

type ResolvedInput =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'folder'; readonly path: string }
  | { readonly kind: 'glob'; readonly pattern: string }
  | { readonly kind: 'skipped'; readonly notice: Notice };

export async function discoverFiles(options: DiscoverFilesOptions): Promise<DiscoveredFiles> {
  const cwd = path.resolve(options.cwd);
  const rules = new IgnoreRules({ ignore: options.ignore, ignoreBaseDir: path.resolve(cwd, options.ignoreBaseDir) });
  const inputs = options.paths.length === 0 ? [cwd] : options.paths;

  // Resolve every input before walking anything, so a typo in the last argument fails fast.
  const resolved: ResolvedInput[] = [];
  for (const input of inputs) resolved.push(resolveInput(input, cwd));

  const candidates: WalkedFile[] = [];
  const notices: Notice[] = [];
  for (const input of resolved) {
    switch (input.kind) {
      case 'skipped':
        notices.push(input.notice);
        break;
      case 'file': {
        if (!isSourceFileName(path.basename(input.path)) || rules.isConfigIgnored(input.path, false)) break;
        try {
          candidates.push({ path: input.path, realPath: fs.realpathSync(input.path), isViaSymlink: false });
        } catch (error) {
          notices.push(noticeForFileError(input.path, error, 'file'));
        }
        break;
      }
      case 'folder': {
        if (rules.isConfigIgnored(input.path, true)) break;
        const walked = await walkFolder(input.path, rules.scopeFor(input.path));
        candidates.push(...walked.files);
        notices.push(...walked.notices);
        break;
      }
      case 'glob': {
        const expansion = expandGlob(input.pattern, cwd, rules);
        if (!expansion.hasMatches) {
          throw new InputPathError(
            `No files match the glob '${input.pattern}' (looked in ${cwd}; node_modules, .git and build folders are never searched). ` +
              `Check the pattern, or pass a folder such as 'src'.`,
            input.pattern,
          );
        }
        candidates.push(...expansion.files);
        notices.push(...expansion.notices);
        break;
      }
    }
  }
  notices.push(...rules.notices);

  const files: string[] = [];
  const unique = pickOnePerRealPath(candidates);
  for (const [index, candidate] of unique.entries()) {
    const inspection = inspectFile(candidate.path, options.maxFileSize);
    if (inspection.kind === 'source') files.push(candidate.path);
    else notices.push(inspection.notice);
    if ((index + 1) % FILES_PER_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  files.sort(compareStrings);
  return { files, notices: sortNotices(notices) };
}

function resolveInput(input: string, cwd: string): ResolvedInput {
  const absolute = path.resolve(cwd, input);
  try {
    const stats = fs.statSync(absolute);
    if (stats.isDirectory()) return { kind: 'folder', path: absolute };
    if (stats.isFile()) return { kind: 'file', path: absolute };
    throw new InputPathError(`Not a file or folder: ${input} (looked in ${cwd}). Pass a source file, a folder or a glob such as 'src/**/*.ts'.`, input);
  } catch (error) {
    if (error instanceof InputPathError) throw error;
    const errno = asErrnoException(error);
    if (errno.code !== 'ENOENT' && errno.code !== 'ENOTDIR') return { kind: 'skipped', notice: noticeForFileError(absolute, errno, 'file') };
    if (isSymlink(absolute)) return { kind: 'skipped', notice: brokenSymlinkNotice(absolute, readLinkTarget(absolute)) };
    // Checked after existence so that Next.js routes such as `app/[id]/page.tsx` stay plain paths.
    if (isDynamicPattern(input)) return { kind: 'glob', pattern: input };
    throw new InputPathError(
      `No such file or folder: ${input} (looked in ${cwd}). Pass an existing path or a glob such as 'src/**/*.ts'.`,
      input,
    );
  }
}

/**
 * One candidate per real file. Prefer the path reached without links, then the shortest, then the first in
 * sort order, so the reported path does not depend on which input or walk found it first.
 */
function pickOnePerRealPath(candidates: readonly WalkedFile[]): WalkedFile[] {
  const byRealPath = new Map<string, WalkedFile>();
  for (const candidate of candidates) {
    const current = byRealPath.get(candidate.realPath);
    if (current === undefined || isPreferred(candidate, current)) byRealPath.set(candidate.realPath, candidate);
  }
  return [...byRealPath.values()];
}

function isPreferred(candidate: WalkedFile, current: WalkedFile): boolean {
  if (candidate.isViaSymlink !== current.isViaSymlink) return !candidate.isViaSymlink;
  if (candidate.path.length !== current.path.length) return candidate.path.length < current.path.length;
  return candidate.path < current.path;
}

function isSymlink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    // Not even the link exists: the path is missing, which the caller reports.
    return false;
  }
}

function sortNotices(notices: readonly Notice[]): Notice[] {
  return [...notices].sort((a, b) => compareStrings(a.file ?? '', b.file ?? '') || compareStrings(a.code, b.code));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
