/**
 * Stage: files (decoding).
 * Input: the bytes of a source file.
 * Output: its text without a byte-order mark, the encoding used, and whether invalid bytes were replaced.
 * Invariant: UTF-16 is recognised only by its BOM; everything else is decoded as UTF-8, with invalid sequences
 * replaced by U+FFFD so that a file with a stray legacy-encoded (GBK) comment is still analysed.
 */

export type SourceEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  readonly text: string;
  readonly encoding: SourceEncoding;
  /** True when some bytes were not valid in the encoding and were replaced with U+FFFD. */
  readonly hasInvalidBytes: boolean;
}

export function detectByteOrderMark(bytes: Uint8Array): SourceEncoding | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

export function decodeSourceText(bytes: Uint8Array): DecodedText {
  const bom = detectByteOrderMark(bytes);
  if (bom === 'utf-16le' || bom === 'utf-16be') {
    let body = bytes.subarray(2);
    if (bom === 'utf-16be') body = swapBytePairs(body);
    return decodeWith('utf-16le', body, bom);
  }
  return decodeWith('utf-8', bom === 'utf-8-bom' ? bytes.subarray(3) : bytes, bom ?? 'utf-8');
}

function decodeWith(label: 'utf-8' | 'utf-16le', body: Uint8Array, encoding: SourceEncoding): DecodedText {
  try {
    // `ignoreBOM: true` keeps a second BOM as text; the first one was already removed above.
    return { text: new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(body), encoding, hasInvalidBytes: false };
  } catch {
    return { text: new TextDecoder(label, { fatal: false, ignoreBOM: true }).decode(body), encoding, hasInvalidBytes: true };
  }
}

/** Node's full-ICU builds decode UTF-16BE, small-ICU builds do not; swapping to little-endian works everywhere. */
function swapBytePairs(bytes: Uint8Array): Uint8Array {
  const swapped = new Uint8Array(bytes.length - (bytes.length % 2));
  for (let index = 0; index + 1 < bytes.length; index += 2) {
    swapped[index] = bytes[index + 1];
    swapped[index + 1] = bytes[index];
  }
  return swapped;
}
