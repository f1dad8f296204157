/**
 * Stage: dataflow (calls into code the engine cannot see).
 * Input: a call whose callee is no project function (a library, a global, a built-in method), with its callee, the
 * actual arguments and the caller's state.
 * Output: its result under JavaScript's and the libraries' built-in semantics (facts/builtin-members.ts): callbacks
 * of array and promise methods, event handlers and timers run with the data they are given (and the sources the
 * models name for their parameters), masking with string methods (facts/masking-calls.ts), `Object.assign`, JSON
 * and other pass-through functions, stores into the receiver, `new Promise(resolve => …)`; otherwise whatever goes
 * in may come out (`sharp(frame).jpeg().toBuffer()`).
 * Invariant: an options object written in place configures a call and is not data; what a sink call returns is not
 * what was written to it; a result built only from sanitized inputs is sanitized.
 */
import { ts } from 'ts-morph';
import { type ApiRef, CALL, NEW, extendApiRef, memberSegment } from '../facts/api-ref';
import { ARRAY_CALLBACK_METHODS, NON_PROPAGATING, PASS_THROUGH_METHODS, PROMISE_CALLBACK_METHODS, PROMISE_COMBINATORS, RECEIVER_MUTATORS } from '../facts/builtin-members';
import { type CallDescription, calleeMatches } from '../facts/compile-models';
import { BASE_URL_OPTIONS } from '../facts/allowed-hosts';
import { isMaskReplacement, isReplacingMethod, keepsTooLittle } from '../facts/masking-calls';
import { assign, mutateReceiver } from './assignment';
import { higherOrderCallResult } from './higher-order-calls';
import type { Box, CallNode, Callee, Walker } from './host';
import { isSummarised, skipOuter } from './resolve';
import { callbackKey, runRouteChain } from './route-chains';
import { makeTaint, mergeTaint, sourceLabel } from './taint';
import { type FnValue, type Value, EMPTY, compact, deepTaint, elementOf, flatten, joinValues, markSanitized, taintOnly, withStep } from './value';

/** Result of a call into code the engine cannot see: taint carries over, known library semantics apply. */
export function externalCallResult(
  interp: Walker,
  node: CallNode,
  callee: Callee,
  allArgs: Value[],
  box: Box,
  isNew: boolean,
  callbackReturns: Map<number, Value>,
  /**
   * False for sinks: what a write, a log call or an upload returns (`prisma.dashcamEvent.create(…)` → the row's id)
   * is not what was written, nor what the client it was called on carries.
   */
  doesArgumentReachResult: boolean,
): Value {
  const args = doesArgumentReachResult ? allArgs : allArgs.map(() => EMPTY);
  const name = callee.name;
  const receiver = callee.receiver ?? EMPTY;
  const api = (callee.value.api ?? [])
    .map((ref) => extendApiRef(ref, isNew ? NEW : CALL))
    .filter((ref): ref is ApiRef => !!ref);
  const apiValue: Value = api.length ? { api } : EMPTY;

  // `_.forEach(guests, fn)`, `from(frames).pipe(map(fn))`: callbacks entered with the elements of the data.
  const higherOrder = higherOrderCallResult(interp, node, callee, allArgs, box);
  if (higherOrder) return joinValues(higherOrder, apiValue);

  // Closures and project functions handed to the call are run as callbacks.
  const callbackResult = runCallbacks(interp, node, callee, allArgs, box, callbackReturns);
  if (callbackResult.handled) return joinValues(callbackResult.value, apiValue);

  if (name && NON_PROPAGATING.has(name)) return apiValue;
  if (name && isMaskingCall(name, node, args)) {
    // What is left is too short to identify anyone, for every rule.
    let masked = apiValue;
    for (const rule of interp.host.rules) masked = markSanitized(masked, rule.id);
    return masked;
  }
  // `Promise.all([a, b])` resolves to `[a, b]` element by element; `race` and `any` to one of them.
  if (name !== undefined && PROMISE_COMBINATORS.has(name) && isGlobalMember(callee, 'Promise')) {
    const list = args[0] ?? EMPTY;
    return joinValues(name === 'race' || name === 'any' ? elementOf(list) : list, apiValue);
  }
  if (name === 'assign' && isGlobalMember(callee, 'Object')) {
    const merged = args.reduce((acc, arg) => joinValues(acc, arg), EMPTY);
    const target = node.arguments?.[0];
    if (target) assign(interp, target, merged, box);
    return merged;
  }
  if (name !== undefined && PASS_THROUGH_METHODS.has(name)) {
    const first = args[0] ?? EMPTY;
    // JSON text of an object still holds its fields: keep the declared type for whole-object findings.
    const kept = name === 'stringify' || name === 'from' ? compact({ ...flatten(first), classes: first.classes, provenance: first.provenance }) : first;
    return joinValues(kept, apiValue);
  }
  if (name && RECEIVER_MUTATORS.has(name) && callee.receiverNode) {
    mutateReceiver(interp, callee, args, box);
  }
  if (name === 'get' && receiver.elem) return joinValues(receiver.elem, apiValue);
  // Default: whatever goes into an unknown call may come out of it (`sharp(frame).jpeg().toBuffer()`), except an
  // options object written in place (`mqtt.connect(url, { clientId: vin })`): that configures, it is not data.
  let taint = doesArgumentReachResult ? deepTaint(receiver) : undefined;
  const argumentNodes = node.arguments ?? [];
  args.forEach((arg, index) => {
    const argumentNode = argumentNodes[index];
    if (argumentNode && ts.isObjectLiteralExpression(skipOuter(argumentNode))) return;
    taint = mergeTaint(taint, deepTaint(arg));
  });
  // A client keeps the URL it was made for (`mqtt.connect(url)`, `http.request(url)`), a logger its redaction.
  // A path (`client.path('/largepersongroups/{id}/persons/{pid}/persistedfaces')`) is kept too, for sinks whose
  // meaning depends on the route.
  const url = receiver.url ?? (args[0]?.str !== undefined && /^(?:(?:[a-z][a-z0-9+.-]*:)?\/\/|\/)/i.test(args[0].str) ? args[0].str : undefined) ?? baseUrlOf(allArgs);
  // Inputs sanitized for a rule, and none carrying its data, give a result sanitized for it
  // (`cv.imencode('.jpg', blurred).toString('base64')`): a name on the result does not make it the data again.
  const inputs = [receiver, ...args];
  const carried = new Set([...(taint?.values() ?? [])].map((label) => label.rule));
  const sanitized = [...new Set(inputs.flatMap((input) => input.sanitized ?? []))].filter((rule) => !carried.has(rule));
  // What is made only of what a client sent was sent by the client (`Buffer.from(body.image, 'base64')`).
  const withData = inputs.filter((input) => deepTaint(input) || input.provenance);
  const provenance = withData.length > 0 && withData.every((input) => input.provenance === 'request') ? 'request' : undefined;
  return compact({ ...apiValue, taint, owner: ownerSymbol(interp, callee.receiverNode), url, redact: receiver.redact, sanitized, provenance });
}

