/**
 * Fixes of `no-unconsented-biometric-storage`; all are suggestions, since consent changes what the code does.
 * - Insert the project's own consent check before the statement that stores the data, e.g.
 *     `await assertBiometricConsent(customerId);`                          (an asserting function)
 *     `if (!(await hasFaceConsent(customerId))) { throw new Error(…); }`   (a function returning a boolean)
 *   with the person's id argument selected for review. The check is one the dataflow saw acting as a consent
 *   check in this project (imported when it lives elsewhere), or a `consentFunctions` name the file can already
 *   call. The statement is found from the text (statement-start.ts), so a store inside another call's arguments
 *   gets the check before the whole statement, never inside the arguments.
 * - Suppress with a reason.
 * Selections are offsets in the text after all edits of the fix are applied.
 */
import type { Fix, FixContext, KnownFunction, Locale, Reach, TextEdit } from '../../server/src/engine/rule-api';
import { importEditFor } from '../shared/imports';
import { escapeRegExp, tokenizeName } from '../shared/names';
import { createSuppressFix } from '../shared/suppress-fix';
import { indentUnitOf, isNameInScope, lineEndingOf, lineStartOffset } from '../shared/text';
import type { BiometricStorageOptions } from './options';
import { statementStartBefore } from './statement-start';

const TITLE: Readonly<Record<Locale, (name: string) => string>> = {
  en: (name) => `Check separate consent with ${name}() before storing`,
  'zh-CN': (name) => `存储前使用 ${name}() 校验单独同意`,
};

const ERROR_TEXT: Readonly<Record<Locale, string>> = {
  en: 'Separate consent to biometric processing is missing',
  'zh-CN': '缺少对生物识别信息处理的单独同意',
};

const ASSERTING_VERBS = new Set(['assert', 'require', 'ensure', 'enforce', 'throw']);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function createFixes(reach: Reach, context: FixContext, options: BiometricStorageOptions, locale: Locale): Fix[] {
  const fixes: Fix[] = [];
  const fileText = context.fileText(reach.sink.callRange.file);
  for (const guard of guardCandidates(context, options, fileText)) {
    const fix = createGuardFix(reach, fileText, guard, locale);
    if (fix !== undefined) {
      fixes.push(fix);
      break;
    }
  }
  fixes.push(createSuppressFix(reach, context.fileText(reach.sink.range.file), locale));
  return fixes;
}

/** Checks the dataflow saw in the project (most used first), then configured ones the file can already call. */
function guardCandidates(context: FixContext, options: BiometricStorageOptions, fileText: string): KnownFunction[] {
  // A method is offered where the file already calls things on the same receiver (`this.consents.…`).
  const known = context.knownGuards
    .filter((fn) => IDENTIFIER.test(fn.name) && (fn.receiver === undefined || fileText.includes(`${fn.receiver}.`)))
    // Where the declaration was not seen (an injected service's method), how the project calls it tells.
    .map((fn) => (fn.file === undefined ? { ...fn, isAsync: fn.isAsync || looksAsync(fileText, fn.receiver ? `${fn.receiver}.${fn.name}` : fn.name) } : fn));
  const configured = options.consentFunctions
    .filter((name) => IDENTIFIER.test(name) && isNameInScope(fileText, name) && !known.some((fn) => fn.name === name))
    .map((name): KnownFunction => ({ name, isExported: false, isAsync: looksAsync(fileText, name), arity: 1 }));
  return [...known, ...configured];
}

/** A configured function's declaration is not at hand: it is awaited or declared `async` in this file. */
function looksAsync(fileText: string, name: string): boolean {
  const escaped = escapeRegExp(name);
  return new RegExp(`\\bawait\\s+${escaped}\\s*\\(|\\basync\\s+function\\s*(?:\\*\\s*)?${escaped}\\b|\\b${escaped}\\s*=\\s*async\\b`).test(fileText);
}

function createGuardFix(reach: Reach, fileText: string, guard: KnownFunction, locale: Locale): Fix | undefined {
  const file = reach.sink.callRange.file;
  const importEdit = guard.receiver !== undefined ? null : importEditFor(guard, file, fileText);
  if (importEdit === undefined) return undefined;

  const callText = fileText.slice(reach.sink.callRange.offset, reach.sink.callRange.offset + reach.sink.callRange.length);
  const argument = guard.arity === 0 ? '' : guessSubject(callText);
  const awaited = guard.isAsync ? 'await ' : '';
  const isAsserting = ASSERTING_VERBS.has(tokenizeName(guard.name)[0] ?? '');
  const eol = lineEndingOf(fileText);
  const unit = indentUnitOf(fileText);

  const start = statementStartBefore(fileText, reach.sink.callRange.offset);
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
    title: TITLE[locale](guard.name),
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
