/**
 * Stage: dataflow (the index of kept summaries).
 * Input: summary records as the summary store adds and removes them.
 * Output: what reporting and invalidation look up across all summaries: the owners per file, the callers of each
 * function, how often a function is called or handed out as a value, which summaries have reaches from a source or
 * module-wide redactions, and per file of the caller the project functions used as guards or sanitizers.
 * Invariant: kept up to date record by record (counts go up and down), so that reporting after an edit costs what
 * the edit changed, not a walk over every summary of the project.
 */
import { weakNameOf } from './taint';
import { type KnownUseCount, describeKnownFunction } from '../findings/known-functions';
import type { KnownUse, Owner, SummaryRecord } from './analysis-types';
import type { FunctionNode } from './value';

/**
 * What `collect` needs from all summaries, kept up to date as records come and go, so that reporting after an edit
 * costs what the edit changed rather than a walk over every summary of the project.
 */
export class RecordIndex {
  readonly byFile = new Map<string, Set<Owner>>();
  /** Callee → the owners whose summaries instantiated it. */
  readonly callers = new Map<Owner, Set<Owner>>();
  readonly callSites = new Map<FunctionNode, number>();
  readonly escapes = new Map<FunctionNode, number>();
  /** Owners with a reach that starts at a source (only those can complete a reach). */
  readonly withSourceReaches = new Set<Owner>();
  readonly withRedactions = new Set<Owner>();
  /** File of the caller → kind, rule, receiver and name → how often, with the nodes seen for it. */
  private readonly uses = new Map<string, Map<string, UseTally>>();
  /** The plain counts of `uses` per file, made again only for files whose summaries changed. */
  private readonly useCounts = new Map<string, readonly KnownUseCount[]>();

  clear(): void {
    this.byFile.clear();
    this.callers.clear();
    this.callSites.clear();
    this.escapes.clear();
    this.withSourceReaches.clear();
    this.withRedactions.clear();
    this.uses.clear();
    this.useCounts.clear();
  }

  add(owner: Owner, record: SummaryRecord): void {
    this.update(owner, record, 1);
  }

  remove(owner: Owner, record: SummaryRecord): void {
    this.update(owner, record, -1);
  }

  /**
   * Per file of the caller, the project functions its summaries used as a guard or sanitizer, with the declaration
   * first in path order (plain data, so that the cache can keep it).
   */
  knownUsesByFile(): Map<string, readonly KnownUseCount[]> {
    const out = new Map<string, readonly KnownUseCount[]>();
    for (const [file, byKey] of this.uses) {
      let counts = this.useCounts.get(file);
      if (!counts) {
        counts = [...byKey.values()].map((tally): KnownUseCount => {
          let declaration: KnownUseCount['declaration'];
          for (const node of tally.nodes.keys()) {
            if (!node) continue;
            const described = describeKnownFunction(tally.name, tally.receiver, node);
            if (!declaration || described.at[0] < declaration.at[0] || (described.at[0] === declaration.at[0] && described.at[1] < declaration.at[1])) declaration = described;
          }
          return { kind: tally.kind, rule: tally.rule, name: tally.name, receiver: tally.receiver, count: tally.count, declaration };
        });
        this.useCounts.set(file, counts);
      }
      out.set(file, counts);
    }
    return out;
  }

  private update(owner: Owner, record: SummaryRecord, delta: 1 | -1): void {
    let owners = this.byFile.get(record.file);
    if (!owners) this.byFile.set(record.file, (owners = new Set()));
    if (delta > 0) owners.add(owner);
    else if (owners.delete(owner) && owners.size === 0) this.byFile.delete(record.file);
    for (const callee of record.callees) {
      let set = this.callers.get(callee);
      if (!set) this.callers.set(callee, (set = new Set()));
      if (delta > 0) set.add(owner);
      else if (set.delete(owner) && set.size === 0) this.callers.delete(callee);
    }
    for (const site of record.callSites) bump(this.callSites, site.callee, delta);
    for (const fn of record.escapes) bump(this.escapes, fn, delta);
    const toggle = (set: Set<Owner>, on: boolean) => (on && delta > 0 ? set.add(owner) : set.delete(owner));
    toggle(this.withSourceReaches, record.summary.reaches.some((reach) => reach.label.origin.kind === 'source' || !!weakNameOf(reach.label, reach.rule)));
    toggle(this.withRedactions, record.redactions.length > 0);
    if (record.knownUses.length === 0) return;
    let byKey = this.uses.get(record.file);
    if (!byKey) this.uses.set(record.file, (byKey = new Map()));
    this.useCounts.delete(record.file);
    for (const use of record.knownUses) {
      const key = `${use.kind}\u0000${use.rule}\u0000${use.receiver ?? ''}\u0000${use.name}`;
      let tally = byKey.get(key);
      if (!tally) byKey.set(key, (tally = { kind: use.kind, rule: use.rule, name: use.name, receiver: use.receiver, count: 0, nodes: new Map() }));
      tally.count += delta;
      bump(tally.nodes, use.node, delta);
      if (tally.count <= 0) byKey.delete(key);
    }
    if (byKey.size === 0) this.uses.delete(record.file);
  }
}

interface UseTally {
  readonly kind: KnownUse['kind'];
  readonly rule: string;
  readonly name: string;
  readonly receiver?: string;
  count: number;
  readonly nodes: Map<FunctionNode | undefined, number>;
}

function bump<K>(map: Map<K, number>, key: K, delta: number): void {
  const next = (map.get(key) ?? 0) + delta;
  if (next > 0) map.set(key, next);
  else map.delete(key);
}
