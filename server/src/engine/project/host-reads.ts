/**
 * Stage: project (what TypeScript's hosts read besides the scanned files): tsconfigs and their `extends`, the
 * `package.json` files module resolution looks at, and imported project files that were not scanned.
 * Input: a path. Output: its text, or `undefined` (TypeScript's way of saying "cannot read"), with the reason
 * recorded for a notice where one is asked for.
 * Invariant: the same limits as every read of workspace input (files/read-workspace-file.ts): regular files only,
 * within the size limit; a tsconfig nested past `MAX_JSON_DEPTH` is not handed to TypeScript's recursive JSON
 * reader (issue #21).
 */
import { DEFAULT_MAX_FILE_SIZE } from '../config/config-types';
import { MAX_JSON_DEPTH, offsetPastDepth } from '../config/json-depth';
import { decodeSourceText } from '../files/decode-source-text';
import { MAX_SETUP_FILE_BYTES, WorkspaceReadError, readWorkspaceBytes, readWorkspaceTextOrUndefined } from '../files/read-workspace-file';

/** A tsconfig (or a file it extends or references), for `ts.readConfigFile` and `parseJsonConfigFileContent`. */
export function readTsconfigText(file: string, problems: Map<string, string>): string | undefined {
  const text = readWorkspaceTextOrUndefined(file, MAX_SETUP_FILE_BYTES, (error) => problems.set(file, error.reason));
  if (text === undefined) return undefined;
  if (offsetPastDepth(text) !== undefined) {
    problems.set(file, `nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep`);
    return undefined;
  }
  return text;
}

/** Any other file a compiler host asks for: decoded as the scanned files are, `undefined` when not readable. */
export function readHostFile(file: string): string | undefined {
  try {
    return decodeSourceText(readWorkspaceBytes(file, DEFAULT_MAX_FILE_SIZE)).text;
  } catch (error) {
    if (error instanceof WorkspaceReadError) return undefined;
    throw error;
  }
}
