/**
 * Stage: dataflow (intraprocedural interpreter).
 * Input: one function body (or a module's top-level statements), the program's analysis host (rules, resolver,
 * summaries of callees) and, for closures analysed in place, the caller's state and actual arguments.
 * Output: the function's `Summary` (or, inline, its return value), with every sink reach recorded.
 * Invariant: flow-sensitive over the AST: values of variables follow assignments; a guard holds at a point only if
 * it holds on every path to it (branches that return or throw drop out of merges); loops are walked twice, which
 * is enough for taint to cross one back edge. The raw compiler API is used throughout: this is the hot path.
 */
import { ts } from 'ts-morph';
import { type ApiRef, CALL, extendApiRef, memberSegment } from '../facts/api-ref';
import { type CompiledRule, matchGuardTokens } from '../facts/compile-models';
import { METADATA_PROPERTIES } from '../facts/builtin-members';
import { guardTokens, isClientInput, isDenialLiteral } from '../facts/guard-words';
import { personWords, testsAnotherPerson } from '../facts/person-words';
import { isQueryDelegate } from '../facts/query-delegates';
import { type Resolver, accessChainNames, functionName, isSummarised, literalKey, skipOuter, staticPropertyName } from './resolve';
import { FlowState } from './state';
import {
  type CallActuals,
  type DeferredCall,
  type PendingReach,
  type Summary,
  hasSymbolicLabels,
  paramLabel,
} from './summary';
import {
  type Cond,
  type FunctionNode,
  type GuardFact,
  type Value,
  EMPTY,
  compact,
  deepTaint,
  elementOf,
  flatten,
  intersectFacts,
  isEmptyValue,
  joinBranches,
  joinValues,
  readField,
  removeRule,
  stripSymbolic,
  taintOnly,
  unionFacts,
  withStep,
  writeField,
} from './value';
import { evaluateCall, evaluateNew, invokeFunctionValue } from './call-evaluation';
import { type Label, type SourceDetail, makeTaint, mergeTaint, sourceLabel } from './taint';

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
  readClassField(cls: ts.ClassLikeDeclaration, name: string): Value | undefined;
  /** The stored value without counting as a read (for writes that join into it). */
  peekClassField(cls: ts.ClassLikeDeclaration, name: string): Value | undefined;
  writeClassField(cls: ts.ClassLikeDeclaration, name: string, value: Value): void;
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
  readonly fieldWrites: { cls: ts.ClassLikeDeclaration; path: readonly string[]; value: Value }[];
  readonly deferred: DeferredCall[];
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

export interface Box {
  state: FlowState;
}

interface LoopFrame {
  breaks: FlowState[];
  continues: FlowState[];
}

const NO_GUARANTEE: Value = Object.freeze({ cond: Object.freeze({ whenTrue: [], whenFalse: [] }) });

export class Interpreter {
  readonly effects: Effects;
  private retValue: Value = EMPTY;
  /** Where the function left through `return` (or its expression body ended), merged. */
  private exitState = FlowState.unreachable();
  /** Strong checks met while walking this function (to name a check that came too late). */
  private readonly seenGuards: GuardFact[] = [];
  private returnGuards: Map<string, GuardFact> | undefined;
  private returnConds: Cond[] = [];
  private readonly loops: LoopFrame[] = [];
  private readonly tryCatchStates: FlowState[][] = [];
  /** Parameters of the summarised function: symbol → index (shared with closures). */
  readonly params: ReadonlyMap<ts.Symbol, number>;
  readonly thisValue: Value;
  readonly owner: FunctionNode | ts.SourceFile;
  readonly depth: number;
  private readonly cls: ts.ClassLikeDeclaration | undefined;

  constructor(
    readonly host: AnalysisHost,
    readonly fn: FunctionNode | ts.SourceFile,
    readonly inline?: InlineContext,
  ) {
    this.effects = inline?.effects ?? { closures: [], invoked: new Set(), reaches: [], paramWrites: [], fieldWrites: [], deferred: [] };
    this.owner = inline?.owner ?? fn;
    this.depth = inline?.depth ?? 0;
    this.cls = enclosingClass(fn);
    if (inline) {
      this.params = inline.ownerParams;
      this.thisValue = ts.isArrowFunction(fn) ? inline.thisValue : inline.thisValue;
    } else {
      const params = new Map<ts.Symbol, number>();
      if (!ts.isSourceFile(fn)) {
        fn.parameters.forEach((parameter, index) => {
          const symbol = ts.isIdentifier(parameter.name) ? host.resolver.declaredSymbol(parameter.name) : undefined;
          if (symbol) params.set(symbol, index);
        });
      }
      this.params = params;
      this.thisValue = this.cls ? compact({ classes: [this.cls], api: host.resolver.externalBaseInstances(this.cls) }) : EMPTY;
    }
  }

  get resolver(): Resolver {
    return this.host.resolver;
  }

  // ─── entry points ────────────────────────────────────────────────────────────

  /** Walks the function with symbolic parameters and returns its summary. */
  summarise(): Summary {
    const state = FlowState.initial();
    const box: Box = { state };
    if (!ts.isSourceFile(this.fn)) {
      this.fn.parameters.forEach((parameter, index) => {
        const symbolic: Value = { taint: makeTaint([paramLabel(index)]) };
        this.bindParameter(parameter, symbolic, box, true);
      });
      this.bindParameterProperties(box);
    }
    const end = this.runBody(box.state);
    const guardsOnReturn = this.finishReturns(end);
    this.runUninvokedClosures();
    return {
      ret: this.retValue,
      reaches: this.noteLateChecks(this.effects.reaches),
      guardsOnReturn,
      retCond: this.returnConds.length > 0 ? this.returnConds.reduce(intersectCond) : undefined,
      paramWrites: this.effects.paramWrites,
      fieldWrites: this.effects.fieldWrites,
      deferred: this.effects.deferred,
    };
  }

  /** Walks a closure in place with actual arguments; returns its return value and writes outer variables back. */
  runInline(): { ret: Value; guardsOnReturn: readonly GuardFact[] } {
    const inline = this.inline!;
    const fn = this.fn as FunctionNode;
    const box: Box = { state: inline.parent.clone() };
    fn.parameters.forEach((parameter, index) => {
      let value = inline.args[index] ?? EMPTY;
      if (parameter.dotDotDotToken) value = { elem: inline.args.slice(index).reduce((acc, arg) => joinValues(acc, arg), EMPTY) };
      this.bindParameter(parameter, value, box, false);
    });
    const end = this.runBody(box.state);
    const guardsOnReturn = this.finishReturns(end);
    // Closures share variables with their enclosing function: what they assign to outer variables flows back,
    // from every way out of the closure (`(event) => chunks.push(event.data)` returns at once).
    const exit = this.exitState.merge(end);
    for (const [symbol, before] of inline.parent.vars) {
      const after = exit.reachable ? exit.get(symbol) : undefined;
      const returned = after ?? before;
      if (returned !== before) inline.parent.set(symbol, joinValues(before, returned));
    }
    return { ret: this.retValue, guardsOnReturn };
  }

  /**
   * Closures nothing here ran (returned from a React hook, handed to JSX, kept for later) still run some day: walk
   * each once, from the state it was created in, with unknown arguments.
   */
  private runUninvokedClosures(): void {
    for (let index = 0; index < this.effects.closures.length && index < 200; index++) {
      const { node, state } = this.effects.closures[index]!;
      if (this.effects.invoked.has(node) || isSummarised(node) || !this.canInline()) continue;
      this.effects.invoked.add(node);
      const closure = new Interpreter(this.host, node, {
        args: [],
        thisValue: this.thisValue,
        parent: state.reachable ? state.clone() : FlowState.initial(),
        effects: this.effects,
        depth: this.depth + 1,
        owner: this.owner,
        ownerParams: this.params,
      });
      closure.runInline();
    }
  }

