/**
 * Stage: dataflow (the scheduler of one analysis).
 * Input: a program's files and rules (`DataflowInput`) and the session's summary store, with what an edit left of it.
 * Output: every function's summary, computed on demand (callees before callers) by walking it with an
 * `Interpreter`, and the run's result (collect.ts), with statistics and the budgets that ran out.
 * Invariant: each summary is computed once per round and kept with what it depended on (callees, stores read and
 * written). Module code comes first, so that the instances and clients it creates are in the stores before methods
 * read them, and within a file writers of a module variable before its readers (writer-order.ts); when a store grows
 * after it was read, its readers and their callers are computed again, for at most `MAX_ROUNDS` rounds, and the
 * last round's summaries are kept. Recursion and call depth are budgets: an empty summary stands in, and the files where the
 * order of analysis mattered are noted. The event loop gets a turn every 25 ms, and cancellation is honoured.
 */
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { CancelledError } from '../errors';
import type { DataflowInput, DataflowResult, Frame, Owner } from './analysis-types';
import { collectFileFacts, completeReaches } from './collect';
import { DeclarationIndex } from './declaration-index';
import { outlineOf } from './file-outline';
import { writersFirst } from './writer-order';
import type { AnalysisHost, Budget } from './host';
import { Interpreter } from './interpreter';
import { Resolver, functionName } from './resolve';
import { exportsKey, fieldKey, fileOf, implicitGlobalKey, moduleKey, stableExportsKey, stableFieldKey, stableImplicitGlobalKey, stableModuleKey } from './store-keys';
import { EMPTY_SUMMARY, type Summary } from './summary';
import type { SummaryStore } from './summary-store';
import { type Value, EMPTY, deepTaint } from './value';

/** Rounds of recomputation when a store grew after it was read. */
const MAX_ROUNDS = 3;

/** One analysis of a program, on top of a session's kept summaries. */
export class ProgramAnalysis {
  private readonly resolver: Resolver;
  private readonly budgetsHit = new Map<string, number>();
  private readonly inProgress = new Set<Owner>();
  private readonly frames: Frame[] = [];
  private readonly stale = new Set<Owner>();
  private readonly passReasons: string[] = [];
  private readonly declarations: DeclarationIndex;
  private computed = 0;
  private readonly internalErrors: { file: string; message: string }[] = [];
  private lastYield = Date.now();
  private readonly host: AnalysisHost;

  /** With `collectFileFacts`: budgets per file, files whose summaries depended on order, stable store keys. */
  private readonly budgetsByFile = new Map<string, Map<string, number>>();
  private readonly orderSensitive = new Set<string>();
  private readonly storeKeys: Map<string, string> | undefined;

