/**
 * Fixes of `no-id-number-logging`.
 * - Safe: wrap the logged value in the project's mask helper when one is in scope (`maskIdNumber(c.idCardNo)`),
 *   else in an inline mask that keeps the last four characters. Nothing else is added, and a masked value is no
 *   longer a finding, so the fix cannot be applied twice. Whole objects (`fieldPath`) get no wrap: masking the
 *   object would log something else entirely.
 * - Suggestion: suppress with a reason.
 */
import type { Fix, FixContext, KnownFunction, Locale, Reach } from '../../server/src/engine/rule-api';
import { createSuppressFix } from '../shared/suppress-fix';
import { isNameInScope } from '../shared/text';
import { findWrapTarget } from '../shared/wrap-payload';
import type { IdNumberLoggingOptions } from './options';

const TITLES = {
  helper: { en: (name: string) => `Mask the ID number with ${name}()`, 'zh-CN': (name: string) => `使用 ${name}() 对证件号码脱敏` },
  inline: { en: () => 'Mask the ID number, keeping only the last four characters', 'zh-CN': () => '对证件号码脱敏，仅保留后四位' },
} as const;

export function createFixes(reach: Reach, context: FixContext, _options: IdNumberLoggingOptions, locale: Locale): Fix[] {
  const fixes: Fix[] = [];
  const mask = createMaskFix(reach, context, locale);
  if (mask !== undefined) fixes.push(mask);
  fixes.push(createSuppressFix(reach, context.fileText(reach.sink.range.file), locale));
  return fixes;
}

function createMaskFix(reach: Reach, context: FixContext, locale: Locale): Fix | undefined {
  if (reach.fieldPath !== undefined) return undefined;
  const file = reach.sink.argumentRange.file;
  const fileText = context.fileText(file);
  const target = findWrapTarget(fileText, reach.sink.argumentRange, reach.sink.callRange, reach.path);
  if (target === undefined) return undefined;
  const helper = usableMaskHelper(context.knownSanitizers, file, fileText);
  const masked = helper !== undefined ? `${helper.name}(${target.expression})` : inlineMask(target.expression);
  const title = helper !== undefined ? TITLES.helper[locale](helper.name) : TITLES.inline[locale]();
  return {
    title,
    isSafe: true,
    isPreferred: true,
    edits: [{ file, start: target.start, end: target.end, newText: `${target.prefix}${masked}` }],
  };
}

/**
 * A known sanitizer the fix may call without adding anything: visible in this file, synchronous, and taking
 * exactly one parameter, so that `name(value)` compiles and returns the masked text.
 */
export function usableMaskHelper(known: readonly KnownFunction[], file: string, fileText: string): KnownFunction | undefined {
  return known.find(
    (fn) =>
      /^[A-Za-z_$][\w$]*$/.test(fn.name) &&
      !fn.isAsync &&
      fn.arity === 1 &&
      (fn.file === file || isNameInScope(fileText, fn.name)),
  );
}

/** `` `****${String(value ?? '').slice(-4)}` ``: valid TS and JS, keeps no birth date and at most four characters. */
export function inlineMask(expression: string): string {
  const operand = /^[\w$]+(?:\.[\w$]+|\[\d+\]|\?\.[\w$]+)*$/.test(expression) ? expression : `(${expression})`;
  return `\`****\${String(${operand} ?? '').slice(-4)}\``;
}