/** `axios.create({ baseURL: 'http://127.0.0.1:9300' })`, `got.extend({ prefixUrl })`: the base of its requests' URLs. */
function baseUrlOf(args: readonly Value[]): string | undefined {
  for (const arg of args) for (const option of BASE_URL_OPTIONS) if (arg.fields?.get(option)?.str !== undefined) return arg.fields.get(option)!.str;
  return undefined;
}

/** Inline masking that keeps too little to identify anyone (facts/masking-calls.ts), read from the literal arguments. */
function isMaskingCall(name: string, node: CallNode, values: readonly Value[]): boolean {
  const args = node.arguments ?? [];
  if (isReplacingMethod(name)) {
    const replacement = args[1] && skipOuter(args[1]);
    return !!replacement && ts.isStringLiteralLike(replacement) && isMaskReplacement(replacement.text);
  }
  return keepsTooLittle(name, args.length, values[0], values[1]);
}

function ownerSymbol(interp: Walker, receiverNode: ts.Expression | undefined): ts.Symbol | undefined {
  return receiverNode && ts.isIdentifier(receiverNode) ? interp.resolver.symbolAt(receiverNode) : undefined;
}

function isGlobalMember(callee: Callee, global: string): boolean {
  return !!callee.receiver?.api?.some((ref) => ref.root === 'g:' + global && ref.segments.length === 0);
}

