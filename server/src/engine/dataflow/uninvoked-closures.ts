/**
 * Stage: dataflow (closures nothing ran).
 * Input: the walk of a summarised function that has ended, with the closures it created and did not run (handlers
 * returned from a React component or a composable, handed to JSX, kept for later), and the value it returns.
 * Output: each such closure walked once, from the state it was created in, with unknown arguments; what one of them
 * assigns to the function's variables is seen by the others (`take` sets `lastShot`, `send` uploads it); the reaches
 * found in a returned closure are marked with it (`PendingReach.viaClosure`), so that a caller that calls the
 * closure itself, with its own state and guards, drops them.
 * Invariant: at most `MAX_CLOSURES` closures per function; the closures are walked again once, in the same order,
 * only when one of them wrote data to a variable of the function.
 */
import { ts } from 'ts-morph';
import type { Effects, Walker } from './host';
import { isSummarised } from './resolve';
import { FlowState } from './state';
import { type FunctionNode, type Value, EMPTY, MAX_FIELD_DEPTH, deepTaint, joinValues } from './value';

export const MAX_CLOSURES = 200;

export function runUninvokedClosures(walker: Walker, returned: Value): void {
  const effects = walker.effects;
  const returnedClosures = closuresIn(returned);
  const written = new Map<ts.Symbol, Value>();
  let wroteData = false;
  const ran: { node: FunctionNode; state: FlowState }[] = [];
  const run = (node: FunctionNode, state: FlowState) => {
    const parent = state.reachable ? state.clone() : FlowState.initial();
    for (const [symbol, value] of written) parent.set(symbol, joinValues(parent.get(symbol) ?? EMPTY, value));
    const before = new Map(parent.vars);
    const firstReach = effects.reaches.length;
    const firstDeferred = effects.deferred.length;
    walker
      .closureWalker(node, { args: [], thisValue: walker.thisValue, parent, effects, depth: walker.depth + 1, owner: walker.owner, ownerParams: walker.params })
      .runInline();
    for (const [symbol, value] of parent.vars) {
      if (before.get(symbol) === value) continue;
      written.set(symbol, joinValues(written.get(symbol) ?? EMPTY, value));
      if (deepTaint(value)) wroteData = true;
    }
    if (returnedClosures.has(node)) markViaClosure(effects, firstReach, firstDeferred, node);
  };
  for (let index = 0; index < effects.closures.length && index < MAX_CLOSURES; index++) {
    const { node, state } = effects.closures[index]!;
    if (effects.invoked.has(node) || isSummarised(node) || !walker.canInline()) continue;
    effects.invoked.add(node);
    ran.push({ node, state });
    run(node, state);
  }
  if (wroteData && ran.length > 1) for (const { node, state } of ran) run(node, state);
}

/** Methods of an object made inside a function are its closures (`return { send(frame) {…} }`). */
export function noteObjectMethods(effects: Effects, node: ts.ObjectLiteralExpression, state: FlowState): void {
  for (const property of node.properties) {
    if ((ts.isMethodDeclaration(property) || ts.isGetAccessorDeclaration(property)) && property.body && !isSummarised(property) && effects.closures.length < MAX_CLOSURES) {
      effects.closures.push({ node: property, state });
    }
  }
}

/**
 * Marks the reaches and deferred calls found since the given counts as found in a returned closure walked with
 * nothing calling it (a caller that calls the closure drops them).
 */
export function markViaClosure(effects: Effects, firstReach: number, firstDeferred: number, closure: FunctionNode): void {
  for (let index = firstReach; index < effects.reaches.length; index++) {
    const reach = effects.reaches[index]!;
    if (!reach.viaClosure) effects.reaches[index] = { ...reach, viaClosure: closure };
  }
  for (let index = firstDeferred; index < effects.deferred.length; index++) {
    const deferred = effects.deferred[index]!;
    if (!deferred.viaClosure) effects.deferred[index] = { ...deferred, viaClosure: closure };
  }
}

/** The closures a value holds (a returned handler, an object of them), a few fields deep. */
function closuresIn(value: Value, depth = 0, out = new Set<FunctionNode>()): Set<FunctionNode> {
  for (const fn of value.fns ?? []) if (fn.kind === 'function') out.add(fn.node);
  if (depth >= MAX_FIELD_DEPTH) return out;
  for (const field of value.fields?.values() ?? []) closuresIn(field, depth + 1, out);
  if (value.elem) closuresIn(value.elem, depth + 1, out);
  return out;
}
