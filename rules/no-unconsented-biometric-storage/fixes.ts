/**
 * Fixes of `no-unconsented-biometric-storage`; all are suggestions, since consent changes what the code does.
 * - Insert the project's own consent check before the statement that stores the data, e.g.
 *     `await this.consent.assertBiometricConsent(customerId);`                   (an asserting method)
 *     `if (!(await hasFaceConsent(customerId))) { throw new Error(…); }`       (a function returning a boolean)
 *   with the person's id argument selected for review. The check is one the dataflow saw acting as a consent
 *   check in this project (a call, never a constructor or the value of a `throw`), or a `consentFunctions` name
 *   the file can already call. A method is called on the receiver the project calls it on, and only where that
 *   receiver is in scope (`this.consent` in a class that has `consent`); an async check is awaited, and is offered
 *   only in an `async` function. The statement comes from the syntax tree, so a store inside another call's
 *   arguments gets the check before the whole statement, never inside the arguments.
 * - When the write's own function can reach no consent check (a repository without the consent service), the check
 *   goes into the function on the path that handed it the data (`enrolWalkIn`), before that call: a fix at a
 *   related location, as the path names it.
 * - Suppress with a reason.
 * Selections are offsets in the text after all edits of the fix are applied.
 */
import type { Fix, FixContext, KnownFunction, Locale, Reach, SourceRange, TextEdit } from '../../server/src/engine/rule-api';
import { ts } from '../../server/src/engine/rule-api';
import { importEditFor } from '../shared/imports';
import { escapeRegExp, tokenizeName } from '../shared/names';
import { createSuppressFix } from '../shared/suppress-fix';
import { canAwaitAt, canCallOn, enclosingFunction, enclosingListedStatement, innermostNodeContaining } from '../shared/syntax';
import { indentUnitOf, isNameInScope, lineEndingOf, lineStartOffset } from '../shared/text';
import type { BiometricStorageOptions } from './options';

const TITLE: Readonly<Record<Locale, (name: string) => string>> = {
  en: (name) => `Check separate consent with ${name}() before storing`,
  'zh-CN': (name) => `存储前使用 ${name}() 校验单独同意`,
};

const RELATED_TITLE: Readonly<Record<Locale, (name: string, caller: string) => string>> = {
  en: (name, caller) => `Check separate consent with ${name}() in ${caller}() before it hands the data on to be stored`,
  'zh-CN': (name, caller) => `在 ${caller}() 传出数据以供存储之前使用 ${name}() 校验单独同意`,
};

const ERROR_TEXT: Readonly<Record<Locale, string>> = {
  en: 'Separate consent to biometric processing is missing',
  'zh-CN': '缺少对生物识别信息处理的单独同意',
};

const ASSERTING_VERBS = new Set(['assert', 'require', 'ensure', 'enforce', 'throw']);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function createFixes(reach: Reach, context: FixContext, options: BiometricStorageOptions, locale: Locale): Fix[] {
  const fixes: Fix[] = [];
  const guardFix = createGuardFix(reach.sink.callRange, context, options, locale) ?? createRelatedGuardFix(reach, context, options, locale);
  if (guardFix !== undefined) fixes.push(guardFix);
  fixes.push(createSuppressFix(reach, context.fileText(reach.sink.range.file), locale));
  return fixes;
}

/**
 * The check in a caller on the path: the calls that carried the data towards the write, nearest to it first
 * (`this.faceTemplates.save(visitorId, descriptor)` in `enrolWalkIn`), then the unguarded call chain above.
 */
function createRelatedGuardFix(reach: Reach, context: FixContext, options: BiometricStorageOptions, locale: Locale): Fix | undefined {
  const calls = reach.path.filter((step) => step.kind === 'call').reverse();
  for (const call of calls) {
    const fix = createGuardFix(call.range, context, options, locale, true);
    if (fix !== undefined) return fix;
  }
  return undefined;
}

/** Checks the dataflow saw in the project (injected services' methods first), then configured ones the file can call. */
function guardCandidates(context: FixContext, options: BiometricStorageOptions, fileText: string): KnownFunction[] {
  const known = context.knownGuards
    .filter((fn) => IDENTIFIER.test(fn.name))
    // Where the declaration was not seen (an injected service's method), how the project calls it tells.
    .map((fn) => (fn.file === undefined ? { ...fn, isAsync: fn.isAsync || looksAsync(fileText, fn.receiver ? `${fn.receiver}.${fn.name}` : fn.name) } : fn));
  const isInjected = (fn: KnownFunction) => fn.receiver?.startsWith('this.') ?? false;
  const ordered = [...known.filter(isInjected), ...known.filter((fn) => !isInjected(fn))];
  const configured = options.consentFunctions
    .filter((name) => IDENTIFIER.test(name) && isNameInScope(fileText, name) && !known.some((fn) => fn.name === name))
    .map((name): KnownFunction => ({ name, isExported: false, isAsync: looksAsync(fileText, name), arity: 1 }));
  return [...ordered, ...configured];
}