  /**
   * `save(face); if (!c.faceConsent) throw …`: a check that comes after the write protects nothing, but the message
   * should say it was seen, so it is attached to the unprotected reaches before it as a weak check.
   */
  private noteLateChecks(reaches: readonly PendingReach[]): PendingReach[] {
    if (this.seenGuards.length === 0) return [...reaches];
    return reaches.map((reach) => {
      if (reach.guarded || reach.weak.length > 0) return reach;
      const late = this.seenGuards.filter((fact) => fact.rule === reach.rule && fact.node.getSourceFile() === reach.sink.node.getSourceFile() && fact.node.pos > reach.sink.node.end);
      return late.length ? { ...reach, weak: late.slice(0, 1).map((fact) => ({ ...fact, weakReason: 'notDominating' })) } : reach;
    });
  }

  private runBody(state: FlowState): FlowState {
    const fn = this.fn;
    if (ts.isSourceFile(fn)) return this.execStatements(fn.statements, state);
    const body = fn.body;
    if (!body) return state;
    if (ts.isBlock(body)) return this.execStatements(body.statements, state);
    const box: Box = { state };
    const value = this.eval(body, box);
    this.recordReturn(value, box.state);
    return FlowState.unreachable();
  }

  private finishReturns(end: FlowState): readonly GuardFact[] {
    if (end.reachable) this.recordReturn(EMPTY, end, true);
    return this.returnGuards ? [...this.returnGuards.values()] : [];
  }

  private recordReturn(value: Value, state: FlowState, implicit = false): void {
    this.exitState = this.exitState.merge(state);
    this.retValue = joinValues(this.retValue, value);
    if (!implicit) this.returnConds.push(value.cond ?? { whenTrue: [], whenFalse: [] });
    if (!this.returnGuards) {
      this.returnGuards = new Map(state.guards);
    } else {
      for (const rule of [...this.returnGuards.keys()]) if (!state.guards.has(rule)) this.returnGuards.delete(rule);
    }
  }

  // ─── bindings ────────────────────────────────────────────────────────────────

  private bindParameterProperties(box: Box): void {
    const fn = this.fn;
    if (!ts.isConstructorDeclaration(fn) || !this.cls) return;
    for (const parameter of fn.parameters) {
      if (!ts.isIdentifier(parameter.name)) continue;
      const isProperty = ts.getModifiers(parameter)?.some((modifier) =>
        [ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.PublicKeyword, ts.SyntaxKind.ProtectedKeyword, ts.SyntaxKind.ReadonlyKeyword].includes(modifier.kind),
      );
      if (!isProperty) continue;
      const symbol = this.resolver.declaredSymbol(parameter.name);
      const value = symbol ? box.state.get(symbol) : undefined;
      // Only what callers pass is news: the declared type is read from the declaration by every reader.
      if (value) this.recordFieldWrite([parameter.name.text], value);
    }
  }

  private bindParameter(parameter: ts.ParameterDeclaration, value: Value, box: Box, symbolic: boolean): void {
    let bound = value;
    const typed = this.resolver.typeTargets(parameter.type);
    if (typed.api.length || typed.classes.length) {
      bound = joinValues(bound, compact({ api: typed.api, classes: typed.classes }));
    }
    if (parameter.initializer) {
      const initial = this.eval(parameter.initializer, box);
      bound = joinValues(bound, this.markDefaultTrue(parameter.initializer, initial));
      // `hideMiddle(value, head = 3, tail = 4)`: reading the helper's masking assumes the defaults.
      if (initial.num !== undefined) bound = compact({ ...bound, num: initial.num });
    }
    void symbolic;
    this.bindName(parameter.name, bound, box, parameter.type);
  }

