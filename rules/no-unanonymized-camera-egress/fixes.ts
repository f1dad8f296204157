/**
 * Fixes of `no-unanonymized-camera-egress`; all are suggestions, since anonymising changes what is sent.
 * - Wrap the raw frame in the project's anonymiser, where it enters the payload:
 *     `client.publish(topic, frame)`              → `client.publish(topic, await blurFacesAndPlates(frame))`
 *     `JSON.stringify({ visitId, photo })`        → `JSON.stringify({ visitId, photo: await blurFacesAndPlates(photo) })`
 *     `form.append('photo', snapshot)` (then `form` is sent) → `form.append('photo', await blurFacesAndPlates(snapshot))`
 *   The anonymiser is one the dataflow saw the project call (its own function, or a configured one that is in
 *   scope); it is imported when it lives in another file. `await` is added for an async anonymiser, and the fix is
 *   left out where `await` would not be allowed (the sink is not inside an async function). Wrapping a FormData,
 *   a JSON text or a Blob that merely contains the frame would not anonymise anything, so the fix targets the raw
 *   value, and is left out when it cannot be found.
 * - Suppress with a reason.
 */
import type { Fix, FixContext, FlowStep, KnownFunction, Locale, Reach, TextEdit } from '../../server/src/engine/rule-api';
import { importEditFor } from '../shared/imports';
import { escapeRegExp } from '../shared/names';
import { createSuppressFix } from '../shared/suppress-fix';
import { isNameInScope } from '../shared/text';
import { enclosingOpener } from '../shared/wrap-payload';
import type { CameraEgressOptions } from './options';

const TITLE: Readonly<Record<Locale, (name: string) => string>> = {
  en: (name) => `Anonymise with ${name}() before sending`,
  'zh-CN': (name) => `发送前使用 ${name}() 做匿名化处理`,
};

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** A value worth wrapping: `frame`, `photo.base64`, `res.tempFiles[0].tempFilePath`, `event.data`. */
const VALUE_EXPRESSION = /^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*|!|\[\d+\])*$/;

export function createFixes(reach: Reach, context: FixContext, options: CameraEgressOptions, locale: Locale): Fix[] {
  const fixes: Fix[] = [];
  const wrap = createAnonymizeFix(reach, context, options, locale);
  if (wrap !== undefined) fixes.push(wrap);
  fixes.push(createSuppressFix(reach, context.fileText(reach.sink.range.file), locale));
  return fixes;
}

interface Target {
  readonly start: number;
  readonly end: number;
  readonly expression: string;
  /** `photo: ` when the target is a shorthand property. */
  readonly prefix: string;
}

function createAnonymizeFix(reach: Reach, context: FixContext, options: CameraEgressOptions, locale: Locale): Fix | undefined {
  const file = reach.sink.argumentRange.file;
  const fileText = context.fileText(file);
  const target = findRawValue(fileText, reach);
  if (target === undefined) return undefined;
  for (const anonymizer of candidates(context, options, fileText)) {
    const importEdit = importEditFor(anonymizer, file, fileText);
    if (importEdit === undefined) continue;
    const isAsync = anonymizer.isAsync || new RegExp(`\\bawait\\s+(?:[\\w$]+\\.)*${escapeRegExp(anonymizer.name)}\\s*\\(`).test(fileText);
    if (isAsync && !isInsideAsyncFunction(fileText, target.start)) continue;
    const call = `${isAsync ? 'await ' : ''}${anonymizer.name}(${target.expression})`;
    const edits: TextEdit[] = [];
    if (importEdit !== null) edits.push(importEdit);
    edits.push({ file, start: target.start, end: target.end, newText: `${target.prefix}${call}` });
    return { title: TITLE[locale](anonymizer.name), isSafe: false, isPreferred: true, edits };
  }
  return undefined;
}

/**
 * Anonymisers to offer, best first: the project's own functions the dataflow saw acting as anonymisers, then the
 * configured ones that are already in scope in the file. Library helpers seen inside the project's anonymiser
 * (`blurAll` of a vendor SDK) cannot be imported and are skipped by the caller.
 */
