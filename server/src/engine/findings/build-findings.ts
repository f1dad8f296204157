/**
 * Stage: findings.
 * Input: the dataflow's complete reaches, the enabled rules with their severities and options, the locale.
 * Output: `Finding`s: one per rule and sink argument (the shortest path wins), with the rule's message in the
 * locale, the path from source to sink, a stable fingerprint and the rule's fixes.
 * Invariant: only sinks in files that were asked for are reported; a file pulled in through an import is analysed
 * for its dataflow but reported only when it is scanned itself.
 */
import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { CompiledRule } from '../facts/compile-models';
import type { CompleteReach, KnownFunctionUse } from '../dataflow/program-analysis';
import { functionName } from '../dataflow/resolve';
import { stepsInOrder } from '../dataflow/summary';
import type { FunctionNode } from '../dataflow/value';
import { type FixContext, type KnownFunction, type Locale, type Reach, formatMessage } from '../rule-api';
import type { Finding, Fix, FlowStep, Severity } from './finding';
import { assignFingerprints, fingerprintKey } from './fingerprint';
import { rangeOfNode } from './source-range';

export interface EnabledRule {
  readonly compiled: CompiledRule;
  readonly severity: Severity;
}

export interface BuildFindingsInput {
  readonly reaches: readonly CompleteReach[];
  readonly rules: ReadonlyMap<string, EnabledRule>;
  readonly locale: Locale;
  readonly cwd: string;
  readonly isReportedFile: (file: string) => boolean;
  /**
   * Which file decides whether a finding is reported: its sink's (default), or, for shards, the file its path
   * starts in, so that a flow crossing two shards is reported by exactly the shard that analysed its start.
   */
  readonly reportBy?: 'sink' | 'origin';
  readonly fileText: (file: string) => string;
  readonly knownGuards: ReadonlyMap<string, readonly KnownFunctionUse[]>;
  readonly knownSanitizers: ReadonlyMap<string, readonly KnownFunctionUse[]>;
  /** Type facts of an expression, for fixes that wrap it (see expression-facts.ts). */
  readonly describeExpression?: FixContext['describeExpression'];
  /** Findings drafted by an earlier call of the same session (the language server), reused for unchanged reaches. */
  readonly draftCache?: FindingDraftCache;
}

interface Draft {
  readonly finding: Omit<Finding, 'fingerprint'>;
  readonly fingerprintKey: string;
}

/**
 * Drafts by reach. A reach object lives as long as the summary it belongs to, and a summary is recomputed whenever
 * its file or anything it depends on changes, so a kept reach has the same sink, path and file text as when it was
 * drafted. Everything else a draft depends on (locale, severities, the project's known guards and sanitizers that
 * fixes call) is the cache's context: when it changes, the cache starts over.
 */
export class FindingDraftCache {
  private drafts = new WeakMap<CompleteReach, Draft>();
  private context: string | undefined;

  /** Drafts for `context`; forgets everything drafted for another one. */
  forContext(context: string): WeakMap<CompleteReach, Draft> {
    if (context !== this.context) {
      this.drafts = new WeakMap();
      this.context = context;
    }
    return this.drafts;
  }
}

const SOURCE_KIND_RANK = { api: 0, literal: 1, type: 2, name: 3 } as const;

function reachCost(reach: CompleteReach): number {
  const origin = reach.label.origin;
  const kindRank = origin.kind === 'source' ? SOURCE_KIND_RANK[origin.sourceKind] : 4;
  return ((reach.label.step?.length ?? 0) + (reach.callChain?.length ?? 0)) * 10 + kindRank;
}

