/**
 * Stage: dataflow (whole program).
 * Input: the TypeScript program, the files to analyse and the compiled rules; for a re-analysis, the files that
 * changed since the last one.
 * Output: `CompleteReach`es (a rule's source reaching its sink unprotected, with the path and, for rules whose
 * protection is a guard, the unguarded call chain), plus run statistics and the project functions seen acting as
 * guards or sanitizers (for fixes); on request, per file, what its summaries depended on (`FileFacts`, for the
 * scan cache). Told which functions files outside the program call (`OutsideKnowledge`), it reports reaches at
 * the same roots as an analysis of the whole project.
 * Invariant: each function is summarised once, on demand (callees before callers), and its summary is kept with
 * what it depended on: the callees it instantiated and the stores (class fields, module variables) it read. A
 * store is the join of its writers' contributions. After an edit, only the summaries of the changed files, of the
 * files importing them, and what depends on those (callers, store readers) are computed again. A reach of a guard
 * rule is reported only at a function nobody calls (a root) that it reaches without a guard on the way, so a
 * consent check in every caller protects the sink.
 */
import { ts } from 'ts-morph';
import { STORING_METHODS } from '../facts/builtin-members';
import type { CompiledRule } from '../facts/compile-models';
import { type KnownUseCount, describeKnownFunction } from '../findings/known-functions';
import type { AnalysisHost, Budget } from './host';
import { Interpreter } from './interpreter';
import { CancelledError } from '../errors';
import { Resolver, functionName, isSummarised, staticPropertyName } from './resolve';
import { EMPTY_SUMMARY, type PendingReach, type SinkSite, type Summary } from './summary';
import { type FunctionNode, type GuardFact, type Value, EMPTY, deepTaint, isRedacted, joinValues } from './value';
import type { Label, Step } from './taint';

/** Rounds of recomputation when a store grew after it was read. */
const MAX_ROUNDS = 3;

export interface CompleteReach {
  readonly rule: string;
  readonly sink: SinkSite;
  /** A source label (never a parameter label). */
  readonly label: Label;
  readonly fieldPath: readonly string[];
  readonly weak: readonly GuardFact[];
  readonly callChain: Step | undefined;
  /** The file of the summary the reach was reported from (the root function's, for guard rules). */
  readonly reporterFile: string;
  /** Its place among that summary's reaches (ties between equally short paths go to the first). */
  readonly rank: number;
}

export interface DataflowResult {
  readonly reaches: readonly CompleteReach[];
  /** Functions the engine failed on (a bug, or code nested too deeply): skipped, the rest analysed. */
  readonly internalErrors: readonly { readonly file: string; readonly message: string }[];
  readonly functionsSummarised: number;
  /** Summaries computed by this analysis (all of them at first, only the affected ones after an edit). */
  readonly functionsComputed: number;
  readonly passes: number;
  /** Why another round was needed (the first stores that grew after they were read), for `--debug`. */
  readonly passReasons: readonly string[];
  /** Budget kinds that ran out, with how often. */
  readonly budgetsHit: ReadonlyMap<string, number>;
  /** Project functions seen acting as a rule's guard or sanitizer (for fixes), counted per file of the caller. */
  readonly knownUses: ReadonlyMap<string, readonly KnownUseCount[]>;
  /** With `collectFileFacts`: what each file's summaries depended on (the scan cache's dependency graph). */
  readonly fileFacts?: ReadonlyMap<string, FileFacts>;
}

/**
 * What one file's summaries depended on and did, in terms that outlive the syntax trees (file paths and offsets),
 * so that a later scan can tell which files an edit can affect (issue #9). Functions are named by `ownerKey`,
 * stores (class fields, module variables) by `storeKey`.
 */
export interface FileFacts {
  /** Files whose functions, module code or interface implementations the summaries of this file used. */
  readonly uses: Set<string>;
  /** Files declaring what names resolved to while this file was analysed (classes, interfaces, types, functions). */
  readonly declarationsFrom: Set<string>;
  /** Functions called from this file (a function nobody calls is a root, where guard-rule reaches are reported). */
  readonly calls: Set<string>;
  /** Functions handed out as values from this file (roots too). */
  readonly escapes: Set<string>;
  readonly storesRead: Set<string>;
  readonly storesWritten: Set<string>;
  /** Files declaring the project interfaces that classes of this file implement. */
  readonly implementsFrom: Set<string>;
  readonly redactions: ModuleRedaction[];
  /** Budgets that ran out in this file's functions, with how often. */
  readonly budgets: Map<string, number>;
  /**
   * Whether a summary of this file depended on the order functions were analysed in: mutual recursion (the
   * function entered first sees the other as empty), the call-depth budget, or an internal error.
   */
  isOrderSensitive: boolean;
}

