/**
 * Stage: cache (which files to analyse again), for `--cache` (issue #9).
 * Input: the last scan's cache (per file: its hash, what its analysis depended on, what it reported) and the
 * current hashes of the scanned files.
 * Output: a plan: nothing changed (serve everything from the cache), a set of files to analyse again as a whole
 * (the rest keep what they reported), or a full scan with the reason.
 * Invariant: the set is closed under everything that can make a file report something else:
 *   - a changed, added or deleted file, the files that import it (directly, or through files that re-export it),
 *     the files whose names resolved to its declarations, and, for an added file, the files whose specifiers may
 *     now mean it;
 *   - then, transitively, the files that use a summary or read a store of a file in the set (their summaries may
 *     change);
 *   - the files whose functions those files call or hand out (whether a function is a root, where reaches of a
 *     guard rule are reported, depends on who calls it);
 *   - every script (a file without import or export: its declarations are global);
 *   - and, downwards, whatever the set's summaries use or read (callees, store writers, the implementations of
 *     the interfaces they name), so that every summary computed again is computed from complete inputs.
 * After the analysis, `widenRescan` checks the same closure with the new facts of the analysed files (an edit can
 * add calls and stores) and returns the files still missing; the caller analyses again with them, or scans all.
 */
import { fileOfKey } from '../dataflow/program-analysis';
import { importStemsOf } from '../project/build-project';
import type { CachedFile, ScanCache } from './scan-cache-file';

/** The part of a file's facts the plan reads (a `CachedFile`, or what the analysis found just now). */
export type PlanFacts = Pick<
  CachedFile,
  'imports' | 'stems' | 'isModule' | 'isReexporter' | 'uses' | 'declarationsFrom' | 'calls' | 'escapes' | 'storesRead' | 'storesWritten' | 'implementsFrom'
>;

export type RescanPlan =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'partial'; readonly analyse: ReadonlySet<string>; readonly changes: Changes; readonly graph: RescanGraph }
  | { readonly kind: 'full'; readonly reason: string };

export interface Changes {
  readonly changed: ReadonlySet<string>;
  readonly added: ReadonlySet<string>;
  readonly deleted: ReadonlySet<string>;
}

export interface PlanInput {
  readonly cache: ScanCache;
  /** Absolute path → SHA-256 of every scanned file now. */
  readonly hashes: ReadonlyMap<string, string>;
  /** Current hashes of the files outside the scanned paths the last program read (undefined: gone). */
  readonly outsideHashes: ReadonlyMap<string, string | undefined>;
  /** Whether bare specifiers can resolve to project files (`paths`, `baseUrl`): an added file may then be meant anywhere. */
  readonly hasPathAliases: boolean;
  /** For messages. */
  readonly describe: (file: string) => string;
}

export function planRescan(input: PlanInput): RescanPlan {
  const { cache, hashes } = input;
  for (const [file, hash] of input.outsideHashes) {
    if (cache.outside.get(file) !== hash) return { kind: 'full', reason: `${input.describe(file)}, outside the scanned paths, changed` };
  }
  const changed = new Set<string>();
  const added = new Set<string>();
  const deleted = new Set<string>();
  for (const [file, hash] of hashes) {
    const entry = cache.files.get(file);
    if (!entry) added.add(file);
    else if (entry.hash !== hash) changed.add(file);
  }
  for (const file of cache.files.keys()) if (!hashes.has(file)) deleted.add(file);
  if (changed.size + added.size + deleted.size === 0) return { kind: 'unchanged' };
  if (cache.wholeOnly) return { kind: 'full', reason: cache.wholeOnly };
  for (const file of [...changed, ...deleted]) {
    if (!cache.files.get(file)!.isModule) return { kind: 'full', reason: `${input.describe(file)} declares globals (a script without import or export, or a "declare global" block), which every file sees` };
  }
  if (added.size > 0 && input.hasPathAliases) return { kind: 'full', reason: 'files were added and the tsconfig maps bare specifiers (paths or baseUrl) to project files' };
  const changes = { changed, added, deleted };
  const graph = new RescanGraph(cache, changes, new Set(hashes.keys()));
  const analyse = graph.closure();
  // The check after a partial analysis would send it to a full one anyway: decide now, and analyse once.
  for (const file of analyse) {
    if (cache.files.get(file)?.isOrderSensitive) return { kind: 'full', reason: `what ${input.describe(file)} reports depends on the order of analysis (mutual recursion, the call-depth budget or an internal error)` };
  }
  return { kind: 'partial', analyse, changes, graph };
}

/**
 * The last scan's dependency graph with its reverse edges, built once: `closure` computes the files to analyse,
 * from the cached facts alone or with the new facts of the files just analysed.
 */
export class RescanGraph {
  private readonly old: Indexes;

  constructor(
    private readonly cache: ScanCache,
    private readonly changes: Changes,
    private readonly scanned: ReadonlySet<string>,
  ) {
    this.old = new Indexes();
    // Reverse edges over every file with facts: the scanned files and the deleted ones.
    for (const file of new Set([...scanned, ...changes.deleted])) {
      const facts = cache.files.get(file);
      if (facts) this.old.add(file, facts);
    }
  }

