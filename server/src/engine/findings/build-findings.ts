/**
 * Stage: findings.
 * Input: the dataflow's complete reaches, the enabled rules with their severities and options, the locale.
 * Output: `Finding`s: one per rule and sink argument (the shortest path wins), with the rule's message in the
 * locale, the path from source to sink, a stable fingerprint and the rule's fixes.
 * Invariant: only sinks in files that were asked for are reported; a file pulled in through an import is analysed
 * for its dataflow but reported only when it is scanned itself. The work is split in two: `draftFindings` turns
 * reaches (syntax nodes) into plain, serialisable drafts, and `finishFindings` picks, describes, fixes and
 * fingerprints them. The result does not depend on the order of the reaches, so drafts kept in the cache for
 * unchanged files (issue #9) and drafts made now finish into exactly the findings of a scan from scratch.
 */
import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { CompiledRule } from '../facts/compile-models';
import type { CompleteReach } from '../dataflow/program-analysis';
import { functionName } from '../dataflow/resolve';
import { stepsInOrder } from '../dataflow/summary';
import type { FunctionNode } from '../dataflow/value';
import type { ScriptSource } from '../files/script-source';
import { fitFixToScripts } from '../fixes/fit-to-script';
import { toScriptKind } from '../project/embedded-scripts';
import { type FixContext, type FixNotOffered, type Locale, type Reach, formatMessage } from '../rule-api';
import type { Finding, Fix, FlowStep, Severity } from './finding';
import { assignFingerprints, fingerprintKey } from './fingerprint';
import type { KnownFunctions } from './known-functions';
import { type ExpressionFactsByRange, expressionFactsWithin, expressionKey } from './expression-facts';
import { ReachLocalizer, plainText } from './localize-reach';
import { rangeOfNode } from './source-range';
import { type SyntaxTreeOf, createSyntaxTrees, scriptKindOf } from './syntax-trees';

export interface EnabledRule {
  readonly compiled: CompiledRule;
  readonly severity: Severity;
}

/** A reach as plain data: everything `finishFindings` needs, without syntax nodes. */
export interface FindingDraft {
  readonly ruleId: string;
  /** Absolute path of the file the sink is in (the finding's file). */
  readonly sinkFile: string;
  /** Where the sink argument is (node `pos` and `end`): one finding per rule and sink argument. */
  readonly argumentPos: number;
  readonly argumentEnd: number;
  /** The file the flow starts in (its first unguarded caller, else its source), which decides for shards. */
  readonly originFile: string;
  /** Shorter paths and API sources win when several reaches arrive at one sink argument. */
  readonly cost: number;
  /** Then the reach found first in its function's summary (the same in every scan that analyses the function). */
  readonly rank: number;
  readonly reach: Reach;
  readonly fingerprintKey: string;
  /** Type facts of the expressions inside the sink argument, for fixes that wrap one (`describeExpression`). */
  readonly expressions?: ExpressionFactsByRange;
}

export interface FinishFindingsInput {
  readonly drafts: Iterable<FindingDraft>;
  readonly rules: ReadonlyMap<string, EnabledRule>;
  readonly locale: Locale;
  readonly isReportedFile: (file: string) => boolean;
  /**
   * Which file decides whether a finding is reported: its sink's (default), or, for shards, the file its path
   * starts in, so that a flow crossing two shards is reported by exactly the shard that analysed its start.
   */
  readonly reportBy?: 'sink' | 'origin';
  /**
   * The text each file was analysed as (files/script-source.ts): what fixes are computed on, and for a `.vue` file
   * the script blocks that fixes may edit.
   */
  readonly scriptSource: (file: string) => ScriptSource;
  readonly known: KnownFunctions;
  /** Findings described by an earlier call of the same session (the language server), reused for the same drafts. */
  readonly cache?: FindingCache;
}

/**
 * What an analysis that is repeated after every edit (the language server's) can reuse: the draft of a reach, for
 * as long as the summary it belongs to is kept (a summary is computed again whenever its file or anything it
 * depends on changes), and the described finding of a draft, for as long as the locale, the severities and the
 * project's known guards and sanitizers (which fixes call) are the same.
 */
