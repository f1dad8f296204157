/**
 * Stage: fixes (apply to disk), used by `piilint --fix`.
 * Input: findings with their fixes, and for each file what it held when the engine analysed it (its text, the
 * SHA-256 of its text, or a time since which it must not have been modified).
 * Output: files rewritten with the chosen safe fixes, and a summary: the files fixed, how many fixes were applied,
 * how many were skipped because they overlapped a fix chosen earlier, and the files left alone because they
 * changed on disk (or could not be read or written).
 * Invariant: only safe fixes of unsuppressed findings are applied, one per finding (the preferred one first); a
 * fix is applied whole or not at all; no two applied edits overlap (the first one in finding order wins, as in
 * ESLint); a file whose content is not what the engine analysed is never written; each write goes to a
 * temporary file in the same folder and is renamed over the original, keeping its mode, owner, encoding and byte
 * order mark; a file with bytes that are not valid UTF-8 or UTF-16 is never rewritten; a file outside the scanned
 * roots or without write permission is never written either (fix-guards.ts); a Vue component is edited inside its
 * script blocks only (fit-to-script.ts).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { ts } from 'ts-morph';
import writeFileAtomic from 'write-file-atomic';
import { decodeSourceText, type SourceEncoding } from '../files/decode-source-text';
import { type ScriptSource, scriptSourceOf } from '../files/script-source';
import type { Finding, Fix, TextEdit } from '../findings/finding';
import { toScriptKind } from '../project/embedded-scripts';
import { checkWritable } from './fix-guards';

/**
 * What a file held when it was analysed, so that a file changed since then is not overwritten. Texts and hashes
 * are of the decoded text without a byte order mark, as the engine reads files (files/decode-source-text.ts).
 */
export type AnalysedContent =
  | { readonly text: string }
  /** SHA-256 (hex) of the UTF-8 encoding of the text. */
  | { readonly sha256: string }
  /**
   * Epoch milliseconds taken before the analysis read the file. A file modified later is refused; in addition every
   * fixed finding's offset must still fall on its reported line and column.
   */
  | { readonly unmodifiedSince: number };

export interface ApplyFixesRequest {
  readonly findings: readonly Finding[];
  /** What each file held when analysed; a file without an answer is not touched and is reported. */
  readonly analysedContent: (file: string) => AnalysedContent | undefined;
  /** Work out the result without writing anything. */
  readonly isDryRun?: boolean;
  /**
   * The real paths of the scanned roots (`realRoots`, `scannedRoots`): a file whose real path is outside them is
   * never written. Without them, any path may be written (the engine's own tests).
   */
  readonly roots?: readonly string[];
}

export type FixConflictReason =
  | 'changed-on-disk'
  | 'unknown-baseline'
  | 'unreadable'
  | 'invalid-encoding'
  | 'invalid-edit'
  | 'write-failed'
  | 'outside-workspace'
  | 'read-only';

export interface FixConflict {
  readonly file: string;
  readonly reason: FixConflictReason;
  readonly message: string;
  /** Fixes not applied because of this conflict. */
  readonly fixes: number;
}

export interface ApplyFixesSummary {
  /** Files written (or that would be written, on a dry run), sorted. */
  readonly filesFixed: readonly string[];
  readonly fixesApplied: number;
  /** Fixes not applied because an edit overlapped an edit of a fix chosen before. */
  readonly fixesSkippedOverlap: number;
  readonly conflicts: readonly FixConflict[];
  /** New text of each fixed file, decoded and without a byte order mark. */
  readonly newTexts: ReadonlyMap<string, string>;
}

interface Candidate {
  readonly finding: Finding;
  readonly fix: Fix;
}

interface FileState {
  /** The decoded text the edits' offsets refer to, without a byte order mark. */
  readonly text: string;
  /** Written back in the same encoding, with the same byte order mark. */
  readonly encoding: SourceEncoding;
  readonly mtimeMs: number;
  readonly size: number;
}

const BOM = '\uFEFF';

