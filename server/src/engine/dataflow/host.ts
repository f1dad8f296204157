/**
 * Stage: dataflow (what the walk of a function shares).
 * Input: nothing; the contract between the interpreter, the modules it dispatches to and the whole-program analysis.
 * Output: `AnalysisHost` (what a walk needs from the whole-program analysis: rules, resolver, summaries of callees,
 * stores), `Walker` (what the statement, expression, member, assignment and call modules need of the interpreter
 * walking a function: its state, and `eval`, `exec` and `invoke` to call back into it), and the small types they
 * pass around (`Box`, `Effects`, `InlineContext`, `Callee`).
 * Invariant: types only. Every dataflow module may import this one, so none needs to import another that imports
 * it back: the interpreter imports the modules it dispatches to, and they reach it only through `Walker`.
 */
import type { ts } from 'ts-morph';
import type { CompiledRule } from '../facts/compile-models';
import type { Resolver } from './resolve';
import type { FlowState } from './state';
import type { DeferredCall, PendingReach, Summary } from './summary';
import type { FieldOwner, FnValue, FunctionNode, GuardFact, Value } from './value';

export interface Budget {
  readonly maxInlineDepth: number;
  readonly maxCallDepth: number;
  hit(kind: string, where: ts.Node): void;
}

/** What an interpreter needs from the whole-program analysis. */
export interface AnalysisHost {
  readonly resolver: Resolver;
  readonly rules: readonly CompiledRule[];
  /** Rules with guard models (consent checks), the only ones for which conditions are classified. */
  readonly guardRules: readonly CompiledRule[];
  readonly budget: Budget;
  summaryOf(fn: FunctionNode): Summary;
  /** Value of a module-level variable (EMPTY while unknown); undefined for anything else. */
  moduleValue(symbol: ts.Symbol): Value | undefined;
  isModuleVariable(symbol: ts.Symbol): boolean;
  /** A module-level variable assigned from inside a function: joined into what every reader sees. */
  writeModuleValue(symbol: ts.Symbol, value: Value): void;
  /**
   * What a project module exports as values (module-exports.ts): what its code assigned to `module.exports`, its
   * fields (`exports.x = …`) and `default` (`export default …`); EMPTY while unknown. Its module code runs first.
   */
  moduleExports(file: ts.SourceFile): Value;
  /** An assignment to a module's exports, joined into what every reader sees. */
  writeModuleExports(file: ts.SourceFile, value: Value): void;
  /** A field of a class's instances, or of a shared object (a component's `this`, a `ref()` cell): a store. */
  readClassField(cls: FieldOwner, name: string): Value | undefined;
  /** The stored value without counting as a read (for writes that join into it). */
  peekClassField(cls: FieldOwner, name: string): Value | undefined;
  writeClassField(cls: FieldOwner, name: string, value: Value): void;
  /** An undeclared name assigned in a script (`faceSrc = canvas.toDataURL()`): a global variable every reader sees. */
  implicitGlobal(name: string): Value | undefined;
  writeImplicitGlobal(name: string, value: Value): void;
  recordCallSite(callee: FunctionNode, caller: FunctionNode | ts.SourceFile, site: ts.Node, guards: ReadonlySet<string>): void;
  noteEscape(fn: FunctionNode): void;
  noteKnownFunction(kind: 'guard' | 'sanitizer', rule: string, name: string, fn: FunctionNode | undefined, receiver?: string): void;
  /** A module-wide redaction (`Sentry.init({ beforeSend })`): sinks of that API root mask these field paths. */
  addModuleRedaction(rule: string, root: string, paths: readonly string[]): void;
  /** Implementations of an interface method (NestJS-style injection of an interface type). */
  implementationsOf(iface: ts.InterfaceDeclaration, method: string): readonly FunctionNode[];
}

/** Effects that closures analysed in place share with the function that contains them. */
export interface Effects {
  /** Closures created while walking the function, with the state they were created in. */
  readonly closures: { readonly node: FunctionNode; readonly state: FlowState }[];
  /** Closures that were run (as callbacks, handlers or direct calls). */
  readonly invoked: Set<FunctionNode>;
  readonly reaches: PendingReach[];
  readonly paramWrites: { index: number; path: readonly string[]; value: Value }[];
  readonly fieldWrites: { cls: FieldOwner; path: readonly string[]; value: Value }[];
  readonly deferred: DeferredCall[];
  /** Rules whose sanitizer (a model's, or a summarised callee's) the walk applied to data. */
  readonly sanitizes: Set<string>;
}