export function buildFindings(input: BuildFindingsInput): Finding[] {
  const best = new Map<string, CompleteReach>();
  for (const reach of input.reaches) {
    const sinkFile = reach.sink.node.getSourceFile().fileName;
    const decidingFile = input.reportBy === 'origin' ? originFileOf(reach) : sinkFile;
    if (!input.isReportedFile(decidingFile) || !input.rules.has(reach.rule)) continue;
    const key = `${reach.rule}\u0000${sinkFile}\u0000${reach.sink.argument.pos}\u0000${reach.sink.argument.end}`;
    const existing = best.get(key);
    if (!existing || reachCost(reach) < reachCost(existing)) best.set(key, reach);
  }
  const ordered = [...best.values()].sort((a, b) => {
    const fa = a.sink.node.getSourceFile().fileName;
    const fb = b.sink.node.getSourceFile().fileName;
    return fa < fb ? -1 : fa > fb ? 1 : a.sink.argument.pos - b.sink.argument.pos || (a.rule < b.rule ? -1 : 1);
  });

  const known = new Map([...input.rules.keys()].map((rule) => [rule, { guards: toKnown(input.knownGuards.get(rule)), sanitizers: toKnown(input.knownSanitizers.get(rule)) }]));
  const context = JSON.stringify([input.locale, input.cwd, [...input.rules].map(([id, rule]) => [id, rule.severity]), [...known]]);
  const cache = input.draftCache?.forContext(context);
  const drafts = ordered.map((reach) => {
    let draft = cache?.get(reach);
    if (!draft) {
      draft = draftFinding(reach, input, known.get(reach.rule)!);
      cache?.set(reach, draft);
    }
    return draft;
  });
  const fingerprints = assignFingerprints(drafts.map((draft) => draft.fingerprintKey));
  return drafts.map((draft, index) => ({ ...draft.finding, fingerprint: fingerprints[index]! }));
}

function draftFinding(reach: CompleteReach, input: BuildFindingsInput, known: { readonly guards: KnownFunction[]; readonly sanitizers: KnownFunction[] }): Draft {
  const enabled = input.rules.get(reach.rule)!;
  const rule = enabled.compiled.rule;
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
  const options = enabled.compiled.options;
  const description = rule.describe(ruleReach, options);
  const template = rule.messages[description.messageId];
  const message = template ? formatMessage(template[input.locale], description.data) : `${reach.rule}: ${description.messageId}`;
  const fixContext: FixContext = {
    fileText: input.fileText,
    knownGuards: known.guards,
    knownSanitizers: known.sanitizers,
    describeExpression: input.describeExpression,
  };
  // A fix that would leave code that does not parse is a bug of the rule's fixer: it is not offered.
  const fixes = (rule.fixes?.(ruleReach, fixContext, options, input.locale) ?? []).filter((fix) => keepsSyntax(fix, input.fileText));
  const sourceFile = reach.sink.node.getSourceFile();
  const finding: Omit<Finding, 'fingerprint'> = {
    ruleId: reach.rule,
    severity: enabled.severity,
    messageId: description.messageId,
    message,
    range: sinkRange,
    path,
    fixes,
    data: description.data,
  };
  const key = fingerprintKey({
    ruleId: reach.rule,
    relativeFile: path_relative(input.cwd, sourceFile.fileName),
    sinkText: reach.sink.node.getText(sourceFile),
    sourceText: origin.node.getText(),
    enclosingFunction: enclosingFunctionName(reach.sink.node),
  });
  return { finding, fingerprintKey: key };
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
function keepsSyntax(fix: Fix, fileText: (file: string) => string): boolean {
  for (const file of new Set(fix.edits.map((edit) => edit.file))) {
    const text = fileText(file);
    const edits = fix.edits.filter((edit) => edit.file === file).sort((a, b) => a.start - b.start);
    const from = text.lastIndexOf('\n', edits[0]!.start - 1) + 1;
    const lastEnd = Math.max(...edits.map((edit) => edit.end));
    const nextNewline = text.indexOf('\n', lastEnd);
    const to = nextNewline < 0 ? text.length : nextNewline;
    let after = text.slice(from, to);
    for (const edit of [...edits].reverse()) after = after.slice(0, edit.start - from) + edit.newText + after.slice(edit.end - from);
    if (parseErrorCount(file, after) > parseErrorCount(file, text.slice(from, to))) return false;
  }
  return true;
}

function parseErrorCount(file: string, text: string): number {
  const kind = /\.(?:tsx|jsx)$/.test(file) ? ts.ScriptKind.TSX : /\.[cm]?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
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

function toKnown(uses: readonly KnownFunctionUse[] | undefined): KnownFunction[] {
  return (uses ?? []).map((use) => {
    const node = use.node;
    if (!node) return { name: use.name, receiver: use.receiver, isExported: false, isAsync: false, arity: 1 };
    const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
    const statement = ts.isVariableDeclaration(node.parent) ? node.parent.parent?.parent : node;
    const statementModifiers = statement && ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
    return {
      name: use.name,
      receiver: use.receiver,
      file: node.getSourceFile().fileName,
      isExported: !!statementModifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword),
      isAsync: !!modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword),
      arity: node.parameters.length,
    };
  });
}