/**
 * What a partial analysis (a cached scan re-analysing some files) must know about the files it leaves out: whether
 * they call a function or hand it out (so it is no root), and their module-wide redactions.
 */
export interface OutsideKnowledge {
  isCalled(ownerKey: string): boolean;
  isEscaped(ownerKey: string): boolean;
  readonly redactions: readonly ModuleRedaction[];
}

export interface DataflowInput {
  readonly program: ts.Program;
  readonly files: readonly ts.SourceFile[];
  readonly isProjectFile: (file: ts.SourceFile) => boolean;
  readonly rules: readonly CompiledRule[];
  readonly onFileDone?: (done: number, total: number) => void;
  /** Checked between files; a cancelled analysis throws CancelledError and can be resumed by the next one. */
  readonly isCancelled?: () => boolean;
  /** Files the program leaves out, when it covers only the files a change can affect (`--cache`). */
  readonly outside?: OutsideKnowledge;
  /** Report `fileFacts` (for `--cache`). */
  readonly collectFileFacts?: boolean;
}

type Owner = FunctionNode | ts.SourceFile;

interface KnownUse {
  readonly kind: 'guard' | 'sanitizer';
  readonly rule: string;
  readonly name: string;
  readonly node: FunctionNode | undefined;
  readonly receiver?: string;
}

/** A summary and what it depended on. */
interface SummaryRecord {
  readonly summary: Summary;
  readonly file: string;
  readonly callees: ReadonlySet<Owner>;
  readonly storesRead: ReadonlySet<string>;
  readonly storesWritten: ReadonlySet<string>;
  readonly callSites: readonly { readonly callee: FunctionNode; readonly guards: ReadonlySet<string> }[];
  readonly escapes: ReadonlySet<FunctionNode>;
  readonly knownUses: readonly KnownUse[];
  readonly redactions: readonly ModuleRedaction[];
  readonly declarationFiles?: ReadonlySet<string>;
}

export interface ModuleRedaction {
  readonly rule: string;
  readonly root: string;
  readonly paths: readonly string[];
}

/** What is collected while one owner's summary is being computed. */
interface Frame {
  readonly owner: Owner;
  readonly callees: Set<Owner>;
  readonly storesRead: Set<string>;
  readonly storesWritten: Set<string>;
  readonly callSites: { callee: FunctionNode; guards: ReadonlySet<string> }[];
  readonly escapes: Set<FunctionNode>;
  readonly knownUses: KnownUse[];
  readonly redactions: ModuleRedaction[];
  /** With `collectFileFacts`: files whose declarations the names resolved here led to. */
  readonly declarationFiles?: Set<string>;
}

/**
 * What `collect` needs from all summaries, kept up to date as records come and go, so that reporting after an edit
 * costs what the edit changed rather than a walk over every summary of the project.
 */
class RecordIndex {
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
    toggle(this.withSourceReaches, record.summary.reaches.some((reach) => reach.label.origin.kind === 'source'));
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

/** Keeps summaries and stores between analyses of the same folder (the language server's workspace). */
export class DataflowSession {
  private readonly records = new Map<Owner, SummaryRecord>();
  readonly index = new RecordIndex();
  /** Store key → writer → what that writer contributed. */
  private readonly contributions = new Map<string, Map<Owner, Value>>();
  private readonly joined = new Map<string, Value>();
  private readonly readers = new Map<string, Set<Owner>>();
  private rules: readonly CompiledRule[] = [];
  /** The project files a parsed file imports, kept while the set of files stays the same (resolution cannot change). */
  private imports = new WeakMap<ts.SourceFile, readonly string[]>();
  private fileSet = '';
  /** Files whose module code and functions all have summaries: an analysis after an edit walks past them. */
  private readonly completeFiles = new Set<string>();

