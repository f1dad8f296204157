/**
 * Stage: fixes (where `--fix` may write). Input: a file a fix edits, and the scanned roots. Output: nothing when
 * the file may be rewritten, else the reason it may not (issue #21):
 * - `outside-workspace`: its real path (symlinks resolved) is not inside a scanned root, as for a committed
 *   `src/link.ts → ../../outside/x.ts`; the finding is still reported;
 * - `read-only`: the user running the fix may not write it (a 0444 file replaced by a rename needed no write
 *   permission on the file itself), and a file owned by someone else, which a rename would hand to that user.
 *   Root may write any file, as for every tool it runs, and write-file-atomic gives the file back its owner.
 * Also removes the temporary files a killed `--fix` left next to the scanned files (`visit.ts.1234567890`, as
 * write-file-atomic names them), so that they do not pile up.
 * Invariant: never follows a symlink to write, never deletes anything but a regular file with a temporary file's
 * name next to its original, created after the original was last written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface WriteRefusal {
  readonly reason: 'outside-workspace' | 'read-only';
  readonly message: string;
}

/** The real paths of the scanned roots, resolved once per run (a root that does not resolve is left out). */
export function realRoots(roots: readonly string[]): string[] {
  const resolved: string[] = [];
  for (const root of roots) {
    try {
      resolved.push(fs.realpathSync(root));
    } catch {
      // a root that vanished contains nothing to write
    }
  }
  return resolved;
}

export function checkWritable(file: string, roots: readonly string[]): WriteRefusal | undefined {
  let real: string;
  let stats: fs.Stats;
  try {
    real = fs.realpathSync(file);
    stats = fs.statSync(real);
  } catch {
    return undefined; // reading it reports what is wrong
  }
  if (!roots.some((root) => isInside(root, real))) {
    return {
      reason: 'outside-workspace',
      message: `the file is a link to ${real}, outside the scanned folders (${roots.join(', ')}); piilint reports it but never writes there`,
    };
  }
  const uid = process.getuid?.();
  if (uid === undefined || uid === 0) return undefined;
  try {
    fs.accessSync(real, fs.constants.W_OK);
  } catch {
    return { reason: 'read-only', message: 'the file is read-only (you have no write permission); piilint leaves it as it is. Make it writable to fix it' };
  }
  if (stats.uid !== uid) {
    return { reason: 'read-only', message: `the file belongs to another user (uid ${stats.uid}); rewriting it would make it yours, so piilint leaves it as it is` };
  }
  return undefined;
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** write-file-atomic's temporary name: the original's name, a dot, and an unsigned 32-bit number. */
const TEMP_SUFFIX = /^\.(\d{1,10})$/;

/**
 * Removes the temporary files a killed `--fix` left next to `files` (the scanned files), returning their paths.
 * A candidate must be a regular file (not a link) named `<file>.<number>`, modified no earlier than its original.
 */
export function removeStaleTempFiles(files: Iterable<string>): string[] {
  const byFolder = new Map<string, Set<string>>();
  for (const file of files) {
    const folder = path.dirname(file);
    let names = byFolder.get(folder);
    if (!names) byFolder.set(folder, (names = new Set()));
    names.add(path.basename(file));
  }
  const removed: string[] = [];
  for (const [folder, names] of byFolder) {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const dot = entry.name.lastIndexOf('.');
      const original = entry.name.slice(0, dot);
      const suffix = TEMP_SUFFIX.exec(entry.name.slice(dot));
      if (dot <= 0 || !suffix || Number(suffix[1]) > 0xffffffff || !names.has(original)) continue;
      const candidate = path.join(folder, entry.name);
      try {
        const temp = fs.lstatSync(candidate);
        const source = fs.statSync(path.join(folder, original));
        if (!temp.isFile() || temp.mtimeMs < source.mtimeMs) continue;
        fs.unlinkSync(candidate);
        removed.push(candidate);
      } catch {
        // gone already, or not ours to remove
      }
    }
  }
  return removed;
}

/** The folders a scan covers: each path or the fixed part of each glob (the working folder when none is given). */
export function scannedRoots(cwd: string, paths: readonly string[]): string[] {
  const inputs = paths.length > 0 ? paths : ['.'];
  return realRoots(inputs.map((input) => path.resolve(cwd, input.split(/[*?{[]/)[0] || '.')));
}
