/**
 * Stage: dataflow (guards that run before a route handler).
 * Input: a call into code the engine cannot see that registers a route (facts/route-frameworks.ts) with its function
 * arguments: middleware and a handler (`router.post('/face', requireBiometricConsent, upload.single('face'),
 * handler)`), or Fastify hooks in the route's options (`{ preHandler: requireBiometricConsent }`).
 * Output: each middleware and hook run, as the framework runs them, from the state where the route is registered,
 * with a continuation in place of `next` (or `done`); then the handler, run from that state with the guards that
 * hold wherever every middleware hands on: at each call of its `next()`, or at the returns of a hook that did not
 * reply. Which arguments were run this way, so that they are not run again as plain callbacks.
 * Invariant: a guard holds in the handler only if it holds at every place a middleware lets the request through; a
 * middleware that never hands on gives none. Nothing a middleware or the handler checks flows back to the code that
 * registered them (issue #17 §5): they run later, per request. A project function as handler is called with the
 * guards held, so that its own reaches are discharged or carried up from the registration like a callee's.
 */
import { ts } from 'ts-morph';
import { ROUTE_HANDLER_OPTION, ROUTE_HOOK_OPTIONS, continuationParameter, isRouteRegistration } from '../facts/route-frameworks';
import type { Box, CallNode, CallSiteNode, Callee, Walker } from './host';
import { isSummarised } from './resolve';
import type { FlowState } from './state';
import { type Continuation, type FnValue, type GuardFact, type Value, EMPTY, deepTaint, joinValues, unionFacts } from './value';

/** A function the framework runs for the request: where it was given, and how it hands on. */
interface Stage {
  readonly fn: FnValue & { kind: 'function' };
  readonly index: number;
  readonly property?: string;
  readonly kind: 'middleware' | 'hook';
}

/** The parameters the framework calls a function given at argument `index` (or its option `property`) with. */
export type CallbackParams = (index: number, property?: string) => Value[];

/**
 * Runs a route registration's middleware, hooks and handler in order; returns what it ran, as `callbackKey`s of
 * their arguments and options (none when the call registers no middleware or hook: its callbacks are left to run as
 * any others).
 */
export function runRouteChain(interp: Walker, node: CallNode, callee: Callee, args: readonly Value[], box: Box, paramsOf: CallbackParams): ReadonlySet<string> {
  if (!isRouteRegistration(callee.name) || !callee.receiverNode) return new Set();
  const stages: Stage[] = [];
  const positional: Stage[] = [];
  let handler: Stage | undefined;
  args.forEach((arg, index) => {
    for (const fn of functionsOf(arg)) positional.push({ fn, index, kind: 'middleware' });
    for (const option of ROUTE_HOOK_OPTIONS) {
      for (const fn of functionsOf(arg.fields?.get(option))) stages.push({ fn, index, property: option, kind: 'hook' });
    }
    const handlerOption = functionsOf(arg.fields?.get(ROUTE_HANDLER_OPTION))[0];
    if (handlerOption) handler = { fn: handlerOption, index, property: ROUTE_HANDLER_OPTION, kind: 'middleware' };
  });
  if (!handler) handler = positional.pop();
  stages.push(...positional);
  if (!handler || stages.length === 0) return new Set();

  // Each function before the handler runs from the state of the registration, and hands on where it says.
  let held: readonly GuardFact[] = [];
  for (const stage of stages) held = unionFacts(held, runStage(interp, node, stage, paramsOf(stage.index, stage.property), box.state));
  runHandler(interp, node, handler, paramsOf(handler.index, handler.property), box, held);
  return new Set([...stages, handler].map((stage) => callbackKey(stage.index, stage.property)));
}

/** A callback given as argument `index`, or as its option `property`. */
export function callbackKey(index: number, property?: string): string {
  return property === undefined ? String(index) : `${index}.${property}`;
}

/** `next()` (or `done()`) called without an error: the request goes on; remember what held there. */
export function passThrough(target: Continuation, node: CallSiteNode, state: FlowState): void {
  if (!state.reachable || !ts.isCallExpression(node)) return;
  const error = node.arguments[0];
  if (error && !(error.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(error) && error.text === 'undefined'))) return;
  const here = [...state.guards.values()];
  target.facts = target.calls === 0 ? here : target.facts.filter((fact) => here.some((other) => other.rule === fact.rule));
  target.calls++;
}

function functionsOf(value: Value | undefined): (FnValue & { kind: 'function' })[] {
  const fns = [...(value?.fns ?? []), ...(value?.elem?.fns ?? [])];
  return fns.filter((fn): fn is FnValue & { kind: 'function' } => fn.kind === 'function');
}

/** Runs one middleware or hook; returns the guards that hold wherever it lets the request through. */
function runStage(interp: Walker, node: CallNode, stage: Stage, params: Value[], registration: FlowState): readonly GuardFact[] {
  const fn = stage.fn.node;
  const at = fn.parameters.some((parameter) => parameter.dotDotDotToken) ? undefined : continuationParameter(stage.kind, fn.parameters.length);
  const target: Continuation = { calls: 0, facts: [] };
  if (at !== undefined) params[at] = { fns: [{ kind: 'continuation', target }] };
  const box: Box = { state: registration };
  if (isSummarised(fn)) {
    // A call through its `next` parameter is completed here, with the continuation (invocation.ts).
    interp.invoke(stage.fn, params, EMPTY, node, box);
    if (at === undefined) return interp.host.summaryOf(fn).guardsOnPass ?? [];
  } else {
    if (!interp.canInline()) {
      interp.host.budget.hit('inline-depth', node);
      return [];
    }
    interp.effects.invoked.add(fn);
    const thisValue = ts.isArrowFunction(fn) ? interp.thisValue : EMPTY;
    const walker = interp.closureWalker(fn, { args: params, thisValue, parent: registration, effects: interp.effects, depth: interp.depth + 1, owner: interp.owner, ownerParams: interp.params });
    const { guardsOnPass } = walker.runInline();
    if (at === undefined) return guardsOnPass;
  }
  return target.calls > 0 ? target.facts : [];
}

/** Runs the handler with the guards the middleware let through with; its own checks stay inside it. */
function runHandler(interp: Walker, node: CallNode, handler: Stage, params: Value[], box: Box, held: readonly GuardFact[]): void {
  const fn = handler.fn.node;
  if (held.length === 0 && isSummarised(fn) && !params.some((param) => deepTaint(param))) {
    // Nothing to add: like any callback handed out, it is an entry point of its own.
    interp.host.noteEscape(fn);
    return;
  }
  const registration = box.state;
  const handlerBox: Box = { state: registration.withFacts(held) };
  interp.invoke(handler.fn, params, EMPTY, node, handlerBox);
  // What the handler assigned to outer variables still flows back; its guards do not.
  for (const [symbol, value] of handlerBox.state.vars) {
    const before = registration.get(symbol);
    if (before !== value) registration.set(symbol, before ? joinValues(before, value) : value);
  }
}
