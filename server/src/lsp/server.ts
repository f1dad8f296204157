/**
 * LSP shell: `piilint-language-server --stdio` (or `--node-ipc` from the VS Code extension). Wires a connection to
 * one `FolderAnalysis` per workspace folder and answers the protocol from their snapshots:
 * - diagnostics: pulled (`textDocument/diagnostic`, `workspace/diagnostic`) when the client can, pushed
 *   (`textDocument/publishDiagnostics`) otherwise; never older than the latest text the server was sent;
 * - code actions (code-actions.ts), settings per folder (settings.ts), watched files, and the custom requests of
 *   ../protocol.ts.
 * Errors in one folder or one request are logged and answered; they never stop the server.
 * `initialize` is answered before TypeScript is loaded (lazy-engine.ts): the workspace folders are only remembered
 * then, and their analyses are made once the engine is loaded, right after `initialized` (issue #19 §3).
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  type InitializeResult,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  WatchKind,
  type WorkspaceDocumentDiagnosticReport,
  type WorkspaceFolder,
  createConnection,
  CodeActionKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME } from '../engine/config/config-types';
import { findConfigFile } from '../engine/config/find-config-file';
import { SOURCE_EXTENSIONS as ENGINE_SOURCE_EXTENSIONS } from '../engine/files/candidate-names';
import { ENGINE_RULES } from '../engine/findings/engine-rules';
import type { AnyRule, Locale } from '../engine/rule-api';
import {
  FIX_ALL_KIND,
  type InitializationOptions,
  RULES_REQUEST,
  type RuleInfo,
  SCAN_WORKSPACE_REQUEST,
  SETTINGS_SECTION,
  STATUS_NOTIFICATION,
  type ScanWorkspaceResult,
  type StatusParams,
  ruleDocsUrl,
} from '../protocol';
import { localeFromEnvironment, localeFromTag } from '../api/locale';
import { describeError } from './describe-error';
import type { FolderAnalysis, FolderSnapshot } from './folder-analysis';
import { loadCodeActions, loadEngine, loadFolderAnalysis } from './lazy-engine';
import { createServerLog } from './server-log';
import { normaliseSettings } from './settings';
import { diagnosticsResultId, isEngineRuleId } from './to-diagnostic';

/** How long a `workspace/diagnostic` request with nothing new is held open before it answers "unchanged". */
const WORKSPACE_PULL_HOLD_MS = 30_000;
/** The extensions the engine scans (`ts,tsx,…,vue`): open documents and watched files of other kinds are left alone. */
const SOURCE_EXTENSIONS = ENGINE_SOURCE_EXTENSIONS.map((extension) => extension.slice(1)).join(',');
const EMPTY_RESULT_ID = diagnosticsResultId([]);
/** How long a folder made up for files outside the workspace outlives its last open document. */
const LOOSE_FOLDER_GRACE_MS = 5_000;
/** Files that change what is analysed, or how, for every folder below them. */
const SETUP_FILE = /^(piilint\.config\.json|tsconfig.*\.json|\.gitignore)$/;

const FIX_ALL_TITLE: Readonly<Record<Locale, string>> = {
  en: 'Fix all safe piilint problems in this file',
  'zh-CN': '修复此文件中所有可安全修复的 piilint 问题',
};

interface ClientFeatures {
  readonly pullDiagnostics: boolean;
  readonly diagnosticRefresh: boolean;
  readonly configuration: boolean;
  readonly watchedFilesRegistration: boolean;
  readonly configurationRegistration: boolean;
  readonly workspaceFolders: boolean;
  readonly documentChanges: boolean;
  readonly options: InitializationOptions;
}

/**
 * `rules` may be given as a loader: the rules' fixers parse with TypeScript, so the entry point loads them after
 * `initialize` is answered (lazy-engine.ts), like the engine.
 */
