/**
 * Stage: cache (the analysis of one config group with `--cache`, issue #9).
 * Input: the group's scanned files with their texts (in discovery order), its config, the request's cache folder.
 * Output: the group's `GroupAnalysis`, taken from the cache as far as nothing changed, and the cache written
 * back for the next run.
 * Invariant: the result is the one a scan without cache gives. Nothing changed: no file is parsed. Some files
 * changed: the program is built from the files `planRescan` says a change can affect (and what they import), the
 * analysis is told who outside them calls their functions, and what it finds is checked with `widenRescan`; when
 * the analysis needed more, it runs again with more, and when it cannot be checked (a script, mutual recursion,
 * the passes budget, summaries outside the scanned paths) everything is analysed. A cache that cannot be read or
 * written never fails the scan.
 */
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { readHostFile } from '../project/host-reads';
import type { ResolvedConfig } from '../config/config-types';
import { type DataflowResult, type FileFacts, type OutsideKnowledge, DataflowSession } from '../dataflow/program-analysis';
import { type CompiledRule, compileRule } from '../facts/compile-models';
import { scriptSourceOf } from '../files/script-source';
import { type EnabledRule, type FindingDraft, draftFindings } from '../findings/build-findings';
import type { Notice } from '../findings/finding';
import { mergeKnownUses } from '../findings/known-functions';
import { type GroupAnalysis, checkFiles, internalErrorNotice } from '../group-analysis';
import { type BuiltProject, type ProjectFile, type ProjectOptions, buildProject, isProjectDeclarationFile, loadProjectOptions } from '../project/build-project';
import type { AnyRule, Locale } from '../rule-api';
import type { CacheStats, ScanCacheOptions, ScanProgress } from '../scan-types';
import { cacheFileFor, cacheKeyOf, sha256 } from './cache-key';
import { type Changes, type RescanGraph, planRescan, widenRescan } from './plan-rescan';
import { type CachedFile, type ScanCache, readScanCache, writeScanCache } from './scan-cache-file';

/** Analyses with more files before giving up and analysing all. */
const MAX_WIDENINGS = 3;

export interface CachedAnalysisInput {
  readonly cache: ScanCacheOptions;
  readonly cwd: string;
  /** The paths, config file and shard of the request (they name the cache file). */
  readonly paths: readonly string[];
  readonly configFile: string | undefined;
  readonly shard?: { readonly index: number; readonly count: number };
  /** With a shard: every discovered file of all shards. */
  readonly allDiscovered: readonly string[];
  readonly rules: readonly AnyRule[];
  readonly ruleIds: readonly string[];
  readonly config: ResolvedConfig;
  readonly locale: Locale;
  readonly files: readonly ProjectFile[];
  readonly tsconfigDir: string;
  readonly timings: Record<string, number>;
  readonly onProgress?: (progress: ScanProgress) => void;
  readonly isCancelled: () => boolean;
}

/** One analysis of some (or all) of the scanned files. */
interface Analysed {
  readonly roots: ReadonlySet<string>;
  readonly built: BuiltProject;
  readonly dataflow: DataflowResult;
  /** New cache entries of the analysed files. */
  readonly entries: Map<string, CachedFile>;
  readonly facts: ReadonlyMap<string, FileFacts>;
  readonly analysable: ReadonlySet<string>;
  /** Drafts reported from summaries of files that were not scanned. */
  readonly outsideDrafts: FindingDraft[];
}

