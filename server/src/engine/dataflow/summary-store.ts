/**
 * Stage: dataflow (the summary store).
 * Input: summary records as the scheduler computes them, store writes (class fields, module variables) by the
 * function that makes them, and, between analyses, the files that changed.
 * Output: the kept summaries (with their index, record-index.ts) and the stores' values, each the join of what its
 * writers contributed; on a write that grows a store, the summaries that read it before.
 * Invariant: a store only grows within an analysis. After an edit, the summaries that depend on the changed files
 * (theirs, their importers', their callers', the readers of what they wrote) are dropped together with what they
 * wrote, so that they are computed again from complete inputs.
 */
import type { ts } from 'ts-morph';
import type { Owner, SummaryRecord } from './analysis-types';
import { RecordIndex } from './record-index';
import { type Value, EMPTY, deepTaint, joinValues } from './value';

/** The summaries and stores a session keeps between analyses, and what depends on what among them. */
export class SummaryStore {
  private readonly records = new Map<Owner, SummaryRecord>();
  readonly index = new RecordIndex();
  /** Store key → writer → what that writer contributed. */
  private readonly contributions = new Map<string, Map<Owner, Value>>();
  private readonly joined = new Map<string, Value>();
  private readonly readers = new Map<string, Set<Owner>>();
  /** Files whose module code and functions all have summaries: an analysis after an edit walks past them. */
  private readonly completeFiles = new Set<string>();

  /** Forgets every summary and store (new rules, or a new program). */
  clear(): void {
    this.records.clear();
    this.index.clear();
    this.completeFiles.clear();
    this.contributions.clear();
    this.joined.clear();
    this.readers.clear();
  }

  /**
   * Drops what depends on the changed files: their summaries, their importers', callers and store readers.
   * `importsOf` gives the project files a file imports.
   */
  invalidate(program: ts.Program, changed: ReadonlySet<string>, present: ReadonlySet<string>, importsOf: (file: ts.SourceFile, checker: ts.TypeChecker) => readonly string[]): void {
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
      if (importsOf(file, checker).some((target) => changed.has(target))) dropFile(file.fileName);
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

function valueSize(value: Value, depth = 0): number {
  let size = (deepTaint(value)?.size ?? 0) + (value.api?.length ?? 0) + (value.fns?.length ?? 0) + (value.classes?.length ?? 0) + (value.shared?.length ?? 0);
  if (depth < 3 && value.fields) for (const field of value.fields.values()) size += valueSize(field, depth + 1);
  return size;
}