function candidates(context: FixContext, options: CameraEgressOptions, fileText: string): KnownFunction[] {
  const usable = context.knownSanitizers.filter((fn) => IDENTIFIER.test(fn.name) && fn.arity >= 1);
  const own = usable.filter((fn) => fn.file !== undefined);
  const others = usable.filter((fn) => fn.file === undefined);
  const configured = options.anonymizers
    .filter((name) => IDENTIFIER.test(name) && isNameInScope(fileText, name) && !usable.some((fn) => fn.name === name))
    .map((name): KnownFunction => ({ name, isExported: false, isAsync: false, arity: 1 }));
  return [...own, ...others, ...configured];
}

/** Where the raw frame enters what is sent (see the header); undefined when it cannot be told. */
function findRawValue(fileText: string, reach: Reach): Target | undefined {
  const file = reach.sink.argumentRange.file;
  const path = reach.path;
  const sink = reach.sink.argumentRange;
  let start = sink.offset;
  let end = sink.offset + sink.length;
  const property = /^((?:[A-Za-z_$][\w$]*)|'[^']*'|"[^"]*")\s*:\s*/.exec(fileText.slice(start, end));
  if (property) start += property[0].length;
  const argumentText = fileText.slice(start, end);

  const names = rawNames(fileText, path, file);
  // The sink argument is the raw value itself: `publish(topic, frame)`, `{ body: clip }`.
  if (VALUE_EXPRESSION.test(argumentText) && !isContainer(fileText, path, file, argumentText)) {
    if (IDENTIFIER.test(argumentText) && !property && enclosingOpener(fileText, reach.sink.callRange.offset, start) === '{') {
      return { start, end, expression: argumentText, prefix: `${argumentText}: ` };
    }
    return { start, end, expression: argumentText, prefix: '' };
  }
  // The raw value is written inside the argument: `JSON.stringify({ visitId, photo })`, `{ image: base64 }`.
  const inside = findNameIn(fileText, start, end, names);
  if (inside !== undefined) return inside;
  // The argument is a container filled earlier: `form.append('photo', snapshot)`, `frames.push(jpeg)`.
  for (let index = path.length - 2; index > 0; index--) {
    const step = path[index]!;
    if (step.range.file !== file || !/^stored by /.test(step.message)) continue;
    const statement = statementAround(fileText, step.range.offset);
    const found = findNameIn(fileText, statement.start, statement.end, rawNames(fileText, path.slice(0, index), file), step.range.offset + step.range.length);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Texts on the path, last first, that name the raw value (variables it was assigned to, the source's name). */
function rawNames(fileText: string, path: readonly FlowStep[], file: string): string[] {
  const names: string[] = [];
  for (let index = path.length - 1; index >= 0; index--) {
    const step = path[index]!;
    if (step.kind === 'sink' || step.range.file !== file) continue;
    if (step.kind === 'step' && !/^assigned to /.test(step.message)) continue;
    const text = fileText.slice(step.range.offset, step.range.offset + step.range.length).trim();
    if (VALUE_EXPRESSION.test(text) && !names.includes(text)) names.push(text);
  }
  return names;
}

/** Whether the value sent was filled by `append`/`push` (a FormData or an array of frames). */
function isContainer(fileText: string, path: readonly FlowStep[], file: string, argumentText: string): boolean {
  return path.some(
    (step) => step.range.file === file && /^stored by /.test(step.message) && fileText.slice(step.range.offset, step.range.offset + step.range.length).trim() === argumentText,
  );
}

/**
 * The one occurrence of a raw name between `start` and `end` that is a value (not a property key, not a member
 * of something else); `from` skips the receiver of a `stored by` step. The nearest name on the path wins.
 */
function findNameIn(fileText: string, start: number, end: number, names: readonly string[], from = start): Target | undefined {
  for (const name of names) {
    const pattern = new RegExp(`(?<![\\w$.])${escapeRegExp(name)}(?![\\w$])`, 'g');
    const text = fileText.slice(from, end);
    const hits: Target[] = [];
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const at = from + match.index;
      const after = fileText.slice(at + name.length, end);
      if (/^\s*\(/.test(after)) continue;
      const isShorthand = IDENTIFIER.test(name) && /^\s*[,}]/.test(after) && /[{,]\s*$/.test(fileText.slice(start, at));
      if (/^\s*:(?!:)/.test(after) && !/\?\s*$/.test(fileText.slice(start, at))) continue;
      hits.push({ start: at, end: at + name.length, expression: name, prefix: isShorthand ? `${name}: ` : '' });
    }
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) return undefined;
  }
  return undefined;
}

/** The statement containing `offset`: from after the previous `;`, `{` or `}` to the next `;` or line end. */
function statementAround(fileText: string, offset: number): { start: number; end: number } {
  let start = offset;
  while (start > 0 && !/[;{}]/.test(fileText[start - 1]!)) start--;
  const semicolon = fileText.indexOf(';', offset);
  const newline = fileText.indexOf('\n', offset);
  const ends = [semicolon, newline].filter((at) => at >= 0);
  return { start, end: ends.length ? Math.min(...ends) : fileText.length };
}

/**
 * Whether `offset` is inside a function declared `async`: the innermost enclosing `{` that opens a function body
 * (an arrow, a `function`, a method; not an `if`/`for`/`try` block or an object literal) has `async` in its header.
 * A textual check is enough for a suggestion; when unsure the fix is not offered.
 */
function isInsideAsyncFunction(fileText: string, offset: number): boolean {
  const opens: number[] = [];
  let i = 0;
  while (i < offset) {
    const ch = fileText[i]!;
    const next = fileText[i + 1];
    if (ch === '/' && next === '/') {
      const newline = fileText.indexOf('\n', i);
      i = newline === -1 ? offset : newline + 1;
      continue;
    }
    if (ch === '/' && next === '*') {
      const close = fileText.indexOf('*/', i + 2);
      i = close === -1 ? offset : close + 2;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') {
      i = skipString(fileText, i, offset);
      continue;
    }
    if (ch === '{') opens.push(i);
    else if (ch === '}') opens.pop();
    i++;
  }
  for (let index = opens.length - 1; index >= 0; index--) {
    const brace = opens[index]!;
    const header = headerBefore(fileText, brace);
    if (/^\s*(?:if|for|while|switch|catch|else|try|do|finally)\b/.test(header) || /(?:^|[=(,:?]|return)\s*$/.test(header)) continue;
    if (/=>\s*$/.test(header) || /\bfunction\b/.test(header) || endsLikeSignature(header)) return /\basync\b/.test(header);
  }
  return false;
}

/** The text of the header that ends at `brace`: back to the previous statement or argument boundary. */
function headerBefore(fileText: string, brace: number): string {
  let depth = 0;
  let i = brace - 1;
  for (; i >= 0; i--) {
    const ch = fileText[i]!;
    if (ch === '>' && fileText[i - 1] === '=') {
      i--;
      continue;
    }
    if (ch === ')' || ch === ']' || ch === '>') depth++;
    else if ((ch === '(' || ch === '[' || ch === '<') && depth > 0) depth--;
    else if (depth === 0 && (ch === ';' || ch === '{' || ch === '}' || ch === '(' || ch === ',')) break;
  }
  return fileText.slice(i + 1, brace).trim();
}

function skipString(text: string, at: number, limit: number): number {
  const quote = text[at]!;
  let i = at + 1;
  while (i < limit && text[i] !== quote) {
    if (quote !== '`' && text[i] === '\n') break;
    i += text[i] === '\\' ? 2 : 1;
  }
  return i + 1;
}

/**
 * Whether a header ends like a method signature: `)` then spaces, or `): ReturnType` (no `{` after the colon).
 * A scan instead of `/\)\s*(?::[^{]+)?$/`, which backtracks quadratically on a long header (issue #21).
 */
function endsLikeSignature(header: string): boolean {
  const trimmed = header.trimEnd();
  if (trimmed.endsWith(')')) return true;
  const lastBrace = header.lastIndexOf('{');
  for (let colon = header.indexOf(':', lastBrace + 1); colon !== -1 && colon < header.length - 1; colon = header.indexOf(':', colon + 1)) {
    // Only the spaces between this colon and the previous character are read: a colon ends every such run.
    let cursor = colon;
    while (cursor > lastBrace + 1 && /\s/.test(header[cursor - 1] ?? '')) cursor--;
    if (cursor - 1 > lastBrace && header[cursor - 1] === ')') return true;
  }
  return false;
}

