/**
 * Stage: dataflow (the result of an analysis).
 * Input: the summaries a session keeps after an analysis, the analysis's input (rules, files, what files outside
 * the program do) and, for the scan cache, what the run noted per file.
 * Output: the `CompleteReach`es to report, and per file what its summaries depended on and did (`FileFacts`).
 * Invariant: a reach of a rule whose protection is a guard is reported only from a root (module code, a function
 * nobody calls, one handed out as a value) that it reaches with no guard on the way; a sink whose API a module-wide
 * redaction covers for the reached field is no reach. There is one `CompleteReach` per kept reach and place, so that
 * later stages can cache what they derive from it.
 */
import { ts } from 'ts-morph';
import type { CompleteReach, DataflowInput, FileFacts, ModuleRedaction } from './analysis-types';
import type { DeclarationIndex } from './declaration-index';
import { outlineOf } from './file-outline';
import { fileOf, ownerKey } from './store-keys';
import type { PendingReach } from './summary';
import type { SummaryStore } from './summary-store';
import { sourceLabel, weakNameOf } from './taint';
import { isRedacted } from './value';

/** What an analysis noted per file besides the summaries (`collectFileFacts`). */
export interface RunNotes {
  /** Budgets that ran out in each file's functions, with how often. */
  readonly budgetsByFile: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Files whose summaries depended on the order functions were analysed in. */
  readonly orderSensitive: ReadonlySet<string>;
  /** Session store key → stable store key (`store-keys.ts`). */
  readonly storeKeys: ReadonlyMap<string, string> | undefined;
}

/** The reaches to report, from every kept summary that has a reach from a source. */
export function completeReaches(store: SummaryStore, input: DataflowInput): CompleteReach[] {
  const index = store.index;
  const outside = input.outside;
  const moduleRedactions = new Map<string, string[]>();
  const addRedaction = (redaction: ModuleRedaction) => {
    const key = `${redaction.rule}\u0000${redaction.root}`;
    moduleRedactions.set(key, [...(moduleRedactions.get(key) ?? []), ...redaction.paths]);
  };
  for (const owner of index.withRedactions) for (const redaction of store.record(owner)?.redactions ?? []) addRedaction(redaction);
  for (const redaction of outside?.redactions ?? []) addRedaction(redaction);
  const isRedactedByModule = (reach: PendingReach) =>
    (reach.sink.apiRoots ?? []).some((root) => {
      const paths = moduleRedactions.get(`${reach.rule}\u0000${root}`);
      return !!paths && isRedacted(reach.fieldPath, paths);
    });
  const ruleById = new Map(input.rules.map((rule) => [rule.id, rule]));
  const reaches: CompleteReach[] = [];
  for (const owner of index.withSourceReaches) {
    const record = store.record(owner)!;
    let isRoot = ts.isSourceFile(owner) || (!index.callSites.get(owner) && !outside?.isCalled(ownerKey(owner))) || index.escapes.has(owner);
    if (!isRoot && outside?.isEscaped(ownerKey(owner))) isRoot = true;
    record.summary.reaches.forEach((original, rank) => {
      // A parameter named like the data (weakly) is that data where nothing calls the function.
      const reach = original.label.origin.kind === 'source' ? original : isRoot ? fromWeakName(original) : undefined;
      if (!reach) return;
      const rule = ruleById.get(reach.rule);
      if (!rule) return;
      if (rule.guardProtects && (reach.guarded || !isRoot)) return;
      if (moduleRedactions.size && isRedactedByModule(reach)) return;
      reaches.push(toComplete(reach, record.file, rank));
    });
  }
  return reaches;
}

const fromWeakNames = new WeakMap<PendingReach, PendingReach | null>();

/**
 * A reach of a parameter whose name is weak evidence of the rule's data, or whose declared type holds it, as a reach
 * from that name or type.
 */
function fromWeakName(reach: PendingReach): PendingReach | undefined {
  let converted = fromWeakNames.get(reach);
  if (converted === undefined) {
    const weak = weakNameOf(reach.label, reach.rule);
    const source = weak && (weak.fromType ? sourceLabel(reach.rule, weak.node, weak.description, 'api', { typeName: weak.name }) : sourceLabel(reach.rule, weak.node, weak.description, 'name', { name: weak.name }));
    converted = source ? { ...reach, label: { ...source, step: reach.label.step, notes: reach.label.notes } } : null;
    fromWeakNames.set(reach, converted);
  }
  return converted ?? undefined;
}

export function collectFileFacts(store: SummaryStore, input: DataflowInput, notes: RunNotes, declarations: DeclarationIndex): Map<string, FileFacts> {
  const facts = new Map<string, FileFacts>();
  const factsOf = (file: string): FileFacts => {
    let entry = facts.get(file);
    if (!entry) {
      entry = { uses: new Set(), declarationsFrom: new Set(), calls: new Set(), escapes: new Set(), storesRead: new Set(), storesWritten: new Set(), implementsFrom: new Set(), redactions: [], budgets: new Map(), isOrderSensitive: false };
      facts.set(file, entry);
    }
    return entry;
  };
  for (const file of input.files) factsOf(file.fileName);
  const stable = (key: string) => notes.storeKeys?.get(key) ?? key;
  for (const [, record] of store.allRecords()) {
    const entry = factsOf(record.file);
    for (const callee of record.callees) {
      const file = fileOf(callee);
      if (file !== record.file) entry.uses.add(file);
    }
    for (const file of record.declarationFiles ?? []) if (file !== record.file) entry.declarationsFrom.add(file);
    // Calls inside one file never matter to another: the file is analysed again as a whole, or not at all.
    for (const site of record.callSites) if (fileOf(site.callee) !== record.file) entry.calls.add(ownerKey(site.callee));
    for (const fn of record.escapes) if (fileOf(fn) !== record.file) entry.escapes.add(ownerKey(fn));
    for (const key of record.storesRead) entry.storesRead.add(stable(key));
    for (const key of record.storesWritten) entry.storesWritten.add(stable(key));
    entry.redactions.push(...record.redactions);
  }
  for (const [file, byKind] of notes.budgetsByFile) for (const [kind, count] of byKind) factsOf(file).budgets.set(kind, count);
  for (const file of notes.orderSensitive) factsOf(file).isOrderSensitive = true;
  for (const file of input.files) {
    const entry = factsOf(file.fileName);
    for (const cls of outlineOf(file).implementers) {
      for (const iface of declarations.implementedInterfaces(cls)) entry.implementsFrom.add(iface.getSourceFile().fileName);
    }
  }
  return facts;
}

/**
 * One `CompleteReach` per kept summary's reach (and its place), so that later stages can cache what they derive
 * from it while the summary is kept.
 */
const completed = new WeakMap<PendingReach, Map<string, CompleteReach>>();

function toComplete(reach: PendingReach, reporterFile: string, rank: number): CompleteReach {
  let byPlace = completed.get(reach);
  if (!byPlace) completed.set(reach, (byPlace = new Map()));
  const place = `${rank}\u0000${reporterFile}`;
  let complete = byPlace.get(place);
  if (!complete) {
    complete = { rule: reach.rule, sink: reach.sink, label: reach.label, fieldPath: reach.fieldPath, weak: reach.weak, callChain: reach.callChain, reporterFile, rank };
    byPlace.set(place, complete);
  }
  return complete;
}
