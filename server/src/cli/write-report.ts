/**
 * Writing the report for `--output`: missing parent folders are created, and the file is written to a temporary
 * file in the same folder and renamed over the target, so a CI step never reads half a report.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { PiilintError } from '../engine/errors';

/** The report file cannot be written (permissions, a folder in the way, a full disk). */
export class OutputFileError extends PiilintError {
  readonly code = 'output-file-error';
  constructor(message: string, readonly file: string) {
    super(message);
    this.name = 'OutputFileError';
  }
}

export async function writeReport(file: string, text: string): Promise<void> {
  try {
    if ((await statOrUndefined(file))?.isDirectory() === true) {
      throw new Error('it is a folder');
    }
    await ensureFolder(path.dirname(file));
    await writeFileAtomic(file, text, { encoding: 'utf8' });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new OutputFileError(
      `Cannot write the report to ${file} (${reason}). Choose another --output path or check its permissions.`,
      file,
    );
  }
}

/**
 * `mkdir -p`, one level at a time. Node's own `mkdir(…, { recursive: true })` can spin forever below a
 * pseudo-file system such as /proc, where creating a folder fails with ENOENT.
 */
async function ensureFolder(folder: string): Promise<void> {
  const missing: string[] = [];
  let current = folder;
  for (;;) {
    const stats = await statOrUndefined(current);
    if (stats !== undefined) {
      if (!stats.isDirectory()) {
        throw new Error(`${current} is not a folder`);
      }
      break;
    }
    missing.push(current);
    const parent = path.dirname(current);
    if (parent === current) {
      break;
    }
    current = parent;
  }
  for (const created of missing.reverse()) {
    await fs.mkdir(created).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') {
        throw error;
      }
    });
  }
}

async function statOrUndefined(file: string) {
  try {
    return await fs.stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}
