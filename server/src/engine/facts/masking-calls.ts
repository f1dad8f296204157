/**
 * Stage: facts (masking with string methods).
 * Input: a string method's name, how many arguments it was given and what the dataflow knows of them: constant
 * numbers, positions counted from the end (`s.length - 4`), a literal replacement string.
 * Output: whether the call keeps too little of an ID to identify anyone: `id.slice(-4)`, `vin.slice(0, 6)`,
 * `id.substring(0, 3)`, `id.replace(/^(.{3}).*(.{4})$/, '$1****$2')` (DOMAIN §4.6: at most 6 leading and 4
 * trailing characters).
 * Invariant: what is kept is judged from literal arguments only; a position or a replacement the engine cannot read
 * as a constant never masks.
 */

/** What the dataflow knows of a position argument. */
export interface KnownPosition {
  readonly num?: number;
  /** `s.length - k`: k characters before the end. */
  readonly fromEnd?: number;
}

/** `id.slice(-4)`, `s.slice(s.length - 4)`, `vin.slice(0, 6)`, `id.substr(0, 3)`: what is left is short enough. */
export function keepsTooLittle(method: string, argumentCount: number, first: KnownPosition | undefined, second: KnownPosition | undefined): boolean {
  if (method !== 'slice' && method !== 'substring' && method !== 'substr') return false;
  const start = first?.num;
  const end = second?.num;
  // `s.slice(s.length - 4)`: the last four characters.
  if (argumentCount === 1 && first?.fromEnd !== undefined) return first.fromEnd <= 4;
  if (start === undefined) return false;
  if (argumentCount === 1) return method === 'slice' && start < 0 && start >= -4;
  if (end === undefined) return false;
  const length = method === 'substr' ? end : end - start;
  return start >= 0 && length >= 0 && length <= 6;
}

export function isReplacingMethod(method: string): boolean {
  return method === 'replace' || method === 'replaceAll';
}

/** A replacement of mask characters (`'$1****$2'`, `'*'`): what it replaces is hidden. */
export function isMaskReplacement(text: string): boolean {
  return /[*＊•●]{2,}|^[*＊•●]$/.test(text);
}
