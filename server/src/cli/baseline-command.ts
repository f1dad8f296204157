/**
 * `piilint baseline create|prune [paths…] [--baseline FILE]`: write the baseline that `--baseline` reads.
 * Input: argv after `baseline`, the process's streams, the engine.
 * Output: the baseline file, written atomically, and one summary line on stderr; exit code 0, or 2 for a usage,
 * configuration, baseline or internal error (or a scan that left files unchecked: a baseline of an incomplete scan
 * would call the findings it missed "fixed").
 * Invariant: `create` records every unsuppressed finding but parse errors and keeps the reason and author of entries
 * that still match; `prune` only removes entries that match nothing in this run's scope, and updates the file, line,
 * function and fingerprint of the ones that moved. Neither ever reads a half-valid baseline.
 */
import * as path from 'node:path';
import {
  compareWithBaseline,
  createBaseline,
  entryOf,
  sortEntries,
  type Baseline,
  type BaselineComparison,
  type BaselineEntry,
} from '../engine/findings/baseline';
import { PARSE_ERROR_RULE_ID } from '../engine/findings/engine-rules';
import { baselineFileExists, readBaselineFile, writeBaselineFile } from './baseline-file';
import { FATAL_EXIT_CODE, parseBaselineArguments, type BaselineCommandOptions } from './cli-options';
import type { CliIo } from './cli-io';
import { cliText } from '../i18n/cli-text';
import { identifyFindings } from './finding-identity';
import { isRunComplete } from './formatters/run-health';
import type { CliDependencies } from './run-cli';
import { checkPathsExist, printNotices, reportError, scanWithProgress } from './run-helpers';
import { baselineScope } from './select-findings';

export async function runBaselineCommand(argv: readonly string[], io: CliIo, deps: CliDependencies): Promise<number> {
  const parsed = parseBaselineArguments(argv, io, deps.toolVersion);
  if (parsed.kind === 'exit') {
    return parsed.exitCode;
  }
  try {
    return await writeBaseline(parsed.options, io, deps);
  } catch (error) {
    return reportError(error, io, parsed.options.isDebug);
  }
}

async function writeBaseline(options: BaselineCommandOptions, io: CliIo, deps: CliDependencies): Promise<number> {
  checkPathsExist(options.paths, io.cwd);
  // Read the old baseline first: a broken one stops the command before the scan, and is never overwritten unread.
  const previous =
    options.action === 'prune' || baselineFileExists(io.cwd, options.baseline) ? readBaselineFile(io.cwd, options.baseline) : undefined;

  const result = await scanWithProgress(
    {
      cwd: io.cwd,
      paths: options.paths,
      configFile: options.config === undefined ? undefined : path.resolve(io.cwd, options.config),
      rules: deps.rules,
    },
    {},
    io,
    deps,
  );
  printNotices(result.notices, { isQuiet: false }, io, result.locale);
  if (!isRunComplete(result.notices)) {
    io.stderr.write(`${cliText(result.locale).baselineNotWritten(options.baseline)}\n`);
    return FATAL_EXIT_CODE;
  }

  const candidates = result.findings.filter((finding) => finding.suppression === undefined && finding.ruleId !== PARSE_ERROR_RULE_ID);
  const identities = identifyFindings(candidates, io.cwd, result.texts);
  const scope = baselineScope(result, { cwd: io.cwd });

  let baseline: Baseline;
  let message: string;
  if (options.action === 'create') {
    const comparison = previous === undefined ? undefined : compareWithBaseline(identities, previous, scope);
    const created = createBaseline(identities, previous, { reason: options.reason, author: options.author }, scope);
    // Entries of files this run did not check (paths not given) are kept as they are.
    const outOfScope = previous === undefined || comparison === undefined ? [] : entriesOutOfScope(previous, comparison);
    baseline = { ...created, entries: sortEntries([...created.entries, ...outOfScope]) };
    const kept = comparison === undefined ? 0 : comparison.matched.length;
    const added = identities.length - kept;
    const removed = comparison === undefined ? 0 : comparison.stale.length;
    message = cliText(result.locale).baselineWritten(options.baseline, baseline.entries.length, previous === undefined ? undefined : { kept, added, removed });
  } else {
    // `prune` always has a previous baseline (readBaselineFile throws when it is missing).
    const old = previous ?? { version: 1, entries: [] };
    const comparison = compareWithBaseline(identities, old, scope);
    const stale = new Set(comparison.stale);
    const updated = new Map<BaselineEntry, BaselineEntry>();
    const identityOf = new Map(identities.map((identity) => [identity.finding, identity]));
    for (const match of comparison.matched) {
      const identity = identityOf.get(match.finding);
      if (identity !== undefined) {
        updated.set(match.entry, { ...match.entry, ...entryOf(identity) });
      }
    }
    baseline = {
      ...old,
      entries: old.entries.filter((entry) => !stale.has(entry)).map((entry) => updated.get(entry) ?? entry),
    };
    message = cliText(result.locale).baselinePruned(stale.size, options.baseline, baseline.entries.length);
  }
  await writeBaselineFile(io.cwd, options.baseline, baseline);
  io.stderr.write(`${message}\n`);

  const parseErrors = result.findings.filter((finding) => finding.ruleId === PARSE_ERROR_RULE_ID && finding.suppression === undefined).length;
  if (parseErrors > 0) {
    io.stderr.write(`${cliText(result.locale).baselineParseErrors(parseErrors)}\n`);
  }
  return 0;
}

function entriesOutOfScope(previous: Baseline, comparison: BaselineComparison): BaselineEntry[] {
  const accounted = new Set<BaselineEntry>([...comparison.matched.map((match) => match.entry), ...comparison.stale]);
  return previous.entries.filter((entry) => !accounted.has(entry));
}