export function startServer(rules: readonly AnyRule[] | (() => readonly AnyRule[]), connection: Connection = createConnection(ProposedFeatures.all)): Connection {
  let loadedRules: readonly AnyRule[] | undefined;
  const ruleList = (): readonly AnyRule[] => (loadedRules ??= typeof rules === 'function' ? rules() : rules);
  const documents = new TextDocuments(TextDocument);
  /** Workspace folders by root, and folders made up for files outside them (the file's config folder). */
  const folders = new Map<string, FolderAnalysis>();
  const looseFolders = new Map<string, FolderAnalysis>();
  /** Workspace folders of `initialize`, made into analyses on first use (after TypeScript has loaded). */
  const pendingFolderUris: string[] = [];
  /** Push model: what was last sent per file (the diagnostics' result id, the document version). */
  const pushed = new Map<string, { readonly resultId: string; readonly version?: number }>();
  /** Pull model: files whose document pull is waiting for an analysis (they need no refresh). */
  const pendingPulls = new Map<string, number>();
  let features: ClientFeatures | undefined;
  let isShuttingDown = false;
  const shownErrors = new Set<string>();
  /** Requests to the client (settings) wait for `initialized`: before it, the client may not answer them yet. */
  let markInitialized: () => void = () => undefined;
  const initialized = new Promise<void>((resolve) => (markInitialized = resolve));

  const serverLog = createServerLog(connection);
  const log = (message: string): void => serverLog.error(message);
  /** What the settings' `locale: "auto"` means here: the editor's display language, else the environment's. */
  let autoLocale: Locale = localeFromEnvironment(process.env);

  connection.onInitialize((params): InitializeResult => {
    features = readClientFeatures(params.capabilities, params.initializationOptions);
    if (features.options.displayLanguage) autoLocale = localeFromTag(features.options.displayLanguage);
    const roots: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: path.basename(params.rootUri) }] : []);
    pendingFolderUris.push(...roots.map((folder) => folder.uri));
    serverLog.started(roots.map((folder) => uriToPath(folder.uri) ?? folder.uri), autoLocale);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        ...(features.pullDiagnostics
          ? { diagnosticProvider: { identifier: 'piilint', interFileDependencies: true, workspaceDiagnostics: true } }
          : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'piilint-language-server' },
    };
  });

  connection.onInitialized(() => {
    markInitialized();
    // The client has the answer to `initialize`: load TypeScript and the engine now, before the first document.
    setImmediate(() => {
      if (isShuttingDown) return;
      try {
        loadEngine();
        addPendingFolders();
      } catch (error) {
        logError(error);
      }
    });
    if (features?.configurationRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(logError);
    }
    if (features?.watchedFilesRegistration) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [
            { globPattern: `**/${CONFIG_FILE_NAME}` },
            { globPattern: '**/tsconfig*.json' },
            { globPattern: '**/.gitignore' },
            { globPattern: `**/*.{${SOURCE_EXTENSIONS}}`, kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete },
          ],
        })
        .catch(logError);
    }
    if (features?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        addPendingFolders();
        for (const removed of event.removed) removeFolder(uriToPath(removed.uri));
        for (const added of event.added) addFolder(added.uri);
        // Open documents may now belong to another folder: start the loose folders afresh and re-attach them all.
        for (const loose of looseFolders.values()) {
          loose.dispose();
          clearDiagnosticsOf(loose.snapshot);
        }
        looseFolders.clear();
        for (const document of documents.all()) updateDocument(document, 'open');
      });
    }
  });

  function addPendingFolders(): void {
    for (const uri of pendingFolderUris.splice(0)) addFolder(uri);
  }

  function addFolder(uri: string): FolderAnalysis | undefined {
    const root = uriToPath(uri);
    if (!root || folders.has(root)) return folders.get(root ?? '');
    const folder = createFolder(root, uri);
    folders.set(root, folder);
    return folder;
  }

  function createFolder(root: string, scopeUri: string): FolderAnalysis {
    const { FolderAnalysis } = loadFolderAnalysis();
    return new FolderAnalysis({
      root,
      rules: ruleList(),
      autoLocale,
      log,
      loadSettings: async () => {
        await initialized;
        if (!features?.configuration) return normaliseSettings(undefined);
        return normaliseSettings(await connection.workspace.getConfiguration({ scopeUri, section: SETTINGS_SECTION }));
      },
      onStart: () => sendStatus(),
      onSnapshot: (folder, snapshot, previous) => {
        serverLog.analysed(folder.root, snapshot);
        onSnapshot(snapshot, previous);
      },
    });
  }

  function removeFolder(root: string | undefined): void {
    const folder = root ? folders.get(root) : undefined;
    if (!folder || !root) return;
    folders.delete(root);
    folder.dispose();
    clearDiagnosticsOf(folder.snapshot);
  }

  /** The folder a file belongs to: the innermost workspace folder, else a loose folder around its config. */
  function folderFor(file: string, create = true): FolderAnalysis | undefined {
    addPendingFolders();
    let best: FolderAnalysis | undefined;
    for (const folder of folders.values()) {
      if (folder.contains(file) && (!best || folder.root.length > best.root.length)) best = folder;
    }
    if (best) return best;
    for (const folder of looseFolders.values()) if (folder.contains(file)) return folder;
    if (!create) return undefined;
    // A single file opened without a folder: analyse the folder of its piilint.config.json, or its own folder.
    const config = findConfigFile(path.dirname(file));
    const root = config ? path.dirname(config) : path.dirname(file);
    const folder = createFolder(root, pathToFileURL(root).href);
    looseFolders.set(root, folder);
    return folder;
  }

  // ── Documents ────────────────────────────────────────────────────────────────────────────────────────────
  documents.onDidOpen(({ document }) => updateDocument(document, 'open'));
  documents.onDidChangeContent(({ document }) => updateDocument(document, 'change'));
  documents.onDidSave(({ document }) => updateDocument(document, 'save'));
  documents.onDidClose(({ document }) => {
    const file = uriToPath(document.uri);
    if (!file) return;
    const folder = folderFor(file, false);
    folder?.closeDocument(file);
    for (const [root, loose] of looseFolders) {
      if (loose !== folder || loose.hasOpenDocuments()) continue;
      // Kept a while: reopening the file (an open/close flood, issue #21) must not analyse its folder from scratch.
      setTimeout(() => {
        if (looseFolders.get(root) !== loose || loose.hasOpenDocuments()) return;
        looseFolders.delete(root);
        loose.dispose();
        clearDiagnosticsOf(loose.snapshot);
      }, LOOSE_FOLDER_GRACE_MS).unref();
    }
  });

  function updateDocument(document: TextDocument, trigger: 'open' | 'change' | 'save'): void {
    const file = uriToPath(document.uri);
    if (!file || !isSourceFile(file)) return;
    try {
      folderFor(file)?.setDocument(file, document.getText(), document.version, trigger);
    } catch (error) {
      logError(error);
    }
  }

  // ── Watched files and settings ───────────────────────────────────────────────────────────────────────────
  connection.onDidChangeWatchedFiles(({ changes }) => {
    const affected = new Map<FolderAnalysis, { paths: string[]; isSetup: boolean }>();
    for (const change of changes) {
      const file = uriToPath(change.uri);
      if (!file) continue;
      const isSetup = SETUP_FILE.test(path.basename(file));
      for (const folder of allFolders()) {
        // A file inside the folder, or a config, tsconfig or .gitignore above it (the nearest one applies).
        if (!folder.contains(file) && !(isSetup && isInside(folder.root, path.dirname(file)))) continue;
        let entry = affected.get(folder);
        if (!entry) affected.set(folder, (entry = { paths: [], isSetup: false }));
        entry.paths.push(file);
        entry.isSetup ||= isSetup;
      }
    }
    for (const [folder, entry] of affected) folder.notifyFilesChanged(entry.isSetup ? undefined : entry.paths);
  });

  connection.onDidChangeConfiguration(() => {
    for (const folder of allFolders()) void folder.reloadSettings();
  });

  // ── Diagnostics ──────────────────────────────────────────────────────────────────────────────────────────
  function onSnapshot(snapshot: FolderSnapshot, previous: FolderSnapshot | undefined): void {
    if (snapshot.error && !shownErrors.has(snapshot.error)) {
      shownErrors.add(snapshot.error);
      void connection.window.showErrorMessage(`piilint: ${snapshot.error}`);
    }
    if (!snapshot.error) shownErrors.clear();
    if (features?.pullDiagnostics) {
      const changed = changedFiles(snapshot, previous);
      const needsRefresh = changed.some((file) => !pendingPulls.has(file));
      if (needsRefresh && features.diagnosticRefresh) void connection.languages.diagnostics.refresh().catch(logError);
    } else {
      pushSnapshot(snapshot, previous);
    }
    sendStatus();
  }

  /**
   * Sends what changed: a file whose diagnostics differ from the last ones sent, and an open document analysed at
   * a newer version (so that a client sees its diagnostics confirmed for the text it has, even when unchanged).
   */
  function pushSnapshot(snapshot: FolderSnapshot, previous: FolderSnapshot | undefined): void {
    const files = new Set([...snapshot.diagnosticsByFile.keys(), ...(previous?.diagnosticsByFile.keys() ?? []), ...snapshot.documentVersions.keys()]);
    for (const file of files) {
      const diagnostics = snapshot.diagnosticsByFile.get(file) ?? [];
      const resultId = diagnosticsResultId(diagnostics);
      const document = openDocument(file);
      const version = document && snapshot.documentVersions.get(file) === document.version ? document.version : undefined;
      const last = pushed.get(file);
      if ((last?.resultId ?? EMPTY_RESULT_ID) === resultId && (version === undefined || last?.version === version)) continue;
      connection.sendDiagnostics({
        uri: document?.uri ?? pathToFileURL(file).href,
        ...(version !== undefined ? { version } : {}),
        diagnostics: [...diagnostics],
      });
      if (diagnostics.length || version !== undefined) pushed.set(file, { resultId, version });
      else pushed.delete(file);
    }
  }

  function clearDiagnosticsOf(snapshot: FolderSnapshot | undefined): void {
    if (!snapshot) return;
    if (features?.pullDiagnostics) {
      if (features.diagnosticRefresh) void connection.languages.diagnostics.refresh().catch(logError);
      return;
    }
    for (const file of snapshot.diagnosticsByFile.keys()) {
      if (!pushed.delete(file)) continue;
      connection.sendDiagnostics({ uri: openDocument(file)?.uri ?? pathToFileURL(file).href, diagnostics: [] });
    }
  }

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    const file = uriToPath(params.textDocument.uri);
    const folder = file ? folderFor(file) : undefined;
    if (!file || !folder) return { kind: DocumentDiagnosticReportKind.Full, resultId: EMPTY_RESULT_ID, items: [] };
    pendingPulls.set(file, (pendingPulls.get(file) ?? 0) + 1);
    let snapshot: FolderSnapshot | undefined;
    try {
      snapshot = await folder.whenCurrent(token, file);
    } finally {
      const count = (pendingPulls.get(file) ?? 1) - 1;
      if (count > 0) pendingPulls.set(file, count);
      else pendingPulls.delete(file);
    }
    if (!snapshot) throw notAnswered(token);
    const items = [...(snapshot.diagnosticsByFile.get(file) ?? [])];
    const resultId = diagnosticsResultId(items);
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  });

  connection.languages.diagnostics.onWorkspace(async (params, token) => {
    const previous = new Map(params.previousResultIds.map((entry) => [entry.uri, entry.value]));
    const enabled = allFolders().filter((folder) => folder.isEnabled);
    const snapshots = await Promise.all(enabled.map((folder) => folder.whenCurrent(token)));
    if (token.isCancellationRequested) throw notAnswered(token);
    let report = workspaceReport(snapshots, previous);
    if (previous.size > 0 && report.every((item) => item.kind === DocumentDiagnosticReportKind.Unchanged) && enabled.length > 0) {
      // Nothing new: hold the request until an analysis finishes (the client asks again right after an answer).
      const next = await Promise.race(enabled.map((folder) => folder.whenNextSnapshot(token, WORKSPACE_PULL_HOLD_MS)));
      if (next && !token.isCancellationRequested) report = workspaceReport(enabled.map((folder) => folder.snapshot), previous);
    }
    return { items: report };
  });

  function workspaceReport(snapshots: readonly (FolderSnapshot | undefined)[], previous: ReadonlyMap<string, string>): WorkspaceDocumentDiagnosticReport[] {
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const reported = new Set<string>();
    const add = (uri: string, diagnostics: readonly Diagnostic[]): void => {
      if (reported.has(uri)) return;
      reported.add(uri);
      const resultId = diagnosticsResultId(diagnostics);
      const version = documents.get(uri)?.version ?? null;
      if (previous.get(uri) === resultId) items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version, resultId });
      else if (diagnostics.length > 0 || previous.has(uri)) items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version, resultId, items: [...diagnostics] });
    };
    for (const snapshot of snapshots) {
      for (const [file, diagnostics] of snapshot?.diagnosticsByFile ?? []) add(openDocument(file)?.uri ?? pathToFileURL(file).href, diagnostics);
    }
    for (const uri of previous.keys()) add(uri, []);
    return items;
  }

  function changedFiles(snapshot: FolderSnapshot, previous: FolderSnapshot | undefined): string[] {
    const files = new Set([...snapshot.diagnosticsByFile.keys(), ...(previous?.diagnosticsByFile.keys() ?? [])]);
    return [...files].filter(
      (file) => diagnosticsResultId(snapshot.diagnosticsByFile.get(file) ?? []) !== diagnosticsResultId(previous?.diagnosticsByFile.get(file) ?? []),
    );
  }

  // ── Code actions ─────────────────────────────────────────────────────────────────────────────────────────
  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    const file = uriToPath(params.textDocument.uri);
    const folder = file ? folderFor(file, false) : undefined;
    const snapshot = folder?.snapshot;
    if (!document || !file || !folder || !snapshot || !folder.isEnabled) return [];
    const setting = folder.currentSettings.locale;
    const locale: Locale = setting === 'auto' ? snapshot.locale : setting;
    return loadCodeActions().codeActionsFor(params, {
      file,
      document,
      snapshot,
      openDocument,
      canUseDocumentChanges: features?.documentChanges ?? false,
      hasSelectRangeCommand: features?.options.hasSelectRangeCommand ?? false,
      hasOpenRuleDocumentationCommand: features?.options.hasOpenRuleDocumentationCommand ?? false,
      fixAllTitle: FIX_ALL_TITLE[locale],
      locale,
    });
  });

  // ── Custom requests (../protocol.ts) ─────────────────────────────────────────────────────────────────────
  connection.onRequest(SCAN_WORKSPACE_REQUEST, async (token: CancellationToken): Promise<ScanWorkspaceResult> => {
    const started = Date.now();
    const enabled = allFolders().filter((folder) => folder.isEnabled);
    for (const folder of enabled) folder.notifyFilesChanged();
    const snapshots = await Promise.all(enabled.map((folder) => folder.whenCurrent(token)));
    if (token.isCancellationRequested) throw notAnswered(token);
    let files = 0;
    let findings = 0;
    const errors: string[] = [];
    snapshots.forEach((snapshot, index) => {
      if (snapshot?.error) errors.push(`${enabled[index]!.root}: ${snapshot.error}`);
      for (const list of snapshot?.findingsByFile.values() ?? []) {
        files++;
        findings += list.length;
      }
    });
    return { folders: enabled.length, files, findings, durationMs: Date.now() - started, errors };
  });

  connection.onRequest(RULES_REQUEST, (): RuleInfo[] => {
    const setting = allFolders()[0]?.currentSettings.locale ?? 'auto';
    const locale: Locale = setting === 'auto' ? autoLocale : setting;
    return [...ruleList(), ...ENGINE_RULES].map((rule) => ({
      id: rule.meta.id,
      description: rule.meta.description[locale],
      docsUrl: ruleDocsUrl(rule.meta.id, isEngineRuleId(rule.meta.id)),
    }));
  });

  function sendStatus(): void {
    if (!features?.options.wantsStatus || isShuttingDown) return;
    const all = allFolders();
    let findings = 0;
    let files = 0;
    let error: string | undefined;
    for (const folder of all) {
      const snapshot = folder.snapshot;
      if (snapshot?.error) error ??= snapshot.error;
      for (const list of snapshot?.findingsByFile.values() ?? []) {
        files++;
        findings += list.length;
      }
    }
    const analysing = all.some((folder) => folder.isEnabled && folder.isAnalysing);
    const state: StatusParams['state'] = all.length > 0 && all.every((folder) => !folder.isEnabled) ? 'disabled' : analysing ? 'analysing' : error ? 'error' : 'idle';
    void connection.sendNotification(STATUS_NOTIFICATION, { state, findings, files, ...(error ? { message: error } : {}) } satisfies StatusParams);
  }

  connection.onShutdown(() => {
    isShuttingDown = true;
    pendingFolderUris.length = 0;
    for (const folder of allFolders()) folder.dispose();
    folders.clear();
    looseFolders.clear();
  });

  function allFolders(): FolderAnalysis[] {
    addPendingFolders();
    return [...folders.values(), ...looseFolders.values()];
  }

  function openDocument(file: string): TextDocument | undefined {
    const uri = pathToFileURL(file).href;
    const direct = documents.get(uri);
    if (direct) return direct;
    return documents.all().find((document) => uriToPath(document.uri) === file);
  }

  function logError(error: unknown): void {
    log(`piilint: ${describeError(error)}`);
  }

  documents.listen(connection);
  connection.listen();
  return connection;
}

