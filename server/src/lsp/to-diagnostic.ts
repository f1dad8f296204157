/**
 * LSP shell: converts engine findings into LSP diagnostics (rule id as `code`, link to the rule's README, the flow
 * from source to sink and then the finding's detail (legal basis, what to do) as related information), notices and config errors into diagnostics of their own.
 * Pure functions, no connection state.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { type Diagnostic, DiagnosticSeverity, DiagnosticTag, type Range } from 'vscode-languageserver/node';
import { ENGINE_RULES } from '../engine/findings/engine-rules';
import type { Finding, Notice, Severity, SourceRange } from '../engine/findings/finding';
import type { Locale } from '../engine/rule-api';
import { noticeMessage } from '../i18n/notice-text';
import { DOCS_BASE, ruleDocsUrl } from '../protocol';

export const DIAGNOSTIC_SOURCE = 'piilint';
const ENGINE_RULE_IDS: ReadonlySet<string> = new Set(ENGINE_RULES.map((rule) => rule.meta.id));

export function isEngineRuleId(ruleId: string): boolean {
  return ENGINE_RULE_IDS.has(ruleId);
}

export function toLspRange(range: SourceRange): Range {
  return {
    start: { line: range.line - 1, character: range.column - 1 },
    end: { line: range.endLine - 1, character: range.endColumn - 1 },
  };
}

export function toLspSeverity(severity: Severity): DiagnosticSeverity {
  return severity === 'error' ? DiagnosticSeverity.Error : severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
}

/** What `Diagnostic.data` carries, so that a code action request can find the finding again. */
export interface DiagnosticData {
  readonly fingerprint: string;
}

export function toDiagnostic(finding: Finding, severity: Severity = finding.severity): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toLspRange(finding.range),
    severity: toLspSeverity(severity),
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId, isEngineRuleId(finding.ruleId)) },
    message: finding.message,
    data: { fingerprint: finding.fingerprint } satisfies DiagnosticData,
  };
  const steps = finding.path.filter((step) => step.kind !== 'sink');
  const related = steps.map((step) => ({
    location: { uri: pathToFileURL(step.range.file).href, range: toLspRange(step.range) },
    message: step.message,
  }));
  // The message is one sentence; why it matters and what to do follow the path, at the finding itself (issue #20).
  if (finding.detail !== undefined) {
    related.push({ location: { uri: pathToFileURL(finding.range.file).href, range: toLspRange(finding.range) }, message: finding.detail });
  }
  if (related.length > 0) diagnostic.relatedInformation = related;
  if (finding.ruleId === 'unused-suppression') diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}

/** A file the engine skipped (too large, binary, unreadable): one informational diagnostic at its start, in `locale`. */
export function noticeToDiagnostic(notice: Notice, locale: Locale = 'en'): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: notice.level === 'error' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    code: notice.code,
    message: noticeMessage(notice, locale),
  };
}

export interface ConfigProblem {
  /** The config file, when the error is in one. */
  readonly file?: string;
  /** 0-based position of the offending value. */
  readonly line: number;
  readonly character: number;
  /** The message without its `file:line:column: ` prefix. */
  readonly message: string;
}

/**
 * A `ConfigError` message starts with `file:line:column: ` when the engine knows where the problem is (see
 * engine/config/json-location.ts); that position becomes the diagnostic's, and the prefix is dropped from the text.
 */
export function locateConfigProblem(message: string, file: string | undefined): ConfigProblem {
  if (file && message.startsWith(`${file}:`)) {
    const match = /^:(\d+):(\d+): /.exec(message.slice(file.length));
    if (match) {
      return { file, line: Number(match[1]) - 1, character: Number(match[2]) - 1, message: message.slice(file.length + match[0].length) };
    }
  }
  return { file, line: 0, character: 0, message };
}

export function configProblemToDiagnostic(problem: ConfigProblem, lineText: string): Diagnostic {
  const rest = lineText.slice(problem.character);
  const token = /^("(?:[^"\\]|\\.)*"|[^\s,}\]]+)/.exec(rest)?.[0] ?? '';
  return {
    range: {
      start: { line: problem.line, character: problem.character },
      end: { line: problem.line, character: problem.character + Math.max(token.length, 1) },
    },
    severity: DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    code: 'config-error',
    codeDescription: { href: `${DOCS_BASE}docs/configuration.md#configuration-errors` },
    message: problem.message,
  };
}

/** A short, stable id of a file's diagnostics: the pull model's `resultId`, and what push compares before sending. */
export function diagnosticsResultId(diagnostics: readonly Diagnostic[]): string {
  return createHash('sha1').update(JSON.stringify(diagnostics)).digest('base64url').slice(0, 16);
}
