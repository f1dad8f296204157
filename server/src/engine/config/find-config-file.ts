/**
 * Stage: config (lookup).
 * Input: a file or folder being scanned.
 * Output: the absolute path of the nearest piilint.config.json at or above it, or undefined.
 * Invariant: walks up to the file-system root and stops at the first config; configs are never merged, so the
 * nearest one alone applies (like .editorconfig with `root = true` everywhere).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from './config-types';

export function findConfigFile(startPath: string): string | undefined {
  const start = path.resolve(startPath);
  let folder = isDirectory(start) ? start : path.dirname(start);
  for (;;) {
    const candidate = path.join(folder, CONFIG_FILE_NAME);
    if (isFile(candidate)) return candidate;
    const parent = path.dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

function isDirectory(file: string): boolean {
  return statOrUndefined(file)?.isDirectory() ?? false;
}

function isFile(file: string): boolean {
  return statOrUndefined(file)?.isFile() ?? false;
}

/**
 * A folder we may not search (EACCES) cannot hold a config we could read, so it counts as having none and the
 * walk goes on upward, as git does for its own files.
 */
function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
