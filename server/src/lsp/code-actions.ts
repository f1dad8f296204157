/**
 * LSP shell: code actions. Turns the fixes of the findings under the cursor into quick fixes (the rule's
 * preferred fix marked `isPreferred`, then its other fixes and "suppress with a reason"), and offers the source
 * action "Fix all safe piilint problems in this file".
 * Input: the request, the folder's latest snapshot and the open documents.
 * Output: code actions whose edits name the document versions they were computed for.
 * Invariant: nothing is offered for a document whose text differs from what was analysed (the offsets would point
 * elsewhere), and every edit of an open document carries the version the analysis saw, so a client refuses an
 * edit that went stale between the request and the click.
 */
import { pathToFileURL } from 'node:url';
import {
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Command,
  type Diagnostic,
  type OptionalVersionedTextDocumentIdentifier,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Fix, TextEdit as EngineTextEdit } from '../engine/findings/finding';
import { chooseSafeFixes } from '../engine/fixes/apply-fixes';
import { FIX_ALL_KIND, SELECT_RANGE_COMMAND } from '../protocol';
import type { FolderSnapshot } from './folder-analysis';
import type { Locale } from '../engine/rule-api';
import { scriptSourceOf } from '../engine/files/script-source';
import { fitFixToScripts } from '../engine/fixes/fit-to-script';
import { RULE_ACTION_TITLES, disableForFileFix, showDocumentationCommand } from './rule-actions';
import { isEngineRuleId, toDiagnostic } from './to-diagnostic';

export interface OpenDocument {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

export interface CodeActionContext {
  readonly file: string;
  readonly document: OpenDocument;
  readonly snapshot: FolderSnapshot;
  /** The open document of a file, if it is open. */
  readonly openDocument: (file: string) => OpenDocument | undefined;
  readonly canUseDocumentChanges: boolean;
  readonly hasSelectRangeCommand: boolean;
  readonly hasOpenRuleDocumentationCommand?: boolean;
  readonly fixAllTitle: string;
  readonly locale?: Locale;
}

export function codeActionsFor(params: CodeActionParams, context: CodeActionContext): CodeAction[] {
  const { file, document, snapshot } = context;
  if (snapshot.texts.get(file) !== document.getText()) return [];
  const findings = snapshot.findingsByFile.get(file) ?? [];
  const only = params.context.only;
  const wants = (kind: string): boolean => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
  const actions: CodeAction[] = [];

  const locale: Locale = context.locale ?? 'en';
  if (wants(CodeActionKind.QuickFix)) {
    const quickFixed: Finding[] = [];
    const requested = new Set(
      params.context.diagnostics
        .map((diagnostic) => (diagnostic.data as { fingerprint?: unknown } | undefined)?.fingerprint)
        .filter((fingerprint): fingerprint is string => typeof fingerprint === 'string'),
    );
    for (const finding of findings) {
      const diagnostic = toDiagnostic(finding);
      if (!requested.has(finding.fingerprint) && !overlaps(diagnostic, params.range)) continue;
      const fixes = [...finding.fixes].sort((a, b) => Number(b.isPreferred ?? false) - Number(a.isPreferred ?? false));
      for (const fix of fixes) {
        const edit = toWorkspaceEdit(fix.edits, context);
        if (!edit) continue;
        const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
        if (fix.isPreferred) action.isPreferred = true;
        const command = selectCommand(fix, context);
        if (command) action.command = command;
        actions.push(action);
      }
      // A fix the rule cannot offer here is listed greyed out with the reason (LSP `disabled`), as vscode-eslint
      // lists rules it cannot fix, so that the user learns what to change.
      for (const missing of finding.fixesNotOffered ?? []) {
        actions.push({ title: missing.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], disabled: { reason: missing.notOffered } });
      }
      if (isEngineRuleId(finding.ruleId)) continue;
      const disableFile = inScriptBlocks(disableForFileFix(finding, document.getText(), locale), document.getText());
      const disableEdit = disableFile && toWorkspaceEdit(disableFile.edits, context);
      if (disableFile && disableEdit) {
        const action: CodeAction = { title: disableFile.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: disableEdit };
        const command = selectCommand(disableFile, context);
        if (command) action.command = command;
        actions.push(action);
      }
      if (context.hasOpenRuleDocumentationCommand) {
        const command = showDocumentationCommand(finding, locale);
        actions.push({ title: command.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command });
      }
      quickFixed.push(finding);
    }
    // "Fix all" in the quick-fix menu as well as on save, when the file has safe fixes (vscode-eslint's
    // "Fix all auto-fixable problems").
    const chosen = quickFixed.length > 0 ? chooseSafeFixes(findings.filter((finding) => finding.range.file === file)) : [];
    const fixAllEdit = chosen.length > 0 ? toWorkspaceEdit(chosen.flatMap((candidate) => candidate.fix.edits), context) : undefined;
    if (fixAllEdit) {
      actions.push({
        title: RULE_ACTION_TITLES.fixAll[locale](),
        kind: CodeActionKind.QuickFix,
        diagnostics: chosen.map((candidate) => toDiagnostic(candidate.finding)),
        edit: fixAllEdit,
      });
    }
  }