export async function applyFixes(request: ApplyFixesRequest): Promise<ApplyFixesSummary> {
  const candidates = chooseSafeFixes(request.findings);
  const conflicts = new Map<string, { reason: FixConflictReason; message: string; fixes: number }>();
  const states = new Map<string, FileState>();

  for (const file of new Set(candidates.flatMap((candidate) => candidate.fix.edits.map((edit) => edit.file)))) {
    const refusal = request.roots ? checkWritable(file, request.roots) : undefined;
    if (refusal) {
      conflicts.set(file, { ...refusal, fixes: 0 });
      continue;
    }
    const checked = await readAndVerify(file, request.analysedContent(file), candidates);
    if ('reason' in checked) {
      conflicts.set(file, { ...checked, fixes: 0 });
    } else {
      states.set(file, checked);
    }
  }

  const accepted = new Map<string, TextEdit[]>();
  const acceptedFixes: Fix[] = [];
  let fixesSkippedOverlap = 0;
  const scripts = new Map<string, ScriptSource>();
  const scriptOf = (file: string, text: string): ScriptSource => {
    let script = scripts.get(file);
    if (!script) scripts.set(file, (script = scriptSourceOf(file, text)));
    return script;
  };
  for (const { fix } of candidates) {
    const files = new Set(fix.edits.map((edit) => edit.file));
    const blocked = [...files].find((file) => conflicts.has(file));
    if (blocked !== undefined) {
      expectDefined(conflicts.get(blocked), 'blocked was found in conflicts').fixes += 1;
      continue;
    }
    const invalid = fix.edits.find((edit) => {
      const text = expectDefined(states.get(edit.file), 'every edited file was read or is a conflict').text;
      return !isEditInRange(edit, text) || !isEditInScript(edit, scriptOf(edit.file, text));
    });
    if (invalid !== undefined || hasOverlap(fix.edits, [])) {
      const file = invalid?.file ?? expectDefined(fix.edits[0], 'candidates have at least one edit').file;
      recordConflict(conflicts, file, 'invalid-edit', `the fix "${fix.title}" has edits outside the file or its script blocks, or overlapping each other`);
      continue;
    }
    if (fix.edits.some((edit) => hasOverlap([edit], accepted.get(edit.file) ?? []))) {
      fixesSkippedOverlap += 1;
      continue;
    }
    for (const edit of fix.edits) {
      const list = accepted.get(edit.file) ?? [];
      list.push(edit);
      accepted.set(edit.file, list);
    }
    acceptedFixes.push(fix);
  }

  const filesFixed: string[] = [];
  const newTexts = new Map<string, string>();
  const failedFiles = new Set<string>();
  for (const [file, edits] of accepted) {
    const state = expectDefined(states.get(file), 'edits are only accepted for files that were read');
    const newText = applyEdits(state.text, edits);
    if (newText === state.text) {
      continue;
    }
    // A fix must never leave code that no longer parses: such a file keeps its text, and the run says why.
    if (syntaxErrorCount(file, newText) > syntaxErrorCount(file, state.text)) {
      const fixesInFile = acceptedFixes.filter((fix) => fix.edits.some((edit) => edit.file === file)).length;
      recordConflict(conflicts, file, 'invalid-edit', 'the fixes would leave code that does not parse; they were not applied (please report this)');
      const conflict = conflicts.get(file);
      if (conflict) conflicts.set(file, { ...conflict, fixes: fixesInFile });
      failedFiles.add(file);
      continue;
    }
    if (request.isDryRun !== true) {
      const failure = await writeIfUnchanged(file, encodeText(newText, state.encoding), state);
      if (failure !== undefined) {
        const fixesInFile = acceptedFixes.filter((fix) => fix.edits.some((edit) => edit.file === file)).length;
        conflicts.set(file, { ...failure, fixes: fixesInFile });
        failedFiles.add(file);
        continue;
      }
    }
    filesFixed.push(file);
    newTexts.set(file, newText);
  }

  // A fix spanning several files whose write failed in one of them is counted as not applied.
  const fixesApplied = acceptedFixes.filter((fix) => !fix.edits.some((edit) => failedFiles.has(edit.file))).length;
  return {
    filesFixed: filesFixed.sort(),
    fixesApplied,
    fixesSkippedOverlap,
    conflicts: [...conflicts].map(([file, conflict]) => ({ file, ...conflict })).sort((a, b) => a.file.localeCompare(b.file)),
    newTexts,
  };
}

/**
 * The fix `--fix` would apply for each finding, in finding order: the preferred safe fix, else the first safe one.
 * Suppressed findings are not fixed: someone decided to keep that code as it is.
 */
export function chooseSafeFixes(findings: readonly Finding[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (const finding of findings) {
    if (finding.suppression !== undefined) {
      continue;
    }
    const safe = finding.fixes.filter((fix) => fix.isSafe && fix.edits.length > 0);
    const fix = safe.find((candidate) => candidate.isPreferred === true) ?? safe[0];
    if (fix !== undefined) {
      candidates.push({ finding, fix });
    }
  }
  return candidates;
}

/**
 * Whether any edit of `edits` overlaps another edit of `edits` or one of `others` (all of one file). Touching
 * replacements are independent; an insertion at the edge of another edit is not, since the order of the two
 * texts would be a guess.
 */
export function hasOverlap(edits: readonly TextEdit[], others: readonly TextEdit[]): boolean {
  const all = [...others];
  for (const edit of edits) {
    if (all.some((other) => other.file === edit.file && editsOverlap(edit, other))) {
      return true;
    }
    all.push(edit);
  }
  return false;
}

function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  if (a.start < b.end && b.start < a.end) {
    return true;
  }
  const isInsertionAt = (insertion: TextEdit, other: TextEdit) =>
    insertion.start === insertion.end && other.start <= insertion.start && insertion.start <= other.end;
  return isInsertionAt(a, b) || isInsertionAt(b, a);
}

