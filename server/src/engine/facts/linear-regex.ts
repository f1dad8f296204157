/**
 * Regular expressions that come from the workspace: patterns in the config's models and regex literals in the
 * scanned code. They run in linear time, on re2js (RE2's semantics in plain JavaScript, no native build), so that
 * no pattern and no input can make a scan backtrack for minutes (issue #21: `/^(([\w-]+)+)+!$/` in a scanned file,
 * `(a+)+b` as a config's `receiverName`).
 * Input: a JavaScript pattern source and its flags.
 * Output: a `LinearRegex` (test, and the matches of a global search), or an `UnsupportedPattern` saying why RE2
 * cannot run it: backreferences, lookahead, a pattern over the size limit, or bad syntax.
 * Invariant: nothing here calls a backtracking engine on workspace text. Lookbehind is allowed (re2js runs it in
 * linear time); lookahead and backreferences are not. Built-in patterns that run on workspace text stay native
 * and are linear by construction (test/reliability/builtin-regex-redos.test.ts checks them with a ReDoS checker).
 */
import { RE2JS } from 're2js';

/** Compiled programs larger than this are refused: matching costs program size × input length. */
export const MAX_PROGRAM_SIZE = 20_000;
/** Pattern sources longer than this are refused before parsing. */
export const MAX_PATTERN_LENGTH = 4_096;

export interface LinearRegex {
  readonly source: string;
  /** The flags as given (`g` and `y` are accepted and ignored: every search starts at the beginning). */
  readonly flags: string;
  /** Whether the pattern matches anywhere in `text` (as `RegExp.prototype.test` without `g` or `y`). */
  test(text: string): boolean;
  /** Every non-overlapping match, leftmost first, as a global `exec` loop finds them. */
  matches(text: string): Iterable<{ readonly index: number; readonly text: string; readonly groups: readonly (string | undefined)[] }>;
}

export interface UnsupportedPattern {
  readonly reason: string;
}

/** JavaScript flags RE2 understands (`g`, `y` and `d` only change how matches are iterated; `u` and `v` are implied). */
const KNOWN_FLAGS = /^[dgimsuvy]*$/;

/**
 * Compiles a JavaScript pattern for the linear-time engine. Never throws: a pattern it cannot run is an
 * `UnsupportedPattern`, which the config reports as an error and the dataflow treats as no evidence.
 */
export function compileLinear(source: string, flags = ''): LinearRegex | UnsupportedPattern {
  if (source.length > MAX_PATTERN_LENGTH) return { reason: `the pattern is longer than ${MAX_PATTERN_LENGTH} characters` };
  if (!KNOWN_FLAGS.test(flags)) return { reason: `unknown flags "${flags}"` };
  const unsupported = unsupportedSyntax(source);
  if (unsupported) return { reason: unsupported };
  let compiled: RE2JS;
  try {
    // Compiling a native RegExp checks JavaScript's syntax; it never matches anything, so it cannot backtrack.
    const native = new RegExp(source, flags.replace(/[dgyv]/g, ''));
    compiled = RE2JS.compile(RE2JS.translateRegExp(native), RE2JS.LOOKBEHINDS);
  } catch (error) {
    return { reason: error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error) };
  }
  if (compiled.programSize() > MAX_PROGRAM_SIZE) return { reason: `the pattern is too large for linear-time matching (${compiled.programSize()} instructions, at most ${MAX_PROGRAM_SIZE})` };
  return {
    source,
    flags,
    test: (text) => compiled.test(text),
    *matches(text) {
      for (const match of compiled.matchAll(text)) {
        yield { index: match.index ?? 0, text: match[0] ?? '', groups: [...match].slice(1) };
      }
    },
  };
}

export function isUnsupported(compiled: LinearRegex | UnsupportedPattern): compiled is UnsupportedPattern {
  return 'reason' in compiled;
}

/**
 * What RE2 cannot express, found by a scan of the source that skips escapes and character classes. Caught here
 * rather than by re2js's parser because its translation of JavaScript syntax would otherwise read `\k<name>` as
 * the letters `k<name>`, which changes the meaning instead of failing.
 */
function unsupportedSyntax(source: string): string | undefined {
  let inClass = false;
  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    if (char === '\\') {
      const next = source[index + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || next === 'k')) return 'backreferences are not supported by the linear-time engine';
      index++;
    } else if (inClass) {
      if (char === ']') inClass = false;
    } else if (char === '[') {
      inClass = true;
    } else if (char === '(' && source[index + 1] === '?' && (source[index + 2] === '=' || source[index + 2] === '!')) {
      return 'lookahead ((?= or (?!) is not supported by the linear-time engine';
    }
  }
  return undefined;
}

/**
 * A built-in pattern (the rules' own models) that RE2 cannot express, such as `(?!(?:dia|cata)log$).*log`: it runs
 * on JavaScript's engine with the same interface. Only for patterns written in this repository, which are linear by
 * construction and checked by test/reliability/builtin-regex-redos.test.ts; never for the config's or the code's.
 */
export function compileBuiltIn(source: string, flags = ''): LinearRegex {
  const once = new RegExp(source, flags.replace(/[gy]/g, ''));
  const global = new RegExp(source, flags.replace(/[gy]/g, '') + 'g');
  return {
    source,
    flags,
    test: (text) => once.test(text),
    *matches(text) {
      global.lastIndex = 0;
      for (let match = global.exec(text); match; match = global.exec(text)) {
        if (match[0] === '') global.lastIndex++;
        yield { index: match.index, text: match[0], groups: match.slice(1) };
      }
    },
  };
}