  /** Analyses the program; with `changedFiles`, reuses what the changes cannot have affected. */
  analyse(input: DataflowInput, changedFiles?: ReadonlySet<string>): Promise<DataflowResult> {
    const fileSet = input.program.getRootFileNames().join('\u0000');
    if (fileSet !== this.fileSet) {
      this.imports = new WeakMap();
      this.fileSet = fileSet;
    }
    if (!changedFiles || input.rules !== this.rules) {
      this.records.clear();
      this.index.clear();
      this.completeFiles.clear();
      this.contributions.clear();
      this.joined.clear();
      this.readers.clear();
      this.rules = input.rules;
    } else {
      this.invalidate(input.program, changedFiles, new Set(input.files.map((file) => file.fileName)));
    }
    return new ProgramAnalysis(this, input).run();
  }

  /** Drops what depends on the changed files: their summaries, their importers', callers and store readers. */
  private invalidate(program: ts.Program, changed: ReadonlySet<string>, present: ReadonlySet<string>): void {
    const checker = program.getTypeChecker();
    const invalid = new Set<Owner>();
    const queue: Owner[] = [];
    const drop = (owner: Owner) => {
      if (invalid.has(owner)) return;
      invalid.add(owner);
      queue.push(owner);
    };
    const dropFile = (file: string) => {
      for (const owner of this.index.byFile.get(file) ?? []) drop(owner);
    };
    for (const file of changed) dropFile(file);
    for (const file of program.getSourceFiles()) {
      if (changed.has(file.fileName) || !this.index.byFile.has(file.fileName)) continue;
      if (this.importsOf(file, checker).some((target) => changed.has(target))) dropFile(file.fileName);
    }
    for (const file of this.index.byFile.keys()) {
      if (!present.has(file) && !program.getSourceFile(file)) dropFile(file);
    }
    while (queue.length) {
      const owner = queue.pop()!;
      for (const caller of this.index.callers.get(owner) ?? []) drop(caller);
      for (const key of this.records.get(owner)?.storesWritten ?? []) for (const reader of this.readers.get(key) ?? []) drop(reader);
    }
    for (const owner of invalid) {
      const record = this.records.get(owner);
      if (!record) continue;
      this.deleteRecord(owner);
      for (const key of record.storesWritten) {
        this.contributions.get(key)?.delete(owner);
        this.joined.delete(key);
      }
      for (const key of record.storesRead) this.readers.get(key)?.delete(owner);
    }
  }

  private importsOf(file: ts.SourceFile, checker: ts.TypeChecker): readonly string[] {
    let found = this.imports.get(file);
    if (found) return found;
    const targets: string[] = [];
    for (const statement of file.statements) {
      const specifier = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) ? statement.moduleSpecifier : undefined;
      if (!specifier || !ts.isStringLiteral(specifier)) continue;
      const target = checker.getSymbolAtLocation(specifier)?.valueDeclaration;
      if (target && ts.isSourceFile(target)) targets.push(target.fileName);
    }
    this.imports.set(file, (found = targets));
    return found;
  }

  // ─── what ProgramAnalysis uses ───────────────────────────────────────────────

  record(owner: Owner): SummaryRecord | undefined {
    return this.records.get(owner);
  }

  setRecord(owner: Owner, record: SummaryRecord): void {
    this.deleteRecord(owner);
    this.records.set(owner, record);
    this.index.add(owner, record);
  }

  get recordCount(): number {
    return this.records.size;
  }

  allRecords(): IterableIterator<[Owner, SummaryRecord]> {
    return this.records.entries();
  }

  /**
   * Forgets a summary so that it is computed again in this analysis. Its store contributions stay: its code did
   * not change, so what it wrote still holds, and the new computation can only add to it.
   */
  forgetSummary(owner: Owner): void {
    this.deleteRecord(owner);
  }

  private deleteRecord(owner: Owner): void {
    const record = this.records.get(owner);
    if (!record) return;
    this.records.delete(owner);
    this.index.remove(owner, record);
    this.completeFiles.delete(record.file);
  }

  isComplete(file: ts.SourceFile): boolean {
    return this.completeFiles.has(file.fileName);
  }

  markComplete(file: ts.SourceFile): void {
    this.completeFiles.add(file.fileName);
  }

  readStore(key: string, reader: Owner | undefined): Value | undefined {
    if (reader) {
      let set = this.readers.get(key);
      if (!set) this.readers.set(key, (set = new Set()));
      set.add(reader);
    }
    return this.peekStore(key);
  }

  peekStore(key: string): Value | undefined {
    const cached = this.joined.get(key);
    if (cached) return cached;
    const byWriter = this.contributions.get(key);
    if (!byWriter || byWriter.size === 0) return undefined;
    let value: Value = EMPTY;
    for (const contribution of byWriter.values()) value = joinValues(value, contribution);
    this.joined.set(key, value);
    return value;
  }

