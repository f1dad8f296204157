/**
 * Stage: dataflow (intraprocedural interpreter).
 * Input: one function body (or a module's top-level statements), the program's analysis host (rules, resolver,
 * summaries of callees) and, for closures analysed in place, the caller's state and actual arguments.
 * Output: the function's `Summary` (or, inline, its return value), with every sink reach recorded.
 * Invariant: flow-sensitive over the AST: values of variables follow assignments; a guard holds at a point only if
 * it holds on every path to it (branches that return or throw drop out of merges); loops are walked twice, which
 * is enough for taint to cross one back edge. The raw compiler API is used throughout: this is the hot path.
 * The `Interpreter` holds the walk's state and dispatches each statement and expression to the module that knows
 * it (statements.ts, expressions.ts, operators.ts, members.ts, calls.ts); they call back through `Walker`
 * (host.ts), so this is the only module that imports them all.
 */
import { WEAK_GUARD_REASONS } from '../reasons';
import { ts } from 'ts-morph';
import { bindParameter, bindParameterProperties } from './assignment';
import { completeCall, evaluateCall, evaluateNew } from './calls';
import { type TypeAssertionNode, evalTypeAssertion } from './declared-types';
import { entryGuards } from './entry-guards';
import { evalArrayLiteral, evalIdentifier, evalNumericLiteral, evalObjectLiteral, evalStringLiteral, evalTemplate } from './expressions';
import { isReplyReturn } from '../facts/route-frameworks';
import type { AnalysisHost, Box, CallNode, CallSiteNode, Callee, Effects, InlineContext, InlineResult, LoopFrame, Walker } from './host';
import { invokeFunctionValue } from './invocation';
import { evalElementAccess, evalPropertyAccess } from './members';
import { execExportAssignment } from './module-exports';
import { evalBinary, evalConditional, evalPrefix } from './operators';
import { type Resolver, functionName, isSummarised } from './resolve';
import { FlowState } from './state';
import { captureEnv } from './closure-env';
import { initExportedComponent, sharedThisOf } from './shared-objects';
import { MAX_CLOSURES, noteObjectMethods, runUninvokedClosures } from './uninvoked-closures';
import { execClassStatics, execDeclarationList, execFor, execForEach, execIf, execSwitch, execTry, execWhile } from './statements';
import { type PendingReach, type Summary, paramLabel } from './summary';
import { makeTaint } from './taint';
import { type Cond, type FnValue, type FunctionNode, type GuardFact, type Value, EMPTY, compact, flatten, intersectFacts, joinValues, withStep } from './value';

const NO_GUARANTEE: Value = Object.freeze({ cond: Object.freeze({ whenTrue: [], whenFalse: [] }) });

export class Interpreter implements Walker {
  readonly effects: Effects;
  private retValue: Value = EMPTY;
  /** Where the function left through `return` (or its expression body ended), merged. */
  private exitState = FlowState.unreachable();
  /** Strong checks met while walking this function (to name a check that came too late). */
  private readonly seenGuards: GuardFact[] = [];
  private returnGuards: Map<string, GuardFact> | undefined;
  /** Like `returnGuards`, over the returns that do not end a request with a reply (a hook that lets it through). */
  private passGuards: Map<string, GuardFact> | undefined;
  private returnConds: Cond[] = [];
  readonly loops: LoopFrame[] = [];
  readonly tryCatchStates: FlowState[][] = [];
  /** Parameters of the summarised function: symbol → index (shared with closures). */
  readonly params: ReadonlyMap<ts.Symbol, number>;
  readonly thisValue: Value;
  readonly owner: FunctionNode | ts.SourceFile;
  readonly depth: number;
  readonly cls: ts.ClassLikeDeclaration | undefined;

