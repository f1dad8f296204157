/**
 * LSP shell: converts engine findings into LSP diagnostics (code, link to the rule's README, path as related
 * information) and fixes into workspace edits. Pure functions, no connection state.
 */
import { pathToFileURL } from 'node:url';
import {
  CodeAction,
  CodeActionKind,
  type Diagnostic,
  DiagnosticSeverity,
  type Range,
  TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { Finding, Fix, Severity, SourceRange } from '../engine/findings/finding';

export const RULE_DOCS_BASE = 'https://github.com/piilint/piilint/blob/main/rules/';

export function toLspRange(range: SourceRange): Range {
  return {
    start: { line: range.line - 1, character: range.column - 1 },
    end: { line: range.endLine - 1, character: range.endColumn - 1 },
  };
}

function toSeverity(severity: Severity): DiagnosticSeverity {
  return severity === 'error' ? DiagnosticSeverity.Error : severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
}

export function toDiagnostic(finding: Finding): Diagnostic {
  return {
    range: toLspRange(finding.range),
    severity: toSeverity(finding.severity),
    source: 'piilint',
    code: finding.ruleId,
    codeDescription: { href: `${RULE_DOCS_BASE}${finding.ruleId}/README.md` },
    message: finding.message,
    relatedInformation: finding.path
      .filter((step) => step.kind !== 'sink')
      .map((step) => ({ location: { uri: pathToFileURL(step.range.file).href, range: toLspRange(step.range) }, message: step.message })),
    data: { fingerprint: finding.fingerprint },
  };
}

export function toWorkspaceEdit(fix: Fix, offsetToPosition: (file: string, offset: number) => { line: number; character: number }): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of fix.edits) {
    const uri = pathToFileURL(edit.file).href;
    (changes[uri] ??= []).push(TextEdit.replace({ start: offsetToPosition(edit.file, edit.start), end: offsetToPosition(edit.file, edit.end) }, edit.newText));
  }
  return { changes };
}

export function toCodeAction(fix: Fix, diagnostic: Diagnostic, edit: WorkspaceEdit): CodeAction {
  const action = CodeAction.create(fix.title, edit, CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = fix.isPreferred ?? false;
  return action;
}
