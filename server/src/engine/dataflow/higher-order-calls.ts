/**
 * Stage: dataflow (library calls that call back with the elements of a collection).
 * Input: a call into code the engine cannot see, with its callee's API refs and the actual arguments.
 * Output: for a call the models name (facts/higher-order-calls.ts), its callback entered with each element of the
 * data argument (`_.forEach(guests, (guest) => …)`, `eachSeries(frames, (frame, done) => …)`, `pMap(frames, …)`) and
 * the call's result (the callback's results, the collection, one element); for an operator factory (rxjs `map(fn)`)
 * an operator value, entered with the elements of the stream a later call pipes it into (`from(frames).pipe(…)`).
 * Invariant: undefined for every other call, which external-calls.ts then handles as before; a callback is entered
 * with the elements of the data, never with the library's own API value.
 */
import { ts } from 'ts-morph';
import { type ApiRef, matchesApiPath } from '../facts/api-ref';
import { compileFrameworkCallee } from '../facts/framework-state';
import { HIGHER_ORDER_MODELS, type HigherOrderModel, type HigherOrderResult, OPERATOR_MODELS, type OperatorModel } from '../facts/higher-order-calls';
import type { Box, CallNode, CallSiteNode, Callee, Walker } from './host';
import { type FnValue, type Value, EMPTY, elementOf, joinValues, withStep } from './value';

type Compiled<T> = { readonly model: T; readonly callee: ReturnType<typeof compileFrameworkCallee> };

let higherOrder: readonly Compiled<HigherOrderModel>[] | undefined;
let operators: readonly Compiled<OperatorModel>[] | undefined;
/** Roots of every model (`m:lodash`, `m:rxjs`): most calls are none of them, and are let go at once. */
let roots: ReadonlySet<string> | undefined;

function compile(): void {
  higherOrder = HIGHER_ORDER_MODELS.map((model) => ({ model, callee: compileFrameworkCallee(model.callee) }));
  operators = OPERATOR_MODELS.map((model) => ({ model, callee: compileFrameworkCallee(model.callee) }));
  roots = new Set([...higherOrder, ...operators].map((compiled) => compiled.callee.pattern.root));
}

function find<T>(models: readonly Compiled<T>[], refs: readonly ApiRef[]): T | undefined {
  return models.find((compiled) => refs.some((ref) => matchesApiPath(compiled.callee.pattern, ref)))?.model;
}

/** The result of a higher-order library call or of applying operators; undefined for any other call. */
export function higherOrderCallResult(interp: Walker, node: CallNode, callee: Callee, args: readonly Value[], box: Box): Value | undefined {
  const piped = args.flatMap((arg) => (arg.fns ?? []).filter((fn): fn is Operator => fn.kind === 'operator'));
  if (piped.length > 0) {
    // `source.pipe(map(…), filter(…))`: each operator in turn, on what the one before gave.
    let stream = callee.receiver ?? EMPTY;
    for (const operator of piped) stream = applyOperator(interp, operator, stream, node, box);
    return stream;
  }
  const refs = callee.value.api;
  if (!refs?.length || ts.isNewExpression(node)) return undefined;
  if (!roots) compile();
  if (!refs.some((ref) => roots!.has(ref.root))) return undefined;
  const model = find(higherOrder!, refs);
  if (model) {
    const data = args[model.data] ?? EMPTY;
    const element = withStep(elementsOf(data), node, 'step', `element passed to ${callee.name ?? 'a callback'}()`);
    const params: Value[] = [EMPTY, EMPTY, data];
    params[model.elementParameter ?? 0] = element;
    let returned: Value = EMPTY;
    for (const fn of args[model.callback]?.fns ?? []) returned = joinValues(returned, interp.invoke(fn, params, EMPTY, node, box));
    return resultOf(model.result, data, element, returned);
  }
  const operator = find(operators!, refs);
  if (operator) return { fns: [{ kind: 'operator', callbacks: args[operator.callback]?.fns ?? [], result: operator.result }] };
  return undefined;
}

type Operator = Extract<FnValue, { kind: 'operator' }>;

/** An operator entered with the elements of a stream: what the stream becomes after it. */
export function applyOperator(interp: Walker, operator: Operator, stream: Value, node: CallSiteNode, box: Box): Value {
  const element = withStep(elementsOf(stream), node, 'step', 'element passed to an operator');
  let returned: Value = EMPTY;
  for (const fn of operator.callbacks) returned = joinValues(returned, interp.invoke(fn, [element, EMPTY], EMPTY, node, box));
  return resultOf(operator.result, stream, element, returned);
}

function resultOf(result: HigherOrderResult, data: Value, element: Value, returned: Value): Value {
  switch (result) {
    case 'mapped':
      return { elem: returned };
    case 'flattened':
      return { elem: elementsOf(returned) };
    case 'collection':
      return data;
    case 'element':
      return element;
    case 'none':
      return EMPTY;
  }
}

/** An array's elements, or an object's values (lodash iterates both). */
function elementsOf(value: Value): Value {
  let element = elementOf(value);
  if (!value.elem && value.fields) for (const [key, field] of value.fields) if (!/^\d+$/.test(key)) element = joinValues(element, field);
  return element;
}
