/**
 * The piilint VS Code extension. It only starts the bundled language server, forwards what the user asks for
 * (commands) and shows what the server reports (status bar, output channel); every analysis, setting resolution
 * and code action happens in the server (server/src/lsp/), as in vscode-eslint.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import {
  type InitializationOptions,
  RULES_REQUEST,
  type RuleInfo,
  SCAN_WORKSPACE_REQUEST,
  OPEN_RULE_DOCUMENTATION_COMMAND,
  SELECT_RANGE_COMMAND,
  STATUS_NOTIFICATION,
  type ScanWorkspaceResult,
  type StatusParams,
} from '../../server/src/protocol';
import { bundledReadme, chooseRuleDocumentation } from './rule-docs';
import { StatusBar } from './status-bar';

const CLIENT_ID = 'piilint';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('piilint', { log: true });
  const status = new StatusBar();
  context.subscriptions.push(output, status);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // `auto` follows VS Code's display language, not the environment the editor happened to start in (issue #20).
  const initializationOptions: InitializationOptions = { hasSelectRangeCommand: true, wantsStatus: true, hasOpenRuleDocumentationCommand: true, displayLanguage: vscode.env.language };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'typescript' },
      { scheme: 'file', language: 'typescriptreact' },
      { scheme: 'file', language: 'javascript' },
      { scheme: 'file', language: 'javascriptreact' },
      // Vue single-file components: the language id of the Vue extension, and the file name when none is installed.
      { scheme: 'file', language: 'vue' },
      { scheme: 'file', pattern: '**/*.vue' },
      // The config file's own problems (a typo in a rule id) are reported on it.
      { scheme: 'file', pattern: '**/piilint.config.json' },
    ],
    diagnosticPullOptions: { onChange: true, onSave: true },
    initializationOptions,
    outputChannel: output,
  };

  const start = async (): Promise<void> => {
    client = new LanguageClient(CLIENT_ID, 'piilint', serverOptions, clientOptions);
    client.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => status.update(params));
    status.starting();
    try {
      await client.start();
    } catch (error) {
      status.failed(String(error));
      output.appendLine(vscode.l10n.t('The piilint language server did not start: {0}', String(error)));
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('piilint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('piilint.restartServer', async () => {
      if (client) await client.stop().catch((error: unknown) => output.appendLine(String(error)));
      await start();
    }),
    vscode.commands.registerCommand('piilint.scanWorkspace', async () => {
      if (!client) return;
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('piilint: scanning the workspace') },
        () => client!.sendRequest<ScanWorkspaceResult>(SCAN_WORKSPACE_REQUEST),
      );
      for (const error of result.errors) output.appendLine(error);
      const summary = vscode.l10n.t(
        'piilint found {0} problem(s) in {1} file(s) of {2} folder(s) in {3} ms.',
        result.findings,
        result.files,
        result.folders,
        result.durationMs,
      );
      if (result.errors.length > 0) void vscode.window.showWarningMessage(`${summary} ${vscode.l10n.t('Some folders could not be scanned; see the output.')}`);
      else void vscode.window.showInformationMessage(summary);
    }),
    vscode.commands.registerCommand(OPEN_RULE_DOCUMENTATION_COMMAND, async (ruleId?: unknown) => {
      const rules = client ? await client.sendRequest<RuleInfo[]>(RULES_REQUEST) : [];
      let rule = typeof ruleId === 'string' ? rules.find((candidate) => candidate.id === ruleId) : ruleAtCursor(rules);
      if (!rule) {
        const picked = await vscode.window.showQuickPick(
          rules.map((candidate) => ({ label: candidate.id, detail: candidate.description, rule: candidate })),
          { placeHolder: vscode.l10n.t('Which rule?') },
        );
        rule = picked?.rule;
      }
      if (!rule) return;
      // The web page when it can be reached, else the README bundled in the extension (offline users, issue #20).
      const docs = await chooseRuleDocumentation(rule.docsUrl, bundledReadme(context.extensionPath, rule.id));
      if (docs.kind === 'web') await vscode.env.openExternal(vscode.Uri.parse(docs.url));
      else await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(docs.file));
    }),
    // Run after a fix that inserted a placeholder (the reason of a suppression): select it so the user types over it.
    vscode.commands.registerCommand(SELECT_RANGE_COMMAND, async (uri: string, range: { start: vscode.Position; end: vscode.Position }) => {
      const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.toString() === uri);
      if (!editor) return;
      const selection = new vscode.Selection(range.start.line, range.start.character, range.end.line, range.end.character);
      editor.selection = selection;
      editor.revealRange(selection);
    }),
    { dispose: () => void client?.stop() },
  );

  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** The piilint rule of the diagnostic under the cursor, if there is one. */
function ruleAtCursor(rules: readonly RuleInfo[]): RuleInfo | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const diagnostic = vscode.languages
    .getDiagnostics(editor.document.uri)
    .find((candidate) => candidate.source === 'piilint' && candidate.range.contains(editor.selection.active));
  const code = typeof diagnostic?.code === 'object' ? diagnostic.code.value : diagnostic?.code;
  return rules.find((rule) => rule.id === String(code));
}