export async function analyseWithCache(input: CachedAnalysisInput): Promise<GroupAnalysis> {
  const { cwd, config, files } = input;
  const time = <T>(phase: string, run: () => T): T => {
    const start = Date.now();
    try {
      return run();
    } finally {
      input.timings[phase] = (input.timings[phase] ?? 0) + Date.now() - start;
    }
  };
  const relative = (file: string) => path.relative(cwd, file).split(path.sep).join('/');
  const projectOptions = time('parse', () => loadProjectOptions(input.tsconfigDir));
  const enabled = time('facts', () => enableRules(input.rules, config));
  const compiled = [...enabled.values()].map((rule) => rule.compiled);
  const key = cacheKeyOf({
    toolVersion: input.cache.toolVersion,
    cwd,
    config,
    locale: input.locale,
    compilerOptions: projectOptions.options,
    tsconfig: projectOptions.tsconfig,
    ruleIds: input.ruleIds,
    shard: input.shard,
  });
  const cacheFile = cacheFileFor({ folder: input.cache.folder, cwd, paths: input.paths, configFile: input.configFile, shard: input.shard });
  const hashes = time('cache', () => new Map(files.map((file) => [file.path, sha256(file.text)])));
  const fileSet = input.shard ? sha256(input.allDiscovered.map(relative).join('\n')) : undefined;
  const scanned = new Set(hashes.keys());

  const readStart = Date.now();
  const read = await readScanCache(cacheFile, key, cwd);
  input.timings.cache = (input.timings.cache ?? 0) + Date.now() - readStart;
  const previous = 'cache' in read ? read.cache : undefined;
  let status: CacheStats['status'] = previous ? 'full' : 'isMissing' in read && read.isMissing ? 'created' : 'ignored';
  let reason = 'unusable' in read ? read.unusable : undefined;

  const plan = previous
    ? time('cache', () =>
        previous.fileSet !== fileSet
          ? ({ kind: 'full', reason: 'files were added or deleted (a --shard run then scans its shard again)' } as const)
          : planRescan({
              cache: previous,
              hashes,
              outsideHashes: new Map([...previous.outside.keys()].map((file) => [file, hashOfOutsideFile(file)])),
              hasPathAliases: !!(projectOptions.options.paths || projectOptions.options.baseUrl),
              describe: relative,
            }),
      )
    : undefined;
  if (previous && plan?.kind === 'unchanged') {
    return assemble(input, enabled, projectOptions, previous.files, previous.outsideDrafts, previous.budgets, undefined, {
      file: cacheFile,
      status: 'unchanged',
      filesFromCache: previous.files.size,
      filesAnalysed: 0,
    });
  }

  let analysed: Analysed | undefined;
  if (previous && plan?.kind === 'partial') {
    const { changes, graph } = plan;
    let roots = plan.analyse;
    for (let round = 0; round <= MAX_WIDENINGS; round++) {
      analysed = await analyse(input, { roots, projectOptions, compiled, enabled, hashes, outside: outsideKnowledge(previous, roots, changes), previousBuilt: analysed?.built, time });
      const verdict = time('cache', () => check(previous, changes, graph, analysed!, scanned, relative));
      if (verdict.kind === 'complete') break;
      if (verdict.kind === 'full' || round === MAX_WIDENINGS) {
        reason = verdict.kind === 'full' ? verdict.reason : `the change reached ever more files (${roots.size} after ${MAX_WIDENINGS} widenings)`;
        analysed = undefined;
        break;
      }
      roots = new Set([...roots, ...verdict.missing]);
    }
    if (analysed) status = 'partial';
  } else if (plan?.kind === 'full') {
    reason = plan.reason;
  }
  const isFull = !analysed;
  if (!analysed) analysed = await analyse(input, { roots: scanned, projectOptions, compiled, enabled, hashes, time });

  // What the cache keeps: the new entries of analysed files, the old ones of the others.
  const entries = new Map<string, CachedFile>();
  for (const file of hashes.keys()) {
    const entry = analysed.entries.get(file) ?? previous?.files.get(file);
    if (entry) entries.set(file, entry);
  }
  const outside = new Map(isFull ? [] : previous?.outside ?? []);
  for (const sourceFile of analysed.built.program.getSourceFiles()) {
    // The project's declaration files count: the dataflow reads their types (a logged object's declared fields).
    if (!scanned.has(sourceFile.fileName) && (analysed.built.isProjectFile(sourceFile) || isProjectDeclarationFile(sourceFile))) outside.set(sourceFile.fileName, sha256(sourceFile.text));
  }
  const budgets: Record<string, number> = {};
  const passes = analysed.dataflow.budgetsHit.get('passes');
  if (passes) budgets.passes = passes;
  const outsideRecords = [...analysed.facts.keys()].filter((file) => !scanned.has(file));
  const wholeOnly = outsideRecords.length
    ? `summaries of ${relative(outsideRecords[0]!)}, outside the scanned paths, were used`
    : passes
      ? 'the last scan ran out of analysis passes'
      : input.shard
        ? 'a --shard run is taken from the cache only when nothing changed'
        : undefined;
  const next: ScanCache = { key, files: entries, outside, outsideDrafts: isFull ? analysed.outsideDrafts : (previous?.outsideDrafts ?? []), wholeOnly, budgets, fileSet };
  const stats: CacheStats = {
    file: cacheFile,
    status,
    reason: status === 'partial' ? undefined : reason,
    filesFromCache: isFull ? 0 : entries.size - analysed.roots.size,
    filesAnalysed: analysed.analysable.size,
  };
  const writeStart = Date.now();
  let writeError: string | undefined;
  try {
    await writeScanCache(cacheFile, next, cwd);
  } catch (error) {
    writeError = error instanceof Error ? error.message : String(error);
  }
  input.timings.cache = (input.timings.cache ?? 0) + Date.now() - writeStart;
  const notices: Notice[] = writeError
    ? [{ level: 'warning', code: 'cache-error', message: `The cache could not be written to ${cacheFile} (${writeError}); the next run analyses everything again. Check that the folder is writable, or choose another with --cache-location.` }]
    : [];
  return assemble(input, enabled, projectOptions, entries, next.outsideDrafts, budgets, analysed, { ...stats, writeError }, notices);
}