  /** Binds a declaration name or destructuring pattern to a value. */
  bindName(name: ts.BindingName, value: Value, box: Box, type?: ts.TypeNode): void {
    if (ts.isIdentifier(name)) {
      const symbol = this.resolver.declaredSymbol(name);
      if (!symbol) return;
      let bound = this.addNameSource(value, name.text, name, type);
      bound = this.addNameGuard(bound, [name.text], name);
      box.state.set(symbol, bound);
      if (ts.isSourceFile(this.fn) && !this.inline && this.host.isModuleVariable(symbol)) this.host.writeModuleValue(symbol, bound);
      return;
    }
    if (ts.isObjectBindingPattern(name)) {
      const used: string[] = [];
      for (const element of name.elements) {
        if (element.dotDotDotToken) {
          this.bindName(element.name, omitFields(value, used), box);
          continue;
        }
        const key = element.propertyName ? staticPropertyName(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
        let fieldValue = key !== undefined ? this.readMember(value, key, element) : flatten(value);
        if (key !== undefined) used.push(key);
        if (element.initializer) fieldValue = joinValues(fieldValue, this.markDefaultTrue(element.initializer, this.eval(element.initializer, box)));
        if (key !== undefined && element.propertyName) fieldValue = this.addNameSource(fieldValue, key, element.propertyName);
        this.bindName(element.name, fieldValue, box);
      }
      return;
    }
    name.elements.forEach((element, index) => {
      if (ts.isOmittedExpression(element)) return;
      let elementValue = element.dotDotDotToken ? value : (value.fields?.get(String(index)) ?? readField(value, String(index)));
      if (element.initializer) elementValue = joinValues(elementValue, this.eval(element.initializer, box));
      this.bindName(element.name, elementValue, box);
    });
  }

  // ─── statements ──────────────────────────────────────────────────────────────

  execStatements(statements: readonly ts.Statement[], state: FlowState): FlowState {
    let current = state;
    // Function declarations are hoisted: nothing to do, they are resolved by symbol when called.
    for (const statement of statements) {
      if (!current.reachable) break;
      current = this.exec(statement, current);
    }
    return current;
  }

  exec(statement: ts.Statement, state: FlowState): FlowState {
    const box: Box = { state };
    switch (statement.kind) {
      case ts.SyntaxKind.ExpressionStatement: {
        const expression = (statement as ts.ExpressionStatement).expression;
        this.eval(expression, box);
        return box.state;
      }
      case ts.SyntaxKind.VariableStatement:
        this.execDeclarationList((statement as ts.VariableStatement).declarationList, box);
        return box.state;
      case ts.SyntaxKind.Block:
        return this.execStatements((statement as ts.Block).statements, state);
      case ts.SyntaxKind.IfStatement:
        return this.execIf(statement as ts.IfStatement, box);
      case ts.SyntaxKind.ReturnStatement: {
        const expression = (statement as ts.ReturnStatement).expression;
        const value = expression ? this.eval(expression, box) : EMPTY;
        if (box.state.reachable) this.recordReturn(withStep(value, statement, 'return', `returned from ${functionName(this.fn)}`), box.state);
        return FlowState.unreachable();
      }
      case ts.SyntaxKind.ThrowStatement: {
        this.eval((statement as ts.ThrowStatement).expression, box);
        this.tryCatchStates[this.tryCatchStates.length - 1]?.push(box.state);
        return FlowState.unreachable();
      }
      case ts.SyntaxKind.TryStatement:
        return this.execTry(statement as ts.TryStatement, state);
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.ForInStatement:
        return this.execForEach(statement as ts.ForOfStatement | ts.ForInStatement, box);
      case ts.SyntaxKind.ForStatement:
        return this.execFor(statement as ts.ForStatement, box);
      case ts.SyntaxKind.WhileStatement:
        return this.execWhile((statement as ts.WhileStatement).expression, (statement as ts.WhileStatement).statement, box, false);
      case ts.SyntaxKind.DoStatement:
        return this.execWhile((statement as ts.DoStatement).expression, (statement as ts.DoStatement).statement, box, true);
      case ts.SyntaxKind.BreakStatement:
        this.loops[this.loops.length - 1]?.breaks.push(state);
        return FlowState.unreachable();
      case ts.SyntaxKind.ContinueStatement:
        this.loops[this.loops.length - 1]?.continues.push(state);
        return FlowState.unreachable();
      case ts.SyntaxKind.SwitchStatement:
        return this.execSwitch(statement as ts.SwitchStatement, box);
      case ts.SyntaxKind.LabeledStatement:
        return this.exec((statement as ts.LabeledStatement).statement, state);
      case ts.SyntaxKind.ExportAssignment:
        this.eval((statement as ts.ExportAssignment).expression, box);
        return box.state;
      case ts.SyntaxKind.ClassDeclaration:
        this.execClassStatics(statement as ts.ClassDeclaration, box);
        return box.state;
      case ts.SyntaxKind.FunctionDeclaration: {
        // A function declared inside a function is a closure: run when called, or at the end if nothing calls it.
        const declared = statement as ts.FunctionDeclaration;
        if (declared.body && !isSummarised(declared) && this.effects.closures.length < 200) this.effects.closures.push({ node: declared, state });
        return state;
      }
      default:
        return state;
    }
  }

  /**
   * Field initializers (`private readonly logger = new Logger('Kiosk')`, `static cache = new Map()`) run when the
   * class is declared, before any method can read them.
   */
  private execClassStatics(cls: ts.ClassDeclaration, box: Box): void {
    for (const member of cls.members) {
      if (!ts.isPropertyDeclaration(member) || !member.initializer) continue;
      const initializer = skipOuter(member.initializer);
      if (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) continue;
      const name = staticPropertyName(member.name);
      if (name !== undefined) this.host.writeClassField(cls, name, stripSymbolic(this.eval(member.initializer, { state: box.state.clone() })));
    }
  }

  execDeclarationList(list: ts.VariableDeclarationList, box: Box): void {
    for (const declaration of list.declarations) {
      if (!declaration.initializer) continue;
      let value = this.eval(declaration.initializer, box);
      value = this.markDefaultTrue(declaration.initializer, value);
      const typed = this.resolver.typeTargets(declaration.type);
      if (typed.api.length || typed.classes.length) value = joinValues(value, compact({ api: typed.api, classes: typed.classes }));
      if (ts.isIdentifier(declaration.name)) value = withStep(value, declaration.name, 'step', `assigned to ${declaration.name.text}`);
      this.bindName(declaration.name, value, box, declaration.type);
    }
  }

  private execIf(statement: ts.IfStatement, box: Box): FlowState {
    const condition = this.eval(statement.expression, box);
    const whenTrue = box.state.withFacts(condition.cond?.whenTrue ?? []);
    const whenFalse = box.state.withFacts(condition.cond?.whenFalse ?? []);
    const afterThen = this.exec(statement.thenStatement, whenTrue);
    const afterElse = statement.elseStatement ? this.exec(statement.elseStatement, whenFalse) : whenFalse;
    return afterThen.merge(afterElse);
  }

  private execTry(statement: ts.TryStatement, state: FlowState): FlowState {
    const throwStates: FlowState[] = [];
    this.tryCatchStates.push(throwStates);
    const afterTry = this.exec(statement.tryBlock, state.clone());
    this.tryCatchStates.pop();
    let result = afterTry;
    if (statement.catchClause) {
      // The catch block can start from anywhere in the try block: approximate by its entry and exit states.
      let catchEntry = state.merge(afterTry);
      for (const thrown of throwStates) catchEntry = catchEntry.merge(thrown);
      // Guards established inside the try do not hold in the catch.
      catchEntry = catchEntry.withGuards(state.guards);
      const afterCatch = this.exec(statement.catchClause.block, catchEntry);
      result = afterTry.merge(afterCatch);
    }
    if (statement.finallyBlock) {
      const entry = result.reachable ? result : state.merge(afterTry);
      const afterFinally = this.exec(statement.finallyBlock, entry.clone());
      result = result.reachable ? afterFinally : FlowState.unreachable();
    }
    return result;
  }

  private runLoopBody(body: ts.Statement, entry: FlowState, bind?: (state: FlowState) => FlowState, condition?: ts.Expression): { exit: FlowState; breaks: FlowState[] } {
    let current = entry;
    let exit = FlowState.unreachable();
    const breaks: FlowState[] = [];
    for (let iteration = 0; iteration < 2; iteration++) {
      let bodyEntry = current.clone();
      if (condition) {
        const box: Box = { state: bodyEntry };
        const value = this.eval(condition, box);
        exit = exit.merge(box.state.withFacts(value.cond?.whenFalse ?? []));
        bodyEntry = box.state.withFacts(value.cond?.whenTrue ?? []);
      } else {
        exit = exit.merge(bodyEntry);
      }
      if (bind) bodyEntry = bind(bodyEntry);
      const frame: LoopFrame = { breaks: [], continues: [] };
      this.loops.push(frame);
      let after = this.exec(body, bodyEntry);
      this.loops.pop();
      for (const state of frame.continues) after = after.merge(state);
      breaks.push(...frame.breaks);
      // Loop-carried values flow into the next iteration; guards are those of the loop entry.
      const next = current.merge(after);
      current = next.withGuards(entry.guards);
    }
    return { exit: condition ? exit.merge(current) : exit.merge(current), breaks };
  }

  private execWhile(condition: ts.Expression, body: ts.Statement, box: Box, isDo: boolean): FlowState {
    if (isDo) {
      const first = this.exec(body, box.state.clone());
      box.state = box.state.merge(first);
    }
    const { exit, breaks } = this.runLoopBody(body, box.state, undefined, condition);
    return breaks.reduce((acc, state) => acc.merge(state), exit);
  }

  private execFor(statement: ts.ForStatement, box: Box): FlowState {
    if (statement.initializer) {
      if (ts.isVariableDeclarationList(statement.initializer)) this.execDeclarationList(statement.initializer, box);
      else this.eval(statement.initializer, box);
    }
    const { exit, breaks } = this.runLoopBody(
      statement.incrementor ? ts.factory.createBlock([statement.statement]) : statement.statement,
      box.state,
      undefined,
      statement.condition,
    );
    if (statement.incrementor) {
      const incrementBox: Box = { state: exit.clone() };
      this.eval(statement.incrementor, incrementBox);
    }
    return breaks.reduce((acc, state) => acc.merge(state), exit);
  }

  private execForEach(statement: ts.ForOfStatement | ts.ForInStatement, box: Box): FlowState {
    const iterable = this.eval(statement.expression, box);
    const element = ts.isForOfStatement(statement) ? elementOf(iterable) : EMPTY;
    const bind = (state: FlowState): FlowState => {
      const inner: Box = { state };
      const initializer = statement.initializer;
      const stepped = withStep(element, initializer, 'step', 'iterated');
      if (ts.isVariableDeclarationList(initializer)) {
        const declaration = initializer.declarations[0];
        if (declaration) this.bindName(declaration.name, stepped, inner);
      } else {
        this.assign(initializer, stepped, inner);
      }
      return inner.state;
    };
    const { exit, breaks } = this.runLoopBody(statement.statement, box.state, bind);
    return breaks.reduce((acc, state) => acc.merge(state), exit);
  }

  private execSwitch(statement: ts.SwitchStatement, box: Box): FlowState {
    this.eval(statement.expression, box);
    const entry = box.state;
    let out = FlowState.unreachable();
    let fallthrough = FlowState.unreachable();
    let hasDefault = false;
    const frame: LoopFrame = { breaks: [], continues: [] };
    this.loops.push(frame);
    for (const clause of statement.caseBlock.clauses) {
      if (ts.isDefaultClause(clause)) hasDefault = true;
      else this.eval(clause.expression, { state: entry.clone() });
      const start = entry.clone().merge(fallthrough);
      fallthrough = this.execStatements(clause.statements, start);
    }
    this.loops.pop();
    // `continue` inside a switch belongs to an enclosing loop.
    this.loops[this.loops.length - 1]?.continues.push(...frame.continues);
    out = out.merge(fallthrough);
    for (const state of frame.breaks) out = out.merge(state);
    if (!hasDefault) out = out.merge(entry);
    return out;
  }

  // ─── expressions ─────────────────────────────────────────────────────────────

  eval(node: ts.Expression, box: Box): Value {
    switch (node.kind) {
      case ts.SyntaxKind.Identifier:
        return this.evalIdentifier(node as ts.Identifier, box);
      case ts.SyntaxKind.ThisKeyword:
        return this.thisValue;
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
        return this.evalStringLiteral(node as ts.StringLiteralLike);
      case ts.SyntaxKind.NumericLiteral:
        return this.evalNumericLiteral(node as ts.NumericLiteral);
      case ts.SyntaxKind.TemplateExpression:
        return this.evalTemplate(node as ts.TemplateExpression, box);
      case ts.SyntaxKind.PropertyAccessExpression:
        return this.evalPropertyAccess(node as ts.PropertyAccessExpression, box);
      case ts.SyntaxKind.ElementAccessExpression:
        return this.evalElementAccess(node as ts.ElementAccessExpression, box);
      case ts.SyntaxKind.CallExpression:
        return evaluateCall(this, node as ts.CallExpression, box);
      case ts.SyntaxKind.NewExpression:
        return evaluateNew(this, node as ts.NewExpression, box);
      case ts.SyntaxKind.AwaitExpression:
        return this.eval((node as ts.AwaitExpression).expression, box);
      case ts.SyntaxKind.ParenthesizedExpression:
      case ts.SyntaxKind.AsExpression:
      case ts.SyntaxKind.NonNullExpression:
      case ts.SyntaxKind.TypeAssertionExpression:
      case ts.SyntaxKind.SatisfiesExpression:
        return this.eval((node as ts.ParenthesizedExpression).expression, box);
      case ts.SyntaxKind.BinaryExpression:
        return this.evalBinary(node as ts.BinaryExpression, box);
      case ts.SyntaxKind.PrefixUnaryExpression:
        return this.evalPrefix(node as ts.PrefixUnaryExpression, box);
      case ts.SyntaxKind.PostfixUnaryExpression:
        this.eval((node as ts.PostfixUnaryExpression).operand, box);
        return EMPTY;
      case ts.SyntaxKind.ConditionalExpression:
        return this.evalConditional(node as ts.ConditionalExpression, box);
      case ts.SyntaxKind.ObjectLiteralExpression:
        return this.evalObjectLiteral(node as ts.ObjectLiteralExpression, box);
      case ts.SyntaxKind.ArrayLiteralExpression:
        return this.evalArrayLiteral(node as ts.ArrayLiteralExpression, box);
      case ts.SyntaxKind.ArrowFunction:
      case ts.SyntaxKind.FunctionExpression:
        if (this.effects.closures.length < 200) this.effects.closures.push({ node: node as FunctionNode, state: box.state });
        return { fns: [{ kind: 'function', node: node as FunctionNode }] };
      case ts.SyntaxKind.TaggedTemplateExpression: {
        const tagged = node as ts.TaggedTemplateExpression;
        this.eval(tagged.tag, box);
        const template = tagged.template;
        return ts.isTemplateExpression(template) ? flatten(this.evalTemplate(template, box)) : EMPTY;
      }
      case ts.SyntaxKind.SpreadElement:
        return this.eval((node as ts.SpreadElement).expression, box);
      case ts.SyntaxKind.YieldExpression: {
        const yielded = (node as ts.YieldExpression).expression;
        if (yielded) {
          const value = this.eval(yielded, box);
          // A generator's yields are what its caller iterates: collect them as array elements of the result.
          this.recordReturn({ elem: value }, box.state);
        }
        return EMPTY;
      }
      case ts.SyntaxKind.TypeOfExpression:
      case ts.SyntaxKind.VoidExpression:
      case ts.SyntaxKind.DeleteExpression:
        this.eval((node as ts.TypeOfExpression).expression, box);
        return EMPTY;
      case ts.SyntaxKind.ClassExpression:
        return EMPTY;
      case ts.SyntaxKind.TrueKeyword:
      case ts.SyntaxKind.FalseKeyword:
        // A literal boolean is a condition that guarantees nothing: joined with a consent check, it weakens it.
        return NO_GUARANTEE;
      case ts.SyntaxKind.NullKeyword:
      case ts.SyntaxKind.UndefinedKeyword:
        return EMPTY;
      default:
        return EMPTY;
    }
  }

  evalIdentifier(node: ts.Identifier, box: Box, knownSymbol?: ts.Symbol): Value {
    const symbol = knownSymbol ?? this.resolver.symbolAt(node);
    if (symbol) {
      const local = box.state.get(symbol);
      if (local) return local;
      const moduleValue = this.host.moduleValue(symbol);
      if (moduleValue && !isEmptyValue(moduleValue)) return moduleValue;
      if (symbol.flags & ts.SymbolFlags.Alias) {
        const ref = this.resolver.importRef(symbol);
        if (ref) return { api: [ref] };
        // `import { auditTrail } from './logging'`: the other module's variable, through any re-exports.
        const target = this.resolver.aliasTarget(symbol);
        const imported = target && this.host.moduleValue(target);
        if (imported && !isEmptyValue(imported)) return imported;
      }
      const fns: { kind: 'function'; node: FunctionNode }[] = [];
      const api: ApiRef[] = [];
      for (const declaration of this.resolver.projectDeclarations(symbol)) {
        const fn = this.resolver.functionOf(declaration);
        if (fn) fns.push({ kind: 'function', node: fn });
        // `class ResidentFace extends Model {}`: `ResidentFace.create(…)` is Sequelize's static `Model.create`.
        if (ts.isClassDeclaration(declaration) || ts.isClassExpression(declaration)) api.push(...this.resolver.externalBaseClasses(declaration));
      }
      if (fns.length || api.length) return compact({ fns, api });
    }
    if (node.text === 'undefined') return EMPTY;
    if (this.resolver.isGlobalName(node, symbol)) return { api: [this.resolver.globalRef(node.text)] };
    return EMPTY;
  }

  private evalStringLiteral(node: ts.StringLiteralLike | ts.TemplateHead | ts.NumericLiteral): Value {
    const text = node.text;
    let taint: ReturnType<typeof makeTaint>;
    for (const rule of this.host.rules) {
      if (!rule.hasLiteralSources) continue;
      const description = rule.matchLiteral(text);
      if (description) {
        taint = mergeTaint(taint, makeTaint([sourceLabel(rule.id, node, description, 'literal')]));
      }
    }
    return compact({ str: text, taint });
  }

  private evalNumericLiteral(node: ts.NumericLiteral): Value {
    // An ID typed as a number (a 9-digit SSN) still matches a literal pattern.
    if (node.text.length < 9) return { num: Number(node.text) };
    const value = this.evalStringLiteral(node);
    return value.taint ? { taint: value.taint } : EMPTY;
  }

  private evalTemplate(node: ts.TemplateExpression, box: Box): Value {
    let taint = this.evalStringLiteral(node.head).taint;
    let text: string | undefined = node.head.text;
    const classes: NonNullable<Value['classes']>[number][] = [];
    for (const span of node.templateSpans) {
      const value = this.eval(span.expression, box);
      taint = mergeTaint(taint, deepTaint(value));
      classes.push(...(value.classes ?? []));
      text = text !== undefined ? text + (value.str ?? '\u0000') + span.literal.text : undefined;
    }
    return compact({ taint: withStep(taintOnly(taint), node, 'step', 'interpolated into a string').taint, str: text, classes });
  }

  private evalPropertyAccess(node: ts.PropertyAccessExpression, box: Box): Value {
    const name = node.name.text;
    const objectNode = skipOuter(node.expression);
    const isThis = objectNode.kind === ts.SyntaxKind.ThisKeyword || objectNode.kind === ts.SyntaxKind.SuperKeyword;
    const object = isThis ? this.thisValue : this.eval(node.expression, box);
    const value = isThis ? this.readThisField(name, node) : this.readMember(object, name, node);
    return joinValues(value, this.callGetters(object, name, node, box));
  }

  /** `visit.snapshot` where `snapshot` is a getter of a project class: its body runs with `this` = the object. */
  private callGetters(object: Value, name: string, node: ts.PropertyAccessExpression, box: Box): Value {
    let result: Value = EMPTY;
    for (const cls of object.classes ?? []) {
      if (!ts.isClassLike(cls)) continue;
      const member = findMember(cls, name);
      if (member && ts.isGetAccessorDeclaration(member) && member.body) {
        result = joinValues(result, this.invoke({ kind: 'function', node: member }, [], object, node, box));
      }
    }
    return result;
  }

  /** `object.name` for any object value: fields, API members, class fields, sources by name, barriers. */
  readMember(object: Value, name: string, node: ts.Node): Value {
    let value = this.readProperty(object, name, node);
    if (object.api) {
      const api = object.api.map((ref) => extendApiRef(ref, memberSegment(name))).filter((ref): ref is ApiRef => !!ref);
      if (api.length) value = joinValues(value, { api });
      if (object.api.some((ref) => ref.root === 'g:globalThis' || ref.root === 'g:window' || ref.root === 'g:self' || ref.root === 'g:global') && object.api.every((ref) => ref.segments.length === 0)) {
        value = joinValues(value, { api: [this.resolver.globalRef(name)] });
      }
    }
    if (object.classes) {
      for (const cls of object.classes) {
        if (!ts.isClassLike(cls)) continue;
        const field = this.classField(cls, name);
        if (field) value = joinValues(value, field);
      }
    }
    if (object.elem && /^\d+$/.test(name)) value = joinValues(value, object.elem);
    if (object.fns && ts.isPropertyAccessExpression(node) === false) return value;
    return value;
  }

  /** Reads a data property: field-sensitive, with name sources and barriers applied. */
  readProperty(object: Value, name: string, node: ts.Node): Value {
    if (METADATA_PROPERTIES.has(name)) return EMPTY;
    let value = readField(object, name);
    for (const rule of this.host.rules) {
      if (rule.barrierProperties.has(name)) value = removeRule(value, rule.id);
    }
    if (!(object.api?.length && !object.taint && isQueryDelegate(node))) value = this.addNameSource(value, name, node);
    if (this.host.guardRules.length && (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node))) {
      value = this.addNameGuard(value, accessChainNames(node), node);
    }
    return value;
  }

