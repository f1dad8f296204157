/**
 * `piilint merge-sarif OUT IN...`: read the shards' SARIF files, merge them (merge-sarif.ts) and write OUT
 * atomically. Exit code 0 when OUT was written; 2, with one line on stderr, for a missing, unreadable or foreign
 * input or an OUT that cannot be written. The shards' own runs are the gate; merging reports, it does not judge.
 */
import { MAX_JSON_DEPTH, offsetPastDepth } from '../engine/config/json-depth';
import { MAX_DATA_FILE_BYTES, WorkspaceReadError, readWorkspaceText } from '../engine/files/read-workspace-file';
import * as path from 'node:path';
import { cliText } from '../i18n/cli-text';
import { localeOfArguments, parseMergeSarifArguments } from './cli-options';
import type { CliIo } from './cli-io';
import { mergeSarifLogs, SarifMergeError, type SarifInput } from './merge-sarif';
import { reportError } from './run-helpers';
import { writeReport } from './write-report';

export async function runMergeSarifCommand(argv: readonly string[], io: CliIo, toolVersion: string): Promise<number> {
  const parsed = parseMergeSarifArguments(argv, io, toolVersion);
  if (parsed.kind === 'exit') {
    return parsed.exitCode;
  }
  const { output, inputs, isDebug } = parsed.options;
  try {
    // Every input is read before OUT is written, so OUT may also be one of the inputs.
    const logs = inputs.map((input) => readSarif(io.cwd, input));
    const merged = mergeSarifLogs(logs);
    await writeReport(path.resolve(io.cwd, output), `${JSON.stringify(merged, null, 2)}\n`);
    const run = merged.runs[0];
    const results = run?.results?.length ?? 0;
    const rules = run?.tool.driver.rules?.length ?? 0;
    io.stderr.write(`${cliText(localeOfArguments(argv, io.env)).sarifMerged(inputs.length, output, results, rules)}\n`);
    return 0;
  } catch (error) {
    return reportError(error, io, isDebug);
  }
}

function readSarif(cwd: string, given: string): SarifInput {
  const absolute = path.resolve(cwd, given);
  let text: string;
  try {
    text = readWorkspaceText(absolute, MAX_DATA_FILE_BYTES);
  } catch (error) {
    if (!(error instanceof WorkspaceReadError)) throw error;
    throw new SarifMergeError(
      error.problem === 'missing'
        ? `No SARIF file at ${given} (looked for ${absolute}). Check that every shard uploaded its report, and the path or glob.`
        : error.problem === 'unreadable'
          ? `Cannot read ${given} (${error.code ?? error.reason}). Check that it is a readable file.`
          : `${given} ${error.reason}; piilint did not read it. Pass the SARIF files the shards wrote.`,
    );
  }
  if (offsetPastDepth(text) !== undefined) {
    throw new SarifMergeError(`${given} nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep; it is not a report piilint wrote.`);
  }
  try {
    return { name: given, log: JSON.parse(text) as unknown };
  } catch (error) {
    throw new SarifMergeError(
      `${given} is not valid JSON (${error instanceof Error ? error.message : String(error)}). Was the shard's run interrupted? Run it again.`,
    );
  }
}
