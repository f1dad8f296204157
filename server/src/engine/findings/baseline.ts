/**
 * Stage: findings (baselines).
 * Input: the text of a baseline file (`piilint.baseline.json`), and the findings of a scan described as
 * `FindingIdentity`s (report-relative file, sink line, enclosing function, snippet), which the shell computes.
 * Output: a validated `Baseline`; a new baseline for the current findings; and the match of findings against a
 * baseline: which findings it accepts, which are new, and which of its entries no longer match anything (stale).
 * Invariant: pure (no file system, no git, no clock). A baseline that is not valid JSON, does not match
 * schema/piilint.baseline.schema.json or has another format version is a `BaselineError`, never ignored: a baseline
 * silently dropped would fail every build, one silently half-read would hide new findings (issue #10).
 *
 * Matching, per finding: first the fingerprint (which survives line shifts and edits elsewhere; see
 * fingerprint.ts); then, because the fingerprint contains the file's path, the rule + enclosing function + snippet
 * of an entry whose file is gone from the scan: the finding's file was moved or renamed (`git mv`). Each entry
 * accepts at most one finding, so a second copy of an accepted line is still new.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { parse as parseJsonc, parseTree, type ParseError } from 'jsonc-parser';
import baselineSchema from '../../../../schema/piilint.baseline.schema.json';
import { formatLocation, offsetOfPointer } from '../config/json-location';
import { PiilintError } from '../errors';
import type { Finding } from './finding';

export const BASELINE_VERSION = 1;
/** Written as the file's `$schema`; resolves in editors when piilint is installed in the project. */
export const BASELINE_SCHEMA_PATH = './node_modules/piilint/schema/piilint.baseline.schema.json';
export const DEFAULT_BASELINE_FILE = 'piilint.baseline.json';
/** Snippets are cut here, so that a long line does not make the file unreadable. */
const SNIPPET_LENGTH = 160;

export interface BaselineEntry {
  readonly fingerprint: string;
  readonly ruleId: string;
  /** Relative to the folder piilint runs in, forward slashes. */
  readonly file: string;
  /** 1-based line of the sink when the entry was written (informative). */
  readonly line: number;
  readonly function: string;
  readonly snippet: string;
  readonly reason?: string;
  readonly author?: string;
}

export interface Baseline {
  readonly $schema?: string;
  readonly version: typeof BASELINE_VERSION;
  readonly entries: readonly BaselineEntry[];
}

/** What a baseline knows of a finding, computed by the shell from the finding and its file's text. */
export interface FindingIdentity {
  readonly finding: Finding;
  /** Report path of the sink's file: relative to the scan folder, forward slashes. */
  readonly file: string;
  readonly line: number;
  readonly function: string;
  readonly snippet: string;
}

export interface BaselineMatch {
  readonly finding: Finding;
  readonly entry: BaselineEntry;
  /** Matched by rule, function and snippet in a file that moved, not by fingerprint. */
  readonly isMoved: boolean;
}

export interface BaselineComparison {
  readonly matched: readonly BaselineMatch[];
  /** Findings the baseline does not accept, in the order given. */
  readonly unmatched: readonly FindingIdentity[];
  /** Entries that accept nothing and whose file this run checked (or that no longer exists): fixed or changed. */
  readonly stale: readonly BaselineEntry[];
}

export interface CompareOptions {
  /** Whether the entry's file no longer exists; only then may a finding in another file match it. */
  readonly isFileGone: (entryFile: string) => boolean;
  /**
   * Whether this run would have found the entry's finding: its file was checked (or is gone).
   * An unmatched entry out of scope (another shard, a path not given) is neither matched nor stale.
   */
  readonly isInScope: (entryFile: string) => boolean;
}

/** The baseline file is missing, unreadable, not JSON, not a baseline, or of another format version. */
export class BaselineError extends PiilintError {
  readonly code = 'baseline-error';
  constructor(message: string, readonly file: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

/** The sink's line as a snippet: trimmed, white space collapsed, cut at SNIPPET_LENGTH characters. */
export function snippetOfLine(text: string, line: number): string {
  const lines = text.split(/\r\n|\r|\n/);
  const collapsed = (lines[line - 1] ?? '').replace(/\s+/g, ' ').trim();
  return collapsed.length > SNIPPET_LENGTH ? `${collapsed.slice(0, SNIPPET_LENGTH - 1)}…` : collapsed;
}

let compiledValidator: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiledValidator === undefined) {
    compiledValidator = new Ajv({ allErrors: true, strict: true, logger: false }).compile(baselineSchema);
  }
  return compiledValidator;
}