  if (wants(FIX_ALL_KIND)) {
    const chosen = chooseSafeFixes(findings.filter((finding) => finding.range.file === file));
    if (chosen.length > 0) {
      const edit = toWorkspaceEdit(
        chosen.flatMap((candidate) => candidate.fix.edits),
        context,
      );
      if (edit) {
        actions.push({
          title: context.fixAllTitle,
          kind: FIX_ALL_KIND,
          diagnostics: chosen.map((candidate) => toDiagnostic(candidate.finding)),
          edit,
        });
      }
    }
  }
  return actions;
}

/** The safe fixes of one file, as one edit (for `source.fixAll` on save and the fix-all command). */
export function fixAllEdit(findings: readonly Finding[], context: CodeActionContext): WorkspaceEdit | undefined {
  const chosen = chooseSafeFixes(findings);
  return chosen.length ? toWorkspaceEdit(chosen.flatMap((candidate) => candidate.fix.edits), context) : undefined;
}

/**
 * Engine edits (offsets into the analysed texts) → a workspace edit. Undefined when one of the files changed since
 * it was analysed (its open text differs), so a stale edit is never offered.
 */
export function toWorkspaceEdit(edits: readonly EngineTextEdit[], context: CodeActionContext): WorkspaceEdit | undefined {
  const byFile = new Map<string, EngineTextEdit[]>();
  for (const edit of edits) {
    let list = byFile.get(edit.file);
    if (!list) byFile.set(edit.file, (list = []));
    list.push(edit);
  }
  const documentChanges: TextDocumentEdit[] = [];
  const changes: Record<string, TextEdit[]> = {};
  for (const [file, fileEdits] of byFile) {
    const analysed = context.snapshot.texts.get(file);
    if (analysed === undefined) return undefined;
    const open = context.openDocument(file);
    if (open && open.getText() !== analysed) return undefined;
    const uri = open?.uri ?? pathToFileURL(file).href;
    const positions = TextDocument.create(uri, 'typescript', 0, analysed);
    const textEdits = [...fileEdits]
      .sort((a, b) => a.start - b.start)
      .map((edit) => ({ range: { start: positions.positionAt(edit.start), end: positions.positionAt(edit.end) }, newText: edit.newText }));
    const identifier: OptionalVersionedTextDocumentIdentifier = { uri, version: open ? open.version : null };
    documentChanges.push({ textDocument: identifier, edits: textEdits });
    changes[uri] = textEdits;
  }
  return context.canUseDocumentChanges ? { documentChanges } : { changes };
}

function selectCommand(fix: Fix, context: CodeActionContext): Command | undefined {
  if (!fix.selection || !context.hasSelectRangeCommand) return undefined;
  const analysed = context.snapshot.texts.get(fix.selection.file);
  if (analysed === undefined) return undefined;
  // The selection's offsets are in the text after the fix's edits; positions follow from that text.
  const after = applyToText(analysed, fix.edits.filter((edit) => edit.file === fix.selection!.file));
  const positions = TextDocument.create('', 'typescript', 0, after);
  const uri = context.openDocument(fix.selection.file)?.uri ?? pathToFileURL(fix.selection.file).href;
  return {
    title: fix.title,
    command: SELECT_RANGE_COMMAND,
    arguments: [uri, { start: positions.positionAt(fix.selection.start), end: positions.positionAt(fix.selection.end) }],
  };
}

function applyToText(text: string, edits: readonly EngineTextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}

function overlaps(diagnostic: Diagnostic, range: CodeActionParams['range']): boolean {
  const before = (a: { line: number; character: number }, b: { line: number; character: number }): boolean =>
    a.line < b.line || (a.line === b.line && a.character < b.character);
  return !before(diagnostic.range.end, range.start) && !before(range.end, diagnostic.range.start);
}

/**
 * The file-wide suppression of a Vue component goes at the top of its first script block, where comments count
 * (fixes/fit-to-script.ts); its selection moves with it.
 */
function inScriptBlocks(fix: Fix, text: string): Fix | undefined {
  const fitted = fitFixToScripts(fix, (file) => scriptSourceOf(file, text));
  if (!fitted || fitted === fix || !fix.selection) return fitted;
  const shift = fitted.edits[0]!.start - fix.edits[0]!.start;
  return { ...fitted, selection: { ...fix.selection, start: fix.selection.start + shift, end: fix.selection.end + shift } };
}