  /** Joins a writer's contribution; returns the readers to recompute if the store grew after they read it. */
  writeStore(key: string, writer: Owner, value: Value): ReadonlySet<Owner> | undefined {
    const before = this.peekStore(key);
    let byWriter = this.contributions.get(key);
    if (!byWriter) this.contributions.set(key, (byWriter = new Map()));
    const previous = byWriter.get(writer);
    byWriter.set(writer, previous ? joinValues(previous, value) : value);
    this.joined.delete(key);
    const after = this.peekStore(key)!;
    const readers = this.readers.get(key);
    if (readers && readers.size > 0 && valueSize(after) > (before ? valueSize(before) : 0)) return readers;
    return undefined;
  }
}

/** One analysis of a program, on top of a session's kept summaries. */
class ProgramAnalysis {
  private readonly resolver: Resolver;
  private readonly budgetsHit = new Map<string, number>();
  private readonly inProgress = new Set<Owner>();
  private readonly frames: Frame[] = [];
  private readonly stale = new Set<Owner>();
  private readonly passReasons: string[] = [];
  private readonly interfaceImpls = new Map<ts.InterfaceDeclaration, ts.ClassLikeDeclaration[]>();
  private interfaceIndexBuilt = false;
  private readonly fieldWriters = new Map<ts.ClassLikeDeclaration, Map<string, FunctionNode[]>>();
  private computed = 0;
  private readonly internalErrors: { file: string; message: string }[] = [];
  private lastYield = Date.now();
  private readonly host: AnalysisHost;
  /** Files that declare a symbol, or what an import alias finally names. */
  private declarationFilesOf(symbol: ts.Symbol): string[] {
    const files = new Set<string>();
    const add = (target: ts.Symbol) => {
      for (const declaration of target.declarations ?? []) {
        const file = declaration.getSourceFile();
        if (this.input.isProjectFile(file)) files.add(file.fileName);
      }
    };
    add(symbol);
    if (symbol.flags & ts.SymbolFlags.Alias) {
      const target = this.resolver.aliasTarget(symbol);
      if (target) add(target);
    }
    return [...files];
  }

  /** With `collectFileFacts`: budgets per file, files whose summaries depended on order, stable store keys. */
  private readonly budgetsByFile = new Map<string, Map<string, number>>();
  private readonly orderSensitive = new Set<string>();
  private readonly storeKeys: Map<string, string> | undefined;

