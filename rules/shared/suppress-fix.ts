/**
 * The "suppress with a reason" suggestion every rule offers: a `piilint-disable-next-line` comment above the line
 * the finding is reported on, indented like that line, with the reason placeholder selected so the user types
 * over it. A suppression without a real reason is reported by the engine's `invalid-suppression` rule only when
 * the placeholder is deleted, so the placeholder itself says what to write.
 */
import type { Fix, Locale, Reach } from '../../server/src/engine/rule-api';
import { indentationAt, lineEndingOf, lineStartOffset } from './text';

const REASON_PLACEHOLDER: Readonly<Record<Locale, string>> = {
  en: '<reason>',
  'zh-CN': '<理由>',
};

const TITLE: Readonly<Record<Locale, (ruleId: string) => string>> = {
  en: (ruleId) => `Suppress ${ruleId} on this line and state the reason`,
  'zh-CN': (ruleId) => `在此行抑制 ${ruleId} 并写明理由`,
};

/** The placeholder text per locale, for the engine's check of unwritten reasons. */
export const SUPPRESSION_REASON_PLACEHOLDERS: readonly string[] = Object.values(REASON_PLACEHOLDER);

export function createSuppressFix(reach: Reach, fileText: string, locale: Locale): Fix {
  const file = reach.sink.range.file;
  const anchor = reach.sink.range.offset;
  const lineStart = lineStartOffset(fileText, anchor);
  const indentation = indentationAt(fileText, anchor);
  const head = `${indentation}// piilint-disable-next-line ${reach.ruleId} -- `;
  const placeholder = REASON_PLACEHOLDER[locale];
  const newText = `${head}${placeholder}${lineEndingOf(fileText)}`;
  return {
    title: TITLE[locale](reach.ruleId),
    isSafe: false,
    edits: [{ file, start: lineStart, end: lineStart, newText }],
    selection: { file, start: lineStart + head.length, end: lineStart + head.length + placeholder.length },
  };
}
