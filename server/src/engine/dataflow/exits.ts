/**
 * Stage: dataflow (calls that end a path).
 * Input: a completed call (its callee, arguments and the project functions it called) and the caller's state.
 * Output: the state after it. A call that never returns (`ctx.throw(403)`, `process.exit(1)`, a project function
 * whose every path throws) leaves it unreachable, as a `throw` statement does, and hands the state to the enclosing
 * `try`; an assertion (`assert(x)`, `ctx.assert(x, 403)`, a function declared `asserts x`) makes what its argument
 * checks hold after it.
 * Invariant: which calls these are is data (facts/exit-calls.ts) or the callee's own summary; an `async` function
 * ends the path only where its promise is awaited. After `if (!consent) ctx.throw(403)` the consent check holds,
 * and so it does after `consent || ctx.throw(403)` (issue #17 §5).
 */
import { ts } from 'ts-morph';
import { exitKindOf } from '../facts/exit-calls';
import type { Box, CallNode, Callee, Walker } from './host';
import { isSummarised, skipOuter } from './resolve';
import { FlowState } from './state';
import type { FnValue, FunctionNode, Value } from './value';

export function applyExits(interp: Walker, node: CallNode, callee: Callee, args: readonly Value[], targets: readonly FnValue[], box: Box): void {
  if (!box.state.reachable) return;
  const effect = exitKindOf({ calleeName: callee.name, receiverNames: callee.receiverNames, isProjectFunction: targets.length > 0 });
  const asserted = effect?.kind === 'asserts' ? effect.argument : assertedParameter(targets);
  if (asserted !== undefined) {
    const checked = args[asserted]?.cond?.whenTrue ?? [];
    if (checked.length) box.state = box.state.withFacts(checked);
    return;
  }
  const throws = effect?.kind === 'throws' || (effect === undefined && targets.length > 0 && targets.every((target) => neverReturns(interp, target, node)));
  if (!throws && effect?.kind !== 'exits') return;
  if (throws) interp.tryCatchStates[interp.tryCatchStates.length - 1]?.push(box.state);
  box.state = FlowState.unreachable();
}

/** `function assertPresent(value: unknown): asserts value`: the index of the parameter every target asserts. */
function assertedParameter(targets: readonly FnValue[]): number | undefined {
  let index: number | undefined;
  for (const target of targets) {
    if (target.kind !== 'function') return undefined;
    const type = target.node.type;
    // `asserts value is Face` narrows a type; only a bare `asserts value` says the value is truthy.
    if (!type || !ts.isTypePredicateNode(type) || !type.assertsModifier || type.type !== undefined) return undefined;
    if (!ts.isIdentifier(type.parameterName)) return undefined;
    const name = type.parameterName.text;
    const at = target.node.parameters.findIndex((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === name);
    if (at < 0 || (index !== undefined && index !== at)) return undefined;
    index = at;
  }
  return index;
}

/** A project function whose every path throws, called where its failure ends the caller's path. */
function neverReturns(interp: Walker, target: FnValue, node: CallNode): boolean {
  if (target.kind !== 'function' || !isSummarised(target.node)) return false;
  if (!interp.host.summaryOf(target.node).neverReturns) return false;
  // An async function returns a rejected promise: only `await` turns it back into a throw.
  return !isAsync(target.node) || isAwaited(node);
}

function isAsync(fn: FunctionNode): boolean {
  return !!ts.getModifiers(fn)?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword);
}

function isAwaited(node: CallNode): boolean {
  let current: ts.Node = node;
  while (current.parent && ts.isParenthesizedExpression(current.parent)) current = current.parent;
  return !!current.parent && ts.isAwaitExpression(current.parent) && skipOuter(current.parent.expression) === node;
}
