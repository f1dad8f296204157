/**
 * Combining the SARIF logs of `--shard` runs into one log with one run, as code scanning expects from one analysis.
 * Input: parsed SARIF logs (each with runs of piilint, as `--format sarif` writes them), named for messages.
 * Output: one SARIF 2.1.0 log: the rules listed once (results re-indexed), results concatenated (a result present in
 * two inputs, same rule, fingerprint and file, is kept once) and sorted by file and position, artifacts concatenated
 * without duplicates (artifact indexes re-pointed), one invocation that succeeded only if every input's did, with
 * all their notifications, and piilint's run properties (baseline, changed-code mode) added up.
 * Invariant: the output validates against the SARIF 2.1.0 schema whenever the inputs do (test/cli/shard.test.ts).
 */
import type { Artifact, Invocation, Log, Notification, ReportingDescriptor, Result, Run } from 'sarif';
import { PiilintError } from '../engine/errors';
import {
  BASELINE_ENTRY_PROPERTY,
  BASELINE_PROPERTY,
  CHANGED_SINCE_PROPERTY,
  FINGERPRINT_KEY,
  SARIF_SCHEMA_URI,
} from './formatters/sarif';

/** An input is missing, unreadable, not SARIF 2.1.0, not piilint's, or from another piilint version. */
export class SarifMergeError extends PiilintError {
  readonly code = 'sarif-merge-error';
  constructor(message: string) {
    super(message);
    this.name = 'SarifMergeError';
  }
}

export interface SarifInput {
  readonly name: string;
  readonly log: unknown;
}

interface BaselineProperty {
  file?: string;
  matched?: number;
  new?: number;
  stale?: { fingerprint?: string }[];
}

export function mergeSarifLogs(inputs: readonly SarifInput[]): Log {
  const runs = inputs.flatMap((input) => runsOf(input));
  const first = runs[0];
  if (first === undefined) {
    throw new SarifMergeError('No SARIF input to merge. Give at least one file written by `piilint --format sarif`.');
  }
  const version = first.run.tool.driver.version;
  for (const { run, name } of runs) {
    if (run.tool.driver.version !== version) {
      throw new SarifMergeError(
        `${name} was written by piilint ${run.tool.driver.version ?? '(unknown)'}, ${first.name} by piilint ${version ?? '(unknown)'}. Run every shard with the same piilint version.`,
      );
    }
  }

  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const artifacts: Artifact[] = [];
  const artifactIndex = new Map<string, number>();
  const results: Result[] = [];
  const seenResults = new Set<string>();
  const notifications: Notification[] = [];
  const configurationNotifications: Notification[] = [];
  let isSuccessful = true;
  const originalUriBaseIds: NonNullable<Run['originalUriBaseIds']> = {};

  for (const { run } of runs) {
    const localRules = run.tool.driver.rules ?? [];
    for (const rule of localRules) {
      if (!ruleIndex.has(rule.id)) {
        ruleIndex.set(rule.id, rules.length);
        rules.push(rule);
      }
    }
    const localArtifacts = (run.artifacts ?? []).map((artifact) => {
      const key = artifactKey(artifact);
      let index = artifactIndex.get(key);
      if (index === undefined) {
        index = artifacts.length;
        artifactIndex.set(key, index);
        artifacts.push(artifact);
      }
      return index;
    });
    for (const result of run.results ?? []) {
      const ruleId = result.ruleId ?? (result.ruleIndex === undefined ? undefined : localRules[result.ruleIndex]?.id);
      const remapped = remapArtifactIndexes(result, localArtifacts) as Result;
      const index = ruleId === undefined ? undefined : ruleIndex.get(ruleId);
      const merged: Result = { ...remapped, ...(ruleId === undefined ? {} : { ruleId }), ...(index === undefined ? {} : { ruleIndex: index }) };
      if (merged.rule !== undefined && index !== undefined) {
        merged.rule = { ...merged.rule, index };
      }
      const key = resultKey(merged);
      if (key !== undefined) {
        if (seenResults.has(key)) continue;
        seenResults.add(key);
      }
      results.push(merged);
    }
    for (const invocation of run.invocations ?? []) {
      isSuccessful &&= invocation.executionSuccessful;
      notifications.push(...(invocation.toolExecutionNotifications ?? []));
      configurationNotifications.push(...(invocation.toolConfigurationNotifications ?? []));
    }
    for (const [key, value] of Object.entries(run.originalUriBaseIds ?? {})) {
      originalUriBaseIds[key] ??= value;
    }
  }
  results.sort(compareResults);

  const invocation: Invocation = {
    executionSuccessful: isSuccessful,
    toolExecutionNotifications: notifications,
    ...(configurationNotifications.length === 0 ? {} : { toolConfigurationNotifications: configurationNotifications }),
  };
  const properties = mergeProperties(runs.map(({ run }) => run), results);
  const merged: Run = {
    ...first.run,
    tool: { ...first.run.tool, driver: { ...first.run.tool.driver, rules } },
    invocations: [invocation],
    ...(Object.keys(originalUriBaseIds).length === 0 ? {} : { originalUriBaseIds }),
    ...(artifacts.length === 0 ? {} : { artifacts }),
    results,
  };
  delete merged.properties;
  if (properties !== undefined) {
    merged.properties = properties;
  }
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [merged] };
}

