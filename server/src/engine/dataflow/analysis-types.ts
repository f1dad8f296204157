/**
 * Stage: dataflow (the whole-program analysis's input, result and records).
 * Input: nothing; the types program-analysis.ts, the scheduler, the summary store and the result collection share.
 * Output: `DataflowInput` and `DataflowResult` (with `CompleteReach`, `FileFacts` for the scan cache and
 * `OutsideKnowledge` of files a partial analysis leaves out), and `SummaryRecord`, a summary kept with what it
 * depended on, as `Frame` collects it while the summary is computed.
 * Invariant: types only. A record names its dependencies by syntax node while the program lives; `FileFacts` name
 * them by file and offset, which outlive the syntax trees.
 */
import type { ts } from 'ts-morph';
import type { CompiledRule } from '../facts/compile-models';
import type { KnownUseCount } from '../findings/known-functions';
import type { SinkSite, Summary } from './summary';
import type { Label, Step } from './taint';
import type { FunctionNode, GuardFact } from './value';

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

export interface ModuleRedaction {
  readonly rule: string;
  readonly root: string;
  readonly paths: readonly string[];
}

/** Whose summary: a function, or a file's module code. */
export type Owner = FunctionNode | ts.SourceFile;

export interface KnownUse {
  readonly kind: 'guard' | 'sanitizer';
  readonly rule: string;
  readonly name: string;
  readonly node: FunctionNode | undefined;
  readonly receiver?: string;
}

/** A summary and what it depended on. */
export interface SummaryRecord {
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

/** What is collected while one owner's summary is being computed. */
export interface Frame {
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
