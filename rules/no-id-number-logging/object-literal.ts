/**
 * Reads the top-level properties of an object literal from the file text, so that a fix can wrap or remove the
 * property a whole-object finding names (`log.info({ vin, tripId })`, field `vin`). Rules see text and ranges only,
 * not the AST, so this is a small scanner: it skips strings, template literals, comments and nested brackets, and
 * gives up (returns undefined) on anything it cannot read with certainty.
 */

export interface PropertySpan {
  /** The property name (`vin`, `'vehicle.vin'` unquoted); undefined for spreads, computed keys and methods. */
  readonly key: string | undefined;
  /** Offsets of the whole property (`vin: vehicle.vin`), trimmed. */
  readonly start: number;
  readonly end: number;
  /** Offsets of the value expression; for a shorthand property, of its name. */
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly isShorthand: boolean;
}

/** Properties of the object literal whose `{` is at `open`, or undefined when the text there is not one. */
export function readObjectLiteral(text: string, open: number, limit = text.length): PropertySpan[] | undefined {
  if (text[open] !== '{') return undefined;
  const segments: { start: number; end: number }[] = [];
  let segmentStart = open + 1;
  let depth = 0;
  let i = open + 1;
  while (i < limit) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (ch === '/' && next === '/') {
      const newline = text.indexOf('\n', i);
      if (newline === -1) return undefined;
      i = newline + 1;
      continue;
    }
    if (ch === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close === -1) return undefined;
      i = close + 2;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') {
      const after = skipString(text, i, limit);
      if (after === undefined) return undefined;
      i = after;
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === '}') {
      if (depth === 0) {
        segments.push({ start: segmentStart, end: i });
        return segments.map((segment) => readProperty(text, segment.start, segment.end)).filter((p): p is PropertySpan => p !== null);
      }
      depth--;
    } else if (ch === ',' && depth === 0) {
      segments.push({ start: segmentStart, end: i });
      segmentStart = i + 1;
    }
    if (depth < 0) return undefined;
    i++;
  }
  return undefined;
}

/** One comma-separated part; null for an empty part (a trailing comma). */
function readProperty(text: string, rawStart: number, rawEnd: number): PropertySpan | null {
  const { start, end } = trimRange(text, rawStart, rawEnd);
  if (start >= end) return null;
  const source = text.slice(start, end);
  if (source.startsWith('...')) return { key: undefined, start, end, valueStart: start + 3, valueEnd: end, isShorthand: false };
  const keyMatch = /^(?:([A-Za-z_$][\w$]*)|'([^'\\\n]*)'|"([^"\\\n]*)"|(\d+))\s*(:)?/.exec(source);
  if (!keyMatch) return { key: undefined, start, end, valueStart: end, valueEnd: end, isShorthand: false };
  const key = keyMatch[1] ?? keyMatch[2] ?? keyMatch[3] ?? keyMatch[4];
  if (keyMatch[5] !== undefined) {
    const value = trimRange(text, start + keyMatch[0].length, end);
    return { key, start, end, valueStart: value.start, valueEnd: value.end, isShorthand: false };
  }
  if (keyMatch[1] !== undefined && keyMatch[0].trim() === source.trim()) {
    return { key, start, end, valueStart: start, valueEnd: end, isShorthand: true };
  }
  // `name(...) { }` methods, getters, `name = default` patterns: nothing a fix should touch.
  return { key: undefined, start, end, valueStart: end, valueEnd: end, isShorthand: false };
}

function trimRange(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  // A comment before the property belongs to the gap, not to the property.
  while (text.startsWith('//', s) || text.startsWith('/*', s)) {
    const close = text.startsWith('//', s) ? text.indexOf('\n', s) : text.indexOf('*/', s) + 1;
    if (close <= 0 || close >= e) break;
    s = close + 1;
    while (s < e && /\s/.test(text[s]!)) s++;
  }
  return { start: s, end: e };
}

/** Offset just past the string or template literal opening at `at`; undefined when it does not close. */
function skipString(text: string, at: number, limit: number): number | undefined {
  const quote = text[at];
  let i = at + 1;
  while (i < limit) {
    const ch = text[i];
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === quote) return i + 1;
    if (quote !== '`' && ch === '\n') return undefined;
    if (quote === '`' && ch === '$' && text[i + 1] === '{') {
      const close = skipPlaceholder(text, i + 2, limit);
      if (close === undefined) return undefined;
      i = close;
      continue;
    }
    i++;
  }
  return undefined;
}

/** Offset just past the `}` that closes a template placeholder whose body starts at `at`. */
function skipPlaceholder(text: string, at: number, limit: number): number | undefined {
  let depth = 0;
  let i = at;
  while (i < limit) {
    const ch = text[i];
    if (ch === "'" || ch === '"' || ch === '`') {
      const after = skipString(text, i, limit);
      if (after === undefined) return undefined;
      i = after;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') {
      if (depth === 0) return i + 1;
      depth--;
    }
    i++;
  }
  return undefined;
}

/**
 * The edit range that removes `properties[index]` with its separating comma and the whitespace up to the next
 * property, keeping the other properties' layout: `{ a, vin, b }` → `{ a, b }`, `{ a, vin }` → `{ a }`.
 */
export function removalRange(text: string, properties: readonly PropertySpan[], index: number): { start: number; end: number } {
  const property = properties[index]!;
  const next = properties[index + 1];
  if (next) return { start: property.start, end: next.start };
  const previous = properties[index - 1];
  if (previous) return { start: previous.end, end: property.end };
  // The only property: remove it and a trailing comma.
  let end = property.end;
  let probe = end;
  while (probe < text.length && /[ \t]/.test(text[probe]!)) probe++;
  if (text[probe] === ',') end = probe + 1;
  return { start: property.start, end };
}