  private classField(cls: ts.ClassLikeDeclaration, name: string): Value | undefined {
    let value = this.host.readClassField(cls, name);
    // The declared type of a field tells what is injected (`private readonly logger: Logger`).
    const member = findMember(cls, name);
    if (member && (ts.isPropertyDeclaration(member) || ts.isParameter(member))) {
      const typed = this.resolver.typeTargets(member.type);
      if (typed.api.length || typed.classes.length) value = joinValues(value ?? EMPTY, compact({ api: typed.api, classes: typed.classes }));
    }
    if (member && ts.isPropertyDeclaration(member) && member.initializer) {
      const fn = this.resolver.functionOf(member);
      if (fn) value = joinValues(value ?? EMPTY, { fns: [{ kind: 'function', node: fn }] });
    }
    if (member && ts.isMethodDeclaration(member) && member.body) {
      value = joinValues(value ?? EMPTY, { fns: [{ kind: 'function', node: member }] });
    }
    return value;
  }

  private readThisField(name: string, node: ts.Node): Value {
    let value: Value = EMPTY;
    const classes = this.thisValue.classes ?? [];
    for (const cls of classes) {
      if (!ts.isClassLike(cls)) continue;
      const field = this.classField(cls, name);
      if (field) value = joinValues(value, field);
    }
    value = joinValues(value, readField(this.thisValue, name));
    for (const rule of this.host.rules) if (rule.barrierProperties.has(name)) value = removeRule(value, rule.id);
    value = this.addNameSource(value, name, node);
    if (this.host.guardRules.length) value = this.addNameGuard(value, [name], node);
    return value;
  }