export interface InlineContext {
  readonly args: readonly Value[];
  readonly thisValue: Value;
  readonly parent: FlowState;
  readonly effects: Effects;
  readonly depth: number;
  /** The summarised function the closure belongs to (for call-site records and parameter writes). */
  readonly owner: FunctionNode | ts.SourceFile;
  readonly ownerParams: ReadonlyMap<ts.Symbol, number>;
}

/** Where a function runs from: a call, a construction, or a getter read. */
export type CallSiteNode = ts.CallExpression | ts.NewExpression | ts.PropertyAccessExpression;

export type CallNode = ts.CallExpression | ts.NewExpression;

/** The state at the point being walked; an expression that branches inside (`a && b`) replaces it. */
export interface Box {
  state: FlowState;
}

/** A loop or `switch` open at the point being walked: the states that leave it by `break` or `continue`. */
export interface LoopFrame {
  breaks: FlowState[];
  continues: FlowState[];
}

/** What is called: its value, and for a method call the receiver and the names along it. */
export interface Callee {
  readonly value: Value;
  readonly receiver?: Value;
  readonly receiverNode?: ts.Expression;
  readonly name?: string;
  readonly receiverNames?: readonly string[];
}

/** What a closure walked in place gives back: its value, and the guards at its returns (see `Summary`). */
export interface InlineResult {
  readonly ret: Value;
  readonly guardsOnReturn: readonly GuardFact[];
  readonly guardsOnPass: readonly GuardFact[];
}

/** The walk of one function body as the modules the interpreter dispatches to see it (`Interpreter` is one). */
export interface Walker {
  readonly host: AnalysisHost;
  readonly resolver: Resolver;
  /** The function (or a file's module code) being walked; for a closure run in place, the closure. */
  readonly fn: FunctionNode | ts.SourceFile;
  /** Set for a closure walked in place with its caller's state and actual arguments. */
  readonly inline?: InlineContext;
  readonly effects: Effects;
  /** Parameters of the summarised function: symbol → index (shared with closures). */
  readonly params: ReadonlyMap<ts.Symbol, number>;
  readonly thisValue: Value;
  /** The summarised function the walk belongs to (for call-site records and parameter writes). */
  readonly owner: FunctionNode | ts.SourceFile;
  /** How many closures deep this walk is run in place. */
  readonly depth: number;
  /** The class the walked function is a member of. */
  readonly cls: ts.ClassLikeDeclaration | undefined;
  /** Loops and switches open at the point being walked, innermost last. */
  readonly loops: LoopFrame[];
  /** Per open `try` block, innermost last: the states it throws from. */
  readonly tryCatchStates: FlowState[][];
  eval(node: ts.Expression, box: Box): Value;
  exec(statement: ts.Statement, state: FlowState): FlowState;
  execStatements(statements: readonly ts.Statement[], state: FlowState): FlowState;
  /** A way out of the function (`return`, the end of an expression body, a `yield`) with its value. */
  recordReturn(value: Value, state: FlowState, implicit?: boolean): void;
  /** A strong check met on the way (to name a check that comes after the sink it should protect). */
  noteSeenGuard(fact: GuardFact): void;
  /** Calls a function value: closures are walked in place, project functions through their summaries. */
  invoke(fn: FnValue, args: readonly Value[], thisValue: Value, node: CallSiteNode, box: Box): Value;
  /**
   * The rest of a call once its callee and arguments are known (calls.ts): a call through a parameter, recorded in a
   * summary, is completed here at each call site of its function.
   */
  completeCall(node: CallNode, callee: Callee, args: Value[], box: Box, isNew: boolean, guardOverride?: ReadonlySet<string>): Value;
  /** A walker for a closure run in place, sharing this walk's effects. */
  closureWalker(fn: FunctionNode, context: InlineContext): { runInline(): InlineResult };
  /** Whether a closure called here may still be walked in place (the inline-depth budget). */
  canInline(): boolean;
}