  constructor(
    readonly host: AnalysisHost,
    readonly fn: FunctionNode | ts.SourceFile,
    readonly inline?: InlineContext,
  ) {
    this.effects = inline?.effects ?? { closures: [], invoked: new Set(), reaches: [], paramWrites: [], fieldWrites: [], deferred: [], sanitizes: new Set() };
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
      // A class member's `this` is an instance; a component's function's, the component (shared-objects.ts).
      this.thisValue = this.cls
        ? compact({ classes: [this.cls], api: host.resolver.externalBaseInstances(this.cls) })
        : (!ts.isSourceFile(fn) && sharedThisOf(host.resolver, fn)) || EMPTY;
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
        bindParameter(this, parameter, symbolic, box, true);
      });
      bindParameterProperties(this, box);
      // A controller method starts behind the guards its decorators put in front of it (`@UseGuards(…)`).
      const entry = entryGuards(this.host, this.fn);
      if (entry.length) box.state = box.state.withFacts(entry);
    }
    const end = this.runBody(box.state);
    const guardsOnReturn = this.finishReturns(end);
    runUninvokedClosures(this, this.retValue);
    return {
      ret: this.retValue,
      reaches: this.noteLateChecks(this.reachesToKeep()),
      guardsOnReturn,
      retCond: this.returnConds.length > 0 ? this.returnConds.reduce(intersectCond) : undefined,
      neverReturns: !ts.isSourceFile(this.fn) && this.returnGuards === undefined,
      guardsOnPass: this.passGuards ? [...this.passGuards.values()] : [],
      paramWrites: this.effects.paramWrites,
      fieldWrites: this.effects.fieldWrites,
      deferred: this.effects.deferred,
      sanitizes: this.effects.sanitizes.size ? [...this.effects.sanitizes] : undefined,
    };
  }

  /** Walks a closure in place with actual arguments; returns its return value and writes outer variables back. */
  runInline(): InlineResult {
    const inline = this.inline!;
    const fn = this.fn as FunctionNode;
    const box: Box = { state: inline.parent.clone() };
    fn.parameters.forEach((parameter, index) => {
      let value = inline.args[index] ?? EMPTY;
      if (parameter.dotDotDotToken) value = { elem: inline.args.slice(index).reduce((acc, arg) => joinValues(acc, arg), EMPTY) };
      bindParameter(this, parameter, value, box, false);
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
    // `let descriptor;` declared without a value is in no state until a closure assigns it.
    if (exit.reachable) {
      for (const [symbol, after] of exit.vars) if (!inline.parent.vars.has(symbol) && isDeclaredOutside(symbol, fn)) inline.parent.set(symbol, after);
    }
    return { ret: this.retValue, guardsOnReturn, guardsOnPass: this.passGuards ? [...this.passGuards.values()] : [] };
  }

  /**
   * A reach a callee found in a closure it returned, walked there with nothing calling it: if this function called
   * the closure, that walk, with this function's state and guards, stands instead (uninvoked-closures.ts).
   */
  private reachesToKeep(): readonly PendingReach[] {
    const fn = this.fn;
    const calledHere = (closure: FunctionNode) => this.effects.invoked.has(closure) && !(closure.pos >= fn.pos && closure.end <= fn.end && closure.getSourceFile() === fn.getSourceFile());
    return this.effects.reaches.some((reach) => reach.viaClosure && calledHere(reach.viaClosure)) ? this.effects.reaches.filter((reach) => !reach.viaClosure || !calledHere(reach.viaClosure)) : this.effects.reaches;
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
      return late.length ? { ...reach, weak: late.slice(0, 1).map((fact) => ({ ...fact, weakReason: WEAK_GUARD_REASONS.notDominating })) } : reach;
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

  recordReturn(value: Value, state: FlowState, implicit = false, statement?: ts.ReturnStatement): void {
    this.exitState = this.exitState.merge(state);
    // Closures leaving a summarised function take the variables they use along (closure-env.ts).
    this.retValue = joinValues(this.retValue, this.inline || ts.isSourceFile(this.fn) ? value : captureEnv(value, state, this.fn));
    if (!implicit) this.returnConds.push(value.cond ?? { whenTrue: [], whenFalse: [] });
    this.returnGuards = intersectGuards(this.returnGuards, state);
    if (!statement || !isReplyReturn(statement)) this.passGuards = intersectGuards(this.passGuards, state);
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
        execDeclarationList(this, (statement as ts.VariableStatement).declarationList, box);
        return box.state;
      case ts.SyntaxKind.Block:
        return this.execStatements((statement as ts.Block).statements, state);
      case ts.SyntaxKind.IfStatement:
        return execIf(this, statement as ts.IfStatement, box);
      case ts.SyntaxKind.ReturnStatement: {
        const expression = (statement as ts.ReturnStatement).expression;
        const value = expression ? this.eval(expression, box) : EMPTY;
        if (box.state.reachable) this.recordReturn(withStep(value, statement, 'return', `returned from ${functionName(this.fn)}`), box.state, false, statement as ts.ReturnStatement);
        return FlowState.unreachable();
      }
      case ts.SyntaxKind.ThrowStatement: {
        this.eval((statement as ts.ThrowStatement).expression, box);
        this.tryCatchStates[this.tryCatchStates.length - 1]?.push(box.state);
        return FlowState.unreachable();
      }
      case ts.SyntaxKind.TryStatement:
        return execTry(this, statement as ts.TryStatement, state);
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.ForInStatement:
        return execForEach(this, statement as ts.ForOfStatement | ts.ForInStatement, box);
      case ts.SyntaxKind.ForStatement:
        return execFor(this, statement as ts.ForStatement, box);
      case ts.SyntaxKind.WhileStatement:
        return execWhile(this, (statement as ts.WhileStatement).expression, (statement as ts.WhileStatement).statement, box, false);
      case ts.SyntaxKind.DoStatement:
        return execWhile(this, (statement as ts.DoStatement).expression, (statement as ts.DoStatement).statement, box, true);
      case ts.SyntaxKind.BreakStatement:
        this.loops[this.loops.length - 1]?.breaks.push(state);
        return FlowState.unreachable();
      case ts.SyntaxKind.ContinueStatement:
        this.loops[this.loops.length - 1]?.continues.push(state);
        return FlowState.unreachable();
      case ts.SyntaxKind.SwitchStatement:
        return execSwitch(this, statement as ts.SwitchStatement, box);
      case ts.SyntaxKind.LabeledStatement:
        return this.exec((statement as ts.LabeledStatement).statement, state);
      case ts.SyntaxKind.ExportAssignment: {
        const exported = (statement as ts.ExportAssignment).expression;
        initExportedComponent(this, exported, execExportAssignment(this, statement as ts.ExportAssignment, box), box);
        return box.state;
      }
      case ts.SyntaxKind.ClassDeclaration:
        execClassStatics(this, statement as ts.ClassDeclaration, box);
        return box.state;
      case ts.SyntaxKind.FunctionDeclaration: {
        // A function declared inside a function is a closure: run when called, or at the end if nothing calls it.
        const declared = statement as ts.FunctionDeclaration;
        if (declared.body && !isSummarised(declared) && this.effects.closures.length < MAX_CLOSURES) this.effects.closures.push({ node: declared, state });
        return state;
      }
      default:
        return state;
    }
  }

  // ─── expressions ─────────────────────────────────────────────────────────────

  eval(node: ts.Expression, box: Box): Value {
    switch (node.kind) {
      case ts.SyntaxKind.Identifier:
        return evalIdentifier(this, node as ts.Identifier, box);
      case ts.SyntaxKind.ThisKeyword:
        return this.thisValue;
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
        return evalStringLiteral(this, node as ts.StringLiteralLike);
      case ts.SyntaxKind.NumericLiteral:
        return evalNumericLiteral(this, node as ts.NumericLiteral);
      case ts.SyntaxKind.TemplateExpression:
        return evalTemplate(this, node as ts.TemplateExpression, box);
      case ts.SyntaxKind.PropertyAccessExpression:
        return evalPropertyAccess(this, node as ts.PropertyAccessExpression, box);
      case ts.SyntaxKind.ElementAccessExpression:
        return evalElementAccess(this, node as ts.ElementAccessExpression, box);
      case ts.SyntaxKind.CallExpression:
        return evaluateCall(this, node as ts.CallExpression, box);
      case ts.SyntaxKind.NewExpression:
        return evaluateNew(this, node as ts.NewExpression, box);
      case ts.SyntaxKind.AwaitExpression:
        return this.eval((node as ts.AwaitExpression).expression, box);
      case ts.SyntaxKind.NonNullExpression:
        return this.eval((node as ts.NonNullExpression).expression, box);
      case ts.SyntaxKind.ParenthesizedExpression:
      case ts.SyntaxKind.AsExpression:
      case ts.SyntaxKind.TypeAssertionExpression:
      case ts.SyntaxKind.SatisfiesExpression:
        return evalTypeAssertion(this, node as TypeAssertionNode, box);
      case ts.SyntaxKind.BinaryExpression:
        return evalBinary(this, node as ts.BinaryExpression, box);
      case ts.SyntaxKind.PrefixUnaryExpression:
        return evalPrefix(this, node as ts.PrefixUnaryExpression, box);
      case ts.SyntaxKind.PostfixUnaryExpression:
        this.eval((node as ts.PostfixUnaryExpression).operand, box);
        return EMPTY;
      case ts.SyntaxKind.ConditionalExpression:
        return evalConditional(this, node as ts.ConditionalExpression, box);
      case ts.SyntaxKind.ObjectLiteralExpression:
        noteObjectMethods(this.effects, node as ts.ObjectLiteralExpression, box.state);
        return evalObjectLiteral(this, node as ts.ObjectLiteralExpression, box);
      case ts.SyntaxKind.ArrayLiteralExpression:
        return evalArrayLiteral(this, node as ts.ArrayLiteralExpression, box);
      case ts.SyntaxKind.ArrowFunction:
      case ts.SyntaxKind.FunctionExpression:
        if (this.effects.closures.length < MAX_CLOSURES) this.effects.closures.push({ node: node as FunctionNode, state: box.state });
        return { fns: [{ kind: 'function', node: node as FunctionNode }] };
      case ts.SyntaxKind.TaggedTemplateExpression: {
        const tagged = node as ts.TaggedTemplateExpression;
        this.eval(tagged.tag, box);
        const template = tagged.template;
        return ts.isTemplateExpression(template) ? flatten(evalTemplate(this, template, box)) : EMPTY;
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

  // ─── calls and closures ──────────────────────────────────────────────────────

  invoke(fn: FnValue, args: readonly Value[], thisValue: Value, node: CallSiteNode, box: Box): Value {
    return invokeFunctionValue(this, fn, args, thisValue, node, box);
  }

  completeCall(node: CallNode, callee: Callee, args: Value[], box: Box, isNew: boolean, guardOverride?: ReadonlySet<string>): Value {
    return completeCall(this, node, callee, args, box, isNew, guardOverride);
  }

  closureWalker(fn: FunctionNode, context: InlineContext): Interpreter {
    return new Interpreter(this.host, fn, context);
  }

  noteSeenGuard(fact: GuardFact): void {
    this.seenGuards.push(fact);
  }

  canInline(): boolean {
    return this.depth < this.host.budget.maxInlineDepth;
  }
}

// ─── helpers ───────────────────────────────────────────────────────────────────

/** The guards held at every way out so far: those of the first, then only those each later one holds too. */
function intersectGuards(guards: Map<string, GuardFact> | undefined, state: FlowState): Map<string, GuardFact> {
  if (!guards) return new Map(state.guards);
  for (const rule of [...guards.keys()]) if (!state.guards.has(rule)) guards.delete(rule);
  return guards;
}

function intersectCond(a: Cond, b: Cond): Cond {
  return { whenTrue: intersectFacts(a.whenTrue, b.whenTrue), whenFalse: intersectFacts(a.whenFalse, b.whenFalse) };
}

/** A variable of an enclosing function (or module), not one of the closure's own. */
function isDeclaredOutside(symbol: ts.Symbol, fn: FunctionNode): boolean {
  const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
  if (!declaration || !ts.isVariableDeclaration(declaration)) return false;
  return declaration.getSourceFile() === fn.getSourceFile() && (declaration.pos < fn.pos || declaration.end > fn.end);
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