  private evalElementAccess(node: ts.ElementAccessExpression, box: Box): Value {
    const objectNode = skipOuter(node.expression);
    const keyValue = this.eval(node.argumentExpression, box);
    const key = literalKey(node.argumentExpression) ?? keyValue.str;
    if (objectNode.kind === ts.SyntaxKind.ThisKeyword && key !== undefined) return this.readThisField(key, node);
    const object = this.eval(node.expression, box);
    if (key !== undefined) return this.readMember(object, key, node);
    let value = taintOnly(object.taint);
    if (object.elem) value = joinValues(value, object.elem);
    if (object.fields) for (const field of object.fields.values()) value = joinValues(value, field);
    return value;
  }

  private evalBinary(node: ts.BinaryExpression, box: Box): Value {
    const operator = node.operatorToken.kind;
    switch (operator) {
      case ts.SyntaxKind.EqualsToken: {
        const value = this.eval(node.right, box);
        this.assign(node.left, this.markDefaultTrue(node.right, value), box);
        return value;
      }
      case ts.SyntaxKind.PlusEqualsToken:
      case ts.SyntaxKind.QuestionQuestionEqualsToken:
      case ts.SyntaxKind.BarBarEqualsToken:
      case ts.SyntaxKind.AmpersandAmpersandEqualsToken: {
        const left = this.eval(node.left, box);
        const right = this.eval(node.right, box);
        const joined = operator === ts.SyntaxKind.PlusEqualsToken ? joinValues(flatten(left), flatten(right)) : joinValues(left, right);
        this.assign(node.left, joined, box);
        return joined;
      }
      case ts.SyntaxKind.AmpersandAmpersandToken:
        return this.evalLogical(node, box, true);
      case ts.SyntaxKind.BarBarToken:
      case ts.SyntaxKind.QuestionQuestionToken:
        return this.evalLogical(node, box, false);
      case ts.SyntaxKind.PlusToken: {
        if (ts.isBinaryExpression(node.left) && node.left.operatorToken.kind === ts.SyntaxKind.PlusToken) return this.evalPlusChain(node, box);
        const left = this.eval(node.left, box);
        const right = this.eval(node.right, box);
        const str = left.str !== undefined && right.str !== undefined ? left.str + right.str : left.str !== undefined ? left.str + '\u0000' : undefined;
        const classes = [...(left.classes ?? []), ...(right.classes ?? [])];
        const taint = mergeTaint(deepTaint(left), deepTaint(right));
        // `'*'.repeat(8) + id.slice(-4)`: built only from masked parts, the string is masked.
        const sanitized = !taint && (left.sanitized || right.sanitized) ? [...new Set([...(left.sanitized ?? []), ...(right.sanitized ?? [])])] : undefined;
        return compact({ taint, str, classes, sanitized });
      }
      case ts.SyntaxKind.EqualsEqualsEqualsToken:
      case ts.SyntaxKind.EqualsEqualsToken:
      case ts.SyntaxKind.ExclamationEqualsEqualsToken:
      case ts.SyntaxKind.ExclamationEqualsToken:
        return this.evalEquality(node, box);
      case ts.SyntaxKind.CommaToken:
        this.eval(node.left, box);
        return this.eval(node.right, box);
      case ts.SyntaxKind.InstanceOfKeyword:
      case ts.SyntaxKind.InKeyword:
      case ts.SyntaxKind.LessThanToken:
      case ts.SyntaxKind.GreaterThanToken:
      case ts.SyntaxKind.LessThanEqualsToken:
      case ts.SyntaxKind.GreaterThanEqualsToken: {
        const left = this.eval(node.left, box);
        this.eval(node.right, box);
        // `consent.expiresAt > now` is a consent check: keep the guard condition, drop the data.
        return left.cond ? { cond: left.cond } : EMPTY;
      }
      default: {
        // Arithmetic and bitwise operators produce numbers: no ID, image or template survives them.
        const left = this.eval(node.left, box);
        const right = this.eval(node.right, box);
        if (operator === ts.SyntaxKind.MinusToken && right.num !== undefined) {
          const lhs = skipOuter(node.left);
          if (ts.isPropertyAccessExpression(lhs) && lhs.name.text === 'length') return { fromEnd: right.num };
          if (left.num !== undefined) return { num: left.num - right.num };
        }
        return EMPTY;
      }
    }
  }