/**
 * Parse and validate a baseline file's text. `file` is how messages name it. The format version is checked before
 * the schema, so that a baseline from a newer piilint says so rather than listing schema differences.
 */
export function parseBaseline(text: string, file: string): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const offset = firstSyntaxErrorOffset(text);
    const where = offset === undefined ? file : formatLocation(file, text, offset);
    throw new BaselineError(
      `${where}: the baseline is not valid JSON (${reason}). Fix the file, or re-create it with \`piilint baseline create --baseline ${file}\`.`,
      file,
    );
  }
  if (isObject(value) && 'version' in value && value.version !== BASELINE_VERSION) {
    throw new BaselineError(
      `${file}: baseline format version ${JSON.stringify(value.version)} is not supported; this piilint reads version ${BASELINE_VERSION}. Use the piilint version that wrote it, or re-create it with \`piilint baseline create --baseline ${file}\`.`,
      file,
    );
  }
  const validate = validator();
  if (!validate(value)) {
    const error = firstError(validate.errors ?? []);
    const isUnknownKey = error?.keyword === 'additionalProperties';
    // An unknown key is shown at the key itself, anything else at the offending value.
    const pointer = `${error?.instancePath ?? ''}${isUnknownKey ? `/${escapePointer(String((error.params as { additionalProperty?: unknown }).additionalProperty))}` : ''}`;
    const where = formatLocation(file, text, offsetOfPointer(parseTree(text), pointer, isUnknownKey));
    throw new BaselineError(
      `${where}: not a piilint baseline: ${describeSchemaError(error)} (see schema/piilint.baseline.schema.json). Fix the file, or re-create it with \`piilint baseline create --baseline ${file}\`.`,
      file,
    );
  }
  return value as unknown as Baseline;
}

