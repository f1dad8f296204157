/**
 * Stage: files (reading anything else the workspace holds): configs, `.gitignore`, tsconfigs and their `extends`,
 * baselines, reports to merge, the cache file, imported files that were not scanned.
 * Input: a path, how many bytes the caller accepts, and what the file is (for messages).
 * Output: its text (UTF-8, byte-order mark removed), or a `WorkspaceReadError` that says why not.
 * Invariant: only regular files are read, and never more than `maxBytes` + 1 bytes: a committed symlink to
 * `/dev/zero` or a FIFO cannot exhaust memory or block (issue #21). The file is opened non-blocking, so a FIFO
 * swapped in after the first check does not block either, and checked again on the open descriptor.
 */
import * as fs from 'node:fs';

export type WorkspaceReadProblem = 'missing' | 'not-a-file' | 'too-large' | 'unreadable';

export class WorkspaceReadError extends Error {
  constructor(
    readonly file: string,
    readonly problem: WorkspaceReadProblem,
    /** One clause: `is a FIFO, not a regular file`, `is 5000000 bytes, over the limit of 2097152`. */
    readonly reason: string,
    readonly code?: string,
  ) {
    super(`${file} ${reason}`);
    this.name = 'WorkspaceReadError';
  }
}

/** Configs, ignore files and tsconfigs: far larger than any real one, small enough to read at once. */
export const MAX_SETUP_FILE_BYTES = 2 * 1024 * 1024;
/** Baselines, SARIF reports and the cache file, which grow with the number of findings or files. */
export const MAX_DATA_FILE_BYTES = 256 * 1024 * 1024;

export function readWorkspaceText(file: string, maxBytes: number): string {
  const bytes = readWorkspaceBytes(file, maxBytes);
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** For TypeScript's hosts, which take `undefined` for a file they cannot read. */
export function readWorkspaceTextOrUndefined(file: string, maxBytes: number, onProblem?: (error: WorkspaceReadError) => void): string | undefined {
  try {
    return readWorkspaceText(file, maxBytes);
  } catch (error) {
    if (!(error instanceof WorkspaceReadError)) throw error;
    if (error.problem !== 'missing') onProblem?.(error);
    return undefined;
  }
}

export function readWorkspaceBytes(file: string, maxBytes: number): Buffer {
  let descriptor: number | undefined;
  try {
    checkStats(file, fs.statSync(file), maxBytes);
    descriptor = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const stats = fs.fstatSync(descriptor);
    checkStats(file, stats, maxBytes);
    return readAtMost(file, descriptor, stats.size, maxBytes);
  } catch (error) {
    if (error instanceof WorkspaceReadError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new WorkspaceReadError(file, 'missing', 'does not exist', code);
    throw new WorkspaceReadError(file, 'unreadable', `cannot be read (${code ?? String(error)})`, code);
  } finally {
    if (descriptor !== undefined) fs.closeSync(descriptor);
  }
}

function checkStats(file: string, stats: fs.Stats, maxBytes: number): void {
  if (!stats.isFile()) throw new WorkspaceReadError(file, 'not-a-file', `is ${kindOf(stats)}, not a regular file`);
  if (stats.size > maxBytes) throw tooLarge(file, stats.size, maxBytes);
}

function tooLarge(file: string, size: number | undefined, maxBytes: number): WorkspaceReadError {
  const what = size === undefined ? 'more than' : `${size} bytes,`;
  return new WorkspaceReadError(file, 'too-large', `is ${what} over the limit of ${maxBytes} bytes`);
}

/** Reads to the end, but stops one byte past the limit: a file that grows while it is read is refused too. */
function readAtMost(file: string, descriptor: number, expected: number, maxBytes: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(Math.min(Math.max(expected, 4096), maxBytes + 1, 1024 * 1024));
  for (;;) {
    const read = fs.readSync(descriptor, chunk, 0, Math.min(chunk.length, maxBytes + 1 - total), null);
    if (read === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, read)));
    total += read;
    if (total > maxBytes) throw tooLarge(file, undefined, maxBytes);
  }
  return Buffer.concat(chunks, total);
}

function kindOf(stats: fs.Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}