  /** `a + b + c + …` as a loop: a generated query of thousands of terms must not exhaust the stack. */
  private evalPlusChain(node: ts.BinaryExpression, box: Box): Value {
    const rights: ts.Expression[] = [];
    let leftmost: ts.Expression = node;
    while (ts.isBinaryExpression(leftmost) && leftmost.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      rights.push(leftmost.right);
      leftmost = leftmost.left;
    }
    let acc = this.eval(leftmost, box);
    let taint = deepTaint(acc);
    let str = acc.str;
    const classes = [...(acc.classes ?? [])];
    for (let index = rights.length - 1; index >= 0; index--) {
      const right = this.eval(rights[index]!, box);
      taint = mergeTaint(taint, deepTaint(right));
      str = str !== undefined && right.str !== undefined ? str + right.str : str !== undefined ? str + '\u0000' : undefined;
      classes.push(...(right.classes ?? []));
      acc = right;
    }
    return compact({ taint, str, classes: classes.length ? classes : undefined });
  }

  private evalLogical(node: ts.BinaryExpression, box: Box, isAnd: boolean): Value {
    const left = this.eval(node.left, box);
    const start = box.state;
    const leftTrue = left.cond?.whenTrue ?? [];
    const leftFalse = left.cond?.whenFalse ?? [];
    const isNullish = node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken;
    const rightBox: Box = { state: isNullish ? start.clone() : start.withFacts(isAnd ? leftTrue : leftFalse) };
    const right = this.eval(node.right, rightBox);
    const shortCircuit = isNullish ? start : start.withFacts(isAnd ? leftFalse : leftTrue);
    box.state = shortCircuit.merge(rightBox.state);
    const rightTrue = right.cond?.whenTrue ?? [];
    const rightFalse = right.cond?.whenFalse ?? [];
    // Where only one side of `||`/`??` checked consent, the check does not hold for the whole expression; keep it
    // as a weak one so that the message can say why (`c.faceConsent ?? true`: it defaults to true).
    const rightIsTrue = skipOuter(node.right).kind === ts.SyntaxKind.TrueKeyword;
    const partial = (facts: readonly GuardFact[], kept: readonly GuardFact[]): GuardFact[] =>
      facts
        .filter((fact) => !fact.weakReason && !fact.validates && !kept.some((other) => other.rule === fact.rule && !other.weakReason))
        .map((fact) => ({ ...fact, weakReason: rightIsTrue ? 'defaultTrue' : 'notDominating' }));
    let cond: Cond;
    if (isNullish) {
      const whenTrue = intersectFacts(leftTrue, rightTrue);
      cond = { whenTrue: [...whenTrue, ...partial([...leftTrue, ...rightTrue], whenTrue)], whenFalse: [] };
    } else if (isAnd) {
      cond = { whenTrue: unionFacts(leftTrue, rightTrue), whenFalse: intersectFacts(leftFalse, rightFalse) };
    } else {
      const whenTrue = intersectFacts(leftTrue, rightTrue);
      cond = { whenTrue: [...whenTrue, ...partial([...leftTrue, ...rightTrue], whenTrue)], whenFalse: unionFacts(leftFalse, rightFalse) };
    }
    const joined = joinValues({ ...left, cond: undefined }, { ...right, cond: undefined });
    const hasFacts = cond.whenTrue.length > 0 || cond.whenFalse.length > 0;
    return compact({ ...joined, cond: hasFacts ? cond : undefined });
  }

  private evalEquality(node: ts.BinaryExpression, box: Box): Value {
    const left = this.eval(node.left, box);
    const right = this.eval(node.right, box);
    const negated = node.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || node.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsToken;
    const [subject, literalNode] = isLiteralLike(node.right) ? [left, node.right] : isLiteralLike(node.left) ? [right, node.left] : [undefined, undefined];
    let cond = subject?.cond;
    if (!cond && this.host.guardRules.length) {
      // `consent.purpose === 'face_recognition' && consent.granted`: the literal names the purpose.
      const names = [...accessChainNames(node.left), ...accessChainNames(node.right)];
      if (literalNode && ts.isStringLiteralLike(literalNode)) names.push(literalNode.text);
      cond = this.guardCondFor(names, node);
    }
    if (!cond || !literalNode) return cond ? { cond } : EMPTY;
    // x === false, x === null, x == undefined, x === 'revoked' → the check passes when x is NOT granted.
    const isFalsy =
      literalNode.kind === ts.SyntaxKind.FalseKeyword ||
      literalNode.kind === ts.SyntaxKind.NullKeyword ||
      (ts.isIdentifier(literalNode) && literalNode.text === 'undefined') ||
      (ts.isStringLiteralLike(literalNode) && isDenialLiteral(literalNode.text));
    const flip = isFalsy !== negated;
    return { cond: flip ? { whenTrue: cond.whenFalse, whenFalse: cond.whenTrue } : cond };
  }

  private evalPrefix(node: ts.PrefixUnaryExpression, box: Box): Value {
    const operand = this.eval(node.operand, box);
    if (node.operator === ts.SyntaxKind.ExclamationToken) {
      return operand.cond ? { cond: { whenTrue: operand.cond.whenFalse, whenFalse: operand.cond.whenTrue } } : EMPTY;
    }
    if (node.operator === ts.SyntaxKind.MinusToken && operand.num !== undefined) return { num: -operand.num };
    if (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken) return EMPTY;
    return EMPTY;
  }

  private evalConditional(node: ts.ConditionalExpression, box: Box): Value {
    const condition = this.eval(node.condition, box);
    const whenTrue: Box = { state: box.state.withFacts(condition.cond?.whenTrue ?? []) };
    const whenFalse: Box = { state: box.state.withFacts(condition.cond?.whenFalse ?? []) };
    const a = this.eval(node.whenTrue, whenTrue);
    const b = this.eval(node.whenFalse, whenFalse);
    box.state = whenTrue.state.merge(whenFalse.state);
    return joinBranches(a, b);
  }

  private evalObjectLiteral(node: ts.ObjectLiteralExpression, box: Box): Value {
    let result: Value = EMPTY;
    for (const property of node.properties) {
      if (ts.isSpreadAssignment(property)) {
        const spread = this.eval(property.expression, box);
        result = joinValues(result, spread);
        continue;
      }
      const name = staticPropertyName(property.name);
      let value: Value;
      if (ts.isPropertyAssignment(property)) {
        value = this.eval(property.initializer, box);
        // `{ idCardNo: undefined }`, `{ vin: null }`: an empty slot is not an ID.
        if (isNullish(property.initializer)) {
          if (name !== undefined) result = writeField(result, [name], EMPTY);
          continue;
        }
      }
      else if (ts.isShorthandPropertyAssignment(property)) value = this.evalIdentifier(property.name, box, this.resolver.shorthandValueSymbol(property));
      else if (ts.isMethodDeclaration(property) || ts.isGetAccessorDeclaration(property)) value = { fns: [{ kind: 'function', node: property }] };
      else continue;
      if (name === undefined) {
        if (ts.isComputedPropertyName(property.name)) {
          const key = this.eval(property.name.expression, box);
          if (key.str !== undefined) {
            result = writeField(result, [key.str], this.addNameSource(value, key.str, property.name));
            continue;
          }
        }
        result = joinValues(result, flatten(value));
        continue;
      }
      result = writeField(result, [name], this.addNameSource(value, name, property.name));
    }
    return result;
  }

