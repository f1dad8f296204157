/**
 * The engine's entry point for a whole scan: files → project → facts → dataflow → findings.
 * Input: a `ScanRequest` (paths, config, the rule registry).
 * Output: a `ScanResult` with findings (suppressions applied), notices and statistics.
 * Invariant: each stage runs once per config group; a bad file never stops the scan (it becomes a notice or a
 * `parse-error` finding); user errors (missing path, bad config) are thrown as typed errors before any analysis.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResolvedConfig } from './config/config-types';
import { findConfigFile, loadConfig } from './config';
import { DataflowSession } from './dataflow/program-analysis';
import { type CompiledRule, compileRule } from './facts/compile-models';
import { discoverFiles, readSourceFile } from './files';
import { buildFindings, type EnabledRule } from './findings/build-findings';
import { ENGINE_RULES, INVALID_SUPPRESSION_RULE_ID, PARSE_ERROR_RULE_ID, UNUSED_SUPPRESSION_RULE_ID } from './findings/engine-rules';
import type { Finding, Notice, Severity, SourceRange } from './findings/finding';
import { assignFingerprints, fingerprintKey } from './findings/fingerprint';
import { rangeOfOffsets } from './findings/source-range';
import { applySuppressions } from './findings/suppressions';
import { type BuiltProject, buildProject, syntaxErrorsOf } from './project/build-project';
import { type AnyRule, type Locale, formatMessage } from './rule-api';
import type { RunStats, ScanRequest, ScanResult } from './scan-types';
import { ts } from 'ts-morph';

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
    const groups = time('config', () => groupByConfig(request, cwd, allRules));

    const findings: Finding[] = [];
    const notices: Notice[] = [];
    const texts = new Map<string, string>();
    const budgetsHit: string[] = [];
    let filesDiscovered = 0;
    let filesAnalysed = 0;
    let filesSkipped = 0;
    let functionsSummarised = 0;
    let functionsComputed = 0;
    const locale: Locale = request.locale ?? groups[0]?.config.locale ?? 'en';

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
            notices.push({ level: 'warning', code: 'file-too-large', file, message: `${file}: the open document (${overlay.length} characters) is over the maxFileSize limit (${config.maxFileSize} bytes); it is not analysed. Raise "maxFileSize" in piilint.config.json to include it.` });
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

      request.onProgress?.({ phase: 'parse', done: 0, total: files.length });
      const tsconfigDir = commonFolder(files.map((file) => file.path)) ?? cwd;
      const previous = remembered && remembered.tsconfigDir === tsconfigDir ? remembered : undefined;
      const built = time('parse', () => buildProject(files, tsconfigDir, { previous: previous?.built }));
      const changedFiles = previous ? changedBetween(previous.texts, files) : undefined;
      const dataflowSession = previous?.dataflow ?? new DataflowSession();
      notices.push(...built.notices);

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

      const reported = new Set<string>();
      const analysable: ts.SourceFile[] = [];
      time('parse', () => {
        for (const file of files) {
          if (built.tooDeep.includes(file.path)) {
            const tooDeep = tooDeepFinding(config, locale, file.path, cwd);
            if (tooDeep) findings.push(tooDeep);
            continue;
          }
          if (built.overBudget.get(file.path) === file.text) {
            const overBudget = overBudgetFinding(config, locale, file.path, built.parseBudgetMs, cwd);
            if (overBudget) findings.push(overBudget);
            continue;
          }
          const sourceFile = built.sourceFiles.get(file.path);
          if (!sourceFile) continue;
          const errors = syntaxErrorsOf(built.program, sourceFile);
          if (errors.length > 0) {
            const parseError = parseErrorFinding(config, locale, sourceFile, errors[0]!, cwd);
            if (parseError) findings.push(parseError);
            continue;
          }
          reported.add(file.path);
          analysable.push(sourceFile);
        }
      });
      filesAnalysed += analysable.length;

      const dataflowStart = Date.now();
      const dataflow = await dataflowSession.analyse(
        {
          program: built.program,
          files: analysable,
          isProjectFile: built.isProjectFile,
          rules: compiled,
          onFileDone: (done, total) => request.onProgress?.({ phase: 'analyse', done, total }),
          isCancelled: () => !!request.signal?.isCancellationRequested,
        },
        changedFiles,
      );
      timings.dataflow = (timings.dataflow ?? 0) + Date.now() - dataflowStart;
      functionsComputed += dataflow.functionsComputed;
      for (const error of dataflow.internalErrors) {
        notices.push({
          level: 'error',
          code: 'internal-error',
          file: error.file,
          message: `${error.file}: ${error.message}. The rest of the file and the project were analysed; run with --debug and report this with the file if you can.`,
        });
      }
      this.memory.set(memoryKey, {
        rulesKey,
        compiled,
        configFile: config.file,
        tsconfigDir,
        built,
        dataflow: dataflowSession,
        texts: new Map(files.map((file) => [file.path, file.text])),
        files: discovered.files,
        notices: discovered.notices,
        overlaid: new Set(files.filter((file) => request.overlays?.has(file.path)).map((file) => file.path)),
      });
      functionsSummarised += dataflow.functionsSummarised;
      for (const [kind, count] of dataflow.budgetsHit) {
        budgetsHit.push(`${kind} (${count}×)`);
        notices.push({
          level: 'info',
          code: 'budget-exceeded',
          message: `The dataflow budget "${kind}" ran out ${count} time(s); findings that depend on deeper call chains or recursion may be missing. Run with --debug for details.`,
        });
      }

      request.onProgress?.({ phase: 'report', done: 0, total: 1 });
      const ruleFindings = time('findings', () =>
        buildFindings({
          reaches: dataflow.reaches,
          rules: enabled,
          locale,
          cwd,
          isReportedFile: (file) => reported.has(file),
          reportBy: request.shard ? 'origin' : 'sink',
          fileText: (file) => texts.get(file) ?? safeRead(file),
          knownGuards: dataflow.knownGuards,
          knownSanitizers: dataflow.knownSanitizers,
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
        const activeRuleIds = new Set([...enabled.keys(), ...ENGINE_RULES.map((rule) => rule.meta.id)]);
        // A shard reports findings whose sink is in a file it only read through an import: those files count too.
        for (const file of new Set([...reported, ...byFile.keys()])) {
          const text = texts.get(file) ?? built.program.getSourceFile(file)?.text ?? '';
          if (!text.includes('piilint-')) {
            findings.push(...(byFile.get(file) ?? []));
            continue;
          }
          findings.push(
            ...applySuppressions({
              file,
              text,
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
}

function groupByConfig(request: ScanRequest, cwd: string, rules: readonly AnyRule[]): ConfigGroup[] {
  if (request.configFile) {
    return [{ config: loadConfig({ file: request.configFile, rules, cwd }), paths: [...request.paths] }];
  }
  const paths = request.paths.length ? request.paths : [cwd];
  const groups = new Map<string, ConfigGroup>();
  for (const input of paths) {
    const start = configSearchStart(cwd, input);
    const file = findConfigFile(start);
    const key = file ?? '';
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { config: loadConfig({ file, rules, cwd }), paths: [] }));
    group.paths.push(input);
  }
  return [...groups.values()];
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

function safeRead(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function severityOf(config: ResolvedConfig, ruleId: string, fallback: Severity): Severity | undefined {
  const setting = config.rules[ruleId]?.severity ?? fallback;
  return setting === 'off' ? undefined : setting;
}

function engineFinding(config: ResolvedConfig, locale: Locale, ruleId: string, messageId: string, data: Record<string, string>, range: SourceRange, cwd: string): Finding {
  const rule = ENGINE_RULES.find((candidate) => candidate.meta.id === ruleId)!;
  const severity = severityOf(config, ruleId, rule.meta.defaultSeverity) ?? rule.meta.defaultSeverity;
  const template = rule.messages[messageId];
  const [fingerprint] = assignFingerprints([fingerprintKey({ ruleId, relativeFile: path.relative(cwd, range.file), sinkText: `${range.line}:${messageId}`, sourceText: JSON.stringify(data), enclosingFunction: '' })]);
  return {
    ruleId,
    severity,
    messageId,
    message: template ? formatMessage(template[locale], data) : messageId,
    range,
    path: [],
    fingerprint: fingerprint!,
    fixes: [],
    data,
  };
}

function parseErrorFinding(config: ResolvedConfig, locale: Locale, sourceFile: ts.SourceFile, error: ts.DiagnosticWithLocation, cwd: string): Finding | undefined {
  if (!severityOf(config, PARSE_ERROR_RULE_ID, 'error')) return undefined;
  // The template ends the detail with its own full stop.
  const detail = ts.flattenDiagnosticMessageText(error.messageText, ' ').replace(/\.+$/, '');
  const range = rangeOfOffsets(sourceFile, error.start, error.start + Math.max(error.length, 0));
  return engineFinding(config, locale, PARSE_ERROR_RULE_ID, 'parseError', { detail }, range, cwd);
}

function tooDeepFinding(config: ResolvedConfig, locale: Locale, file: string, cwd: string): Finding | undefined {
  if (!severityOf(config, PARSE_ERROR_RULE_ID, 'error')) return undefined;
  const range: SourceRange = { file, line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: 0 };
  const detail = 'the code is nested more than 400 levels deep (brackets or operator chains), deeper than the parser can follow safely';
  return engineFinding(config, locale, PARSE_ERROR_RULE_ID, 'parseError', { detail }, range, cwd);
}

function overBudgetFinding(config: ResolvedConfig, locale: Locale, file: string, budgetMs: number, cwd: string): Finding | undefined {
  if (!severityOf(config, PARSE_ERROR_RULE_ID, 'error')) return undefined;
  const range: SourceRange = { file, line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: 0 };
  const budget = budgetMs % 1000 === 0 ? `${budgetMs / 1000} s` : `${budgetMs} ms`;
  return engineFinding(config, locale, PARSE_ERROR_RULE_ID, 'parseBudget', { budget }, range, cwd);
}

function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) =>
    a.range.file < b.range.file ? -1 : a.range.file > b.range.file ? 1 : a.range.offset - b.range.offset || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

export { INVALID_SUPPRESSION_RULE_ID, UNUSED_SUPPRESSION_RULE_ID };