export class FindingCache {
  readonly drafts = new WeakMap<CompleteReach, FindingDraft>();
  private described = new WeakMap<FindingDraft, Omit<Finding, 'fingerprint'>>();
  private context: string | undefined;

  /** Described findings for `context`; forgets everything described for another one. */
  describedFor(context: string): WeakMap<FindingDraft, Omit<Finding, 'fingerprint'>> {
    if (context !== this.context) {
      this.described = new WeakMap();
      this.context = context;
    }
    return this.described;
  }
}

const SOURCE_KIND_RANK = { api: 0, literal: 1, type: 2, name: 3 } as const;

function reachCost(reach: CompleteReach): number {
  const origin = reach.label.origin;
  const kindRank = origin.kind === 'source' ? SOURCE_KIND_RANK[origin.sourceKind] : 4;
  return ((reach.label.step?.length ?? 0) + (reach.callChain?.length ?? 0)) * 10 + kindRank;
}

/**
 * Drafts for the cheapest reaches of each rule and sink argument (ties are all kept: `finishFindings` breaks them
 * by content). Reaches of rules that are not enabled are dropped.
 */
export function draftFindings(
  reaches: Iterable<CompleteReach>,
  rules: ReadonlyMap<string, EnabledRule>,
  cwd: string,
  checker?: ts.TypeChecker,
  cache?: FindingCache,
): FindingDraft[] {
  const cheapest = new Map<string, { cost: number; reaches: CompleteReach[] }>();
  for (const reach of reaches) {
    if (!rules.has(reach.rule)) continue;
    const key = `${reach.rule}\u0000${reach.sink.node.getSourceFile().fileName}\u0000${reach.sink.argument.pos}\u0000${reach.sink.argument.end}`;
    const cost = reachCost(reach);
    const existing = cheapest.get(key);
    if (!existing || cost < existing.cost) cheapest.set(key, { cost, reaches: [reach] });
    else if (cost === existing.cost) existing.reaches.push(reach);
  }
  const drafts: FindingDraft[] = [];
  for (const { cost, reaches: tied } of cheapest.values()) {
    for (const reach of tied) {
      let draft = cache?.drafts.get(reach);
      if (!draft) {
        draft = draftFinding(reach, cost, cwd, checker);
        cache?.drafts.set(reach, draft);
      }
      drafts.push(draft);
    }
  }
  return drafts;
}

export function finishFindings(input: FinishFindingsInput): Finding[] {
  const best = new Map<string, FindingDraft>();
  const tieKeys = new Map<FindingDraft, string>();
  const tieKey = (draft: FindingDraft) => {
    let key = tieKeys.get(draft);
    if (key === undefined) tieKeys.set(draft, (key = JSON.stringify(draft.reach)));
    return key;
  };
  for (const draft of input.drafts) {
    const decidingFile = input.reportBy === 'origin' ? draft.originFile : draft.sinkFile;
    if (!input.isReportedFile(decidingFile) || !input.rules.has(draft.ruleId)) continue;
    const key = `${draft.ruleId}\u0000${draft.sinkFile}\u0000${draft.argumentPos}\u0000${draft.argumentEnd}`;
    const existing = best.get(key);
    if (!existing || compareDrafts(draft, existing, tieKey) < 0) best.set(key, draft);
  }
  const ordered = [...best.values()].sort(
    (a, b) =>
      (a.sinkFile < b.sinkFile ? -1 : a.sinkFile > b.sinkFile ? 1 : 0) ||
      a.argumentPos - b.argumentPos ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
      a.argumentEnd - b.argumentEnd,
  );
  const fingerprints = assignFingerprints(ordered.map((draft) => draft.fingerprintKey));
  const described = input.cache?.describedFor(
    JSON.stringify([input.locale, [...input.rules].map(([id, rule]) => [id, rule.severity]), [...input.known.guards], [...input.known.sanitizers]]),
  );
  const syntaxTree = createSyntaxTrees((file) => input.scriptSource(file).text, (file) => toScriptKind(input.scriptSource(file).language));
  return ordered.map((draft, index) => {
    let finding = described?.get(draft);
    if (!finding) {
      finding = describeDraft(draft, input, syntaxTree);
      described?.set(draft, finding);
    }
    return { ...finding, fingerprint: fingerprints[index]! };
  });
}