  /**
   * The files to analyse; with `fresh`, using the new facts of the files in it (an analysis just found them) in
   * place of their cached ones.
   */
  closure(fresh: ReadonlyMap<string, PlanFacts> = new Map()): Set<string> {
    const overlay = new Indexes();
    for (const [file, facts] of fresh) overlay.add(file, facts);
    const factsOf = (file: string) => fresh.get(file) ?? this.cache.files.get(file);
    const edges = (name: IndexName, key: string): string[] => {
      const cached = this.old[name].get(key);
      const found = fresh.size ? cached.filter((file) => !fresh.has(file)) : [...cached];
      found.push(...overlay[name].get(key));
      return found;
    };
    return closure(this.changes, factsOf, edges, this.scanned);
  }
}

/**
 * The files the closure needs beyond `analysed`, now that the analysed files' facts are known (`fresh`); empty
 * when the analysis was complete.
 */
export function widenRescan(graph: RescanGraph, analysed: ReadonlySet<string>, fresh: ReadonlyMap<string, PlanFacts>): Set<string> {
  const missing = new Set<string>();
  for (const file of graph.closure(fresh)) if (!analysed.has(file)) missing.add(file);
  return missing;
}

type IndexName = 'importers' | 'declarationUsers' | 'users' | 'readers' | 'readersByDeclaringFile' | 'writers' | 'byStem' | 'implementers';

class Indexes {
  readonly importers = new Index();
  readonly declarationUsers = new Index();
  readonly users = new Index();
  readonly readers = new Index();
  readonly readersByDeclaringFile = new Index();
  readonly writers = new Index();
  readonly byStem = new Index();
  /** File declaring an interface → files with classes that implement it. */
  readonly implementers = new Index();

  add(file: string, facts: PlanFacts): void {
    for (const target of facts.implementsFrom) this.implementers.add(target, file);
    for (const target of facts.imports) this.importers.add(target, file);
    for (const target of facts.declarationsFrom) this.declarationUsers.add(target, file);
    for (const target of facts.uses) this.users.add(target, file);
    for (const key of facts.storesRead) {
      this.readers.add(key, file);
      this.readersByDeclaringFile.add(fileOfKey(key), file);
    }
    for (const key of facts.storesWritten) this.writers.add(key, file);
    for (const stem of facts.stems) this.byStem.add(stem, file);
  }
}

function closure(changes: Changes, factsOf: (file: string) => PlanFacts | undefined, edges: (name: IndexName, key: string) => readonly string[], scanned: ReadonlySet<string>): Set<string> {
  // Files whose summaries may change.
  const affected = new Set<string>();
  const queue: string[] = [];
  const affect = (file: string) => {
    if (affected.has(file)) return;
    affected.add(file);
    queue.push(file);
  };
  const texts = [...changes.changed, ...changes.added, ...changes.deleted];
  for (const file of texts) {
    affect(file);
    // What its names mean to others: its importers (through re-exporting files too), the files that resolved a
    // name to one of its declarations, the readers of stores it declares.
    const reexported = [file];
    const seenReexporters = new Set<string>();
    while (reexported.length) {
      for (const importer of edges('importers', reexported.pop()!)) {
        affect(importer);
        if (factsOf(importer)?.isReexporter && !seenReexporters.has(importer)) {
          seenReexporters.add(importer);
          reexported.push(importer);
        }
      }
    }
    for (const user of edges('declarationUsers', file)) affect(user);
    for (const reader of edges('readersByDeclaringFile', file)) affect(reader);
    // A class that starts or stops implementing an interface changes what calls through the interface reach.
    for (const iface of factsOf(file)?.implementsFrom ?? []) for (const user of edges('declarationUsers', iface)) affect(user);
  }
  for (const file of changes.added) for (const stem of importStemsOf(file)) for (const importer of edges('byStem', stem)) affect(importer);
  while (queue.length) {
    const file = queue.pop()!;
    for (const user of edges('users', file)) affect(user);
    for (const key of factsOf(file)?.storesWritten ?? []) for (const reader of edges('readers', key)) affect(reader);
  }

  // Files whose roots may change, then everything the analysed summaries depend on.
  const analyse = new Set<string>();
  const pending: string[] = [];
  const include = (file: string) => {
    if (analyse.has(file) || !scanned.has(file)) return;
    analyse.add(file);
    pending.push(file);
  };
  // A script's declarations are global: every program must hold the scripts, as a scan of everything does.
  for (const file of scanned) if (factsOf(file)?.isModule === false) include(file);
  for (const file of affected) {
    include(file);
    const facts = factsOf(file);
    for (const key of [...(facts?.calls ?? []), ...(facts?.escapes ?? [])]) include(fileOfKey(key));
  }
  while (pending.length) {
    const file = pending.pop()!;
    const facts = factsOf(file);
    if (!facts) continue;
    for (const used of facts.uses) include(used);
    // A call through an interface reaches the implementations among the analysed files only: every class that
    // implements an interface this file declares or resolved a name to must be analysed with it.
    for (const declaring of [file, ...facts.declarationsFrom]) for (const implementer of edges('implementers', declaring)) include(implementer);
    for (const key of facts.storesRead) {
      include(fileOfKey(key));
      for (const writer of edges('writers', key)) include(writer);
    }
  }
  return analyse;
}

class Index {
  private readonly map = new Map<string, string[]>();

  add(key: string, value: string): void {
    const list = this.map.get(key);
    if (list) list.push(value);
    else this.map.set(key, [value]);
  }

  get(key: string): readonly string[] {
    return this.map.get(key) ?? [];
  }
}