interface AnalyseOptions {
  readonly roots: ReadonlySet<string>;
  readonly projectOptions: ProjectOptions;
  readonly compiled: readonly CompiledRule[];
  readonly enabled: ReadonlyMap<string, EnabledRule>;
  readonly hashes: ReadonlyMap<string, string>;
  readonly outside?: OutsideKnowledge;
  readonly previousBuilt?: BuiltProject;
  readonly time: <T>(phase: string, run: () => T) => T;
}

async function analyse(input: CachedAnalysisInput, options: AnalyseOptions): Promise<Analysed> {
  const { cwd, config, locale, files } = input;
  const { time } = options;
  // In discovery order, as a scan without cache analyses them.
  const roots = files.map((file) => file.path).filter((file) => options.roots.has(file));
  input.onProgress?.({ phase: 'parse', done: 0, total: roots.length });
  const built = time('parse', () => buildProject(files, input.tsconfigDir, { roots, projectOptions: options.projectOptions, previous: options.previousBuilt }));
  const checked = time('parse', () => checkFiles(roots, built, config, locale, cwd));
  const dataflowStart = Date.now();
  const dataflow = await new DataflowSession().analyse({
    program: built.program,
    files: checked.analysable,
    isProjectFile: built.isProjectFile,
    rules: options.compiled,
    onFileDone: (done, total) => input.onProgress?.({ phase: 'analyse', done, total }),
    isCancelled: input.isCancelled,
    outside: options.outside,
    collectFileFacts: true,
  });
  input.timings.dataflow = (input.timings.dataflow ?? 0) + Date.now() - dataflowStart;

  return time('cache', () => {
    const facts = dataflow.fileFacts ?? new Map<string, FileFacts>();
    const byReporter = new Map<string, typeof dataflow.reaches[number][]>();
    for (const reach of dataflow.reaches) {
      const list = byReporter.get(reach.reporterFile);
      if (list) list.push(reach);
      else byReporter.set(reach.reporterFile, [reach]);
    }
    const outsideDrafts: FindingDraft[] = [];
    const draftsByFile = new Map<string, FindingDraft[]>();
    for (const [file, reaches] of byReporter) {
      const drafts = draftFindings(reaches, options.enabled, cwd, built.program.getTypeChecker());
      if (options.hashes.has(file)) draftsByFile.set(file, drafts);
      else outsideDrafts.push(...drafts);
    }
    const analysable = new Set(checked.analysable.map((sourceFile) => sourceFile.fileName));
    const entries = new Map<string, CachedFile>();
    for (const file of roots) {
      const sourceFile = built.program.getSourceFile(file);
      const fileFacts = facts.get(file);
      const imports = built.imports.get(file);
      const resolved = new Set(imports?.resolved ?? []);
      for (const reference of sourceFile?.referencedFiles ?? []) resolved.add(path.resolve(path.dirname(file), reference.fileName));
      entries.set(file, {
        hash: options.hashes.get(file)!,
        isAnalysable: analysable.has(file),
        isModule: built.tooDeep.includes(file) || (sourceFile !== undefined && isModule(sourceFile)),
        isReexporter: sourceFile !== undefined && isReexporter(sourceFile),
        engineFindings: checked.engineFindings.get(file) ?? [],
        drafts: draftsByFile.get(file) ?? [],
        knownUses: dataflow.knownUses.get(file) ?? [],
        notices: dataflow.internalErrors.filter((error) => error.file === file).map((error) => internalErrorNotice(error.file, error.message)),
        imports: [...resolved],
        stems: [...(imports?.stems ?? [])],
        uses: [...(fileFacts?.uses ?? [])],
        declarationsFrom: [...(fileFacts?.declarationsFrom ?? [])],
        calls: [...(fileFacts?.calls ?? [])],
        escapes: [...(fileFacts?.escapes ?? [])],
        storesRead: [...(fileFacts?.storesRead ?? [])],
        storesWritten: [...(fileFacts?.storesWritten ?? [])],
        implementsFrom: [...(fileFacts?.implementsFrom ?? [])],
        redactions: fileFacts?.redactions ?? [],
        budgets: Object.fromEntries(fileFacts?.budgets ?? []),
        isOrderSensitive: fileFacts?.isOrderSensitive ?? false,
      });
    }
    return { roots: options.roots, built, dataflow, entries, facts, analysable, outsideDrafts };
  });
}