/** Cost, then rank, then content: never the order the drafts come in, which differs between scans. */
function compareDrafts(a: FindingDraft, b: FindingDraft, tieKey: (draft: FindingDraft) => string): number {
  if (a.cost !== b.cost) return a.cost - b.cost;
  if (a.rank !== b.rank) return a.rank - b.rank;
  const ka = tieKey(a);
  const kb = tieKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function draftFinding(reach: CompleteReach, cost: number, cwd: string, checker: ts.TypeChecker | undefined): FindingDraft {
  const origin = reach.label.origin;
  if (origin.kind !== 'source') throw new Error('internal: a complete reach must start at a source');
  const sinkRange = rangeOfNode(reach.sink.argument);
  const callRange = rangeOfNode(reach.sink.node);
  const sourceRange = rangeOfNode(origin.node);

  const path: FlowStep[] = [];
  for (const step of stepsInOrder(reach.callChain)) path.push({ kind: 'call', range: rangeOfNode(step.node), message: step.message });
  path.push({ kind: 'source', range: sourceRange, message: origin.description });
  for (const step of stepsInOrder(reach.label.step)) {
    const range = rangeOfNode(step.node);
    const previous = path[path.length - 1];
    if (previous && previous.range.file === range.file && previous.range.offset === range.offset && previous.range.length === range.length) continue;
    path.push({ kind: step.kind === 'source' || step.kind === 'sink' ? 'step' : step.kind, range, message: step.message });
  }
  path.push({ kind: 'sink', range: sinkRange, message: `reaches ${reach.sink.description}` });

  const ruleReach: Reach = {
    ruleId: reach.rule,
    sink: { range: sinkRange, callRange, argumentRange: sinkRange, description: reach.sink.description },
    source: { range: sourceRange, description: origin.description, kind: origin.sourceKind, ...origin.detail },
    path,
    fieldPath: reach.fieldPath.length ? reach.fieldPath.join('.') : undefined,
    weakGuards: reach.weak.filter((fact) => fact.weakReason).map((fact) => ({ reason: fact.weakReason!, description: fact.description, range: rangeOfNode(fact.node) })),
    notSanitizers: (reach.label.notes ?? []).map((note) => ({ reason: note.reason, description: note.description, range: rangeOfNode(note.node) })),
  };
  const sourceFile = reach.sink.node.getSourceFile();
  return {
    ruleId: reach.rule,
    sinkFile: sourceFile.fileName,
    argumentPos: reach.sink.argument.pos,
    argumentEnd: reach.sink.argument.end,
    originFile: originFileOf(reach),
    cost,
    rank: reach.rank,
    reach: ruleReach,
    fingerprintKey: fingerprintKey({
      ruleId: reach.rule,
      relativeFile: path_relative(cwd, sourceFile.fileName),
      sinkText: reach.sink.node.getText(sourceFile),
      sourceText: origin.node.getText(),
      enclosingFunction: enclosingFunctionName(reach.sink.node),
    }),
    expressions: checker ? expressionFactsWithin(checker, reach.sink.argument) : undefined,
  };
}

function describeDraft(draft: FindingDraft, input: FinishFindingsInput, syntaxTree: SyntaxTreeOf): Omit<Finding, 'fingerprint'> {
  const enabled = input.rules.get(draft.ruleId)!;
  const rule = enabled.compiled.rule;
  const options = enabled.compiled.options;
  // The rule describes the reach in the locale: its source and sink descriptions and path steps translated.
  const reach = new ReachLocalizer(input.locale, input.locale === 'en' ? undefined : rule.translations?.[input.locale]).reach(draft.reach);
  const description = rule.describe(reach, options, input.locale);
  const template = rule.messages[description.messageId];
  const message = plainText(template ? formatMessage(template[input.locale], description.data) : `${draft.ruleId}: ${description.messageId}`, input.locale);
  const detailTemplate = rule.details?.[description.messageId];
  const detail = detailTemplate ? plainText(formatMessage(detailTemplate[input.locale], description.data), input.locale) : undefined;
  const fixContext: FixContext = {
    fileText: (file) => input.scriptSource(file).text,
    syntaxTree,
    knownGuards: input.known.guards.get(draft.ruleId) ?? [],
    knownSanitizers: input.known.sanitizers.get(draft.ruleId) ?? [],
    describeExpression: (range) => (range.file === draft.sinkFile ? draft.expressions?.[expressionKey(range)] : undefined),
  };
  // A fix that would leave code that does not parse is a bug of the rule's fixer: it is not offered. Nor is one that
  // would edit a component outside its script blocks.
  const proposed = rule.fixes?.(draft.reach, fixContext, options, input.locale) ?? [];
  const fixes = proposed
    .filter((fix): fix is Fix => !('notOffered' in fix))
    .flatMap((fix) => fitFixToScripts(fix, input.scriptSource) ?? [])
    .filter((fix) => fix.edits.length > 0 && keepsSyntax(fix, input.scriptSource));
  const fixesNotOffered = proposed.filter((fix): fix is FixNotOffered => 'notOffered' in fix);
  return {
    ruleId: draft.ruleId,
    severity: enabled.severity,
    messageId: description.messageId,
    message,
    ...(detail === undefined ? {} : { detail }),
    range: draft.reach.sink.range,
    path: reach.path.map((step) => ({ ...step, message: plainText(step.message, input.locale) })),
    sinkCall: draft.reach.sink.callRange,
    fixes,
    ...(fixesNotOffered.length > 0 ? { fixesNotOffered } : {}),
    data: description.data,
  };
}

/** The file a finding's path starts in: its first unguarded caller, else its source. */
function originFileOf(reach: CompleteReach): string {
  const first = stepsInOrder(reach.callChain)[0];
  if (first) return first.node.getSourceFile().fileName;
  return reach.label.origin.kind === 'source' ? reach.label.origin.node.getSourceFile().fileName : reach.sink.node.getSourceFile().fileName;
}

/**
 * Whether a fix's edits leave the lines they touch as parsable as before: the touched lines are parsed alone, before
 * and after (a whole-file parse per fix would be too slow on a file with thousands of findings).
 */
function keepsSyntax(fix: Fix, scriptSource: (file: string) => ScriptSource): boolean {
  for (const file of new Set(fix.edits.map((edit) => edit.file))) {
    const { text, language } = scriptSource(file);
    const edits = fix.edits.filter((edit) => edit.file === file).sort((a, b) => a.start - b.start);
    const from = text.lastIndexOf('\n', edits[0]!.start - 1) + 1;
    const lastEnd = Math.max(...edits.map((edit) => edit.end));
    const nextNewline = text.indexOf('\n', lastEnd);
    const to = nextNewline < 0 ? text.length : nextNewline;
    let after = text.slice(from, to);
    for (const edit of [...edits].reverse()) after = after.slice(0, edit.start - from) + edit.newText + after.slice(edit.end - from);
    const kind = toScriptKind(language);
    if (parseErrorCount(file, after, kind) > parseErrorCount(file, text.slice(from, to), kind)) return false;
  }
  return true;
}

function parseErrorCount(file: string, text: string, kind: ts.ScriptKind): number {
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind);
  return (sourceFile as unknown as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics?.length ?? 0;
}

function path_relative(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/');
}

function enclosingFunctionName(node: ts.Node): string {
  let current: ts.Node | undefined = node.parent;
  while (current && !ts.isSourceFile(current)) {
    if (ts.isFunctionLike(current) && 'body' in current) return functionName(current as FunctionNode);
    current = current.parent;
  }
  return '(module)';
}
