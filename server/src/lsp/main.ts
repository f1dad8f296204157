/**
 * Entry of `piilint-language-server`: hands the rule registry to the LSP shell. `createConnection` reads the
 * transport (`--stdio`, `--node-ipc`, `--socket=N`) from the command line.
 */
import { allRules } from '../../../rules/index';
import { startServer } from './server';

startServer(allRules);