/** Runs function arguments as callbacks; returns whether the call's result is the callbacks'. */
function runCallbacks(interp: Walker, node: CallNode, callee: Callee, args: Value[], box: Box, callbackReturns: Map<number, Value>): { handled: boolean; value: Value } {
  const name = callee.name;
  const receiver = callee.receiver ?? EMPTY;
  const callbackIndexes = args.map((arg, index) => (arg.fns?.length ? index : -1)).filter((index) => index >= 0);
  const propertyCallbacks = callbackProperties(args);
  if (callbackIndexes.length === 0 && propertyCallbacks.length === 0) return { handled: false, value: EMPTY };

  if (name && ARRAY_CALLBACK_METHODS.has(name) && callee.receiverNode) {
    const element = withStep(elementOf(receiver), node, 'step', `element passed to ${name}()`);
    const callback = args[0]!;
    let returned: Value = EMPTY;
    if (name === 'reduce' || name === 'reduceRight') {
      // The accumulator starts as the initial value and then carries what the callback returned.
      const initial = args[1] ?? EMPTY;
      const first = invokeAll(interp, callback, [initial, element], EMPTY, node, box);
      returned = invokeAll(interp, callback, [joinValues(initial, first), element], EMPTY, node, box);
      return { handled: true, value: joinValues(returned, initial) };
    }
    returned = invokeAll(interp, callback, [element, EMPTY, receiver], EMPTY, node, box);
    if (name === 'map' || name === 'flatMap') return { handled: true, value: { elem: name === 'flatMap' ? elementOf(returned) : returned } };
    if (name === 'filter' || name === 'sort') return { handled: true, value: receiver };
    if (name === 'find' || name === 'findLast') return { handled: true, value: element };
    return { handled: true, value: EMPTY };
  }
  if (name && PROMISE_CALLBACK_METHODS.has(name)) {
    const returned = invokeAll(interp, args[0] ?? EMPTY, [name === 'then' ? receiver : EMPTY], EMPTY, node, box);
    if (args[1]) invokeAll(interp, args[1], [EMPTY], EMPTY, node, box);
    return { handled: true, value: name === 'then' ? returned : joinValues(receiver, returned) };
  }
  // Event handlers, timers and other APIs that call back later: the callback's parameters carry what the
  // receiver carries (`ws.on('message', (data) => …)` on a camera stream) plus any source the models name.
  const receiverData = flatten(receiver);
  // What such a callback checks holds inside it only: the library keeps it and runs it later, so a consent check in
  // one route handler or `useCallback` must not guard the code after its registration (issue #17 §5). It runs in a
  // box of its own, on the same state, so that what it assigns to outer variables still flows back.
  const later = (): Box => ({ state: box.state });
  const paramsOf = (index: number, property?: string): Value[] => {
    if (property !== undefined) return [0, 1, 2].map((parameter) => joinValues(receiverData, callbackSourceOutput(interp, callee, index, parameter, node, property)));
    const params: Value[] = [];
    for (let parameter = 0; parameter < 4; parameter++) {
      let value: Value = receiverData;
      const callbackRefs = (callee.value.api ?? [])
        .map((ref) => extendApiRef(ref, memberSegment(`$cb${index}p${parameter}`)))
        .filter((ref): ref is ApiRef => !!ref);
      if (callbackRefs.length) value = joinValues(value, { api: callbackRefs });
      value = joinValues(value, callbackSourceOutput(interp, callee, index, parameter, node));
      params.push(value);
    }
    return params;
  };
  // A route's middleware and hooks run before its handler, which starts with the guards they let it through with.
  const ran = runRouteChain(interp, node, callee, args, box, paramsOf);
  // Mini-program style: `wx.chooseMedia({ success(res) {…}, fail() {…} })`.
  for (const { index, property, fns } of propertyCallbacks) {
    if (ran.has(callbackKey(index, property))) continue;
    const params = paramsOf(index, property).slice(0, 2);
    for (const fn of fns) interp.invoke(fn, params, EMPTY, node, later());
  }
  for (const index of callbackIndexes) {
    if (ran.has(callbackKey(index))) continue;
    const params = paramsOf(index);
    for (const fn of args[index]!.fns ?? []) {
      if (fn.kind === 'function' && isSummarised(fn.node) && !isInvokedWithData(params)) {
        interp.host.noteEscape(fn.node);
        continue;
      }
      const returned = interp.invoke(fn, params, EMPTY, node, later());
      callbackReturns.set(index, joinValues(callbackReturns.get(index) ?? EMPTY, returned));
    }
  }
  return { handled: false, value: EMPTY };
}

function isInvokedWithData(params: readonly Value[]): boolean {
  return params.some((param) => !!deepTaint(param));
}

/** Functions given as properties of object arguments (`{ success(res) {…} }`). */
function callbackProperties(args: readonly Value[]): { index: number; property: string; fns: FnValue[] }[] {
  const out: { index: number; property: string; fns: FnValue[] }[] = [];
  args.forEach((arg, index) => {
    for (const [property, field] of arg.fields ?? []) if (field.fns?.length) out.push({ index, property, fns: [...field.fns] });
  });
  return out;
}

function callbackSourceOutput(interp: Walker, callee: Callee, argumentIndex: number, parameter: number, node: CallNode, property?: string): Value {
  const description: CallDescription = { apiRefs: callee.value.api ?? [], calleeName: callee.name, receiverNames: callee.receiverNames, isProjectFunction: false };
  let taint: ReturnType<typeof makeTaint>;
  for (const rule of interp.host.rules) {
    for (const source of rule.apiSources.candidates(description)) {
      if (typeof source.output !== 'object') continue;
      if (source.output.callbackArgument !== argumentIndex || source.output.parameter !== parameter) continue;
      if ((source.output.property ?? undefined) !== property) continue;
      if (!calleeMatches(source.callee, description)) continue;
      taint = mergeTaint(taint, makeTaint([sourceLabel(rule.id, node, source.description, 'api')]));
    }
  }
  return taintOnly(taint);
}

function invokeAll(interp: Walker, callback: Value, args: Value[], thisValue: Value, node: CallNode, box: Box): Value {
  let result: Value = EMPTY;
  for (const fn of callback.fns ?? []) result = joinValues(result, interp.invoke(fn, args, thisValue, node, box));
  return result;
}

export function evaluatePromiseConstructor(interp: Walker, node: ts.NewExpression, args: Value[], box: Box): Value {
  const target = { value: EMPTY as Value };
  const resolve: Value = { fns: [{ kind: 'resolver', target }] };
  invokeAll(interp, args[0] ?? EMPTY, [resolve, EMPTY], EMPTY, node, box);
  return target.value;
}