  constructor(
    private readonly session: DataflowSession,
    private readonly input: DataflowInput,
  ) {
    this.resolver = new Resolver(input.program, input.program.getTypeChecker(), input.isProjectFile);
    this.storeKeys = input.collectFileFacts ? new Map() : undefined;
    if (input.collectFileFacts) {
      const filesOf = new Map<ts.Symbol, readonly string[]>();
      this.resolver.onResolved = (symbol) => {
        const into = this.frames[this.frames.length - 1]?.declarationFiles;
        if (!into) return;
        let files = filesOf.get(symbol);
        if (!files) filesOf.set(symbol, (files = this.declarationFilesOf(symbol)));
        for (const file of files) into.add(file);
      };
    }
    const budget: Budget = {
      maxInlineDepth: 4,
      maxCallDepth: 40,
      hit: (kind, where) => {
        this.budgetsHit.set(kind, (this.budgetsHit.get(kind) ?? 0) + 1);
        const file = where.getSourceFile().fileName;
        let byKind = this.budgetsByFile.get(file);
        if (!byKind) this.budgetsByFile.set(file, (byKind = new Map()));
        byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
      },
    };
    const frame = () => this.frames[this.frames.length - 1];
    this.host = {
      resolver: this.resolver,
      rules: input.rules,
      guardRules: input.rules.filter((rule) => rule.guards.length > 0),
      budget,
      summaryOf: (fn) => {
        frame()?.callees.add(fn);
        return this.summaryOf(fn);
      },
      moduleValue: (symbol) => {
        const file = this.moduleVariableFile(symbol);
        if (!file) return undefined;
        frame()?.callees.add(file);
        if (!this.session.record(file) && !this.inProgress.has(file)) this.summaryOf(file);
        const key = moduleKey(symbol);
        if (this.storeKeys && !this.storeKeys.has(key)) this.storeKeys.set(key, stableModuleKey(file, symbol));
        frame()?.storesRead.add(key);
        return this.session.readStore(key, frame()?.owner) ?? EMPTY;
      },
      isModuleVariable: (symbol) => this.moduleVariableFile(symbol) !== undefined,
      writeModuleValue: (symbol, value) => {
        const key = moduleKey(symbol);
        if (this.storeKeys && !this.storeKeys.has(key)) {
          const file = this.moduleVariableFile(symbol);
          if (file) this.storeKeys.set(key, stableModuleKey(file, symbol));
        }
        this.write(key, value, `module variable ${symbol.name}`);
      },
      readClassField: (cls, name) => {
        // Summarise the members that write this field first (the constructor that connects the client, the
        // `start()` that sets the timer), so that one round usually sees every write before the reads.
        for (const writer of this.fieldWritersOf(cls).get(name) ?? []) {
          if (!this.session.record(writer) && !this.inProgress.has(writer)) this.summaryOf(writer);
        }
        const key = fieldKey(cls, name);
        if (this.storeKeys && !this.storeKeys.has(key)) this.storeKeys.set(key, stableFieldKey(cls, name));
        frame()?.storesRead.add(key);
        return this.session.readStore(key, frame()?.owner);
      },
      peekClassField: (cls, name) => this.session.peekStore(fieldKey(cls, name)),
      writeClassField: (cls, name, value) => {
        const key = fieldKey(cls, name);
        if (this.storeKeys && !this.storeKeys.has(key)) this.storeKeys.set(key, stableFieldKey(cls, name));
        this.write(key, value, `field ${cls.name?.text ?? '(class)'}.${name}`);
      },
      recordCallSite: (callee, _caller, _site, guards) => {
        frame()?.callSites.push({ callee, guards });
      },
      noteEscape: (fn) => {
        frame()?.escapes.add(fn);
      },
      noteKnownFunction: (kind, rule, name, node, receiver) => {
        frame()?.knownUses.push({ kind, rule, name, node, receiver });
      },
      implementationsOf: (iface, method) => this.implementationsOf(iface, method),
      addModuleRedaction: (rule, root, paths) => {
        frame()?.redactions.push({ rule, root, paths });
      },
    };
  }

  async run(): Promise<DataflowResult> {
    let rounds = 0;
    for (; rounds < MAX_ROUNDS; rounds++) {
      // Module code first, all of it: it creates the instances and clients that methods then read from stores.
      for (const file of this.input.files) {
        if (this.session.isComplete(file)) continue;
        await this.pause();
        this.summaryOf(file);
      }
      let done = 0;
      for (const file of this.input.files) {
        if (!this.session.isComplete(file)) {
          await this.pause();
          for (const fn of outlineOf(file).functions) this.summaryOf(fn);
          this.session.markComplete(file);
        }
        done++;
        if (rounds === 0) this.input.onFileDone?.(done, this.input.files.length);
      }
      if (this.stale.size === 0) break;
      this.recomputeStale();
    }
    if (rounds === MAX_ROUNDS) this.budgetsHit.set('passes', (this.budgetsHit.get('passes') ?? 0) + 1);
    return this.collect(rounds + (rounds === MAX_ROUNDS ? 0 : 1));
  }

  /** Gives the event loop a turn every 25 ms (the language server answers meanwhile) and honours cancellation. */
  private async pause(): Promise<void> {
    if (this.input.isCancelled?.()) throw new CancelledError();
    if (Date.now() - this.lastYield < 25) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.lastYield = Date.now();
    if (this.input.isCancelled?.()) throw new CancelledError();
  }

  /** Readers of grown stores, and everything that instantiated their summaries, are computed again. */
  private recomputeStale(): void {
    const queue = [...this.stale];
    const drop = new Set<Owner>(queue);
    while (queue.length) {
      const owner = queue.pop()!;
      for (const caller of this.session.index.callers.get(owner) ?? []) {
        if (!drop.has(caller)) {
          drop.add(caller);
          queue.push(caller);
        }
      }
    }
    this.stale.clear();
    for (const owner of drop) this.session.forgetSummary(owner);
  }

  private write(key: string, value: Value, what: string): void {
    const owner = this.frames[this.frames.length - 1]?.owner;
    if (!owner) return;
    this.frames[this.frames.length - 1]!.storesWritten.add(key);
    const readers = this.session.writeStore(key, owner, value);
    if (!readers) return;
    for (const reader of readers) if (reader !== owner) this.stale.add(reader);
    if (this.passReasons.length < 5 && !this.passReasons.includes(what)) this.passReasons.push(what);
  }

