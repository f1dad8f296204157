/**
 * Entry of `piilint-language-server`: hands the rule registry to the LSP shell. `createConnection` reads the
 * transport (`--stdio`, `--node-ipc`, `--socket=N`) from the command line, and `--clientProcessId` so that the
 * server exits when its editor is gone.
 */
import { allRules } from '../../../rules/index';
import { startServer } from './server';

const connection = startServer(allRules);

// An error that escapes a handler must not take the editor's diagnostics down with it: log it, keep serving.
// (Every analysis already catches its own errors; this is the last line, as in vscode-eslint.)
process.on('uncaughtException', (error) => {
  connection.console.error(`piilint: uncaught error: ${error.stack ?? error.message}`);
});
process.on('unhandledRejection', (reason) => {
  connection.console.error(`piilint: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
});
