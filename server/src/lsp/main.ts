/**
 * Entry of `piilint-language-server`: hands the rule registry to the LSP shell. With `--stdio` the connection is
 * stdio-connection.ts's (it survives malformed frames); other transports (`--node-ipc`, `--socket=N`, `--pipe`) are
 * read from the command line by `createConnection`, and `--clientProcessId` makes the server exit when its editor
 * is gone.
 */
import { type Connection, createConnection, IPCMessageReader, IPCMessageWriter, ProposedFeatures } from 'vscode-languageserver/node';
import { loadRules } from './lazy-engine';
import { guardLifecycle } from './lifecycle-guard';
import { startServer } from './server';
import { createStdioConnection, isStdioTransport } from './stdio-connection';

/** stdio and node-ipc (VS Code's) enforce the protocol's lifecycle (lifecycle-guard.ts); others are the library's. */
function createTransportConnection(argv: readonly string[]): Connection {
  if (isStdioTransport(argv)) return createStdioConnection();
  if (argv.slice(2).includes('--node-ipc') && process.send) {
    const writer = new IPCMessageWriter(process);
    return createConnection(ProposedFeatures.all, guardLifecycle(new IPCMessageReader(process), (response) => void writer.write(response)), writer);
  }
  return createConnection(ProposedFeatures.all);
}

const connection = startServer(loadRules, createTransportConnection(process.argv));

// An error that escapes a handler must not take the editor's diagnostics down with it: log it, keep serving.
// (Every analysis already catches its own errors; this is the last line, as in vscode-eslint.)
process.on('uncaughtException', (error) => {
  connection.console.error(`piilint: uncaught error: ${error.stack ?? error.message}`);
});
process.on('unhandledRejection', (reason) => {
  connection.console.error(`piilint: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
});