  private summaryOf(owner: Owner): Summary {
    const existing = this.session.record(owner);
    if (existing) return existing.summary;
    if (this.inProgress.has(owner)) {
      this.host.budget.hit('recursion', owner);
      // Mutual recursion: which function of the cycle sees the other as empty depends on which was entered first.
      // (A function calling itself always sees itself as empty.)
      if (this.frames[this.frames.length - 1]?.owner !== owner) {
        const start = this.frames.findIndex((frame) => frame.owner === owner);
        for (const frame of this.frames.slice(Math.max(0, start))) this.orderSensitive.add(fileOf(frame.owner));
      }
      return EMPTY_SUMMARY;
    }
    if (this.frames.length >= this.host.budget.maxCallDepth) {
      this.host.budget.hit('call-depth', owner);
      for (const frame of this.frames) this.orderSensitive.add(fileOf(frame.owner));
      this.orderSensitive.add(fileOf(owner));
      return EMPTY_SUMMARY;
    }
    const frame: Frame = {
      owner,
      callees: new Set(),
      storesRead: new Set(),
      storesWritten: new Set(),
      callSites: [],
      escapes: new Set(),
      knownUses: [],
      redactions: [],
      declarationFiles: this.storeKeys ? new Set() : undefined,
    };
    this.inProgress.add(owner);
    this.frames.push(frame);
    let summary: Summary;
    try {
      summary = new Interpreter(this.host, owner).summarise();
    } catch (error) {
      // One function the engine cannot handle must not cost the rest of the project its findings.
      summary = EMPTY_SUMMARY;
      if (error instanceof CancelledError) throw error;
      this.recordInternalError(owner, error);
      // A stack overflow depends on how deep the analysis already was when it came to this function.
      for (const frame of this.frames) this.orderSensitive.add(fileOf(frame.owner));
    } finally {
      this.frames.pop();
      this.inProgress.delete(owner);
    }
    this.computed++;
    const file = fileOf(owner);
    this.session.setRecord(owner, {
      summary,
      file,
      callees: frame.callees,
      storesRead: frame.storesRead,
      storesWritten: frame.storesWritten,
      callSites: frame.callSites,
      escapes: frame.escapes,
      knownUses: frame.knownUses,
      redactions: frame.redactions,
      declarationFiles: frame.declarationFiles,
    });
    return summary;
  }

  private recordInternalError(owner: Owner, error: unknown): void {
    const file = ts.isSourceFile(owner) ? owner : owner.getSourceFile();
    if (this.internalErrors.some((known) => known.file === file.fileName)) return;
    const where = ts.isSourceFile(owner) ? 'module code' : `${functionName(owner)} (line ${file.getLineAndCharacterOfPosition(owner.getStart(file)).line + 1})`;
    const reason = error instanceof RangeError ? 'the code is nested too deeply' : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.internalErrors.push({ file: file.fileName, message: `could not analyse ${where}: ${reason}` });
  }

  private collect(passes: number): DataflowResult {
    const index = this.session.index;
    const outside = this.input.outside;
    const moduleRedactions = new Map<string, string[]>();
    const addRedaction = (redaction: ModuleRedaction) => {
      const key = `${redaction.rule}\u0000${redaction.root}`;
      moduleRedactions.set(key, [...(moduleRedactions.get(key) ?? []), ...redaction.paths]);
    };
    for (const owner of index.withRedactions) for (const redaction of this.session.record(owner)?.redactions ?? []) addRedaction(redaction);
    for (const redaction of outside?.redactions ?? []) addRedaction(redaction);
    const isRedactedByModule = (reach: PendingReach) =>
      (reach.sink.apiRoots ?? []).some((root) => {
        const paths = moduleRedactions.get(`${reach.rule}\u0000${root}`);
        return !!paths && isRedacted(reach.fieldPath, paths);
      });
    const ruleById = new Map(this.input.rules.map((rule) => [rule.id, rule]));
    const reaches: CompleteReach[] = [];
    for (const owner of index.withSourceReaches) {
      const record = this.session.record(owner)!;
      let isRoot = ts.isSourceFile(owner) || (!index.callSites.get(owner) && !outside?.isCalled(ownerKey(owner))) || index.escapes.has(owner);
      if (!isRoot && outside?.isEscaped(ownerKey(owner))) isRoot = true;
      record.summary.reaches.forEach((reach, rank) => {
        if (reach.label.origin.kind !== 'source') return;
        const rule = ruleById.get(reach.rule);
        if (!rule) return;
        if (rule.guardProtects && (reach.guarded || !isRoot)) return;
        if (moduleRedactions.size && isRedactedByModule(reach)) return;
        reaches.push(toComplete(reach, record.file, rank));
      });
    }
    return {
      reaches,
      internalErrors: this.internalErrors,
      functionsSummarised: this.session.recordCount,
      functionsComputed: this.computed,
      passes,
      passReasons: this.passReasons,
      budgetsHit: this.budgetsHit,
      knownUses: index.knownUsesByFile(),
      fileFacts: this.input.collectFileFacts ? this.collectFileFacts() : undefined,
    };
  }

