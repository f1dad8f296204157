/**
 * Stage: facts (names).
 * Input: an identifier, property name or type name as written (`idCardNo`, `FACE_IMAGE`, `plate-number`, `VINCode`).
 * Output: its lower-case tokens (`id card no`, `face image`, `plate number`, `vin code`).
 * Invariant: names are split on case changes, `_`, `-`, `.` and spaces, and between letters and digits, and matched
 * token by token, never as raw substrings (DOMAIN.md §3): `interfaceId` is `interface id` and has no `face` in it.
 * Digits are tokens of their own (`h264` is `h 264`), so a term with digits never matches a name without them.
 */

const tokenCache = new Map<string, readonly string[]>();
const MAX_CACHE = 50_000;

export function tokenizeName(name: string): readonly string[] {
  const cached = tokenCache.get(name);
  if (cached) return cached;
  const tokens: string[] = [];
  // Split ACRONYMWord → ACRONYM Word, camelCase → camel Case, and on every non-letter.
  const spaced = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ');
  for (const part of spaced.match(/[A-Za-z]+|[0-9]+/g) ?? []) tokens.push(part.toLowerCase());
  if (tokenCache.size > MAX_CACHE) tokenCache.clear();
  tokenCache.set(name, tokens);
  return tokens;
}

/** A term as written in models: `face image` → ['face', 'image']. */
export function parseTerm(term: string): readonly string[] {
  return term
    .trim()
    .split(/\s+/)
    .flatMap((part) => tokenizeName(part));
}

/** Whether `tokens` contains `term` as a contiguous run. */
export function containsTerm(tokens: readonly string[], term: readonly string[]): boolean {
  if (term.length === 0 || term.length > tokens.length) return false;
  outer: for (let i = 0; i + term.length <= tokens.length; i++) {
    for (let j = 0; j < term.length; j++) {
      if (tokens[i + j] !== term[j]) continue outer;
    }
    return true;
  }
  return false;
}

/** Index of the first contiguous occurrence of `term` in `tokens`, or -1. */
export function indexOfTerm(tokens: readonly string[], term: readonly string[]): number {
  outer: for (let i = 0; i + term.length <= tokens.length; i++) {
    for (let j = 0; j < term.length; j++) {
      if (tokens[i + j] !== term[j]) continue outer;
    }
    return i;
  }
  return -1;
}
