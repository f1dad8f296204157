/**
 * The "suppress with a reason" suggestion every rule offers: a `piilint-disable-next-line` comment above the line
 * the finding is reported on, indented like that line, with the reason placeholder selected so the user types
 * over it. The placeholder is no reason: until it is replaced, the engine reports the comment as
 * `invalid-suppression` and the finding stays (issue #18).
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