  private evalArrayLiteral(node: ts.ArrayLiteralExpression, box: Box): Value {
    let elem: Value = EMPTY;
    let fields: Map<string, Value> | undefined;
    node.elements.forEach((element, index) => {
      if (ts.isSpreadElement(element)) {
        const spread = this.eval(element.expression, box);
        elem = joinValues(elem, elementOf(spread));
        return;
      }
      const value = this.eval(element, box);
      elem = joinValues(elem, value);
      if (index < 8) (fields ??= new Map()).set(String(index), value);
    });
    return compact({ elem, fields });
  }

  // ─── assignment ──────────────────────────────────────────────────────────────

  assign(target: ts.Expression, value: Value, box: Box): void {
    const node = skipOuter(target);
    if (ts.isIdentifier(node)) {
      const symbol = this.resolver.symbolAt(node);
      if (!symbol) return;
      const stepped = withStep(this.addNameSource(value, node.text, node), node, 'step', `assigned to ${node.text}`);
      box.state.set(symbol, stepped);
      if (this.host.isModuleVariable(symbol)) {
        // A module-level variable written from a function: visible to every reader (flow-insensitively).
        this.host.writeModuleValue(symbol, stripSymbolic(stepped));
      }
      return;
    }
    if (ts.isObjectLiteralExpression(node) || ts.isArrayLiteralExpression(node)) {
      this.assignPattern(node, value, box);
      return;
    }
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const path: string[] = [];
      let current: ts.Expression = node;
      while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
        const name = ts.isPropertyAccessExpression(current) ? current.name.text : (literalKey(current.argumentExpression) ?? this.eval(current.argumentExpression, box).str);
        if (name === undefined) {
          // obj[dynamicKey] = value: the value becomes one of the object's elements.
          path.length = 0;
          path.push('\u0000elem');
        } else {
          path.unshift(name);
        }
        current = skipOuter(current.expression);
      }
      const leaf = path[path.length - 1] ?? '';
      const stored = withStep(this.addNameSource(value, leaf, node), node, 'step', `stored in ${node.getText().slice(0, 60)}`);
      const writePath = path.filter((segment) => segment !== '\u0000elem');
      if (current.kind === ts.SyntaxKind.ThisKeyword) {
        this.writeThisField(writePath, stored);
        return;
      }
      if (ts.isIdentifier(current)) {
        const symbol = this.resolver.symbolAt(current);
        if (!symbol) return;
        const base = box.state.get(symbol) ?? this.host.moduleValue(symbol) ?? EMPTY;
        // `recorder.ondataavailable = (event) => …`: an event handler of an outside object runs with its data.
        if (value.fns?.length && /^on[a-z]/.test(leaf) && (base.api?.length || deepTaint(base)) && ts.isPropertyAccessExpression(node)) {
          for (const fn of value.fns) this.invoke(fn, [flatten(base)], base, node, box);
        }
        const updated = path.includes('\u0000elem')
          ? compact({ ...base, elem: joinValues(base.elem ?? EMPTY, stored) })
          : writeField(base, writePath, stored);
        box.state.set(symbol, updated);
        this.propagateToOwner(base, stored, box);
        const paramIndex = this.params.get(symbol);
        if (paramIndex !== undefined) this.effects.paramWrites.push({ index: paramIndex, path: writePath, value: stored });
        if (base.classes) {
          for (const cls of base.classes) if (ts.isClassLike(cls) && writePath.length) this.writeClassPath(cls, writePath, stored);
        }
        return;
      }
      // a.b().c = value and other shapes: evaluate for side effects only.
      this.eval(current, box);
    }
  }

  private assignPattern(pattern: ts.ObjectLiteralExpression | ts.ArrayLiteralExpression, value: Value, box: Box): void {
    if (ts.isArrayLiteralExpression(pattern)) {
      pattern.elements.forEach((element, index) => {
        if (ts.isOmittedExpression(element)) return;
        const target = ts.isSpreadElement(element) ? element.expression : element;
        this.assign(target, ts.isSpreadElement(element) ? value : readField(value, String(index)), box);
      });
      return;
    }
    for (const property of pattern.properties) {
      if (ts.isShorthandPropertyAssignment(property)) {
        this.assign(property.name, this.readProperty(value, property.name.text, property.name), box);
      } else if (ts.isPropertyAssignment(property)) {
        const name = staticPropertyName(property.name);
        const target = ts.isBinaryExpression(property.initializer) ? property.initializer.left : property.initializer;
        this.assign(target, name !== undefined ? this.readProperty(value, name, property.name) : flatten(value), box);
      } else if (ts.isSpreadAssignment(property)) {
        this.assign(property.expression, value, box);
      }
    }
  }

  writeThisField(path: readonly string[], value: Value): void {
    if (path.length === 0) return;
    for (const cls of this.thisValue.classes ?? []) {
      if (ts.isClassLike(cls)) this.writeClassPath(cls, path, value);
    }
  }

  /** A write of a symbolic value to `this.x`, for callers to instantiate (constructor parameter properties). */
  private recordFieldWrite(path: readonly string[], value: Value): void {
    for (const cls of this.thisValue.classes ?? []) {
      if (ts.isClassLike(cls) && hasSymbolicLabels(value)) this.effects.fieldWrites.push({ cls, path, value });
    }
  }

  private writeClassPath(cls: ts.ClassLikeDeclaration, path: readonly string[], value: Value): void {
    const [head, ...rest] = path;
    const current = this.host.peekClassField(cls, head!) ?? EMPTY;
    const shared = stripSymbolic(value);
    const next = rest.length ? writeField(current, rest, shared) : shared;
    this.host.writeClassField(cls, head!, next);
    if (hasSymbolicLabels(value)) this.effects.fieldWrites.push({ cls, path, value });
  }

  /** `ctx.drawImage(video)` taints the canvas `ctx` came from (`const ctx = canvas.getContext('2d')`). */
  propagateToOwner(base: Value, added: Value, box: Box): void {
    const owner = base.owner;
    if (!owner) return;
    const ownerValue = box.state.get(owner) ?? this.host.moduleValue(owner);
    if (!ownerValue) return;
    const taint = deepTaint(added);
    if (!taint) return;
    box.state.set(owner, compact({ ...ownerValue, taint: mergeTaint(ownerValue.taint, taint) }));
  }

  // ─── sources and guards by name ──────────────────────────────────────────────

  /** Adds a name source label (`idCardNo`, `faceImage`) unless the value already carries that rule's data. */
  addNameSource(value: Value, name: string, node: ts.Node, type?: ts.TypeNode): Value {
    if (type && isNonDataType(type)) return value;
    if (value.cond && !value.taint) return value; // booleans (`faceVerified`) are not the data
    // `{ idCardNo: '' }`, `const DASHCAM_EVENT_STATUSES = ['queued', 'sent']`: constants written in the code are
    // not the data, whatever they are called (an ID literal is a literal source of its own).
    if (isConstant(value)) return value;
    let taint = value.taint;
    for (const rule of this.host.rules) {
      if (!rule.hasNameSources) continue;
      const description = rule.matchName(name);
      if (!description || value.sanitized?.includes(rule.id)) continue;
      if (taint && [...taint.values()].some((label) => label.rule === rule.id)) continue;
      taint = mergeTaint(taint, makeTaint([sourceLabel(rule.id, node, `${description}, name \`${name}\``, 'name', { name })]));
    }
    return taint === value.taint ? value : compact({ ...value, taint });
  }

  /** A condition on a name that says consent (`faceConsent`, `biometricConsentAt`) guards what follows. */
  addNameGuard(value: Value, names: readonly string[], node: ts.Node): Value {
    // A condition with facts already says what it checks; a bare boolean (`resolve(true)`) says nothing.
    if ((value.cond && (value.cond.whenTrue.length || value.cond.whenFalse.length)) || this.host.guardRules.length === 0) return value;
    const cond = this.guardCondFor(names, node);
    return cond ? compact({ ...value, cond }) : value;
  }

  guardCondFor(names: readonly string[], node: ts.Node): Cond | undefined {
    const tokens = guardTokens(names);
    let facts: GuardFact[] | undefined;
    for (const rule of this.host.guardRules) {
      const guard = matchGuardTokens(rule, tokens);
      if (!guard) continue;
      let weakReason = guard.weakReason;
      if (!weakReason && isClientInput(accessChainNames(node))) weakReason = 'clientInput';
      const fact: GuardFact = { rule: rule.id, node, description: guard.description, weakReason, subjects: personWords(names) };
      (facts ??= []).push(fact);
      if (!weakReason) this.seenGuards.push(fact);
    }
    return facts ? { whenTrue: facts, whenFalse: [] } : undefined;
  }

  /** `consent = true`, `x ?? true`, `x || true`: a flag that defaults to granted does not guard (DOMAIN §4.7). */
  markDefaultTrue(initializer: ts.Expression, value: Value): Value {
    const node = skipOuter(initializer);
    const defaultsTrue =
      node.kind === ts.SyntaxKind.TrueKeyword ||
      (ts.isBinaryExpression(node) &&
        (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken) &&
        skipOuter(node.right).kind === ts.SyntaxKind.TrueKeyword);
    if (!defaultsTrue || !value.cond) {
      if (defaultsTrue && this.host.guardRules.length) return compact({ ...value, cond: weakenCond(value.cond, node, 'defaultTrue', this.host.guardRules) });
      return value;
    }
    return compact({ ...value, cond: weakenCond(value.cond, node, 'defaultTrue', this.host.guardRules) });
  }

  // ─── calls (see call-evaluation.ts) ─────────────────────────────────────────

  invoke(fn: Value['fns'] extends readonly (infer F)[] | undefined ? F : never, args: readonly Value[], thisValue: Value, node: CallSiteNode, box: Box): Value {
    return invokeFunctionValue(this, fn, args, thisValue, node, box);
  }

  /** Records a reach of a rule's data (or of a parameter) at a sink argument. */
  recordReach(rule: CompiledRule, site: { node: ts.CallExpression | ts.NewExpression; argument: ts.Node; description: string; apiRoots?: readonly string[] }, labels: ReadonlyMap<Label, readonly string[]>, box: Box): void {
    const fact = box.state.guards.get(rule.id);
    let guarded = !!fact;
    let weak = box.state.weak.filter((candidate) => candidate.rule === rule.id);
    if (fact && testsAnotherPerson(fact.subjects, site.node)) {
      // `if (!manager.faceConsent) return; save(visitor.id, face)`: someone else's consent protects nobody here.
      guarded = false;
      weak = [...weak, { ...fact, weakReason: 'otherPerson' }];
    }
    for (const [label, fieldPath] of labels) {
      if (label.rule !== rule.id && label.rule !== '*') continue;
      this.effects.reaches.push({ rule: rule.id, sink: site, label, fieldPath, guarded, weak, callChain: undefined });
    }
  }

  /** Records a call through a parameter for callers to resolve (`send(frame)` with `send` a parameter). */
  recordDeferred(call: Omit<DeferredCall, 'guards' | 'weak'>, box: Box): void {
    this.effects.deferred.push({ ...call, guards: new Set(box.state.guards.keys()), weak: box.state.weak });
  }

  actualsFor(args: readonly Value[], thisValue: Value, node: ts.Node, calleeName: string): CallActuals {
    return { args, thisValue, node, calleeName };
  }

  canInline(): boolean {
    return this.depth < this.host.budget.maxInlineDepth;
  }

  isSummarised(fn: FunctionNode): boolean {
    return isSummarised(fn);
  }
}

