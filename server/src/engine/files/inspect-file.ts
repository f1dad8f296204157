/**
 * Stage: files (per-file checks).
 * Input: the path of a listed file and the size limit.
 * Output: either "source" (worth parsing) or "skipped" with the one notice that says why.
 * Invariant: never throws for a bad file; opens each file once and reads at most `BINARY_SAMPLE_BYTES`.
 * Synchronous, like the walk: four small calls per file cost microseconds here and far more via the thread pool.
 */
import * as fs from 'node:fs';
import type { Notice } from '../findings/finding';
import { BINARY_SAMPLE_BYTES, isBinarySample } from './is-binary';
import { binaryFileNotice, fileTooLargeNotice, fileVanishedNotice, noticeForFileError } from './file-notices';

export type FileInspection =
  | { readonly kind: 'source'; readonly size: number }
  | { readonly kind: 'skipped'; readonly notice: Notice };

export function inspectFile(file: string, maxFileSize: number): FileInspection {
  let descriptor: number | undefined;
  try {
    // Opening a FIFO or a device blocks until someone writes to it: only regular files are opened.
    if (!fs.statSync(file).isFile()) return { kind: 'skipped', notice: fileVanishedNotice(file) };
    descriptor = fs.openSync(file, 'r');
    const stats = fs.fstatSync(descriptor);
    // A folder or device now sits where a file was listed: it was replaced after listing.
    if (!stats.isFile()) return { kind: 'skipped', notice: fileVanishedNotice(file) };
    if (stats.size > maxFileSize) return { kind: 'skipped', notice: fileTooLargeNotice(file, stats.size, maxFileSize) };
    const sample = Buffer.alloc(Math.min(stats.size, BINARY_SAMPLE_BYTES));
    const bytesRead = fs.readSync(descriptor, sample, 0, sample.length, 0);
    if (isBinarySample(sample.subarray(0, bytesRead))) return { kind: 'skipped', notice: binaryFileNotice(file) };
    return { kind: 'source', size: stats.size };
  } catch (error) {
    return { kind: 'skipped', notice: noticeForFileError(file, error, 'file') };
  } finally {
    if (descriptor !== undefined) fs.closeSync(descriptor);
  }
}
