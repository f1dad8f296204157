/**
 * Stage: facts (API references).
 * Input: model paths as written (`connect().publish`) and the engine's view of a value's origin in an external API.
 * Output: `ApiRef`, the identity of an external API value (module or global root plus member/call/new segments),
 * and `ApiPathPattern`, a compiled model path that matches refs.
 * Invariant: refs are immutable and bounded in length (MAX_SEGMENTS); a default import denotes the module itself,
 * as CommonJS `require` does, so `import got from 'got'` and `require('got')` give the same ref.
 */

export const MAX_SEGMENTS = 12;

export type ApiSegment = string; // `.name` member, `()` call, `new` construction
export const CALL: ApiSegment = '()';
export const NEW: ApiSegment = 'new';

export interface ApiRef {
  /** `m:<module specifier>` or `g:<global name>`. */
  readonly root: string;
  readonly segments: readonly ApiSegment[];
  /** Cached `root|segments` for sets and maps. */
  readonly key: string;
}

export function makeApiRef(root: string, segments: readonly ApiSegment[]): ApiRef {
  return { root, segments, key: root + '|' + segments.join('|') };
}

export function moduleRef(specifier: string): ApiRef {
  return makeApiRef('m:' + specifier, []);
}

export function globalRef(name: string): ApiRef {
  return makeApiRef('g:' + name, []);
}

/** `undefined` when the ref would grow past MAX_SEGMENTS: a chain that long is no model's. */
export function extendApiRef(ref: ApiRef, segment: ApiSegment): ApiRef | undefined {
  if (ref.segments.length >= MAX_SEGMENTS) return undefined;
  return makeApiRef(ref.root, [...ref.segments, segment]);
}

export function memberSegment(name: string): ApiSegment {
  return '.' + name;
}

/** Last member name of a ref (`publish` for `mqtt|.connect|()|.publish`), if its last segment is a member. */
export function lastMemberName(ref: ApiRef): string | undefined {
  const last = ref.segments[ref.segments.length - 1];
  return last?.startsWith('.') ? last.slice(1) : undefined;
}

export function describeApiRef(ref: ApiRef): string {
  let text = ref.root.slice(2);
  for (const segment of ref.segments) {
    if (segment === CALL) text += '()';
    else if (segment === NEW) text = `new ${text}()`;
    else text += segment;
  }
  return text;
}

type SegmentMatcher =
  | { readonly kind: 'member'; readonly names: ReadonlySet<string> | 'any' }
  /** `**`: any run of segments, none included (fluent builders: `ffmpeg(url).duration(15).format('mp4').pipe`). */
  | { readonly kind: 'any-run' }
  | { readonly kind: 'call' }
  | { readonly kind: 'new' };

export interface ApiPathPattern {
  readonly root: string;
  readonly segments: readonly SegmentMatcher[];
}

/**
 * Parses a model path: `connect().publish`, `face.new().addUser`, `()`, `info|warn`, `*`, `().**.pipe`, ``.
 * Throws an Error with a readable message on malformed input (the config loader reports it).
 */
export function parseApiPath(root: string, path: string): ApiPathPattern {
  const segments: SegmentMatcher[] = [];
  let rest = path.trim();
  while (rest.length > 0) {
    if (rest.startsWith('.')) rest = rest.slice(1);
    if (rest.startsWith('()')) {
      segments.push({ kind: 'call' });
      rest = rest.slice(2);
      continue;
    }
    if (rest.startsWith('**')) {
      segments.push({ kind: 'any-run' });
      rest = rest.slice(2);
      continue;
    }
    const match = /^([A-Za-z_$*][\w$*]*(?:\|[A-Za-z_$][\w$]*)*)(\(\))?/.exec(rest);
    if (!match) throw new Error(`cannot read API path "${path}" at "${rest}": expected a member name, "()" or "new()"`);
    const name = match[1]!;
    if (name === 'new' && match[2]) {
      segments.push({ kind: 'new' });
    } else {
      segments.push({ kind: 'member', names: name === '*' ? 'any' : new Set(name.split('|')) });
      if (match[2]) segments.push({ kind: 'call' });
    }
    rest = rest.slice(match[0].length);
  }
  checkAlternativesBindToOneSegment(path, segments);
  return { root, segments };
}

/**
 * `a|b` offers names for one segment only. A path whose alternative repeats a member named before it
 * (`promises.writeFile|promises.appendFile` reads as promises → writeFile or promises → appendFile) was meant as two
 * whole paths and can never match what its author had in mind, so it is an error, not a silent no-op.
 */
function checkAlternativesBindToOneSegment(path: string, segments: readonly SegmentMatcher[]): void {
  const earlier = new Set<string>();
  for (const segment of segments) {
    if (segment.kind !== 'member' || segment.names === 'any') continue;
    if (segment.names.size > 1) {
      const repeated = [...segment.names].find((name) => earlier.has(name));
      if (repeated !== undefined) {
        throw new Error(
          `API path "${path}" repeats "${repeated}" inside an alternative; "|" chooses between names of one segment, so write the shared prefix once (for example "promises.writeFile|appendFile")`,
        );
      }
    }
    for (const name of segment.names) earlier.add(name);
  }
}

export function matchesApiPath(pattern: ApiPathPattern, ref: ApiRef): boolean {
  if (pattern.root !== ref.root) return false;
  const segments = pattern.segments;
  const matchFrom = (p: number, r: number): boolean => {
    if (p === segments.length) return r === ref.segments.length;
    const want = segments[p]!;
    if (want.kind === 'any-run') {
      for (let skip = r; skip <= ref.segments.length; skip++) if (matchFrom(p + 1, skip)) return true;
      return false;
    }
    if (r === ref.segments.length) return false;
    const have = ref.segments[r]!;
    if (want.kind === 'call') {
      if (have !== CALL) return false;
    } else if (want.kind === 'new') {
      if (have !== NEW) return false;
    } else {
      if (!have.startsWith('.')) return false;
      if (want.names !== 'any' && !want.names.has(have.slice(1))) return false;
    }
    return matchFrom(p + 1, r + 1);
  };
  return matchFrom(0, 0);
}
