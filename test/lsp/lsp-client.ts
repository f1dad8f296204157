/**
 * A plain LSP client for tests and timings: spawns the built `piilint-language-server --stdio` and talks JSON-RPC
 * to it with vscode-jsonrpc, the way an editor without any piilint code would. It keeps the texts of the documents
 * it opened, records pushed diagnostics, answers `workspace/configuration` from per-folder settings, and applies
 * workspace edits the way an editor does: an edit for a document version that is no longer current is refused.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AbstractMessageWriter, createMessageConnection, type Message, type MessageConnection, type MessageWriter, StreamMessageReader } from 'vscode-jsonrpc/node';
import type {
  CodeAction,
  Diagnostic,
  DocumentDiagnosticReport,
  InitializeResult,
  PublishDiagnosticsParams,
  Range,
  TextEdit,
  WorkspaceDiagnosticReport,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_BIN = path.join(REPO_ROOT, 'bin', 'piilint-language-server.js');

export interface ClientOptions {
  /** Advertise LSP 3.17 pull diagnostics (the server then does not push). */
  readonly pull?: boolean;
  readonly workspaceFolders: readonly string[];
  /** `piilint` settings per folder path (answers `workspace/configuration`). */
  readonly settings?: Readonly<Record<string, unknown>>;
  readonly initializationOptions?: unknown;
  /** Extra environment for the server process. */
  readonly env?: NodeJS.ProcessEnv;
  /** The server's entry script; the bin by default (the bundled client/dist/server.js works too). */
  readonly serverScript?: string;
  /** Extra command-line arguments after `--stdio` (such as `--clientProcessId=1234`). */
  readonly serverArgs?: readonly string[];
  /** `processId` in `initialize`: this test process by default; null for none. */
  readonly processId?: number | null;
  /** Called with the answer to `initialize`, before `initialized` is sent. */
  readonly beforeInitialized?: (result: InitializeResult) => void;
}

export interface ShownMessage {
  readonly type: number;
  readonly message: string;
}

