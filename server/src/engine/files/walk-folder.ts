/**
 * Stage: files (folder walk).
 * Input: a folder to scan and the exclusion rules for it.
 * Output: the source files found below it, each with its real path, plus notices for what could not be walked.
 * Invariant: terminates on any symlink graph. Real folders are walked first, then symlinked folders in sorted
 * order, each followed only if its real folder was not walked already and is not an ancestor of the link (a
 * loop). So a file reachable both directly and through a link is reported by its direct path.
 *
 * File-system calls are synchronous: on a 4,000-file repository they take a few milliseconds, where the same
 * calls through the thread pool take hundreds. The walk yields to the event loop every few dozen folders so a
 * language server stays responsive.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Notice } from '../findings/finding';
import { isSourceFileName } from './candidate-names';
import type { IgnoreScope } from './ignore-rules';
import { asErrnoException, brokenSymlinkNotice, noticeForFileError, symlinkLoopNotice } from './file-notices';

export interface WalkedFile {
  /** Absolute path as reached from the scan root (through links, if any). */
  readonly path: string;
  /** Absolute path with every symbolic link resolved: the identity used to analyse each file once. */
  readonly realPath: string;
  readonly isViaSymlink: boolean;
}

export interface WalkResult {
  readonly files: WalkedFile[];
  readonly notices: Notice[];
}

interface PendingFolder {
  readonly path: string;
  readonly realPath: string;
  /** Real folders on the way from the root, the folder's parent last. */
  readonly ancestors: readonly string[];
  readonly isViaSymlink: boolean;
}

/** Folders listed between two yields to the event loop. */
const FOLDERS_PER_SLICE = 64;

class FolderWalk {
  readonly files: WalkedFile[] = [];
  readonly notices: Notice[] = [];
  /** Real paths of folders already walked, so that no folder is walked twice. */
  private readonly walkedFolders = new Set<string>();
  /** Symlinked folders met so far, followed after all real folders. */
  private pendingLinks: { readonly path: string; readonly ancestors: readonly string[] }[] = [];

  constructor(private readonly scope: IgnoreScope) {}

  async run(root: string): Promise<void> {
    let realRoot: string;
    try {
      realRoot = fs.realpathSync(root);
    } catch (error) {
      this.notices.push(noticeForFileError(root, error, 'folder'));
      return;
    }
    await this.walkTree({ path: root, realPath: realRoot, ancestors: [], isViaSymlink: false });
    while (this.pendingLinks.length > 0) {
      const round = this.pendingLinks.sort((a, b) => compareStrings(a.path, b.path));
      this.pendingLinks = [];
      for (const link of round) {
        const target = this.linkTargetToFollow(link.path, link.ancestors);
        if (target !== undefined) await this.walkTree({ path: link.path, realPath: target, ancestors: link.ancestors, isViaSymlink: true });
      }
    }
  }

  /** Depth-first over real folders below `start` (links are queued, not followed here). */
  private async walkTree(start: PendingFolder): Promise<void> {
    const stack: PendingFolder[] = [start];
    let listed = 0;
    for (let folder = stack.pop(); folder !== undefined; folder = stack.pop()) {
      stack.push(...this.listFolder(folder));
      if (++listed % FOLDERS_PER_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Records the folder's files and returns its subfolders to walk. */
  private listFolder(folder: PendingFolder): PendingFolder[] {
    this.walkedFolders.add(folder.realPath);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder.path, { withFileTypes: true });
    } catch (error) {
      this.notices.push(noticeForFileError(folder.path, error, 'folder'));
      return [];
    }
    this.scope.noteFolderListing(folder.path, entries.some((entry) => entry.name === '.gitignore'));
    const ancestors = [...folder.ancestors, folder.realPath];
    const subfolders: PendingFolder[] = [];
    for (const entry of entries) {
      const entryPath = path.join(folder.path, entry.name);
      if (entry.isDirectory()) {
        if (this.scope.isExcluded(entryPath, true)) continue;
        subfolders.push({ path: entryPath, realPath: path.join(folder.realPath, entry.name), ancestors, isViaSymlink: folder.isViaSymlink });
      } else if (entry.isFile()) {
        if (!isSourceFileName(entry.name) || this.scope.isExcluded(entryPath, false)) continue;
        this.files.push({ path: entryPath, realPath: path.join(folder.realPath, entry.name), isViaSymlink: folder.isViaSymlink });
      } else if (entry.isSymbolicLink()) {
        this.visitLink(entryPath, ancestors);
      }
      // Sockets, FIFOs and devices are never source files.
    }
    return subfolders;
  }

  private visitLink(linkPath: string, ancestors: readonly string[]): void {
    const name = path.basename(linkPath);
    let stats: fs.Stats;
    try {
      stats = fs.statSync(linkPath);
    } catch (error) {
      const errno = asErrnoException(error);
      // Only links that could have been a source file or a folder are worth a notice; a dangling `README.md`
      // link is not our business.
      if (!couldBeSourceOrFolder(name) || this.scope.isExcluded(linkPath, false)) return;
      if (errno.code === 'ENOENT' || errno.code === 'ENOTDIR') {
        this.notices.push(brokenSymlinkNotice(linkPath, readLinkTarget(linkPath)));
      } else {
        this.notices.push(noticeForFileError(linkPath, errno, 'file'));
      }
      return;
    }
    if (stats.isDirectory()) {
      if (!this.scope.isExcluded(linkPath, true)) this.pendingLinks.push({ path: linkPath, ancestors });
    } else if (stats.isFile()) {
      if (!isSourceFileName(name) || this.scope.isExcluded(linkPath, false)) return;
      try {
        this.files.push({ path: linkPath, realPath: fs.realpathSync(linkPath), isViaSymlink: true });
      } catch (error) {
        this.notices.push(noticeForFileError(linkPath, error, 'file'));
      }
    }
  }

  /** The real folder a symlinked folder leads to, or undefined when it must not be walked (loop, or walked already). */
  private linkTargetToFollow(linkPath: string, ancestors: readonly string[]): string | undefined {
    let target: string;
    try {
      target = fs.realpathSync(linkPath);
    } catch (error) {
      this.notices.push(noticeForFileError(linkPath, error, 'folder'));
      return undefined;
    }
    const ownFolder = ancestors[ancestors.length - 1];
    if (ancestors.includes(target) || (ownFolder !== undefined && isAncestorOf(target, ownFolder))) {
      this.notices.push(symlinkLoopNotice(linkPath, target));
      return undefined;
    }
    // Already walked through another path: its files are in the result, by real path.
    return this.walkedFolders.has(target) ? undefined : target;
  }
}

export async function walkFolder(root: string, scope: IgnoreScope): Promise<WalkResult> {
  const walk = new FolderWalk(scope);
  await walk.run(path.resolve(root));
  return { files: walk.files, notices: walk.notices };
}

/** Source-looking names, and extension-less names that may have pointed at a folder. */
function couldBeSourceOrFolder(name: string): boolean {
  return isSourceFileName(name) || !name.includes('.');
}

export function readLinkTarget(linkPath: string): string | undefined {
  try {
    return path.resolve(path.dirname(linkPath), fs.readlinkSync(linkPath));
  } catch {
    // The link vanished as well; the notice then says "a target that does not exist".
    return undefined;
  }
}

function isAncestorOf(folder: string, descendant: string): boolean {
  const relative = path.relative(folder, descendant);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