type Verdict = { readonly kind: 'complete' } | { readonly kind: 'widen'; readonly missing: ReadonlySet<string> } | { readonly kind: 'full'; readonly reason: string };

/** Whether a partial analysis computed exactly what a full one would have for its files. */
function check(previous: ScanCache, changes: Changes, graph: RescanGraph, analysed: Analysed, scanned: ReadonlySet<string>, relative: (file: string) => string): Verdict {
  if (analysed.dataflow.budgetsHit.has('passes')) return { kind: 'full', reason: 'the analysis ran out of passes' };
  const missing = new Set<string>();
  for (const file of analysed.facts.keys()) {
    if (analysed.roots.has(file)) continue;
    if (!scanned.has(file)) return { kind: 'full', reason: `summaries of ${relative(file)}, outside the scanned paths, were needed` };
    missing.add(file);
  }
  for (const file of analysed.roots) {
    const entry = analysed.entries.get(file)!;
    const old = previous.files.get(file);
    if (!entry.isAnalysable && analysed.facts.has(file)) return { kind: 'full', reason: `${relative(file)} does not parse, yet its functions were used` };
    if (entry.isOrderSensitive || old?.isOrderSensitive) return { kind: 'full', reason: `what ${relative(file)} reports depends on the order of analysis (mutual recursion, the call-depth budget or an internal error)` };
    if (JSON.stringify(entry.redactions) !== JSON.stringify(old?.redactions ?? [])) return { kind: 'full', reason: `module-wide redactions in ${relative(file)} changed` };
    if (!entry.isModule && (changes.changed.has(file) || changes.added.has(file))) return { kind: 'full', reason: `${relative(file)} declares globals (a script without import or export, or a "declare global" block), which every file sees` };
  }
  for (const file of widenRescan(graph, analysed.roots, analysed.entries)) missing.add(file);
  return missing.size ? { kind: 'widen', missing } : { kind: 'complete' };
}

