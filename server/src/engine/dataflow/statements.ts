/**
 * Stage: dataflow (statements).
 * Input: a statement the interpreter dispatches here (declarations, `if`, loops, `try`, `switch`, a class's field
 * initializers), with the state before it.
 * Output: the state after it: names bound, branches merged, and the states that leave by `break`, `continue` or
 * `throw` joined where they land.
 * Invariant: each branch starts from its condition's facts and a merge intersects guards, so a guard holds after
 * a statement only if it holds on every path through it; a loop body is walked twice, which carries taint across
 * one back edge; a guard set up inside a `try` does not hold in its `catch`.
 */
import { ts } from 'ts-morph';
import { assign, bindName } from './assignment';
import { variableTypeValue } from './declared-types';
import type { Box, LoopFrame, Walker } from './host';
import { markDefaultTrue } from './name-facts';
import { skipOuter, staticPropertyName } from './resolve';
import { FlowState } from './state';
import { EMPTY, elementOf, joinValues, stripSymbolic, withStep } from './value';

/**
 * Field initializers (`private readonly logger = new Logger('Kiosk')`, `static cache = new Map()`) run when the
 * class is declared, before any method can read them.
 */
export function execClassStatics(interp: Walker, cls: ts.ClassDeclaration, box: Box): void {
  for (const member of cls.members) {
    if (!ts.isPropertyDeclaration(member) || !member.initializer) continue;
    const initializer = skipOuter(member.initializer);
    if (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) continue;
    const name = staticPropertyName(member.name);
    if (name !== undefined) interp.host.writeClassField(cls, name, stripSymbolic(interp.eval(member.initializer, { state: box.state.clone() })));
  }
}

export function execDeclarationList(interp: Walker, list: ts.VariableDeclarationList, box: Box): void {
  for (const declaration of list.declarations) {
    if (!declaration.initializer) continue;
    let value = interp.eval(declaration.initializer, box);
    value = markDefaultTrue(interp, declaration.initializer, value);
    value = joinValues(value, variableTypeValue(interp, declaration));
    if (ts.isIdentifier(declaration.name)) value = withStep(value, declaration.name, 'step', `assigned to ${declaration.name.text}`);
    bindName(interp, declaration.name, value, box, declaration.type);
  }
}

export function execIf(interp: Walker, statement: ts.IfStatement, box: Box): FlowState {
  const condition = interp.eval(statement.expression, box);
  const whenTrue = box.state.withFacts(condition.cond?.whenTrue ?? []);
  const whenFalse = box.state.withFacts(condition.cond?.whenFalse ?? []);
  const afterThen = interp.exec(statement.thenStatement, whenTrue);
  const afterElse = statement.elseStatement ? interp.exec(statement.elseStatement, whenFalse) : whenFalse;
  return afterThen.merge(afterElse);
}

export function execTry(interp: Walker, statement: ts.TryStatement, state: FlowState): FlowState {
  const throwStates: FlowState[] = [];
  interp.tryCatchStates.push(throwStates);
  const afterTry = interp.exec(statement.tryBlock, state.clone());
  interp.tryCatchStates.pop();
  let result = afterTry;
  if (statement.catchClause) {
    // The catch block can start from anywhere in the try block: approximate by its entry and exit states.
    let catchEntry = state.merge(afterTry);
    for (const thrown of throwStates) catchEntry = catchEntry.merge(thrown);
    // Guards established inside the try do not hold in the catch.
    catchEntry = catchEntry.withGuards(state.guards);
    const afterCatch = interp.exec(statement.catchClause.block, catchEntry);
    result = afterTry.merge(afterCatch);
  }
  if (statement.finallyBlock) {
    const entry = result.reachable ? result : state.merge(afterTry);
    const afterFinally = interp.exec(statement.finallyBlock, entry.clone());
    result = result.reachable ? afterFinally : FlowState.unreachable();
  }
  return result;
}