// ─── helpers ───────────────────────────────────────────────────────────────────

/** `const { idCardNo, ...rest } = lead`: rest has the other fields, and no longer the type that declares idCardNo. */
function omitFields(value: Value, names: readonly string[]): Value {
  const fields = value.fields ? new Map(value.fields) : undefined;
  for (const name of names) fields?.delete(name);
  return compact({ ...value, fields, classes: undefined });
}

function intersectCond(a: Cond, b: Cond): Cond {
  return { whenTrue: intersectFacts(a.whenTrue, b.whenTrue), whenFalse: intersectFacts(a.whenFalse, b.whenFalse) };
}

function weakenCond(cond: Cond | undefined, node: ts.Node, reason: string, rules: readonly CompiledRule[]): Cond | undefined {
  if (!cond) {
    return undefined;
  }
  const weaken = (facts: readonly GuardFact[]) => facts.map((fact) => (fact.weakReason ? fact : { ...fact, node, weakReason: reason }));
  void rules;
  return { whenTrue: weaken(cond.whenTrue), whenFalse: weaken(cond.whenFalse) };
}

/** A value written entirely in the code: strings, numbers, and arrays or objects of them. */
function isConstant(value: Value, depth = 0): boolean {
  if (value.taint || value.api?.length || value.fns?.length || value.classes?.length || depth > 3) return false;
  if (value.str !== undefined || value.num !== undefined) return true;
  const parts = [...(value.fields?.values() ?? []), ...(value.elem ? [value.elem] : [])];
  return parts.length > 0 && parts.every((part) => isConstant(part, depth + 1));
}

function isNullish(node: ts.Expression): boolean {
  const inner = skipOuter(node);
  return inner.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(inner) && inner.text === 'undefined');
}

function isLiteralLike(node: ts.Expression): boolean {
  const inner = skipOuter(node);
  return (
    ts.isStringLiteralLike(inner) ||
    ts.isNumericLiteral(inner) ||
    inner.kind === ts.SyntaxKind.TrueKeyword ||
    inner.kind === ts.SyntaxKind.FalseKeyword ||
    inner.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(inner) && inner.text === 'undefined')
  );
}

/** A boolean named `idCardVerified` is a flag about the data, not the data. */
function isNonDataType(type: ts.TypeNode): boolean {
  return type.kind === ts.SyntaxKind.BooleanKeyword;
}

function enclosingClass(fn: FunctionNode | ts.SourceFile): ts.ClassLikeDeclaration | undefined {
  if (ts.isSourceFile(fn)) return undefined;
  let current: ts.Node | undefined = fn.parent;
  while (current && !ts.isSourceFile(current)) {
    if (ts.isClassLike(current)) return current;
    current = current.parent;
  }
  return undefined;
}

export function findMember(cls: ts.ClassLikeDeclaration, name: string): ts.ClassElement | ts.ParameterDeclaration | undefined {
  for (const member of cls.members) {
    if (member.name && staticPropertyName(member.name) === name) return member;
    if (ts.isConstructorDeclaration(member)) {
      for (const parameter of member.parameters) {
        if (ts.isIdentifier(parameter.name) && parameter.name.text === name && ts.getModifiers(parameter)?.length) return parameter;
      }
    }
  }
  return undefined;
}

export { CALL };
