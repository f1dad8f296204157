/**
 * LSP shell: what the server writes to the client's output channel (`window/logMessage`). Everything goes out at
 * Info, Warning or Error, the levels an editor shows by default: VS Code's log output channel hides messages of
 * type Log below its default level, which left the channel empty (issue #20). At start: the version, the Node
 * version, the folders and the language of the messages; after each analysis: the folder, how many files were
 * analysed, the findings and the time; and every error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import type { Locale } from '../engine/rule-api';
import { readPackageInfo } from '../cli/package-info';
import type { FolderSnapshot } from './folder-analysis';

export interface ServerLog {
  info(message: string): void;
  error(message: string): void;
  started(folders: readonly string[], locale: Locale): void;
  analysed(root: string, snapshot: FolderSnapshot): void;
}

export function createServerLog(connection: Connection): ServerLog {
  return {
    info: (message) => connection.console.info(message),
    error: (message) => connection.console.error(message),
    started: (folders, locale) =>
      connection.console.info(
        `piilint ${serverVersion()} (Node ${process.version}) started; messages in ${locale}; ${folders.length} folder(s)${folders.length > 0 ? `: ${folders.join(', ')}` : ''}.`,
      ),
    analysed: (root, snapshot) => {
      if (snapshot.error) return;
      let findings = 0;
      for (const list of snapshot.findingsByFile.values()) findings += list.length;
      connection.console.info(
        `piilint: ${path.basename(root) || root}: ${snapshot.texts.size} file(s) analysed, ${findings} finding(s) in ${snapshot.findingsByFile.size} file(s), ${Math.round(snapshot.durationMs)} ms.`,
      );
    },
  };
}

/** piilint's version; the server bundled in the .vsix (dist/server.js) has the extension's package.json above it. */
function serverVersion(): string {
  try {
    return readPackageInfo().version;
  } catch {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { name?: string; version?: string };
      return manifest.name === 'piilint-vscode' && manifest.version ? `${manifest.version} (extension)` : 'of unknown version';
    } catch {
      return 'of unknown version';
    }
  }
}
