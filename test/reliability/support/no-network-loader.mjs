/**
 * ES module loader hooks for no-network-hook.cjs (registered with `module.register`): any `import` or `import()`
 * that resolves inside the scanned workspace is recorded in the same JSON-lines log and refused.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

let logFile;
let workspace;

export function initialize(data) {
  logFile = data.logFile;
  workspace = data.workspace;
}

function isInWorkspace(url) {
  if (!url.startsWith('file:')) return false;
  let file = fileURLToPath(url);
  try {
    file = fs.realpathSync(file);
  } catch {
    // Compare the path as given.
  }
  return file === workspace || file.startsWith(workspace + path.sep);
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (isInWorkspace(resolved.url)) {
    fs.appendFileSync(logFile, `${JSON.stringify({ pid: process.pid, kind: 'load', api: 'import', detail: `${specifier} -> ${resolved.url}` })}\n`);
    throw new Error(`no-network-loader: importing ${resolved.url} from the scanned workspace is not allowed in this test`);
  }
  return resolved;
}
