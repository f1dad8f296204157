/**
 * Entry of `piilint-language-server`: hands the rule registry to the LSP shell. With `--stdio` the connection is
 * stdio-connection.ts's (it survives malformed frames); other transports (`--node-ipc`, `--socket=N`, `--pipe`) are
 * read from the command line by `createConnection`, and `--clientProcessId` makes the server exit when its editor
 * is gone.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { allRules } from '../../../rules/index';
import { startServer } from './server';
import { createStdioConnection, isStdioTransport } from './stdio-connection';

const connection = startServer(allRules, isStdioTransport(process.argv) ? createStdioConnection() : createConnection(ProposedFeatures.all));

// An error that escapes a handler must not take the editor's diagnostics down with it: log it, keep serving.
// (Every analysis already catches its own errors; this is the last line, as in vscode-eslint.)
process.on('uncaughtException', (error) => {
  connection.console.error(`piilint: uncaught error: ${error.stack ?? error.message}`);
});
process.on('unhandledRejection', (reason) => {
  connection.console.error(`piilint: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
});
