/**
 * Stage: dataflow (whole program): the entry point of the dataflow stage.
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
 * The work is done by the scheduler (scheduler.ts) over the session's summary store (summary-store.ts); the result
 * is collected by collect.ts. This module keeps the session and names the stage's input and result types.
 */
import { ts } from 'ts-morph';
import type { CompiledRule } from '../facts/compile-models';
import type { DataflowInput, DataflowResult } from './analysis-types';
import { ProgramAnalysis } from './scheduler';
import { SummaryStore } from './summary-store';

export type { CompleteReach, DataflowInput, DataflowResult, FileFacts, ModuleRedaction, OutsideKnowledge } from './analysis-types';
export { fileOfKey, ownerKey } from './store-keys';

/** Keeps summaries and stores between analyses of the same folder (the language server's workspace). */
export class DataflowSession {
  private readonly store = new SummaryStore();
  private rules: readonly CompiledRule[] = [];
  /** The project files a parsed file imports, kept while the set of files stays the same (resolution cannot change). */
  private imports = new WeakMap<ts.SourceFile, readonly string[]>();
  private fileSet = '';

  /** Analyses the program; with `changedFiles`, reuses what the changes cannot have affected. */
  analyse(input: DataflowInput, changedFiles?: ReadonlySet<string>): Promise<DataflowResult> {
    const fileSet = input.program.getRootFileNames().join('\u0000');
    if (fileSet !== this.fileSet) {
      this.imports = new WeakMap();
      this.fileSet = fileSet;
    }
    if (!changedFiles || input.rules !== this.rules) {
      this.store.clear();
      this.rules = input.rules;
    } else {
      this.store.invalidate(input.program, changedFiles, new Set(input.files.map((file) => file.fileName)), (file, checker) => this.importsOf(file, checker));
    }
    return new ProgramAnalysis(this.store, input).run();
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
}

/** A fresh analysis of a whole program (the CLI). */
export function analyseProgram(input: DataflowInput): Promise<DataflowResult> {
  return new DataflowSession().analyse(input);
}