export class LspTestClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  /** Latest pushed diagnostics per URI, with the version they were published for. */
  readonly pushed = new Map<string, PublishDiagnosticsParams>();
  /** The URI of every pushed diagnostics notification, in the order they arrived. */
  readonly pushOrder: string[] = [];
  readonly messages: ShownMessage[] = [];
  readonly logs: string[] = [];
  /** The same log messages with their `MessageType` (1 error, 2 warning, 3 info, 4 log). */
  readonly logEntries: ShownMessage[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  refreshRequests = 0;
  private readonly documents = new Map<string, TextDocument>();
  private readonly writer: FrameWriter;
  private readonly listeners = new Set<() => void>();
  settings: Record<string, unknown>;
  stderr = '';

  private constructor(private readonly options: ClientOptions) {
    this.settings = { ...(options.settings ?? {}) };
    this.process = spawn(process.execPath, [options.serverScript ?? SERVER_BIN, '--stdio', ...(options.serverArgs ?? [])], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    this.process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.writer = new FrameWriter(this.process.stdin!);
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), this.writer);
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.pushed.set(params.uri, params);
      this.pushOrder.push(params.uri);
      this.notify();
    });
    this.connection.onNotification('window/showMessage', (params: ShownMessage) => {
      this.messages.push(params);
      this.notify();
    });
    this.connection.onNotification('window/logMessage', (params: ShownMessage) => {
      this.logs.push(params.message);
      this.logEntries.push(params);
    });
    this.connection.onNotification(() => this.notify());
    this.connection.onRequest('workspace/configuration', (params: { items: { scopeUri?: string; section?: string }[] }) =>
      params.items.map((item) => (item.scopeUri ? (this.settings[fileURLToPath(item.scopeUri)] ?? null) : null)),
    );
    this.connection.onRequest('client/registerCapability', (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...params.registrations);
      setImmediate(() => this.notify());
      return null;
    });
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshRequests++;
      this.notify();
      return null;
    });
    this.connection.onRequest('window/showMessageRequest', (params: ShownMessage) => {
      this.messages.push(params);
      return null;
    });
    this.connection.listen();
  }

  static async start(options: ClientOptions): Promise<{ client: LspTestClient; initializeResult: InitializeResult }> {
    const client = new LspTestClient(options);
    const folders = options.workspaceFolders.map((folder) => ({ uri: pathToFileURL(folder).href, name: path.basename(folder) }));
    const exited = new Promise<never>((_, reject) =>
      client.process.once('exit', (code) => reject(new Error(`the server exited with code ${code} before answering initialize:\n${client.stderr}`))),
    );
    exited.catch(() => undefined);
    const initializeResult = await Promise.race([exited, client.connection.sendRequest<InitializeResult>('initialize', {
      processId: options.processId === undefined ? process.pid : options.processId,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders,
      initializationOptions: options.initializationOptions,
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceEdit: { documentChanges: true },
          ...(options.pull ? { diagnostics: { refreshSupport: true } } : {}),
        },
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
          ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        },
      },
    })]);
    options.beforeInitialized?.(initializeResult);
    await client.connection.sendNotification('initialized', {});
    return { client, initializeResult };
  }

  uri(file: string): string {
    return pathToFileURL(file).href;
  }

  text(file: string): string {
    return this.documents.get(this.uri(file))?.getText() ?? fs.readFileSync(file, 'utf8');
  }

  version(file: string): number | undefined {
    return this.documents.get(this.uri(file))?.version;
  }

  async open(file: string, text = fs.readFileSync(file, 'utf8')): Promise<void> {
    const uri = this.uri(file);
    const languageId = /\.[cm]?tsx?$/.test(file) ? 'typescript' : /\.json$/.test(file) ? 'json' : /\.vue$/.test(file) ? 'vue' : 'javascript';
    this.documents.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces a range (or the whole text) and sends an incremental change. */
  async change(file: string, newText: string, range?: Range): Promise<void> {
    const uri = this.uri(file);
    const document = this.documents.get(uri);
    if (!document) throw new Error(`${file} is not open`);
    const change = range ? { range, text: newText } : { text: newText };
    const next = TextDocument.update(document, [change], document.version + 1);
    this.documents.set(uri, next);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: next.version }, contentChanges: [change] });
  }

  async save(file: string): Promise<void> {
    fs.writeFileSync(file, this.text(file));
    await this.connection.sendNotification('textDocument/didSave', { textDocument: { uri: this.uri(file) } });
  }

  async close(file: string): Promise<void> {
    const uri = this.uri(file);
    this.documents.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async filesChanged(changes: readonly { file: string; type: 1 | 2 | 3 }[]): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map((change) => ({ uri: this.uri(change.file), type: change.type })) });
  }

  async changeSettings(folder: string, settings: unknown): Promise<void> {
    this.settings[folder] = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  /** Waits until the pushed diagnostics of `file` satisfy `predicate` (and, if given, are for `version`). */
  async waitForPushed(file: string, predicate: (diagnostics: readonly Diagnostic[]) => boolean, timeoutMs = 30_000): Promise<PublishDiagnosticsParams> {
    const uri = this.uri(file);
    return this.waitFor(() => {
      const params = this.pushed.get(uri);
      return params && predicate(params.diagnostics) ? params : undefined;
    }, timeoutMs, () => `pushed diagnostics of ${file}: ${JSON.stringify(this.pushed.get(uri)?.diagnostics.map((d) => d.message))}`);
  }

  async waitFor<T>(probe: () => T | undefined, timeoutMs = 30_000, describe: () => string = () => 'condition'): Promise<T> {
    const found = probe();
    if (found !== undefined) return found;
    return new Promise((resolve, reject) => {
      // Notifications wake the probe; a slow poll covers handlers a test added itself.
      const poll = setInterval(() => check(), 50);
      const timer = setTimeout(() => {
        clearInterval(poll);
        this.listeners.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${describe()}\nserver stderr:\n${this.stderr}\nserver log:\n${this.logs.join('\n')}`));
      }, timeoutMs);
      const check = (): void => {
        const value = probe();
        if (value === undefined) return;
        clearTimeout(timer);
        clearInterval(poll);
        this.listeners.delete(check);
        resolve(value);
      };
      this.listeners.add(check);
    });
  }

  pull(file: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: this.uri(file) }, ...(previousResultId ? { previousResultId } : {}) });
  }

  pullWorkspace(previousResultIds: { uri: string; value: string }[] = []): Promise<WorkspaceDiagnosticReport> {
    return this.connection.sendRequest('workspace/diagnostic', { previousResultIds });
  }

  codeActions(file: string, range: Range, diagnostics: readonly Diagnostic[] = [], only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: this.uri(file) },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
  }

  /**
   * Applies a workspace edit as an editor would: an edit for an open document whose version differs from the
   * document's is refused (returns false); edits of closed files are written to disk.
   */
  async applyEdit(edit: WorkspaceEdit): Promise<boolean> {
    const entries: { uri: string; version: number | null; edits: TextEdit[] }[] = [];
    for (const change of edit.documentChanges ?? []) {
      if (!('textDocument' in change)) throw new Error('resource operations are not expected');
      entries.push({ uri: change.textDocument.uri, version: change.textDocument.version, edits: change.edits as TextEdit[] });
    }
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) entries.push({ uri, version: null, edits });
    for (const entry of entries) {
      const document = this.documents.get(entry.uri);
      if (document && entry.version !== null && entry.version !== document.version) return false;
    }
    for (const entry of entries) {
      const document = this.documents.get(entry.uri);
      if (document) {
        const text = TextDocument.applyEdits(document, entry.edits);
        await this.change(fileURLToPath(entry.uri), text);
      } else {
        const file = fileURLToPath(entry.uri);
        fs.writeFileSync(file, TextDocument.applyEdits(TextDocument.create(entry.uri, 'typescript', 0, fs.readFileSync(file, 'utf8')), entry.edits));
      }
    }
    return true;
  }

  /**
   * Writes bytes to the server's stdin as they are, outside the JSON-RPC framing (for malformed input). They queue
   * behind the connection's messages, so they never land inside one (an answer to the server's own requests may be
   * written at any time).
   */
  writeRaw(data: string | Buffer): Promise<void> {
    return this.writer.writeRaw(data);
  }

  /** The server's resident set size in KiB (Linux: VmRSS in /proc/<pid>/status); undefined once it is gone. */
  residentKiB(): number | undefined {
    try {
      const status = fs.readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
      const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
      return match ? Number(match[1]) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Resolves with the exit code once the server process has exited, or undefined after `timeoutMs`. */
  waitForExit(timeoutMs: number): Promise<number | null | undefined> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return Promise.resolve(this.process.exitCode);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.process.off('exit', onExit);
        resolve(undefined);
      }, timeoutMs);
      const onExit = (code: number | null): void => {
        clearTimeout(timer);
        resolve(code);
      };
      this.process.once('exit', onExit);
    });
  }

  /** `shutdown` then `exit`; resolves with the server's exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.process.exitCode !== null) resolve(this.process.exitCode);
      else this.process.once('exit', (code) => resolve(code));
    });
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.process.kill();
    }
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5000);
    const code = await exited;
    clearTimeout(timer);
    this.connection.dispose();
    return code;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/**
 * Writes each message as one frame in one write, in order, and raw bytes in the same queue. (vscode-jsonrpc's
 * StreamMessageWriter writes a frame's header and body in two writes, between which raw bytes could slip in.)
 */
class FrameWriter extends AbstractMessageWriter implements MessageWriter {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    return this.writeRaw(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  writeRaw(data: string | Buffer): Promise<void> {
    const written = this.queue.then(
      () => new Promise<void>((resolve, reject) => this.stream.write(data, (error) => (error ? reject(error) : resolve()))),
    );
    this.queue = written.catch(() => undefined);
    return written;
  }

  end(): void {
    this.stream.end();
  }
}

/** Line (1-based) of the first occurrence of `needle` in a text. */
export function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`"${needle}" not found`);
  return text.slice(0, index).split('\n').length;
}
