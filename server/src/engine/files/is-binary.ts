/**
 * Stage: files (binary sniffing).
 * Input: the first bytes of a file (at most `BINARY_SAMPLE_BYTES`).
 * Output: whether the file is binary rather than source text.
 * Invariant: a UTF-16 file with a byte-order mark is text even though it is full of NUL bytes; without a BOM, a NUL
 * byte means binary, as git and most editors decide. `.ts` is also the extension of MPEG transport-stream video
 * segments (HLS), which camera gateways store next to their code, so this check matters here.
 */
import { detectByteOrderMark } from './decode-source-text';

export const BINARY_SAMPLE_BYTES = 8 * 1024;

/** Share of control characters (other than whitespace, form feed and escape) above which text is taken as binary. */
const MAX_CONTROL_CHARACTER_RATIO = 0.1;

export function isBinarySample(sample: Uint8Array): boolean {
  const bom = detectByteOrderMark(sample);
  if (bom === 'utf-16le' || bom === 'utf-16be') {
    // A UTF-16 file has an even number of bytes; an odd count in a short file means it is not UTF-16 at all.
    return sample.length < BINARY_SAMPLE_BYTES && sample.length % 2 === 1;
  }
  let controlCharacters = 0;
  // An indexed loop: iterating a typed array with for…of costs five times as much, on every file of every scan.
  for (let index = 0; index < sample.length; index++) {
    const byte = sample[index]!;
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) controlCharacters++;
  }
  return sample.length > 0 && controlCharacters / sample.length > MAX_CONTROL_CHARACTER_RATIO;
}