  private collectFileFacts(): Map<string, FileFacts> {
    const facts = new Map<string, FileFacts>();
    const factsOf = (file: string): FileFacts => {
      let entry = facts.get(file);
      if (!entry) {
        entry = { uses: new Set(), declarationsFrom: new Set(), calls: new Set(), escapes: new Set(), storesRead: new Set(), storesWritten: new Set(), implementsFrom: new Set(), redactions: [], budgets: new Map(), isOrderSensitive: false };
        facts.set(file, entry);
      }
      return entry;
    };
    for (const file of this.input.files) factsOf(file.fileName);
    const stable = (key: string) => this.storeKeys?.get(key) ?? key;
    for (const [, record] of this.session.allRecords()) {
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
    for (const [file, byKind] of this.budgetsByFile) for (const [kind, count] of byKind) factsOf(file).budgets.set(kind, count);
    for (const file of this.orderSensitive) factsOf(file).isOrderSensitive = true;
    for (const file of this.input.files) {
      const entry = factsOf(file.fileName);
      for (const cls of outlineOf(file).implementers) {
        for (const iface of this.implementedInterfaces(cls)) entry.implementsFrom.add(iface.getSourceFile().fileName);
      }
    }
    return facts;
  }

  private moduleVariableFile(symbol: ts.Symbol): ts.SourceFile | undefined {
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
    if (!declaration) return undefined;
    let node: ts.Node = declaration;
    if (ts.isBindingElement(node)) {
      while (ts.isBindingElement(node) || ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node)) node = node.parent;
    }
    if (!ts.isVariableDeclaration(node)) return undefined;
    const statement = node.parent?.parent;
    if (!statement || !ts.isVariableStatement(statement) || !ts.isSourceFile(statement.parent)) return undefined;
    return this.input.isProjectFile(statement.parent) ? statement.parent : undefined;
  }

  private fieldWritersOf(cls: ts.ClassLikeDeclaration): Map<string, FunctionNode[]> {
    let writers = this.fieldWriters.get(cls);
    if (writers) return writers;
    const found = new Map<string, FunctionNode[]>();
    this.fieldWriters.set(cls, found);
    for (const member of cls.members) {
      const fn = this.resolver.functionOf(member);
      if (!fn) continue;
      const visit = (node: ts.Node): void => {
        // this.x = …, this.x += …, this.x.push(…)
        let target: ts.Expression | undefined;
        if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) target = node.left;
        else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && STORING_METHODS.has(node.expression.name.text)) target = node.expression.expression;
        if (target && ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword) {
          const list = found.get(target.name.text) ?? [];
          if (!list.includes(fn)) list.push(fn);
          found.set(target.name.text, list);
        }
        ts.forEachChild(node, visit);
      };
      visit(fn);
    }
    writers = found;
    return writers;
  }

  private implementationsOf(iface: ts.InterfaceDeclaration, method: string): readonly FunctionNode[] {
    if (!this.interfaceIndexBuilt) this.buildInterfaceIndex();
    const out: FunctionNode[] = [];
    for (const cls of this.interfaceImpls.get(iface) ?? []) {
      for (const member of cls.members) {
        if (member.name && staticPropertyName(member.name) === method) {
          const fn = this.resolver.functionOf(member);
          if (fn) out.push(fn);
        }
      }
    }
    return out;
  }

  private buildInterfaceIndex(): void {
    this.interfaceIndexBuilt = true;
    for (const file of this.input.files) {
      for (const node of outlineOf(file).implementers) {
        for (const declaration of this.implementedInterfaces(node)) {
          let list = this.interfaceImpls.get(declaration);
          if (!list) this.interfaceImpls.set(declaration, (list = []));
          list.push(node);
        }
      }
    }
  }

  /** The project interfaces a class declares it implements. */
  private implementedInterfaces(node: ts.ClassLikeDeclaration): ts.InterfaceDeclaration[] {
    const out: ts.InterfaceDeclaration[] = [];
    for (const clause of node.heritageClauses ?? []) {
      if (clause.token !== ts.SyntaxKind.ImplementsKeyword) continue;
      for (const type of clause.types) {
        const nameNode = ts.isPropertyAccessExpression(type.expression) ? type.expression.name : type.expression;
        const symbol = this.resolver.symbolAt(nameNode);
        if (!symbol) continue;
        for (const declaration of this.resolver.projectDeclarations(symbol)) if (ts.isInterfaceDeclaration(declaration)) out.push(declaration);
      }
    }
    return out;
  }
}

