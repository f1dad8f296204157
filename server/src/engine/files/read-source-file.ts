/**
 * Stage: files (reading).
 * Input: the absolute path of a discovered source file, and optionally the size limit.
 * Output: its decoded text, or the notice that says why it cannot be analysed now.
 * Invariant: never throws for a bad file. Re-checks what may have changed since discovery (the file vanished,
 * grew past the limit, or turned binary), because the language server reads files long after discovery.
 */
import * as fs from 'node:fs';
import type { Notice } from '../findings/finding';
import { decodeSourceText, type SourceEncoding } from './decode-source-text';
import { binaryFileNotice, fileTooLargeNotice, fileVanishedNotice, noticeForFileError } from './file-notices';
import { BINARY_SAMPLE_BYTES, isBinarySample } from './is-binary';

export interface SourceText {
  /** The file's text without a byte-order mark. */
  readonly text: string;
  readonly encoding: SourceEncoding;
  /**
   * True when invalid bytes (a GBK comment in a UTF-8 file, say) were replaced with U+FFFD. The file is still
   * analysed: code structure and identifiers are ASCII in practice, and skipping it would hide real findings.
   */
  readonly hasInvalidBytes: boolean;
}

export type ReadSourceResult = SourceText | { readonly notice: Notice };

export interface ReadSourceOptions {
  /** When given, a file that grew past this many bytes since discovery is skipped with a notice. */
  readonly maxFileSize?: number;
}

export function readSourceFile(file: string, options: ReadSourceOptions = {}): ReadSourceResult {
  let bytes: Buffer;
  try {
    const stats = fs.statSync(file);
    if (!stats.isFile()) return { notice: fileVanishedNotice(file) };
    if (options.maxFileSize !== undefined && stats.size > options.maxFileSize) {
      return { notice: fileTooLargeNotice(file, stats.size, options.maxFileSize) };
    }
    bytes = fs.readFileSync(file);
  } catch (error) {
    return { notice: noticeForFileError(file, error, 'file') };
  }
  if (isBinarySample(bytes.subarray(0, BINARY_SAMPLE_BYTES))) return { notice: binaryFileNotice(file) };
  return decodeSourceText(bytes);
}