function runsOf(input: SarifInput): { name: string; run: Run }[] {
  const log = input.log as Partial<Log> | null;
  if (typeof log !== 'object' || log === null || log.version !== '2.1.0' || !Array.isArray(log.runs)) {
    throw new SarifMergeError(`${input.name} is not a SARIF 2.1.0 log (no "version": "2.1.0" and "runs"). Give files written by \`piilint --format sarif\`.`);
  }
  return log.runs.map((run) => {
    const name = run?.tool?.driver?.name;
    if (name !== 'piilint') {
      throw new SarifMergeError(
        `${input.name} has a run of ${name === undefined ? 'an unnamed tool' : `"${name}"`}, not piilint. merge-sarif combines piilint's --shard reports; upload other tools' SARIF separately.`,
      );
    }
    return { name: input.name, run };
  });
}

function artifactKey(artifact: Artifact): string {
  return JSON.stringify([artifact.location?.uriBaseId ?? '', artifact.location?.uri ?? '', artifact.location?.index ?? '']);
}

/** A copy of `value` with every `artifactLocation.index` re-pointed into the merged `artifacts`. */
function remapArtifactIndexes(value: unknown, localArtifacts: readonly number[]): unknown {
  if (Array.isArray(value)) return value.map((item) => remapArtifactIndexes(item, localArtifacts));
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'artifactLocation' && typeof child === 'object' && child !== null && typeof (child as { index?: unknown }).index === 'number') {
      const local = (child as { index: number }).index;
      const index = localArtifacts[local];
      copy[key] = index === undefined ? child : { ...(child as object), index };
    } else {
      copy[key] = remapArtifactIndexes(child, localArtifacts);
    }
  }
  return copy;
}

function locationOf(result: Result): { uri: string; line: number; column: number } {
  const physical = result.locations?.[0]?.physicalLocation;
  return {
    uri: physical?.artifactLocation?.uri ?? '',
    line: physical?.region?.startLine ?? 0,
    column: physical?.region?.startColumn ?? 0,
  };
}

function resultKey(result: Result): string | undefined {
  const fingerprint = result.partialFingerprints?.[FINGERPRINT_KEY];
  return fingerprint === undefined ? undefined : JSON.stringify([result.ruleId, fingerprint, locationOf(result).uri]);
}

function compareResults(a: Result, b: Result): number {
  const left = locationOf(a);
  const right = locationOf(b);
  const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return compare(left.uri, right.uri) || left.line - right.line || left.column - right.column || compare(a.ruleId ?? '', b.ruleId ?? '');
}

/**
 * piilint's run properties over all shards: baseline counts add up, and an entry is stale only if no shard matched
 * it (a finding in a renamed file can be matched in another shard than the one its old path falls in).
 */
function mergeProperties(runs: readonly Run[], results: readonly Result[]): Run['properties'] | undefined {
  const merged: Record<string, unknown> = {};
  const baselines = runs.map((run) => run.properties?.[BASELINE_PROPERTY] as BaselineProperty | undefined).filter((value) => value !== undefined);
  if (baselines.length > 0) {
    const matchedEntries = new Set(results.map((result) => result.properties?.[BASELINE_ENTRY_PROPERTY]).filter((value) => typeof value === 'string'));
    const stale = new Map<string, { fingerprint?: string }>();
    for (const baseline of baselines) {
      for (const entry of baseline.stale ?? []) {
        const key = entry.fingerprint ?? JSON.stringify(entry);
        if (!matchedEntries.has(key) && !stale.has(key)) stale.set(key, entry);
      }
    }
    merged[BASELINE_PROPERTY] = {
      file: baselines[0]?.file,
      matched: baselines.reduce((sum, baseline) => sum + (baseline.matched ?? 0), 0),
      new: baselines.reduce((sum, baseline) => sum + (baseline.new ?? 0), 0),
      stale: [...stale.values()],
    };
  }
  const changed = runs
    .map((run) => run.properties?.[CHANGED_SINCE_PROPERTY] as { outside?: number } | undefined)
    .filter((value) => value !== undefined);
  if (changed.length > 0) {
    merged[CHANGED_SINCE_PROPERTY] = { ...changed[0], outside: changed.reduce((sum, value) => sum + (value.outside ?? 0), 0) };
  }
  return Object.keys(merged).length === 0 ? undefined : merged;
}