/** Who calls or hands out functions of the analysed files, among the files that are not analysed again. */
function outsideKnowledge(cache: ScanCache, roots: ReadonlySet<string>, changes: Changes): OutsideKnowledge {
  const called = new Set<string>();
  const escaped = new Set<string>();
  const redactions = [];
  for (const [file, entry] of cache.files) {
    if (roots.has(file) || changes.deleted.has(file)) continue;
    for (const key of entry.calls) called.add(key);
    for (const key of entry.escapes) escaped.add(key);
    redactions.push(...entry.redactions);
  }
  return { isCalled: (key) => called.has(key), isEscaped: (key) => escaped.has(key), redactions };
}

function assemble(
  input: CachedAnalysisInput,
  enabled: ReadonlyMap<string, EnabledRule>,
  projectOptions: ProjectOptions,
  entries: ReadonlyMap<string, CachedFile>,
  outsideDrafts: readonly FindingDraft[],
  globalBudgets: Readonly<Record<string, number>>,
  analysed: Analysed | undefined,
  cache: CacheStats,
  extraNotices: readonly Notice[] = [],
): GroupAnalysis {
  const list = [...entries.values()];
  const budgets = new Map<string, number>(Object.entries(globalBudgets));
  for (const entry of list) for (const [kind, count] of Object.entries(entry.budgets)) budgets.set(kind, (budgets.get(kind) ?? 0) + count);
  return {
    drafts: [...list.flatMap((entry) => entry.drafts), ...outsideDrafts],
    engineFindings: list.flatMap((entry) => entry.engineFindings),
    reported: new Set([...entries].filter(([, entry]) => entry.isAnalysable).map(([file]) => file)),
    enabled,
    known: mergeKnownUses(list.flatMap((entry) => entry.knownUses)),
    notices: [...projectOptions.loaded.notices, ...list.flatMap((entry) => entry.notices), ...extraNotices],
    budgets,
    filesAnalysed: analysed?.analysable.size ?? 0,
    functionsSummarised: analysed?.dataflow.functionsSummarised ?? 0,
    functionsComputed: analysed?.dataflow.functionsComputed ?? 0,
    programText: (file) => analysed?.built.program.getSourceFile(file)?.text,
    cache,
  };
}

function enableRules(rules: readonly AnyRule[], config: ResolvedConfig): Map<string, EnabledRule> {
  const enabled = new Map<string, EnabledRule>();
  for (const rule of rules) {
    const ruleConfig = config.rules[rule.meta.id];
    if (!ruleConfig || ruleConfig.severity === 'off') continue;
    enabled.set(rule.meta.id, { compiled: compileRule(rule, ruleConfig.options, ruleConfig.extraModels), severity: ruleConfig.severity });
  }
  return enabled;
}

/**
 * An ES module, or a CommonJS one (`require`, `module.exports`), that declares nothing global (`declare global`):
 * what it declares is seen only by the files that import it.
 */
function isModule(sourceFile: ts.SourceFile): boolean {
  const isModuleFile = ts.isExternalModule(sourceFile) || (sourceFile as { commonJsModuleIndicator?: unknown }).commonJsModuleIndicator !== undefined;
  return isModuleFile && !sourceFile.statements.some((statement) => ts.isModuleDeclaration(statement) && (statement.flags & ts.NodeFlags.GlobalAugmentation) !== 0);
}

/** `export … from`, or a CommonJS module that requires anything (`module.exports = require('./x')`). */
function isReexporter(sourceFile: ts.SourceFile): boolean {
  if (sourceFile.statements.some((statement) => ts.isExportDeclaration(statement) && statement.moduleSpecifier !== undefined)) return true;
  return !ts.isExternalModule(sourceFile) && (sourceFile as { commonJsModuleIndicator?: unknown }).commonJsModuleIndicator !== undefined && ((sourceFile as { imports?: readonly unknown[] }).imports?.length ?? 0) > 0;
}

/**
 * The text of a file outside the scanned paths, read the way the program reads it (a component as its virtual
 * script source, whose hash the cache kept); undefined when it is gone.
 */
function hashOfOutsideFile(file: string): string | undefined {
  const text = readHostFile(file);
  return text === undefined ? undefined : sha256(scriptSourceOf(file, text).text);
}