/**
 * The error for a request that ends without an answer: the client cancelled it (LSP: RequestCancelled), or its
 * folder was closed meanwhile (ServerCancelled, and the client may ask again).
 */
function notAnswered(token: CancellationToken): ResponseError<{ retriggerRequest: boolean } | undefined> {
  return token.isCancellationRequested
    ? new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled by the client', undefined)
    : new ResponseError(LSPErrorCodes.ServerCancelled, 'the workspace folder was closed while the request waited', { retriggerRequest: true });
}

function readClientFeatures(capabilities: ClientCapabilities, initializationOptions: unknown): ClientFeatures {
  const options = typeof initializationOptions === 'object' && initializationOptions !== null ? (initializationOptions as InitializationOptions) : {};
  return {
    pullDiagnostics: capabilities.textDocument?.diagnostic !== undefined,
    diagnosticRefresh: capabilities.workspace?.diagnostics?.refreshSupport === true,
    configuration: capabilities.workspace?.configuration === true,
    watchedFilesRegistration: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    configurationRegistration: capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    workspaceFolders: capabilities.workspace?.workspaceFolders === true,
    documentChanges: capabilities.workspace?.workspaceEdit?.documentChanges === true,
    options,
  };
}

/** The absolute path of a `file:` URI; undefined for other schemes (untitled, git, vscode-notebook-cell). */
function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

function isSourceFile(file: string): boolean {
  return new RegExp(`\\.(${SOURCE_EXTENSIONS.replace(/,/g, '|')})$`, 'i').test(file);
}

function isInside(folder: string, candidate: string): boolean {
  const relative = path.relative(candidate, folder);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
