/**
 * Fixes of `no-unconsented-biometric-storage`; all are suggestions, since consent changes what the code does.
 * - Insert the project's own consent check before the statement that stores the data, e.g.
 *     `await assertBiometricConsent(customerId);`                          (an asserting function)
 *     `if (!(await hasFaceConsent(customerId))) { throw new Error(…); }`   (a function returning a boolean)
 *   with the person's id argument selected for review; only when the dataflow saw such a function in the project.
 * - Suppress with a reason.
 * Selections are offsets in the text after all edits of the fix are applied.
 */
import type { Fix, FixContext, KnownFunction, Locale, Reach, TextEdit } from '../../server/src/engine/rule-api';
import { importEditFor } from '../shared/imports';
import { tokenizeName } from '../shared/names';
import { createSuppressFix } from '../shared/suppress-fix';
import { indentUnitOf, indentationAt, lineEndingOf, lineStartOffset } from '../shared/text';
import type { BiometricStorageOptions } from './options';

const TITLE: Readonly<Record<Locale, (name: string) => string>> = {
  en: (name) => `Check separate consent with ${name}() before storing`,
  'zh-CN': (name) => `存储前使用 ${name}() 校验单独同意`,
};

const ERROR_TEXT: Readonly<Record<Locale, string>> = {
  en: 'Separate consent to biometric processing is missing',
  'zh-CN': '缺少对生物识别信息处理的单独同意',
};

const ASSERTING_VERBS = new Set(['assert', 'require', 'ensure', 'enforce', 'throw']);

export function createFixes(reach: Reach, context: FixContext, _options: BiometricStorageOptions, locale: Locale): Fix[] {
  const fixes: Fix[] = [];
  const guard = context.knownGuards.find((fn) => /^[A-Za-z_$][\w$]*$/.test(fn.name));
  if (guard !== undefined) {
    const fix = createGuardFix(reach, context, guard, locale);
    if (fix !== undefined) fixes.push(fix);
  }
  fixes.push(createSuppressFix(reach, context.fileText(reach.sink.range.file), locale));
  return fixes;
}

function createGuardFix(reach: Reach, context: FixContext, guard: KnownFunction, locale: Locale): Fix | undefined {
  const file = reach.sink.callRange.file;
  const fileText = context.fileText(file);
  const importEdit = importEditFor(guard, file, fileText);
  if (importEdit === undefined) return undefined;

  const insertAt = lineStartOffset(fileText, reach.sink.callRange.offset);
  const indent = indentationAt(fileText, reach.sink.callRange.offset);
  const eol = lineEndingOf(fileText);
  const unit = indentUnitOf(fileText);
  const callText = fileText.slice(reach.sink.callRange.offset, reach.sink.callRange.offset + reach.sink.callRange.length);
  const argument = guard.arity === 0 ? '' : guessSubject(callText);
  const call = `${guard.isAsync ? 'await ' : ''}${guard.name}(${argument})`;
  const isAsserting = ASSERTING_VERBS.has(tokenizeName(guard.name)[0] ?? '');

  const head = isAsserting ? `${indent}${guard.isAsync ? 'await ' : ''}${guard.name}(` : `${indent}if (!(${guard.isAsync ? 'await ' : ''}${guard.name}(`;
  const newText = isAsserting
    ? `${indent}${call};${eol}`
    : `${indent}if (!(${call})) {${eol}${indent}${unit}throw new Error('${ERROR_TEXT[locale]}');${eol}${indent}}${eol}`;
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
  const personWords = /^(?:customer|visitor|user|person|member|owner|driver|subject|lead|client|employee|guest)(?:Id|No|Uuid)?$/i;
  for (const candidate of candidates) {
    const segments = candidate.split(/\??\./);
    const last = segments[segments.length - 1] ?? '';
    if (personWords.test(last) && /Id$|No$|Uuid$/i.test(last)) return candidate;
    if (last === 'id' && segments.length > 1 && personWords.test(segments[segments.length - 2] ?? '')) return candidate;
  }
  for (const candidate of candidates) {
    const last = candidate.split(/\??\./).pop() ?? '';
    if (/^(?:customer|visitor|user|person|member|owner|driver|subject)Id$/i.test(last) || /[a-z](?:Id)$/.test(last)) {
      if (!/^(?:face|template|image|photo|record|request|trace|session|device|store|dealer)/i.test(last)) return candidate;
    }
  }
  return 'subjectId';
}
