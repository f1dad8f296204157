/**
 * LSP shell: `piilint-language-server --stdio` (or `--node-ipc`). Wires a connection to the engine: open and
 * changed documents are analysed together with the rest of their folder (unsaved text as overlays), diagnostics
 * are published per file, and the findings' fixes are offered as quick fixes.
 * The engine does the work; this file only keeps documents and the last results.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Connection,
  type Diagnostic,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isUserError } from '../engine/errors';
import type { Finding } from '../engine/findings/finding';
import type { AnyRule } from '../engine/rule-api';
import { scan } from '../engine/scan';
import { toCodeAction, toDiagnostic, toWorkspaceEdit } from './to-diagnostic';

const DEBOUNCE_MS = 250;

export function startServer(rules: readonly AnyRule[], connection: Connection = createConnection(ProposedFeatures.all)): Connection {
  const documents = new TextDocuments(TextDocument);
  let workspaceRoots: string[] = [];
  const findingsByFile = new Map<string, Finding[]>();
  const published = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let generation = 0;

  connection.onInitialize((params) => {
    workspaceRoots = (params.workspaceFolders ?? []).map((folder) => fileURLToPath(folder.uri));
    if (workspaceRoots.length === 0 && params.rootUri) workspaceRoots = [fileURLToPath(params.rootUri)];
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
      },
      serverInfo: { name: 'piilint-language-server' },
    };
  });

  function rootFor(file: string): string {
    const root = workspaceRoots.find((candidate) => file.startsWith(candidate + path.sep));
    return root ?? path.dirname(file);
  }

  async function analyse(): Promise<void> {
    const current = ++generation;
    const open = documents.all().filter((document) => document.uri.startsWith('file:'));
    const roots = new Set(open.map((document) => rootFor(fileURLToPath(document.uri))));
    const overlays = new Map(open.map((document) => [fileURLToPath(document.uri), document.getText()]));
    const next = new Map<string, Finding[]>();
    for (const root of roots) {
      try {
        const result = await scan({ cwd: root, paths: [], rules, overlays });
        for (const finding of result.findings) {
          if (finding.suppression) continue;
          const list = next.get(finding.range.file) ?? [];
          list.push(finding);
          next.set(finding.range.file, list);
        }
      } catch (error) {
        connection.console.error(`piilint: ${isUserError(error) ? (error as Error).message : (error as Error).stack ?? String(error)}`);
        connection.window.showErrorMessage(`piilint: ${(error as Error).message}`);
      }
    }
    if (current !== generation) return; // superseded by a newer edit: never publish stale results
    findingsByFile.clear();
    for (const [file, findings] of next) findingsByFile.set(file, findings);
    const files = new Set([...published, ...next.keys()]);
    published.clear();
    for (const file of files) {
      const diagnostics: Diagnostic[] = (next.get(file) ?? []).map(toDiagnostic);
      const uri = documents.all().find((document) => document.uri.startsWith('file:') && fileURLToPath(document.uri) === file)?.uri ?? `file://${file}`;
      connection.sendDiagnostics({ uri, diagnostics });
      if (diagnostics.length) published.add(file);
    }
  }

  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void analyse(), DEBOUNCE_MS);
  }

  documents.onDidOpen(schedule);
  documents.onDidChangeContent(schedule);
  documents.onDidSave(schedule);
  documents.onDidClose((event) => {
    if (event.document.uri.startsWith('file:')) schedule();
  });

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || !params.textDocument.uri.startsWith('file:')) return [];
    const file = fileURLToPath(params.textDocument.uri);
    const actions = [];
    for (const finding of findingsByFile.get(file) ?? []) {
      const diagnostic = toDiagnostic(finding);
      const overlaps = diagnostic.range.start.line <= params.range.end.line && diagnostic.range.end.line >= params.range.start.line;
      if (!overlaps) continue;
      for (const fix of finding.fixes) {
        const edit = toWorkspaceEdit(fix, (editFile, offset) => {
          const target = documents.all().find((candidate) => candidate.uri.startsWith('file:') && fileURLToPath(candidate.uri) === editFile);
          return target ? target.positionAt(offset) : document.positionAt(offset);
        });
        actions.push(toCodeAction(fix, diagnostic, edit));
      }
    }
    return actions;
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}