function runLoopBody(interp: Walker, body: ts.Statement, entry: FlowState, bind?: (state: FlowState) => FlowState, condition?: ts.Expression): { exit: FlowState; breaks: FlowState[] } {
  let current = entry;
  let exit = FlowState.unreachable();
  const breaks: FlowState[] = [];
  for (let iteration = 0; iteration < 2; iteration++) {
    let bodyEntry = current.clone();
    if (condition) {
      const box: Box = { state: bodyEntry };
      const value = interp.eval(condition, box);
      exit = exit.merge(box.state.withFacts(value.cond?.whenFalse ?? []));
      bodyEntry = box.state.withFacts(value.cond?.whenTrue ?? []);
    } else {
      exit = exit.merge(bodyEntry);
    }
    if (bind) bodyEntry = bind(bodyEntry);
    const frame: LoopFrame = { breaks: [], continues: [] };
    interp.loops.push(frame);
    let after = interp.exec(body, bodyEntry);
    interp.loops.pop();
    for (const state of frame.continues) after = after.merge(state);
    breaks.push(...frame.breaks);
    // Loop-carried values flow into the next iteration; guards are those of the loop entry.
    const next = current.merge(after);
    current = next.withGuards(entry.guards);
  }
  return { exit: condition ? exit.merge(current) : exit.merge(current), breaks };
}

export function execWhile(interp: Walker, condition: ts.Expression, body: ts.Statement, box: Box, isDo: boolean): FlowState {
  if (isDo) {
    const first = interp.exec(body, box.state.clone());
    box.state = box.state.merge(first);
  }
  const { exit, breaks } = runLoopBody(interp, body, box.state, undefined, condition);
  return breaks.reduce((acc, state) => acc.merge(state), exit);
}

export function execFor(interp: Walker, statement: ts.ForStatement, box: Box): FlowState {
  if (statement.initializer) {
    if (ts.isVariableDeclarationList(statement.initializer)) execDeclarationList(interp, statement.initializer, box);
    else interp.eval(statement.initializer, box);
  }
  const { exit, breaks } = runLoopBody(
    interp,
    statement.incrementor ? ts.factory.createBlock([statement.statement]) : statement.statement,
    box.state,
    undefined,
    statement.condition,
  );
  if (statement.incrementor) {
    const incrementBox: Box = { state: exit.clone() };
    interp.eval(statement.incrementor, incrementBox);
  }
  return breaks.reduce((acc, state) => acc.merge(state), exit);
}

export function execForEach(interp: Walker, statement: ts.ForOfStatement | ts.ForInStatement, box: Box): FlowState {
  const iterable = interp.eval(statement.expression, box);
  const element = ts.isForOfStatement(statement) ? elementOf(iterable) : EMPTY;
  const bind = (state: FlowState): FlowState => {
    const inner: Box = { state };
    const initializer = statement.initializer;
    const stepped = withStep(element, initializer, 'step', 'iterated');
    if (ts.isVariableDeclarationList(initializer)) {
      const declaration = initializer.declarations[0];
      if (declaration) bindName(interp, declaration.name, stepped, inner);
    } else {
      assign(interp, initializer, stepped, inner);
    }
    return inner.state;
  };
  const { exit, breaks } = runLoopBody(interp, statement.statement, box.state, bind);
  return breaks.reduce((acc, state) => acc.merge(state), exit);
}

export function execSwitch(interp: Walker, statement: ts.SwitchStatement, box: Box): FlowState {
  interp.eval(statement.expression, box);
  const entry = box.state;
  let out = FlowState.unreachable();
  let fallthrough = FlowState.unreachable();
  let hasDefault = false;
  const frame: LoopFrame = { breaks: [], continues: [] };
  interp.loops.push(frame);
  for (const clause of statement.caseBlock.clauses) {
    if (ts.isDefaultClause(clause)) hasDefault = true;
    else interp.eval(clause.expression, { state: entry.clone() });
    const start = entry.clone().merge(fallthrough);
    fallthrough = interp.execStatements(clause.statements, start);
  }
  interp.loops.pop();
  // `continue` inside a switch belongs to an enclosing loop.
  interp.loops[interp.loops.length - 1]?.continues.push(...frame.continues);
  out = out.merge(fallthrough);
  for (const state of frame.breaks) out = out.merge(state);
  if (!hasDefault) out = out.merge(entry);
  return out;
}