/** A fresh analysis of a whole program (the CLI). */
export function analyseProgram(input: DataflowInput): Promise<DataflowResult> {
  return new DataflowSession().analyse(input);
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

function fileOf(owner: Owner): string {
  return ts.isSourceFile(owner) ? owner.fileName : owner.getSourceFile().fileName;
}

/** A function (or a file's module code) named by its file and offset, which stay as they are while the file does. */
export function ownerKey(owner: FunctionNode | ts.SourceFile): string {
  return ts.isSourceFile(owner) ? owner.fileName : `${owner.getSourceFile().fileName}\u0000${owner.pos}`;
}

/** The file a function, store or module-code key (`ownerKey`, stable store keys) belongs to. */
export function fileOfKey(key: string): string {
  const end = key.indexOf('\u0000');
  return end < 0 ? key : key.slice(0, end);
}

function stableFieldKey(cls: ts.ClassLikeDeclaration, name: string): string {
  return `${cls.getSourceFile().fileName}\u0000f${cls.pos}\u0000${name}`;
}

function stableModuleKey(file: ts.SourceFile, symbol: ts.Symbol): string {
  const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
  return `${file.fileName}\u0000m${declaration?.pos ?? -1}\u0000${symbol.name}`;
}

/** Per parsed file (unchanged files keep their `SourceFile` between analyses, so this is walked once). */
interface FileOutline {
  /** Functions analysed once and summarised: module-level functions and class members (closures are inlined). */
  readonly functions: readonly FunctionNode[];
  /** Classes with an `implements` clause. */
  readonly implementers: readonly ts.ClassLikeDeclaration[];
}

const outlines = new WeakMap<ts.SourceFile, FileOutline>();

function outlineOf(file: ts.SourceFile): FileOutline {
  const cached = outlines.get(file);
  if (cached) return cached;
  const functions: FunctionNode[] = [];
  const implementers: ts.ClassLikeDeclaration[] = [];
  // A loop, not recursion: a generated 3,000-term concatenation is a syntax tree 3,000 levels deep.
  const pending: ts.Node[] = [file];
  while (pending.length) {
    const node = pending.pop()!;
    if (ts.isFunctionLike(node) && 'body' in node && node.body && isSummarised(node as FunctionNode)) functions.push(node as FunctionNode);
    if (ts.isClassLike(node) && node.heritageClauses?.some((clause) => clause.token === ts.SyntaxKind.ImplementsKeyword)) implementers.push(node);
    const children: ts.Node[] = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    for (let index = children.length - 1; index >= 0; index--) pending.push(children[index]!);
  }
  const outline = { functions, implementers };
  outlines.set(file, outline);
  return outline;
}

const objectIds = new WeakMap<object, number>();
let nextObjectId = 1;
function objectId(object: object): number {
  let id = objectIds.get(object);
  if (id === undefined) objectIds.set(object, (id = nextObjectId++));
  return id;
}

function fieldKey(cls: ts.ClassLikeDeclaration, name: string): string {
  return `f${objectId(cls)}.${name}`;
}

function moduleKey(symbol: ts.Symbol): string {
  return `m${objectId(symbol)}`;
}

function valueSize(value: Value, depth = 0): number {
  let size = (deepTaint(value)?.size ?? 0) + (value.api?.length ?? 0) + (value.fns?.length ?? 0) + (value.classes?.length ?? 0);
  if (depth < 3 && value.fields) for (const field of value.fields.values()) size += valueSize(field, depth + 1);
  return size;
}
