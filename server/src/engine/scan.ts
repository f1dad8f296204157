/**
 * The engine's entry point for a whole scan: files → project → facts → dataflow → findings.
 * Input: a `ScanRequest` (paths, config, the rule registry).
 * Output: a `ScanResult` with findings (suppressions applied), notices and statistics.
 * Invariant: each stage runs once per config group; a bad file never stops the scan (it becomes a notice or a
 * `parse-error` finding); user errors (missing path, bad config) are thrown as typed errors before any analysis.
 * With `request.cache` (`--cache`), a group is analysed by cache/cached-analysis.ts, which analyses only what
 * changed since the last run; every group then ends the same way (finishing the drafts, then suppressions), so
 * the findings are those of a scan without cache.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResolvedConfig } from './config/config-types';
import { ConfigError } from './errors';
import { findConfigFile, loadConfig } from './config';
import { DataflowSession } from './dataflow/program-analysis';
import { type CompiledRule, compileRule } from './facts/compile-models';
import { discoverFiles, isVueFileName, readSourceFile, scriptSourcesOf } from './files';
import { type EnabledRule, FindingCache, draftFindings, finishFindings } from './findings/build-findings';
import { ENGINE_RULES, INVALID_SUPPRESSION_RULE_ID, UNUSED_SUPPRESSION_RULE_ID } from './findings/engine-rules';
import type { Finding, Notice } from './findings/finding';
import { mergeKnownUses } from './findings/known-functions';
import { applySuppressions } from './findings/suppressions';
import { type BuiltProject, buildProject } from './project/build-project';
import { readHostFile } from './project/host-reads';
import type { AnyRule, Locale } from './rule-api';
import type { CacheStats, RunStats, ScanRequest, ScanResult } from './scan-types';
import { analyseWithCache } from './cache/cached-analysis';
import { engineFinding } from './findings/engine-findings';
import { type GroupAnalysis, type SuppressionMarkers, checkFiles, internalErrorNotice } from './group-analysis';

interface ConfigGroup {
  readonly config: ResolvedConfig;
  readonly paths: string[];
}

/** A whole scan, from nothing (the CLI). */
export async function scan(request: ScanRequest): Promise<ScanResult> {
  return new ScanSession().scan(request);
}

interface GroupMemory {
  readonly rulesKey: string;
  readonly compiled: readonly CompiledRule[];
  readonly configFile: string | undefined;
  readonly tsconfigDir: string;
  readonly built: BuiltProject;
  readonly dataflow: DataflowSession;
  readonly findingCache: FindingCache;
  readonly markers: SuppressionMarkers;
  readonly texts: ReadonlyMap<string, string>;
  readonly files: readonly string[];
  readonly notices: readonly Notice[];
  /** Files whose text came from the editor, not from disk. */
  readonly overlaid: ReadonlySet<string>;
}

/**
 * Scans that remember the previous one (the language server's workspace): files that did not change are not read
 * or parsed again, and only the summaries an edit can affect are recomputed.
 */
export class ScanSession {
  private readonly memory = new Map<string, GroupMemory>();
  /** Files known to have changed on disk since the last scan; `undefined`: anything may have changed. */
  private changedOnDisk: Set<string> | undefined;

  /** Tells the session what changed on disk; without paths, everything is read again. */
  filesChanged(paths?: readonly string[]): void {
    if (!paths || !this.changedOnDisk) {
      this.changedOnDisk = undefined;
      if (!paths) this.memory.clear();
      return;
    }
    for (const file of paths) this.changedOnDisk.add(file);
  }

  async scan(request: ScanRequest): Promise<ScanResult> {
    try {
      return await this.run(request);
    } finally {
      this.changedOnDisk = new Set();
    }
  }