/** A configured function's declaration is not at hand: it is awaited or declared `async` in this file. */
function looksAsync(fileText: string, name: string): boolean {
  const escaped = escapeRegExp(name);
  return new RegExp(`\\bawait\\s+${escaped}\\s*\\(|\\basync\\s+function\\s*(?:\\*\\s*)?${escaped}\\b|\\b${escaped}\\s*=\\s*async\\b`).test(fileText);
}

/** The first candidate that can be called before the statement holding `anchor`, as a fix. */
function createGuardFix(anchor: SourceRange, context: FixContext, options: BiometricStorageOptions, locale: Locale, isRelated = false): Fix | undefined {
  const file = anchor.file;
  const fileText = context.fileText(file);
  const node = innermostNodeContaining(context.syntaxTree(file), anchor.offset, anchor.length);
  const statement = node && enclosingListedStatement(node);
  if (!statement) return undefined;
  for (const guard of guardCandidates(context, options, fileText)) {
    if (guard.receiver !== undefined ? !canCallOn(statement, guard.receiver, guard.name) : false) continue;
    // `await` outside an `async` function does not compile; a check left un-awaited would test a Promise.
    if (guard.isAsync && !canAwaitAt(statement)) continue;
    const importEdit = guard.receiver !== undefined ? null : importEditFor(guard, file, fileText);
    if (importEdit === undefined) continue;
    const callText = fileText.slice(anchor.offset, anchor.offset + anchor.length);
    const title = isRelated ? RELATED_TITLE[locale](guard.name, callerName(statement)) : TITLE[locale](guard.name);
    return guardFixBefore(statement, fileText, guard, importEdit, guard.arity === 0 ? '' : guessSubject(callText), title, locale);
  }
  return undefined;
}

function callerName(statement: ts.Node): string {
  const fn = enclosingFunction(statement);
  const name = fn && 'name' in fn && fn.name && ts.isIdentifier(fn.name) ? fn.name.text : undefined;
  return name ?? 'the caller';
}

function guardFixBefore(statement: ts.Statement, fileText: string, guard: KnownFunction, importEdit: TextEdit | null, argument: string, title: string, locale: Locale): Fix {
  const file = statement.getSourceFile().fileName;
  const awaited = guard.isAsync ? 'await ' : '';
  const isAsserting = ASSERTING_VERBS.has(tokenizeName(guard.name)[0] ?? '');
  const eol = lineEndingOf(fileText);
  const unit = indentUnitOf(fileText);

  const start = statement.getStart();
  const lineStart = lineStartOffset(fileText, start);
  const before = fileText.slice(lineStart, start);
  const isOwnLine = before.trim() === '';
  // On its own line the check gets its own lines, indented like the statement; after other code on the line
  // (`{ await store(x); }`) it is written inline.
  const insertAt = isOwnLine ? lineStart : start;
  const indent = isOwnLine ? before : '';
  const callHead = `${awaited}${guard.receiver !== undefined ? `${guard.receiver}.` : ''}${guard.name}(`;
  let newText: string;
  let head: string;
  if (isAsserting) {
    head = `${indent}${callHead}`;
    newText = `${head}${argument});${isOwnLine ? eol : ' '}`;
  } else {
    head = `${indent}if (!(${callHead}`;
    const error = `throw new Error('${ERROR_TEXT[locale]}');`;
    newText = isOwnLine
      ? `${head}${argument}))) {${eol}${indent}${unit}${error}${eol}${indent}}${eol}`
      : `${head}${argument}))) { ${error} } `;
  }

  const edits: TextEdit[] = [];
  let shift = 0;
  if (importEdit !== null) {
    edits.push(importEdit);
    if (importEdit.start <= insertAt) shift = importEdit.newText.length;
  }
  edits.push({ file, start: insertAt, end: insertAt, newText });
  const selectionStart = insertAt + shift + head.length;
  return {
    title,
    isSafe: false,
    isPreferred: true,
    edits,
    selection: { file, start: selectionStart, end: selectionStart + argument.length },
  };
}

/**
 * The person whose consent to check, guessed from the store call: `customerId`, `visitor.id`, `dto.userId`…
 * Falls back to `subjectId`, left selected for the user to replace.
 */
export function guessSubject(callText: string): string {
  const candidates = callText.match(/[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)*/g) ?? [];
  const personWords = /^(?:customer|visitor|user|person|member|owner|driver|subject|lead|client|employee|guest|resident|tenant|staff|technician|contractor)(?:Id|No|Uuid)?$/i;
  for (const candidate of candidates) {
    const segments = candidate.split(/\??\./);
    const last = segments[segments.length - 1] ?? '';
    if (personWords.test(last) && /Id$|No$|Uuid$/i.test(last)) return candidate;
    if (last === 'id' && segments.length > 1 && personWords.test(segments[segments.length - 2] ?? '')) return candidate;
  }
  for (const candidate of candidates) {
    const last = candidate.split(/\??\./).pop() ?? '';
    if (/[a-z](?:Id)$/.test(last) && !/^(?:face|template|image|photo|record|request|trace|session|device|store|dealer|collection|external|bucket|group|request)/i.test(last)) {
      return candidate;
    }
  }
  return 'subjectId';
}
