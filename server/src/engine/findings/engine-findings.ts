/**
 * Stage: findings (the engine's own).
 * Input: the config, the locale and where the problem is.
 * Output: findings of the engine's pseudo-rules (parse errors, invalid or unused suppressions), with the same
 * fields, messages and fingerprints as a rule's.
 * Invariant: a pseudo-rule switched off in the config gives no finding.
 */
import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { ResolvedConfig } from '../config/config-types';
import { type Locale, formatMessage } from '../rule-api';
import { ENGINE_RULES, PARSE_ERROR_RULE_ID } from './engine-rules';
import type { Finding, Severity, SourceRange } from './finding';
import { assignFingerprints, fingerprintKey } from './fingerprint';
import { plainText } from './localize-reach';
import { rangeOfOffsets } from './source-range';

export function severityOf(config: ResolvedConfig, ruleId: string, fallback: Severity): Severity | undefined {
  const setting = config.rules[ruleId]?.severity ?? fallback;
  return setting === 'off' ? undefined : setting;
}

export function engineFinding(config: ResolvedConfig, locale: Locale, ruleId: string, messageId: string, data: Record<string, string>, range: SourceRange, cwd: string): Finding {
  const rule = ENGINE_RULES.find((candidate) => candidate.meta.id === ruleId)!;
  const severity = severityOf(config, ruleId, rule.meta.defaultSeverity) ?? rule.meta.defaultSeverity;
  const template = rule.messages[messageId];
  const detailTemplate = rule.details?.[messageId];
  const [fingerprint] = assignFingerprints([fingerprintKey({ ruleId, relativeFile: path.relative(cwd, range.file), sinkText: `${range.line}:${messageId}`, sourceText: JSON.stringify(data), enclosingFunction: '' })]);
  return {
    ruleId,
    severity,
    messageId,
    message: plainText(template ? formatMessage(template[locale], data) : messageId, locale),
    ...(detailTemplate ? { detail: plainText(formatMessage(detailTemplate[locale], data), locale) } : {}),
    range,
    path: [],
    fingerprint: fingerprint!,
    fixes: [],
    data,
  };
}

export function parseErrorFinding(config: ResolvedConfig, locale: Locale, sourceFile: ts.SourceFile, error: ts.DiagnosticWithLocation, cwd: string): Finding | undefined {
  if (!severityOf(config, PARSE_ERROR_RULE_ID, 'error')) return undefined;
  // The template ends the detail with its own full stop.
  const detail = withoutTrailingDots(ts.flattenDiagnosticMessageText(error.messageText, ' '));
  const range = rangeOfOffsets(sourceFile, error.start, error.start + Math.max(error.length, 0));
  return engineFinding(config, locale, PARSE_ERROR_RULE_ID, 'parseError', { detail }, range, cwd);
}

export function tooDeepFinding(config: ResolvedConfig, locale: Locale, file: string, cwd: string): Finding | undefined {
  if (!severityOf(config, PARSE_ERROR_RULE_ID, 'error')) return undefined;
  const range: SourceRange = { file, line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: 0 };
  const detail = 'the code is nested more than 400 levels deep (brackets or operator chains), deeper than the parser can follow safely';
  return engineFinding(config, locale, PARSE_ERROR_RULE_ID, 'parseError', { detail }, range, cwd);
}

/** A file that took longer than the per-file budget to parse and bind (issue #11): not analysed. */
export function overBudgetFinding(config: ResolvedConfig, locale: Locale, file: string, budgetMs: number, cwd: string): Finding | undefined {
  if (!severityOf(config, PARSE_ERROR_RULE_ID, 'error')) return undefined;
  const range: SourceRange = { file, line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: 0 };
  const budget = budgetMs % 1000 === 0 ? `${budgetMs / 1000} s` : `${budgetMs} ms`;
  return engineFinding(config, locale, PARSE_ERROR_RULE_ID, 'parseBudget', { budget }, range, cwd);
}

/** The text without its closing full stops; `/\.+$/` would rescan a run of dots from each of them. */
function withoutTrailingDots(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '.') end--;
  return text.slice(0, end);
}
