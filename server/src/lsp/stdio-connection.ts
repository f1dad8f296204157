/**
 * LSP shell: the connection over stdin and stdout (`--stdio`). It is built here rather than by vscode-languageserver
 * so that frames are read by ResyncingMessageReader, and it keeps what the library does for `--stdio`:
 * - nothing but the protocol is written to stdout (console output goes to stderr, which clients show as the
 *   server's log);
 * - the server exits when stdin closes (its client is gone), with 0 after a `shutdown` request and 1 otherwise, as
 *   for the LSP `exit` notification.
 * - requests before `initialize` and after `shutdown` get the spec's errors (lifecycle-guard.ts), and stdout is
 *   bounded when the client stops reading (bounded-message-writer.ts).
 * `--clientProcessId` and the `processId` of `initialize` are still watched by the library (every 3 s).
 * Other transports (`--node-ipc`, `--socket`, `--pipe`) are left to the library.
 */
import { Console } from 'node:console';
import { type Connection, createConnection, type MessageReader, ProposedFeatures } from 'vscode-languageserver/node';
import { BoundedMessageWriter } from './bounded-message-writer';
import { guardLifecycle } from './lifecycle-guard';
import { ResyncingMessageReader } from './resyncing-message-reader';

export function isStdioTransport(argv: readonly string[]): boolean {
  return argv.slice(2).includes('--stdio');
}

export function createStdioConnection(): Connection {
  // Before anything can log: a stray console.log on stdout would corrupt the client's next message.
  globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });
  const reader = new ResyncingMessageReader(process.stdin);
  // stdout is bounded (a client that stops reading costs at most a few MiB), and the lifecycle is enforced before
  // the connection sees a message (issue #21).
  const writer = new BoundedMessageWriter(process.stdout);
  const guarded = guardLifecycle(reader, (response) => void writer.write(response));
  let isShutdownRequested = false;
  const observed: MessageReader = {
    onError: guarded.onError,
    onClose: guarded.onClose,
    onPartialMessage: guarded.onPartialMessage,
    listen: (callback) =>
      guarded.listen((message) => {
        // Any JSON value arrives here (`null` and `42` too); the connection sorts out what is not a message.
        if (typeof message === 'object' && message !== null && (message as { method?: unknown }).method === 'shutdown') isShutdownRequested = true;
        callback(message);
      }),
    dispose: () => guarded.dispose(),
  };
  const connection = createConnection(ProposedFeatures.all, observed, writer);
  reader.onError((error) => connection.console.error(`piilint: ${error.message}`));
  reader.onClose(() => process.exit(isShutdownRequested ? 0 : 1));
  return connection;
}