/** The baseline file's text: stable key order, sorted entries, two-space indent, a final newline. */
export function serializeBaseline(baseline: Baseline): string {
  const ordered = {
    $schema: baseline.$schema ?? BASELINE_SCHEMA_PATH,
    version: BASELINE_VERSION,
    entries: sortEntries(baseline.entries).map((entry) => ({
      fingerprint: entry.fingerprint,
      ruleId: entry.ruleId,
      file: entry.file,
      line: entry.line,
      function: entry.function,
      snippet: entry.snippet,
      ...(entry.reason === undefined ? {} : { reason: entry.reason }),
      ...(entry.author === undefined ? {} : { author: entry.author }),
    })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/**
 * Match findings against a baseline. Findings are matched in the order given, by fingerprint first (over all
 * findings), then the rest by rule, function and snippet against entries whose file is gone.
 */
export function compareWithBaseline(
  identities: readonly FindingIdentity[],
  baseline: Baseline,
  options: CompareOptions,
): BaselineComparison {
  const byFingerprint = new Map<string, BaselineEntry[]>();
  for (const entry of baseline.entries) {
    const list = byFingerprint.get(entry.fingerprint) ?? [];
    list.push(entry);
    byFingerprint.set(entry.fingerprint, list);
  }
  const used = new Set<BaselineEntry>();
  const matchedByIdentity = new Map<FindingIdentity, BaselineMatch>();

  for (const identity of identities) {
    const entry = (byFingerprint.get(identity.finding.fingerprint) ?? []).find((candidate) => !used.has(candidate));
    if (entry !== undefined) {
      used.add(entry);
      matchedByIdentity.set(identity, { finding: identity.finding, entry, isMoved: false });
    }
  }

  const byMoveKey = new Map<string, BaselineEntry[]>();
  for (const entry of baseline.entries) {
    if (used.has(entry) || !options.isFileGone(entry.file)) continue;
    const key = moveKey(entry);
    const list = byMoveKey.get(key) ?? [];
    list.push(entry);
    byMoveKey.set(key, list);
  }
  for (const identity of identities) {
    if (matchedByIdentity.has(identity)) continue;
    const candidates = (byMoveKey.get(moveKey({ ...identity, ruleId: identity.finding.ruleId })) ?? []).filter((entry) => !used.has(entry));
    // Prefer the entry whose file had the same name (a folder move), then the first in file order.
    const entry = candidates.find((candidate) => baseName(candidate.file) === baseName(identity.file)) ?? candidates[0];
    if (entry !== undefined) {
      used.add(entry);
      matchedByIdentity.set(identity, { finding: identity.finding, entry, isMoved: true });
    }
  }

  return {
    matched: identities.flatMap((identity) => matchedByIdentity.get(identity) ?? []),
    unmatched: identities.filter((identity) => !matchedByIdentity.has(identity)),
    stale: sortEntries(baseline.entries.filter((entry) => !used.has(entry) && options.isInScope(entry.file))),
  };
}

/**
 * A baseline of the given findings. Entries that match one of `previous` keep its reason and author (so
 * re-creating a baseline never loses a review note); new entries get `defaults`.
 */
export function createBaseline(
  identities: readonly FindingIdentity[],
  previous: Baseline | undefined,
  defaults: { readonly reason?: string; readonly author?: string },
  options: CompareOptions,
): Baseline {
  const previousOf = new Map<Finding, BaselineEntry>();
  if (previous !== undefined) {
    for (const match of compareWithBaseline(identities, previous, options).matched) {
      previousOf.set(match.finding, match.entry);
    }
  }
  const entries = identities.map((identity): BaselineEntry => {
    const earlier = previousOf.get(identity.finding);
    const reason = earlier === undefined ? defaults.reason : earlier.reason;
    const author = earlier === undefined ? defaults.author : earlier.author;
    return {
      ...entryOf(identity),
      ...(reason === undefined ? {} : { reason }),
      ...(author === undefined ? {} : { author }),
    };
  });
  return { $schema: previous?.$schema ?? BASELINE_SCHEMA_PATH, version: BASELINE_VERSION, entries: sortEntries(entries) };
}

/** The entry for a finding as it is now (current fingerprint, file, line, function and snippet). */
export function entryOf(identity: FindingIdentity): BaselineEntry {
  return {
    fingerprint: identity.finding.fingerprint,
    ruleId: identity.finding.ruleId,
    file: identity.file,
    line: identity.line,
    function: identity.function,
    snippet: identity.snippet,
  };
}

/** By file, line, rule and fingerprint, comparing code units so that the order does not depend on the locale. */
export function sortEntries(entries: readonly BaselineEntry[]): BaselineEntry[] {
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...entries].sort(
    (a, b) => compare(a.file, b.file) || a.line - b.line || compare(a.ruleId, b.ruleId) || compare(a.fingerprint, b.fingerprint),
  );
}

function moveKey(entry: { readonly ruleId: string; readonly function: string; readonly snippet: string }): string {
  return [entry.ruleId, entry.function, entry.snippet].join('\u0000');
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** Where strict JSON parsing first fails (Node's own message does not always say). */
function firstSyntaxErrorOffset(text: string): number | undefined {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return errors[0]?.offset;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The most telling error: an unknown (often misspelt) key, then a missing one, then the rest; deepest first. */
function firstError(errors: readonly ErrorObject[]): ErrorObject | undefined {
  const rank = (error: ErrorObject) => (error.keyword === 'additionalProperties' ? 0 : error.keyword === 'required' ? 1 : 2);
  return [...errors].sort((a, b) => rank(a) - rank(b) || b.instancePath.length - a.instancePath.length)[0];
}

function describeSchemaError(error: ErrorObject | undefined): string {
  if (error === undefined) return 'it does not match the schema';
  const at = error.instancePath === '' ? 'the top level' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown key "${String(params.additionalProperty)}" in ${at}`;
    case 'required':
      return `"${String(params.missingProperty)}" is missing in ${at}`;
    case 'pattern':
      return error.instancePath.endsWith('/fingerprint')
        ? `${at} must be 16 lowercase hexadecimal digits, as in the JSON report's \`fingerprint\``
        : `${at} must match ${String(params.pattern)}`;
    default:
      return `${at} ${error.message ?? 'is not valid'}`;
  }
}