  constructor(
    private readonly store: SummaryStore,
    private readonly input: DataflowInput,
  ) {
    this.resolver = new Resolver(input.program, input.program.getTypeChecker(), input.isProjectFile);
    this.declarations = new DeclarationIndex(this.resolver, input);
    this.storeKeys = input.collectFileFacts ? new Map() : undefined;
    if (input.collectFileFacts) {
      const filesOf = new Map<ts.Symbol, readonly string[]>();
      this.resolver.onResolved = (symbol) => {
        const into = this.frames[this.frames.length - 1]?.declarationFiles;
        if (!into) return;
        let files = filesOf.get(symbol);
        if (!files) filesOf.set(symbol, (files = this.declarations.declarationFilesOf(symbol)));
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
        const file = this.declarations.moduleVariableFile(symbol);
        if (!file) return undefined;
        frame()?.callees.add(file);
        if (!this.store.record(file) && !this.inProgress.has(file)) this.summaryOf(file);
        const key = moduleKey(symbol);
        if (this.storeKeys && !this.storeKeys.has(key)) this.storeKeys.set(key, stableModuleKey(file, symbol));
        frame()?.storesRead.add(key);
        return this.store.readStore(key, frame()?.owner) ?? EMPTY;
      },
      moduleExports: (file) => {
        frame()?.callees.add(file);
        if (!this.store.record(file) && !this.inProgress.has(file)) this.summaryOf(file);
        const key = exportsKey(file);
        if (this.storeKeys && !this.storeKeys.has(key)) this.storeKeys.set(key, stableExportsKey(file));
        frame()?.storesRead.add(key);
        return this.store.readStore(key, frame()?.owner) ?? EMPTY;
      },
      writeModuleExports: (file, value) => {
        const key = exportsKey(file);
        if (this.storeKeys && !this.storeKeys.has(key)) this.storeKeys.set(key, stableExportsKey(file));
        this.write(key, value, `exports of ${path.basename(file.fileName)}`);
      },
      isModuleVariable: (symbol) => this.declarations.moduleVariableFile(symbol) !== undefined,
      writeModuleValue: (symbol, value) => {
        const key = moduleKey(symbol);
        if (this.storeKeys && !this.storeKeys.has(key)) {
          const file = this.declarations.moduleVariableFile(symbol);
          if (file) this.storeKeys.set(key, stableModuleKey(file, symbol));
        }
        this.write(key, value, `module variable ${symbol.name}`);
      },
      readClassField: (cls, name) => {
        // Summarise the members that write this field first (the constructor that connects the client, the
        // `start()` that sets the timer), so that one round usually sees every write before the reads.
        for (const writer of this.declarations.fieldWritersOf(cls).get(name) ?? []) {
          if (!this.store.record(writer) && !this.inProgress.has(writer)) this.summaryOf(writer);
        }
        const key = fieldKey(cls, name);
        if (this.storeKeys && !this.storeKeys.has(key)) this.storeKeys.set(key, stableFieldKey(cls, name));
        frame()?.storesRead.add(key);
        return this.store.readStore(key, frame()?.owner);
      },
      peekClassField: (cls, name) => this.store.peekStore(fieldKey(cls, name)),
      writeClassField: (cls, name, value) => {
        const key = fieldKey(cls, name);
        if (this.storeKeys && !this.storeKeys.has(key)) this.storeKeys.set(key, stableFieldKey(cls, name));
        this.write(key, value, `field ${ts.isClassLike(cls) ? (cls.name?.text ?? '(class)') : ts.isCallExpression(cls) ? cls.expression.getText().slice(0, 30) + '()' : '(component)'}.${name}`);
      },
      implicitGlobal: (name) => {
        // Only names some file assigns can hold anything: the other globals (`console`, `wx`) are not read as stores.
        if (!this.declarations.isAssignedName(name)) return undefined;
        const key = implicitGlobalKey(name);
        if (this.storeKeys && !this.storeKeys.has(key)) this.storeKeys.set(key, stableImplicitGlobalKey(name));
        frame()?.storesRead.add(key);
        return this.store.readStore(key, frame()?.owner);
      },
      writeImplicitGlobal: (name, value) => {
        const key = implicitGlobalKey(name);
        if (this.storeKeys && !this.storeKeys.has(key)) this.storeKeys.set(key, stableImplicitGlobalKey(name));
        this.write(key, value, `global ${name}`);
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
      implementationsOf: (iface, method) => this.declarations.implementationsOf(iface, method),
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
        if (this.store.isComplete(file)) continue;
        await this.pause();
        this.summaryOf(file);
      }
      let done = 0;
      for (const file of this.input.files) {
        if (!this.store.isComplete(file)) {
          await this.pause();
          for (const fn of writersFirst(file, outlineOf(file).functions)) this.summaryOf(fn);
          this.store.markComplete(file);
        }
        done++;
        if (rounds === 0) this.input.onFileDone?.(done, this.input.files.length);
      }
      if (this.stale.size === 0) break;
      if (rounds === MAX_ROUNDS - 1) {
        // Out of passes: the last pass's summaries stay, with what they found, rather than being forgotten unread.
        this.budgetsHit.set('passes', (this.budgetsHit.get('passes') ?? 0) + 1);
        this.stale.clear();
        break;
      }
      this.recomputeStale();
    }
    return this.collect(Math.min(rounds + 1, MAX_ROUNDS));
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
      for (const caller of this.store.index.callers.get(owner) ?? []) {
        if (!drop.has(caller)) {
          drop.add(caller);
          queue.push(caller);
        }
      }
    }
    this.stale.clear();
    for (const owner of drop) this.store.forgetSummary(owner);
  }

  private write(key: string, value: Value, what: string): void {
    const owner = this.frames[this.frames.length - 1]?.owner;
    if (!owner) return;
    this.frames[this.frames.length - 1]!.storesWritten.add(key);
    const labelsBefore = deepTaint(this.store.peekStore(key) ?? EMPTY)?.size ?? 0;
    const readers = this.store.writeStore(key, owner, value);
    if (!readers) return;
    // The writer itself too, when it read the store before the write added data to it: a component whose handler
    // sets the state (`setPhoto(shot)`) that another of its closures reads (`upload(photo)`) is walked again with
    // it. Not for anything else it adds (`list.filter(…)` of a list it read grows the API ref with every walk).
    const addsData = readers.has(owner) && (deepTaint(this.store.peekStore(key) ?? EMPTY)?.size ?? 0) > labelsBefore;
    for (const reader of readers) if (reader !== owner || addsData) this.stale.add(reader);
    if (this.passReasons.length < 5 && !this.passReasons.includes(what)) this.passReasons.push(what);
  }

  private summaryOf(owner: Owner): Summary {
    const existing = this.store.record(owner);
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
    this.store.setRecord(owner, {
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
    const reaches = completeReaches(this.store, this.input);
    return {
      reaches,
      internalErrors: this.internalErrors,
      functionsSummarised: this.store.recordCount,
      functionsComputed: this.computed,
      passes,
      passReasons: this.passReasons,
      budgetsHit: this.budgetsHit,
      knownUses: this.store.index.knownUsesByFile(),
      fileFacts: this.input.collectFileFacts
        ? collectFileFacts(this.store, this.input, { budgetsByFile: this.budgetsByFile, orderSensitive: this.orderSensitive, storeKeys: this.storeKeys }, this.declarations)
        : undefined,
    };
  }
}
