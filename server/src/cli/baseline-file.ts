/**
 * Reading and writing the baseline file. A missing or unreadable baseline given with `--baseline` is an error, never
 * an empty baseline: an empty one would fail the build on every accepted finding, and a typo in the path would look
 * like a regression. The file is written atomically (temporary file, then rename), as reports are.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { BaselineError, parseBaseline, serializeBaseline, type Baseline } from '../engine/findings/baseline';
import { MAX_JSON_DEPTH, offsetPastDepth } from '../engine/config/json-depth';
import { MAX_DATA_FILE_BYTES, WorkspaceReadError, readWorkspaceText } from '../engine/files/read-workspace-file';

/** Read and validate `given` (as typed, resolved against `cwd`). */
export function readBaselineFile(cwd: string, given: string): Baseline {
  const absolute = path.resolve(cwd, given);
  let text: string;
  try {
    text = readWorkspaceText(absolute, MAX_DATA_FILE_BYTES);
  } catch (error) {
    if (!(error instanceof WorkspaceReadError)) throw error;
    const code = error.problem === 'missing' ? 'ENOENT' : error.code;
    // A FIFO or a device behind the name would block or fill memory (issue #21).
    if (error.problem === 'not-a-file' || error.problem === 'too-large') {
      throw new BaselineError(`The baseline ${given} ${error.reason}; piilint did not read it. Pass a baseline written by \`piilint baseline create\`.`, given);
    }
    if (code === 'ENOENT') {
      throw new BaselineError(
        `No baseline at ${given} (looked for ${absolute}). Create it with \`piilint baseline create --baseline ${given}\`, or check the path.`,
        given,
      );
    }
    throw new BaselineError(`Cannot read the baseline ${given} (${code ?? String(error)}). Check that it is a readable file.`, given);
  }
  if (offsetPastDepth(text) !== undefined) {
    throw new BaselineError(`The baseline ${given} nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep; it is not one piilint wrote. Create it again with \`piilint baseline create\`.`, given);
  }
  return parseBaseline(text, given);
}

/** Whether a file exists at `given`; for `baseline create`, which may start from nothing. */
export function baselineFileExists(cwd: string, given: string): boolean {
  return fs.existsSync(path.resolve(cwd, given));
}

export async function writeBaselineFile(cwd: string, given: string, baseline: Baseline): Promise<void> {
  const absolute = path.resolve(cwd, given);
  try {
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    await writeFileAtomic(absolute, serializeBaseline(baseline), { encoding: 'utf8' });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BaselineError(`Cannot write the baseline to ${given} (${reason}). Choose another --baseline path or check its permissions.`, given);
  }
}