  private async run(request: ScanRequest): Promise<ScanResult> {
    const started = Date.now();
    const timings: Record<string, number> = {};
    const time = <T>(phase: string, run: () => T): T => {
      const start = Date.now();
      try {
        return run();
      } finally {
        timings[phase] = (timings[phase] ?? 0) + Date.now() - start;
      }
    };
    const cwd = path.resolve(request.cwd);
    const allRules: readonly AnyRule[] = [...request.rules, ...ENGINE_RULES];
    const { groups, failed } = time('config', () => groupByConfig(request, cwd, allRules));

    const findings: Finding[] = [];
    const notices: Notice[] = [...failed];
    const texts = new Map<string, string>();
    // What each file was analysed as: its text, or a component's virtual script source (files/script-source.ts).
    const scriptSource = scriptSourcesOf((file) => texts.get(file) ?? safeRead(file));
    const budgetsHit: string[] = [];
    let filesDiscovered = 0;
    let filesAnalysed = 0;
    let filesSkipped = 0;
    let functionsSummarised = 0;
    let functionsComputed = 0;
    const cacheStats: CacheStats[] = [];
    const configLocale = groups[0]?.config.locale ?? 'auto';
    const locale: Locale = request.locale ?? (configLocale === 'auto' ? (request.autoLocale ?? 'en') : configLocale);

    for (const group of groups) {
      const config = group.config;
      const memoryKey = `${config.file ?? ''}\u0000${group.paths.join('\u0000')}\u0000${request.shard ? `${request.shard.index}/${request.shard.count}` : ''}`;
      const remembered = this.memory.get(memoryKey);
      // A structural change (a file created, deleted or renamed) needs a new discovery; an edit does not.
      const canReuseDiscovery = !!remembered && !!this.changedOnDisk && [...this.changedOnDisk].every((file) => remembered.texts.has(file) && fs.existsSync(file));
      request.onProgress?.({ phase: 'discover', done: 0, total: 0 });
      const discoverStart = Date.now();
      const discovered = canReuseDiscovery
        ? { files: [...remembered.files], notices: [...remembered.notices] }
        : await discoverFiles({ cwd, paths: group.paths, ignore: config.ignore, ignoreBaseDir: config.baseDir, maxFileSize: config.maxFileSize });
      timings.discover = (timings.discover ?? 0) + Date.now() - discoverStart;
      const allDiscovered = [...discovered.files];
      if (request.shard) {
        const { index, count } = request.shard;
        discovered.files.splice(0, discovered.files.length, ...discovered.files.filter((file) => shardOf(path.relative(cwd, file), count) === index));
      }
      filesDiscovered += discovered.files.length;
      notices.push(...discovered.notices);
      filesSkipped += discovered.notices.filter((notice) => notice.file).length;

      const files = time('read', () => {
        const out: { path: string; text: string }[] = [];
        for (const file of discovered.files) {
          const overlay = request.overlays?.get(file);
          if (overlay !== undefined && overlay.length > config.maxFileSize) {
            // Neither the document nor the file on disk is analysed: findings from disk would be stale (#21).
            notices.push({ level: 'warning', code: 'file-too-large', file, message: `${file}: the open document (${overlay.length} characters) is over the maxFileSize limit (${config.maxFileSize} bytes); it is not analysed, and no findings are shown for it, not even those of the file on disk, which would be stale. Raise "maxFileSize" in piilint.config.json to include it.` });
            filesSkipped++;
            continue;
          }
          if (overlay !== undefined) {
            texts.set(file, overlay);
            out.push({ path: file, text: overlay });
            continue;
          }
          // A text remembered from disk is still good unless the file changed; an editor's text never is.
          const known = remembered && this.changedOnDisk && !this.changedOnDisk.has(file) && !remembered.overlaid.has(file) ? remembered.texts.get(file) : undefined;
          if (known !== undefined && !request.overlays?.has(file)) {
            texts.set(file, known);
            out.push({ path: file, text: known });
            continue;
          }
          const read = readSourceFile(file, { maxFileSize: config.maxFileSize });
          if ('notice' in read) {
            notices.push(read.notice);
            filesSkipped++;
            continue;
          }
          texts.set(file, read.text);
          out.push({ path: file, text: read.text });
        }
        return out;
      });
      if (files.length === 0) continue;

      const tsconfigDir = commonFolder(files.map((file) => file.path)) ?? cwd;
      const analysis =
        request.cache && !request.overlays
          ? await analyseWithCache({
              cache: request.cache,
              cwd,
              paths: group.paths,
              configFile: config.file,
              shard: request.shard,
              allDiscovered,
              rules: request.rules,
              ruleIds: allRules.map((rule) => rule.meta.id),
              config,
              locale,
              files,
              tsconfigDir,
              timings,
              onProgress: request.onProgress,
              isCancelled: () => !!request.signal?.isCancellationRequested,
            })
          : await this.analyseInMemory(request, { memoryKey, remembered, files, discovered, tsconfigDir, config, locale, cwd, time, timings });
      notices.push(...analysis.notices);
      filesAnalysed += analysis.filesAnalysed;
      functionsSummarised += analysis.functionsSummarised;
      functionsComputed += analysis.functionsComputed;
      if (analysis.cache) cacheStats.push(analysis.cache);
      for (const [kind, count] of [...analysis.budgets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        budgetsHit.push(`${kind} (${count}×)`);
        notices.push({
          level: 'info',
          code: 'budget-exceeded',
          message: `The dataflow budget "${kind}" ran out ${count} time(s); findings that depend on deeper call chains or recursion may be missing. Run with --debug for details.`,
        });
      }
      findings.push(...analysis.engineFindings);

      request.onProgress?.({ phase: 'report', done: 0, total: 1 });
      const ruleFindings = time('findings', () =>
        finishFindings({
          drafts: analysis.drafts,
          rules: analysis.enabled,
          locale,
          isReportedFile: (file) => analysis.reported.has(file),
          reportBy: request.shard ? 'origin' : 'sink',
          scriptSource,
          known: analysis.known,
          cache: analysis.memory?.findings,
        }),
      );

      time('suppressions', () => {
        const byFile = new Map<string, Finding[]>();
        for (const finding of ruleFindings) {
          let list = byFile.get(finding.range.file);
          if (!list) byFile.set(finding.range.file, (list = []));
          list.push(finding);
        }
        const knownRuleIds = new Set(allRules.map((rule) => rule.meta.id));
        const activeRuleIds = new Set([...analysis.enabled.keys(), ...ENGINE_RULES.map((rule) => rule.meta.id)]);
        // A shard reports findings whose sink is in a file it only read through an import: those files count too.
        for (const file of new Set([...analysis.reported, ...byFile.keys()])) {
          // A file the scan did not read (a shard's import) is taken as the program read it, except a component,
          // whose blocks say which language its script is in.
          const source = texts.has(file) || isVueFileName(file) ? scriptSource(file) : undefined;
          const text = source?.text ?? analysis.programText(file) ?? '';
          if (!hasSuppressionMarker(analysis.memory?.markers, file, text)) {
            findings.push(...(byFile.get(file) ?? []));
            continue;
          }
          findings.push(
            ...applySuppressions({
              file,
              text,
              language: source?.language,
              findings: byFile.get(file) ?? [],
              knownRuleIds,
              activeRuleIds,
              makeEngineFinding: (ruleId, messageId, data, range) => engineFinding(config, locale, ruleId, messageId, data, range, cwd),
            }),
          );
        }
      });
    }

    const stats: RunStats = {
      filesDiscovered,
      filesAnalysed,
      filesSkipped,
      functionsSummarised,
      functionsComputed,
      budgetsHit,
      timings,
      durationMs: Date.now() - started,
      ...(request.cache ? { cache: cacheStats } : {}),
    };
    return {
      cwd,
      findings: sortFindings(findings),
      notices,
      stats,
      configs: groups.map((group) => group.config),
      rules: allRules,
      locale,
      texts,
    };
  }

  /** The whole group, analysed with what this session remembers of the last scan (the language server's path). */
  private async analyseInMemory(request: ScanRequest, context: InMemoryContext): Promise<GroupAnalysis> {
    const { memoryKey, remembered, files, discovered, tsconfigDir, config, locale, cwd, time, timings } = context;
    request.onProgress?.({ phase: 'parse', done: 0, total: files.length });
    const previous = remembered && remembered.tsconfigDir === tsconfigDir ? remembered : undefined;
    const built = time('parse', () => buildProject(files, tsconfigDir, { previous: previous?.built }));
    const changedFiles = previous ? changedBetween(previous.texts, files) : undefined;
    const dataflowSession = previous?.dataflow ?? new DataflowSession();
    const findingCache = previous?.findingCache ?? new FindingCache();
    const markers: SuppressionMarkers = previous?.markers ?? new Map();

    // The same config compiles to the same rules object, which lets the dataflow keep its summaries.
    const rulesKey = JSON.stringify(config.rules);
    const enabled = new Map<string, EnabledRule>();
    const compiled = time('facts', () => {
      const reuse = previous && previous.rulesKey === rulesKey ? previous.compiled : undefined;
      const out: CompiledRule[] = [];
      for (const rule of request.rules) {
        const ruleConfig = config.rules[rule.meta.id];
        if (!ruleConfig || ruleConfig.severity === 'off') continue;
        const compiledRule = reuse?.find((candidate) => candidate.rule === rule) ?? compileRule(rule, ruleConfig.options, ruleConfig.extraModels);
        enabled.set(rule.meta.id, { compiled: compiledRule, severity: ruleConfig.severity });
        out.push(compiledRule);
      }
      return reuse && reuse.length === out.length && reuse.every((rule, index) => rule === out[index]) ? reuse : out;
    });

    const checked = time('parse', () => checkFiles(files.map((file) => file.path), built, config, locale, cwd));
    const dataflowStart = Date.now();
    const dataflow = await dataflowSession.analyse(
      {
        program: built.program,
        files: checked.analysable,
        isProjectFile: built.isProjectFile,
        rules: compiled,
        onFileDone: (done, total) => request.onProgress?.({ phase: 'analyse', done, total }),
        isCancelled: () => !!request.signal?.isCancellationRequested,
      },
      changedFiles,
    );
    timings.dataflow = (timings.dataflow ?? 0) + Date.now() - dataflowStart;
    this.memory.set(memoryKey, {
      rulesKey,
      compiled,
      configFile: config.file,
      tsconfigDir,
      built,
      dataflow: dataflowSession,
      findingCache,
      markers,
      texts: new Map(files.map((file) => [file.path, file.text])),
      files: discovered.files,
      notices: discovered.notices,
      overlaid: new Set(files.filter((file) => request.overlays?.has(file.path)).map((file) => file.path)),
    });
    return {
      drafts: time('findings', () => draftFindings(dataflow.reaches, enabled, cwd, built.program.getTypeChecker(), findingCache)),
      memory: { findings: findingCache, markers },
      engineFindings: [...checked.engineFindings.values()].flat(),
      reported: new Set(checked.analysable.map((sourceFile) => sourceFile.fileName)),
      enabled,
      known: mergeKnownUses([...dataflow.knownUses.values()].flat()),
      notices: [...built.notices, ...dataflow.internalErrors.map((error) => internalErrorNotice(error.file, error.message))],
      budgets: dataflow.budgetsHit,
      filesAnalysed: checked.analysable.length,
      functionsSummarised: dataflow.functionsSummarised,
      functionsComputed: dataflow.functionsComputed,
      programText: (file) => built.program.getSourceFile(file)?.text,
    };
  }
}

interface InMemoryContext {
  readonly memoryKey: string;
  readonly remembered: GroupMemory | undefined;
  readonly files: readonly { path: string; text: string }[];
  readonly discovered: { readonly files: string[]; readonly notices: Notice[] };
  readonly tsconfigDir: string;
  readonly config: ResolvedConfig;
  readonly locale: Locale;
  readonly cwd: string;
  readonly time: <T>(phase: string, run: () => T) => T;
  readonly timings: Record<string, number>;
}

/**
 * The scanned paths by the config that applies to them. With several configs, one that fails to load (bad JSON, a
 * FIFO, nested too deep) becomes a `config-error` notice naming it, and the paths under the others are still
 * scanned (the run then exits 2; issue #21). With one config, its error is the run's error, as before.
 */
function groupByConfig(request: ScanRequest, cwd: string, rules: readonly AnyRule[]): { groups: ConfigGroup[]; failed: Notice[] } {
  if (request.configFile) {
    return { groups: [{ config: loadConfig({ file: request.configFile, rules, cwd }), paths: [...request.paths] }], failed: [] };
  }
  const paths = request.paths.length ? request.paths : [cwd];
  const byFile = new Map<string, string[]>();
  for (const input of paths) {
    const key = findConfigFile(configSearchStart(cwd, input)) ?? '';
    byFile.set(key, [...(byFile.get(key) ?? []), input]);
  }
  const groups: ConfigGroup[] = [];
  const failed: Notice[] = [];
  for (const [file, inputs] of byFile) {
    try {
      groups.push({ config: loadConfig({ file: file || undefined, rules, cwd }), paths: inputs });
    } catch (error) {
      if (!(error instanceof ConfigError) || byFile.size === 1) throw error;
      failed.push({ level: 'error', code: 'config-error', file, message: `${error.message} The paths under it (${inputs.join(', ')}) were not checked.` });
    }
  }
  return { groups, failed };
}

/** Where to look for the config of a path or glob: the path itself, or the static prefix of a glob. */
function configSearchStart(cwd: string, input: string): string {
  const staticPart = input.split(/[*?{[]/)[0] ?? '';
  const absolute = path.resolve(cwd, staticPart || '.');
  try {
    return fs.statSync(absolute).isDirectory() ? absolute : path.dirname(absolute);
  } catch {
    return path.dirname(absolute);
  }
}

/** Stable shard of a relative path: FNV-1a over its forward-slash form. */
export function shardOf(relativePath: string, count: number): number {
  let hash = 0x811c9dc5;
  for (const char of relativePath.split(path.sep).join('/')) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % count;
}

/** Files whose text differs from the previous scan's, and files that came or went. */
function changedBetween(before: ReadonlyMap<string, string>, now: readonly { path: string; text: string }[]): Set<string> {
  const changed = new Set<string>();
  const seen = new Set<string>();
  for (const file of now) {
    seen.add(file.path);
    if (before.get(file.path) !== file.text) changed.add(file.path);
  }
  for (const file of before.keys()) if (!seen.has(file)) changed.add(file);
  return changed;
}

function commonFolder(files: readonly string[]): string | undefined {
  if (files.length === 0) return undefined;
  let common = path.dirname(files[0]!);
  for (const file of files) {
    while (!(file + path.sep).startsWith(common + path.sep) && common !== path.dirname(common)) common = path.dirname(common);
  }
  return common;
}

/** Whether a file mentions `piilint-` at all, remembered with its text when the session keeps markers. */
function hasSuppressionMarker(markers: SuppressionMarkers | undefined, file: string, text: string): boolean {
  const known = markers?.get(file);
  if (known && known.text === text) return known.has;
  const has = text.includes('piilint-');
  markers?.set(file, { text, has });
  return has;
}

function safeRead(file: string): string {
  return readHostFile(file) ?? '';
}

function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) =>
    a.range.file < b.range.file ? -1 : a.range.file > b.range.file ? 1 : a.range.offset - b.range.offset || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

export { INVALID_SUPPRESSION_RULE_ID, UNUSED_SUPPRESSION_RULE_ID };