/** Apply non-overlapping edits (offsets into `text`) and return the new text. */
/** Syntax errors the parser reports for a text (no type checking). */
function syntaxErrorCount(file: string, text: string): number {
  const script = scriptSourceOf(file, text);
  const sourceFile = ts.createSourceFile(file, script.text, ts.ScriptTarget.Latest, false, toScriptKind(script.language));
  return (sourceFile as unknown as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics?.length ?? 0;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of sorted) {
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  }
  return result;
}

function isEditInRange(edit: TextEdit, text: string): boolean {
  return Number.isInteger(edit.start) && Number.isInteger(edit.end) && 0 <= edit.start && edit.start <= edit.end && edit.end <= text.length;
}

/** In a component, inside one of its script blocks; in a plain script, anywhere. */
function isEditInScript(edit: TextEdit, script: ScriptSource): boolean {
  return script.regions === undefined || script.regions.some((region) => region.start <= edit.start && edit.end <= region.end);
}

function recordConflict(
  conflicts: Map<string, { reason: FixConflictReason; message: string; fixes: number }>,
  file: string,
  reason: FixConflictReason,
  message: string,
): void {
  const existing = conflicts.get(file);
  if (existing !== undefined) {
    existing.fixes += 1;
  } else {
    conflicts.set(file, { reason, message, fixes: 1 });
  }
}

async function readAndVerify(
  file: string,
  analysed: AnalysedContent | undefined,
  candidates: readonly Candidate[],
): Promise<FileState | { reason: FixConflictReason; message: string }> {
  if (analysed === undefined) {
    return { reason: 'unknown-baseline', message: 'piilint does not know what the file held when it was analysed, so it did not write it' };
  }
  let bytes: Buffer;
  let mtimeMs: number;
  let size: number;
  try {
    const stats = await fs.stat(file);
    bytes = await fs.readFile(file);
    mtimeMs = stats.mtimeMs;
    size = stats.size;
  } catch (error) {
    return { reason: 'unreadable', message: `cannot read the file (${describeError(error)})` };
  }
  const decoded = decodeSourceText(bytes);
  if (decoded.hasInvalidBytes) {
    // Rewriting would replace the undecodable bytes (a GBK comment, say) with U+FFFD for good.
    return {
      reason: 'invalid-encoding',
      message: 'the file is not valid UTF-8 or UTF-16, and rewriting it would destroy the bytes that are not; fix it by hand',
    };
  }
  const state: FileState = { text: decoded.text, encoding: decoded.encoding, mtimeMs, size };
  const changed = { reason: 'changed-on-disk' as const, message: 'the file changed on disk after piilint analysed it; run piilint again' };

  if ('text' in analysed) {
    return analysed.text === state.text || analysed.text === BOM + state.text ? state : changed;
  }
  if ('sha256' in analysed) {
    return sha256(state.text) === analysed.sha256 ? state : changed;
  }
  if (mtimeMs > analysed.unmodifiedSince) {
    return changed;
  }
  // A time stamp can be coarse; also check that every finding fixed in this file is still where it was reported.
  const lineStarts = computeLineStarts(state.text);
  const isStillInPlace = candidates
    .filter((candidate) => candidate.finding.range.file === file)
    .every(({ finding }) => {
      const { offset, line, column } = finding.range;
      const lineStart = lineStarts[line - 1];
      return lineStart !== undefined && offset <= state.text.length && lineStart + column - 1 === offset;
    });
  return isStillInPlace ? state : changed;
}

/** The bytes of `text` in `encoding`, with the byte order mark the file had. */
function encodeText(text: string, encoding: SourceEncoding): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  }
}

async function writeIfUnchanged(
  file: string,
  output: Buffer,
  state: FileState,
): Promise<{ reason: FixConflictReason; message: string } | undefined> {
  try {
    const stats = await fs.stat(file);
    if (stats.mtimeMs !== state.mtimeMs || stats.size !== state.size) {
      return { reason: 'changed-on-disk', message: 'the file changed on disk while piilint was fixing it; run piilint again' };
    }
    await writeFileAtomic(file, output);
    return undefined;
  } catch (error) {
    return { reason: 'write-failed', message: `cannot write the file (${describeError(error)})` };
  }
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** 0-based offsets of line starts, with the line breaks TypeScript counts (\n, \r\n, \r, U+2028, U+2029). */
function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (char === 0x0d) {
      if (text.charCodeAt(index + 1) === 0x0a) {
        index += 1;
      }
      starts.push(index + 1);
    } else if (char === 0x0a || char === 0x2028 || char === 0x2029) {
      starts.push(index + 1);
    }
  }
  return starts;
}

function expectDefined<T>(value: T | undefined, reason: string): T {
  if (value === undefined) {
    throw new Error(`apply-fixes: expected a value (${reason})`);
  }
  return value;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
