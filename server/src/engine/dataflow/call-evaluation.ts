/**
 * Stage: dataflow (calls).
 * Input: a call or `new` expression met by the interpreter, with the caller's state.
 * Output: the call's value, with the rules' models applied (sources, sinks, sanitizers, steps, guards), project
 * callees' summaries instantiated (their sinks, writes and guards carried into the caller) and closures walked
 * in place with the actual arguments.
 * Invariant: a project function is never treated as an external API; names alone (`logger.info`) make a sink
 * only when the callee is not the project's own code with a body the engine can read.
 */
import { ts } from 'ts-morph';
import { type ApiRef, CALL, NEW, extendApiRef, memberSegment, moduleRef } from '../facts/api-ref';
import { type CallDescription, type CompiledRedaction, type CompiledRule, type CompiledSink, calleeMatches } from '../facts/compile-models';
import { tokenizeName } from '../facts/name-tokens';
import { isAllowedUrl } from '../facts/allowed-hosts';
import { compileLinear, isUnsupported, type LinearRegex } from '../facts/linear-regex';
import { type Box, type CallSiteNode, Interpreter, accessChainNames, elementOf, findMember, sourceLabel } from './interpreter';
import { functionName, literalKey, skipOuter, staticPropertyName } from './resolve';
import { type CallActuals, type PendingReach, type Summary, instantiate, pushStep, appendSteps, readPath } from './summary';
import {
  type ClassLike,
  type Cond,
  type FnValue,
  type FunctionNode,
  type GuardFact,
  type Label,
  type Value,
  EMPTY,
  addNote,
  compact,
  deepTaint,
  deepTaintWithPaths,
  flatten,
  isClearedFor,
  joinValues,
  makeTaint,
  mergeTaint,
  isRedacted,
  markSanitized,
  removeRule,
  taintOnly,
  withStep,
  writeField,
} from './value';

type CallNode = ts.CallExpression | ts.NewExpression;

interface Callee {
  readonly value: Value;
  readonly receiver?: Value;
  readonly receiverNode?: ts.Expression;
  readonly name?: string;
  readonly receiverNames?: readonly string[];
}

/** Methods whose result is a boolean or a number: the data does not survive them. */
const NON_PROPAGATING = new Set([
  'test', 'includes', 'startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'has', 'some', 'every', 'findIndex',
  'findLastIndex', 'isArray', 'isNaN', 'isFinite', 'isInteger', 'parseInt', 'parseFloat', 'Number', 'Boolean',
  'localeCompare', 'getTime', 'now', 'random', 'floor', 'ceil', 'round', 'min', 'max', 'abs', 'keys', 'charCodeAt',
  'compare', 'equals', 'exists', 'existsSync', 'isBuffer', 'byteLength', 'size', 'count', 'countDocuments',
]);

/** Methods that store their argument inside the receiver. */
const RECEIVER_MUTATORS = new Set(['push', 'unshift', 'splice', 'add', 'set', 'append', 'write', 'drawImage', 'putImageData', 'enqueue', 'fill']);

const ARRAY_CALLBACK_METHODS = new Set(['map', 'forEach', 'filter', 'find', 'findLast', 'some', 'every', 'flatMap', 'reduce', 'reduceRight', 'sort']);
const PROMISE_CALLBACK_METHODS = new Set(['then', 'catch', 'finally']);
const ASSERTION_VERBS = new Set(['assert', 'ensure', 'require', 'verify', 'check', 'enforce', 'must', 'guard']);

export function evaluateCall(interp: Interpreter, node: ts.CallExpression, box: Box): Value {
  const calleeNode = skipOuter(node.expression);
  if (calleeNode.kind === ts.SyntaxKind.SuperKeyword) return evaluateSuper(interp, node, box);
  if (calleeNode.kind === ts.SyntaxKind.ImportKeyword) return evaluateDynamicImport(interp, node, box);
  const callee = evaluateCallee(interp, calleeNode, box);
  const args = evaluateArguments(interp, node.arguments, box);

  if (ts.isIdentifier(calleeNode) && calleeNode.text === 'require' && isGlobalRequire(interp, calleeNode)) {
    const specifier = node.arguments[0];
    if (specifier && ts.isStringLiteralLike(specifier)) {
      return interp.resolver.resolvesToProject(specifier) ? moduleExports(interp, specifier) : { api: [moduleRef(specifier.text)] };
    }
  }
  return completeCall(interp, node, callee, args, box, false);
}

/** `require` as CommonJS provides it (JS files bind it to a built-in symbol), not a project function. */
function isGlobalRequire(interp: Interpreter, node: ts.Identifier): boolean {
  const symbol = interp.resolver.symbolAt(node);
  return !symbol || interp.resolver.projectDeclarations(symbol).length === 0;
}

export function evaluateNew(interp: Interpreter, node: ts.NewExpression, box: Box): Value {
  const calleeNode = skipOuter(node.expression);
  const callee = evaluateCallee(interp, calleeNode, box);
  const args = evaluateArguments(interp, node.arguments ?? [], box);
  const classes = projectClassesOf(interp, calleeNode);
  if (classes.length) {
    let instance: Value = compact({ classes, api: classes.flatMap((cls) => interp.resolver.externalBaseInstances(cls)) });
    for (const cls of classes) {
      const constructor = findConstructor(cls);
      if (!constructor) continue;
      const result = callProjectFunction(interp, constructor, args, instance, node, box);
      instance = joinValues(instance, { classes: [cls] });
      void result;
    }
    return instance;
  }
  if (ts.isIdentifier(calleeNode) && calleeNode.text === 'Promise' && callee.value.api?.some((ref) => ref.root === 'g:Promise')) {
    return evaluatePromiseConstructor(interp, node, args, box);
  }
  return completeCall(interp, node, callee, args, box, true);
}

function evaluateCallee(interp: Interpreter, calleeNode: ts.Expression, box: Box): Callee {
  if (ts.isPropertyAccessExpression(calleeNode) || (ts.isElementAccessExpression(calleeNode) && literalKey(calleeNode.argumentExpression) !== undefined)) {
    const name = ts.isPropertyAccessExpression(calleeNode) ? calleeNode.name.text : literalKey(calleeNode.argumentExpression)!;
    const receiverNode = skipOuter(calleeNode.expression);
    const isThis = receiverNode.kind === ts.SyntaxKind.ThisKeyword || receiverNode.kind === ts.SyntaxKind.SuperKeyword;
    const receiver = isThis ? interp.thisValue : interp.eval(calleeNode.expression, box);
    const value = interp.readMember(isThis ? { ...receiver, fields: undefined } : receiver, name, calleeNode);
    const methods = isThis ? memberFunctions(interp, receiver, name) : EMPTY;
    return {
      value: joinValues(value, methods),
      receiver,
      receiverNode,
      name,
      receiverNames: accessChainNames(receiverNode),
    };
  }
  const value = interp.eval(calleeNode, box);
  return { value, name: ts.isIdentifier(calleeNode) ? calleeNode.text : undefined };
}

function memberFunctions(interp: Interpreter, receiver: Value, name: string): Value {
  const fns: FnValue[] = [];
  for (const cls of receiver.classes ?? []) {
    if (!ts.isClassLike(cls)) continue;
    const member = findMemberInHierarchy(interp, cls, name);
    if (member) fns.push({ kind: 'function', node: member });
  }
  return fns.length ? { fns } : EMPTY;
}

function evaluateArguments(interp: Interpreter, nodes: readonly ts.Expression[], box: Box): Value[] {
  const args: Value[] = [];
  for (const argument of nodes) {
    if (ts.isSpreadElement(argument)) {
      const spread = interp.eval(argument.expression, box);
      args.push(elementOf(spread));
    } else {
      args.push(interp.eval(argument, box));
    }
  }
  return args;
}

/** Everything after the callee and arguments are known. */
function completeCall(interp: Interpreter, node: CallNode, callee: Callee, args: Value[], box: Box, isNew: boolean, guardOverride?: ReadonlySet<string>): Value {
  const targets = projectTargets(interp, node, callee);
  const description: CallDescription = {
    apiRefs: callee.value.api ?? [],
    calleeName: callee.name,
    receiverNames: callee.receiverNames,
    isProjectFunction: targets.length > 0,
  };
  let result: Value = EMPTY;
  const thisValue = callee.receiver ?? EMPTY;
  /** What function arguments returned when run as callbacks (`() => createReadStream(facePhotoPath)`). */
  const callbackReturns = new Map<number, Value>();

  if (targets.length > 0) {
    for (const target of targets) result = joinValues(result, interp.invoke(target, args, thisValue, node, box));
  } else {
    // What a write, a log call or an upload returns is not what was written (`prisma.customer.create(…)`).
    const isSinkCall = interp.host.rules.some((rule) => rule.sinks.matching(description).length > 0);
    result = externalCallResult(interp, node, callee, args, box, isNew, callbackReturns, !isSinkCall);
  }

  // Calls through parameters are resolved by callers (`send(frame)` where `send` is a parameter).
  recordDeferredCalls(interp, node, callee, args, box);

  const sinkArgs = callbackReturns.size ? args.map((arg, index) => (callbackReturns.has(index) ? joinValues(arg, callbackReturns.get(index)!) : arg)) : args;
  result = applyRuleModels(interp, node, callee, description, sinkArgs, result, box, guardOverride);
  result = applyGuardModels(interp, node, callee, args, result, box);
  result = applyValidations(interp, node, callee, result);
  return result;
}

function projectTargets(interp: Interpreter, node: CallNode, callee: Callee): FnValue[] {
  const targets: FnValue[] = [...(callee.value.fns ?? [])];
  if (targets.length === 0) {
    // The checker resolves what our own value tracking cannot (`repo.save` with `repo` of a project type).
    const calleeNode = skipOuter(node.expression);
    const nameNode = ts.isPropertyAccessExpression(calleeNode) ? calleeNode.name : ts.isIdentifier(calleeNode) ? calleeNode : undefined;
    // Only for plain calls: for a method, the checker would type-check the receiver expression, which cost a third
    // of a scan's time. Methods resolve through what the analysis knows of the receiver (`new`, declared types,
    // summaries' return values, interface implementations).
    if (nameNode && ts.isIdentifier(calleeNode)) {
      const symbol = interp.resolver.symbolAt(nameNode);
      if (symbol) {
        for (const declaration of interp.resolver.projectDeclarations(symbol)) {
          const fn = interp.resolver.functionOf(declaration);
          if (fn) targets.push({ kind: 'function', node: fn });
          else if ((ts.isMethodSignature(declaration) || ts.isPropertySignature(declaration)) && ts.isInterfaceDeclaration(declaration.parent) && callee.name) {
            for (const impl of interp.host.implementationsOf(declaration.parent, callee.name)) targets.push({ kind: 'function', node: impl });
          }
        }
      }
    }
  }
  if (targets.length === 0 && callee.receiver?.classes && callee.name) {
    for (const cls of callee.receiver.classes) {
      if (ts.isInterfaceDeclaration(cls)) {
        for (const impl of interp.host.implementationsOf(cls, callee.name)) targets.push({ kind: 'function', node: impl });
      }
    }
  }
  return targets;
}

/** Result of a call into code the engine cannot see: taint carries over, known library semantics apply. */
function externalCallResult(
  interp: Interpreter,
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
  if (name === 'assign' && isGlobalMember(callee, 'Object')) {
    const merged = args.reduce((acc, arg) => joinValues(acc, arg), EMPTY);
    const target = node.arguments?.[0];
    if (target) interp.assign(target, merged, box);
    return merged;
  }
  if (name === 'stringify' || name === 'parse' || name === 'structuredClone' || name === 'freeze' || name === 'from' || name === 'resolve') {
    const first = args[0] ?? EMPTY;
    // JSON text of an object still holds its fields: keep the declared type for whole-object findings.
    const kept = name === 'stringify' || name === 'from' ? compact({ ...flatten(first), classes: first.classes }) : first;
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
  const url = receiver.url ?? (args[0]?.str !== undefined && /^(?:(?:[a-z][a-z0-9+.-]*:)?\/\/|\/)/i.test(args[0].str) ? args[0].str : undefined);
  // Inputs that were all sanitized give a sanitized result (`cv.imencode('.jpg', blurred).toString('base64')`).
  const inputs = [receiver, ...args];
  const sanitized = !taint ? [...new Set(inputs.flatMap((input) => input.sanitized ?? []))] : undefined;
  return compact({ ...apiValue, taint, owner: ownerSymbol(interp, callee.receiverNode), url, redact: receiver.redact, sanitized });
}

/**
 * Inline masking that keeps too little to identify anyone: `id.slice(-4)`, `vin.slice(0, 6)`,
 * `id.substring(0, 3)`, `id.replace(/^(.{3}).*(.{4})$/, '$1****$2')` (DOMAIN §4.6: at most 6 leading and 4 trailing
 * characters). What is kept is judged from literal arguments only.
 */
function isMaskingCall(name: string, node: CallNode, values: readonly Value[]): boolean {
  const args = node.arguments ?? [];
  if (name === 'slice' || name === 'substring' || name === 'substr') {
    const start = values[0]?.num;
    const second = values[1]?.num;
    // `s.slice(s.length - 4)`: the last four characters.
    if (args.length === 1 && values[0]?.fromEnd !== undefined) return values[0].fromEnd <= 4;
    if (start === undefined) return false;
    if (args.length === 1) return name === 'slice' && start < 0 && start >= -4;
    if (second === undefined) return false;
    const length = name === 'substr' ? second : second - start;
    return start >= 0 && length >= 0 && length <= 6;
  }
  if (name === 'replace' || name === 'replaceAll') {
    const replacement = args[1] && skipOuter(args[1]);
    return !!replacement && ts.isStringLiteralLike(replacement) && /[*＊•●]{2,}|^[*＊•●]$/.test(replacement.text);
  }
  return false;
}

function ownerSymbol(interp: Interpreter, receiverNode: ts.Expression | undefined): ts.Symbol | undefined {
  return receiverNode && ts.isIdentifier(receiverNode) ? interp.resolver.symbolAt(receiverNode) : undefined;
}

function isGlobalMember(callee: Callee, global: string): boolean {
  return !!callee.receiver?.api?.some((ref) => ref.root === 'g:' + global && ref.segments.length === 0);
}

function mutateReceiver(interp: Interpreter, callee: Callee, args: Value[], box: Box): void {
  // `map.set(key, value)`, `form.append(name, blob, filename)`: the second argument is the stored value.
  const stored = (callee.name === 'set' || callee.name === 'append') && args.length >= 2 ? args[1]! : args.reduce((acc, arg) => joinValues(acc, arg), EMPTY);
  storeInto(interp, callee.receiverNode!, callee.receiver ?? EMPTY, stored, `stored by ${callee.name}()`, box);
}

/**
 * Data stored inside the object an expression denotes: a local variable, a field of `this`, or, for a value
 * obtained from a variable by a call (`canvas.getContext('2d').drawImage(video)`), that variable.
 */
function storeInto(interp: Interpreter, receiverNode: ts.Expression, receiverValue: Value, stored: Value, message: string, box: Box): void {
  if (!deepTaint(stored)) return;
  const stepped = withStep(stored, receiverNode, 'step', message);
  if (!ts.isIdentifier(receiverNode) && !(ts.isPropertyAccessExpression(receiverNode) && receiverNode.expression.kind === ts.SyntaxKind.ThisKeyword)) {
    interp.propagateToOwner(receiverValue, stepped, box);
    return;
  }
  if (ts.isIdentifier(receiverNode)) {
    const symbol = interp.resolver.symbolAt(receiverNode);
    if (!symbol) return;
    const base = box.state.get(symbol) ?? interp.host.moduleValue(symbol) ?? EMPTY;
    box.state.set(symbol, compact({ ...base, elem: joinValues(base.elem ?? EMPTY, stepped) }));
    interp.propagateToOwner(base, stepped, box);
    const paramIndex = interp.params.get(symbol);
    if (paramIndex !== undefined) interp.effects.paramWrites.push({ index: paramIndex, path: [], value: { elem: stepped } });
  } else if (ts.isPropertyAccessExpression(receiverNode) && receiverNode.expression.kind === ts.SyntaxKind.ThisKeyword) {
    interp.writeThisField([receiverNode.name.text], { elem: stepped });
  }
}

/** Runs function arguments as callbacks; returns whether the call's result is the callbacks'. */
function runCallbacks(interp: Interpreter, node: CallNode, callee: Callee, args: Value[], box: Box, callbackReturns: Map<number, Value>): { handled: boolean; value: Value } {
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
  // Mini-program style: `wx.chooseMedia({ success(res) {…}, fail() {…} })`.
  for (const { index, property, fns } of propertyCallbacks) {
    const params = [0, 1].map((parameter) => joinValues(receiverData, callbackSourceOutput(interp, callee, index, parameter, node, property)));
    for (const fn of fns) interp.invoke(fn, params, EMPTY, node, box);
  }
  for (const index of callbackIndexes) {
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
    for (const fn of args[index]!.fns ?? []) {
      if (fn.kind === 'function' && interp.isSummarised(fn.node) && !isInvokedWithData(params)) {
        interp.host.noteEscape(fn.node);
        continue;
      }
      const returned = interp.invoke(fn, params, EMPTY, node, box);
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

function callbackSourceOutput(interp: Interpreter, callee: Callee, argumentIndex: number, parameter: number, node: CallNode, property?: string): Value {
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

function invokeAll(interp: Interpreter, callback: Value, args: Value[], thisValue: Value, node: CallNode, box: Box): Value {
  let result: Value = EMPTY;
  for (const fn of callback.fns ?? []) result = joinValues(result, interp.invoke(fn, args, thisValue, node, box));
  return result;
}

function evaluatePromiseConstructor(interp: Interpreter, node: ts.NewExpression, args: Value[], box: Box): Value {
  const target = { value: EMPTY as Value };
  const resolve: Value = { fns: [{ kind: 'resolver', target }] };
  invokeAll(interp, args[0] ?? EMPTY, [resolve, EMPTY], EMPTY, node, box);
  return target.value;
}

/** Calls a function value: closures are walked in place, project functions through their summaries. */
export function invokeFunctionValue(interp: Interpreter, fn: FnValue, args: readonly Value[], thisValue: Value, node: CallSiteNode, box: Box): Value {
  if (fn.kind === 'resolver') {
    fn.target.value = joinValues(fn.target.value, args[0] ?? EMPTY);
    return EMPTY;
  }
  if (interp.isSummarised(fn.node)) return callProjectFunction(interp, fn.node, args, thisValue, node, box);
  if (!interp.canInline()) {
    interp.host.budget.hit('inline-depth', node);
    return flatten(args.reduce((acc, arg) => joinValues(acc, arg), EMPTY));
  }
  interp.effects.invoked.add(fn.node);
  const inner = new Interpreter(interp.host, fn.node, {
    args,
    thisValue: ts.isArrowFunction(fn.node) ? interp.thisValue : thisValue,
    parent: box.state,
    effects: interp.effects,
    depth: interp.depth + 1,
    owner: interp.owner,
    ownerParams: interp.params,
  });
  const { ret, guardsOnReturn } = inner.runInline();
  if (guardsOnReturn.length) box.state = box.state.withFacts(guardsOnReturn);
  return ret;
}

/** Applies a project function's summary at a call site. */
function callProjectFunction(interp: Interpreter, fn: FunctionNode, args: readonly Value[], thisValue: Value, node: CallSiteNode, box: Box): Value {
  const summary = interp.host.summaryOf(fn);
  const calleeName = functionName(fn);
  const actuals: CallActuals = { args, thisValue, node, calleeName };
  interp.host.recordCallSite(fn, interp.owner, node, new Set(box.state.guards.keys()));
  instantiateReaches(interp, summary, actuals, box);
  instantiateWrites(interp, summary, actuals, node, box);
  instantiateDeferred(interp, summary, actuals, box);
  let ret = instantiate(summary.ret, actuals);
  if (summary.retCond) ret = compact({ ...ret, cond: summary.retCond });
  if (summary.guardsOnReturn.length) box.state = box.state.withFacts(summary.guardsOnReturn);
  noteKnownGuard(interp, fn, calleeName, summary);
  return ret;
}

function noteKnownGuard(interp: Interpreter, fn: FunctionNode, name: string, summary: Summary): void {
  const shortName = name.split('.').pop()!;
  const facts = [...summary.guardsOnReturn, ...(summary.retCond?.whenTrue ?? [])];
  for (const fact of facts) if (!fact.weakReason) interp.host.noteKnownFunction('guard', fact.rule, shortName, fn);
  // A helper whose body masks its argument (`lastFour(v)`) is the project's own sanitizer, offered by fixes.
  if (fn.parameters.length > 0 && !deepTaint(summary.ret)) {
    for (const rule of summary.ret.sanitized ?? []) interp.host.noteKnownFunction('sanitizer', rule, shortName, fn);
  }
}

function instantiateReaches(interp: Interpreter, summary: Summary, actuals: CallActuals, box: Box): void {
  const guardsHere = box.state.guards;
  for (const reach of summary.reaches) {
    const rule = interp.host.rules.find((candidate) => candidate.id === reach.rule);
    if (!rule) continue;
    const guarded = reach.guarded || guardsHere.has(reach.rule);
    const weak = [...reach.weak, ...box.state.weak.filter((fact) => fact.rule === reach.rule && !reach.weak.includes(fact))];
    const origin = reach.label.origin;
    if (isClearedFor(reach.label, reach.rule)) continue;
    if (origin.kind === 'source') {
      // Complete reaches travel up only for rules whose protection (consent) may sit in a caller.
      if (!rule.guardProtects || guarded) continue;
      interp.effects.reaches.push({
        ...reach,
        weak,
        callChain: pushStep(undefined, actuals.node, 'call', `${actuals.calleeName} called without a consent check`),
      });
      if (reach.callChain) {
        const last = interp.effects.reaches[interp.effects.reaches.length - 1]!;
        (last as { callChain: PendingReach['callChain'] }).callChain = appendSteps(last.callChain, reach.callChain);
      }
      continue;
    }
    const base = origin.kind === 'param' ? (actuals.args[origin.index] ?? EMPTY) : actuals.thisValue;
    const actual = readPath(base, origin.access);
    for (const [label, fieldPath] of deepTaintWithPaths(actual)) {
      if (label.rule !== reach.rule && label.rule !== '*') continue;
      let step = label.step;
      step = pushStep(step, actuals.node, 'call', `passed to ${actuals.calleeName}`);
      const joined: Label = { ...label, step: appendSteps(step, reach.label.step), notes: mergeNotes(label, reach.label) };
      if (guarded && rule.guardProtects) continue;
      interp.effects.reaches.push({ rule: reach.rule, sink: reach.sink, label: joined, fieldPath: [...fieldPath, ...reach.fieldPath], guarded, weak, callChain: reach.callChain });
    }
  }
}

function mergeNotes(a: Label, b: Label): Label['notes'] {
  if (!a.notes) return b.notes;
  if (!b.notes) return a.notes;
  return [...a.notes, ...b.notes];
}

function instantiateWrites(interp: Interpreter, summary: Summary, actuals: CallActuals, node: CallSiteNode, box: Box): void {
  const argumentNodes = ts.isPropertyAccessExpression(node) ? [] : (node.arguments ?? []);
  for (const write of summary.paramWrites) {
    const argumentNode = argumentNodes[write.index];
    if (!argumentNode) continue;
    const value = instantiate(write.value, actuals);
    if (!deepTaint(value) && !value.api) continue;
    const target = skipOuter(argumentNode);
    if (ts.isIdentifier(target)) {
      const symbol = interp.resolver.symbolAt(target);
      if (!symbol) continue;
      const base = box.state.get(symbol) ?? EMPTY;
      const updated = write.path.length ? writeField(base, write.path, joinValues(readPath(base, write.path), value)) : joinValues(base, value);
      box.state.set(symbol, updated);
      const paramIndex = interp.params.get(symbol);
      if (paramIndex !== undefined) interp.effects.paramWrites.push({ index: paramIndex, path: write.path, value });
    } else if (ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword) {
      interp.writeThisField([target.name.text, ...write.path], value);
    }
  }
  for (const write of summary.fieldWrites) {
    const value = instantiate(write.value, actuals);
    const [head, ...rest] = write.path;
    if (head === undefined) continue;
    const current = interp.host.peekClassField(write.cls, head) ?? EMPTY;
    interp.host.writeClassField(write.cls, head, rest.length ? writeField(current, rest, value) : value);
  }
}

function instantiateDeferred(interp: Interpreter, summary: Summary, actuals: CallActuals, box: Box): void {
  for (const deferred of summary.deferred) {
    let calleeValue = actuals.args[deferred.param] ?? EMPTY;
    let receiver: Value | undefined;
    for (const name of deferred.access) {
      receiver = calleeValue;
      calleeValue = interp.readMember(calleeValue, name, deferred.node);
    }
    if (!calleeValue.api?.length && !calleeValue.fns?.length) continue;
    const args = deferred.args.map((arg) => instantiate(arg, actuals));
    const guards = new Set([...deferred.guards, ...box.state.guards.keys()]);
    const callee: Callee = {
      value: { api: calleeValue.api, fns: calleeValue.fns },
      receiver,
      name: deferred.access[deferred.access.length - 1],
      receiverNames: deferred.access.slice(0, -1),
    };
    const deferredBox: Box = { state: box.state.withFacts([...deferred.guards].map((rule) => box.state.guards.get(rule) ?? syntheticGuard(rule, deferred.node))) };
    completeCall(interp, deferred.node, callee, args, deferredBox, ts.isNewExpression(deferred.node), guards);
  }
}

function syntheticGuard(rule: string, node: ts.Node): GuardFact {
  return { rule, node, description: 'guard held in the callee' };
}

function recordDeferredCalls(interp: Interpreter, node: CallNode, callee: Callee, args: Value[], box: Box): void {
  const taint = callee.value.taint;
  if (!taint) return;
  for (const label of taint.values()) {
    if (label.origin.kind !== 'param') continue;
    interp.recordDeferred({ node, param: label.origin.index, access: label.origin.access, args }, box);
  }
}

// ─── models ────────────────────────────────────────────────────────────────────

function applyRuleModels(
  interp: Interpreter,
  node: CallNode,
  callee: Callee,
  description: CallDescription,
  args: Value[],
  result: Value,
  box: Box,
  guardOverride?: ReadonlySet<string>,
): Value {
  let out = result;
  const receiver = callee.receiver ?? EMPTY;
  const nameOnly = description.isProjectFunction;
  // A sanitizer's input is joined into the result once: a second rule's sanitizer on the same call must not bring
  // back what the first one removed (`redactVin(x)` matches the masking models of more than one rule).
  const joinedInputs = new Set<number | 'receiver'>();
  for (const rule of interp.host.rules) {
    for (const sanitizer of rule.sanitizers.candidates(description)) {
      if (!calleeMatches(sanitizer.callee, description)) continue;
      if (nameOnly && sanitizer.callee.api) continue;
      if (!joinedInputs.has(sanitizer.argument)) {
        joinedInputs.add(sanitizer.argument);
        out = joinValues(out, sanitizer.argument === 'receiver' ? receiver : (args[sanitizer.argument] ?? EMPTY));
      }
      out = markSanitized(removeRule(out, rule.id), rule.id, callee.name ? `${callee.name}()` : sanitizer.description);
      const fn = callee.value.fns?.[0];
      if (callee.name) interp.host.noteKnownFunction('sanitizer', rule.id, callee.name, fn?.kind === 'function' ? fn.node : undefined);
    }
    for (const redaction of rule.redactions.candidates(description)) {
      if (!calleeMatches(redaction.callee, description)) continue;
      const options = args[redaction.argument] ?? EMPTY;
      const paths = redactionPaths(interp, redaction, options);
      if (paths.length === 0) continue;
      if (redaction.scope === 'instance') out = compact({ ...out, redact: [...new Set([...(out.redact ?? []), ...paths])] });
      else for (const ref of description.apiRefs) interp.host.addModuleRedaction(rule.id, ref.root, paths);
    }
    for (const lookalike of rule.notSanitizers.candidates(description)) {
      if (!calleeMatches(lookalike.callee, description)) continue;
      out = compact({ ...out, taint: addNote(deepTaint(out), rule.id, { reason: lookalike.reason, description: lookalike.description, node }) });
    }
    if (!nameOnly) {
      for (const source of rule.apiSources.candidates(description)) {
        if (source.output !== 'result' && source.output !== undefined) continue;
        if (!calleeMatches(source.callee, description)) continue;
        // The API's own result is the most precise description (`withFaceDescriptor()` after `withFaceLandmarks()`).
        const base = removeRule(out, rule.id);
        out = compact({ ...base, taint: mergeTaint(base.taint, makeTaint([sourceLabel(rule.id, node, source.description, 'api')])) });
      }
      for (const step of rule.steps.candidates(description)) {
        if (!calleeMatches(step.callee, description)) continue;
        const from = step.from === 'receiver' ? receiver : (args[step.from.argument] ?? EMPTY);
        if (step.to === 'result') out = joinValues(out, flatten(from));
        else if (step.to === 'receiver' && callee.receiverNode) mutateReceiver(interp, { ...callee, name: 'push' }, [from], box);
        else if (typeof step.to === 'object') {
          // `frame.copyTo(buffer)`: the data lands in an argument.
          const target = node.arguments?.[step.to.argument];
          if (target) storeInto(interp, skipOuter(target), args[step.to.argument] ?? EMPTY, flatten(from), `filled by ${callee.name ?? 'a call'}()`, box);
        }
      }
      for (const sink of rule.sinks.candidates(description)) {
        if (!calleeMatches(sink.callee, description)) continue;
        checkSink(interp, rule, sink, node, args, callee, box, guardOverride);
      }
    }
  }
  return out;
}

/**
 * The field paths a redaction call configures: the strings listed at `pathsProperty` (`redact: ['vin']`,
 * `redact: { paths: […] }`), or the fields its callback deletes or overwrites (`delete event.user.ssn` → `**.ssn`).
 */
function redactionPaths(interp: Interpreter, redaction: CompiledRedaction, options: Value): string[] {
  const paths: string[] = [];
  if (redaction.pathsProperty) {
    let listed = readPath(options, redaction.pathsProperty.split('.'));
    if (!listed.fields?.has('0') && listed.fields?.has('paths')) listed = listed.fields.get('paths')!;
    for (const [key, item] of listed.fields ?? []) if (/^\d+$/.test(key) && item.str !== undefined) paths.push(item.str);
  }
  if (redaction.callbackProperty) {
    for (const fn of readPath(options, [redaction.callbackProperty]).fns ?? []) {
      if (fn.kind !== 'function') continue;
      const parameter = fn.node.parameters[0];
      if (!parameter || !ts.isIdentifier(parameter.name)) continue;
      const name = parameter.name.text;
      const visit = (node: ts.Node): void => {
        let target: ts.Expression | undefined;
        if (ts.isDeleteExpression(node)) target = node.expression;
        else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) target = node.left;
        if (target && (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target))) {
          const chain = accessChainNames(target);
          if (chain[0] === name && chain.length > 1) paths.push(`**.${chain[chain.length - 1]}`);
        }
        ts.forEachChild(node, visit);
      };
      if (fn.node.body) visit(fn.node.body);
    }
  }
  void interp;
  return paths;
}

function checkSink(interp: Interpreter, rule: CompiledRule, sink: CompiledSink, node: CallNode, args: Value[], callee: Callee, box: Box, guardOverride?: ReadonlySet<string>): void {
  const receiver = callee.receiver;
  if (sink.when) {
    const text = sink.when.argument === 'receiver' ? callee.receiver?.url : args[sink.when.argument]?.str;
    if (text === undefined || !sink.when.matches.test(text)) return;
  }
  if (sink.urlArgument !== undefined) {
    const urlValue = sink.urlArgument === 'receiver' ? receiver : args[sink.urlArgument];
    const url = sink.urlProperty ? readPath(urlValue ?? EMPTY, sink.urlProperty.split('.')).str : (urlValue?.url ?? urlValue?.str);
    if (isAllowedUrl(url, rule.allowedHosts)) return;
  }
  const redacted = receiver?.redact ?? [];
  const argumentNodes = node.arguments ?? [];
  const indexes = sink.arguments === 'all' ? args.map((_, index) => index) : sink.arguments;
  const effectiveBox = guardOverride ? { state: box.state.withFacts([...guardOverride].map((id) => box.state.guards.get(id) ?? syntheticGuard(id, node))) } : box;
  const selected: { value: Value | undefined; node: ts.Node }[] = indexes.map((index) => ({ value: args[index], node: argumentNodes[index] ?? node }));
  if (sink.receiver && receiver && ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    selected.push({ value: receiver, node: node.expression.expression });
  }
  for (const entry of selected) {
    let value = entry.value;
    if (!value) continue;
    let argumentNode: ts.Node = entry.node;
    if (sink.property) {
      value = readPath(value, sink.property.split('.'));
      argumentNode = propertyNode(argumentNode, sink.property) ?? argumentNode;
    }
    const labels = deepTaintWithPaths(value);
    if (rule.hasNameSources && ![...labels.keys()].some((label) => label.rule === rule.id)) {
      // A whole DTO or entity whose type declares an ID or biometric field (`logger.info(dto)`).
      for (const [label, fieldPath] of typeLabels(interp, rule, value)) labels.set(label, fieldPath);
    }
    if (labels.size === 0) continue;
    const stepped = new Map<Label, readonly string[]>();
    for (const [label, path] of labels) {
      if (label.rule !== rule.id && label.rule !== '*') continue;
      if (isClearedFor(label, rule.id)) continue;
      // A logger configured to redact this field path masks it before it is written (pino `redact`).
      if (redacted.length && isRedacted(path, redacted)) continue;
      stepped.set(label, path);
    }
    const apiRoots = [...new Set(callee.value.api?.map((ref) => ref.root) ?? [])];
    if (stepped.size) interp.recordReach(rule, { node, argument: argumentNode, description: sink.description, apiRoots }, stepped, effectiveBox);
  }
}

const typeLabelCache = new WeakMap<ts.Node, Map<string, { name: ts.Node; field: string; description: string }[]>>();

/** Fields of project classes and interfaces in the value whose names are sources of the rule (two levels deep). */
/** Source fields of a declared type, and of the project types of its fields (`assignment.vehicle.hphm`). */
function typeFieldLabels(interp: Interpreter, rule: CompiledRule, cls: ClassLike, prefix: readonly string[], depth: number): Map<Label, readonly string[]> {
  const out = new Map<Label, readonly string[]>();
  const typeName = ts.isTypeLiteralNode(cls) ? (ts.isTypeAliasDeclaration(cls.parent) ? cls.parent.name.text : 'its type') : (cls.name?.text ?? 'its type');
  for (const hit of sourceFieldsOf(rule, cls)) {
    const field = [...prefix, hit.field].join('.');
    out.set(sourceLabel(rule.id, hit.name, `${hit.description} (field \`${field}\` of ${typeName})`, 'type', { field, typeName }), [...prefix, hit.field]);
  }
  if (depth >= 2) return out;
  for (const member of cls.members as readonly (ts.ClassElement | ts.TypeElement)[]) {
    if (!(ts.isPropertySignature(member) || ts.isPropertyDeclaration(member)) || !member.name || !member.type) continue;
    const field = staticPropertyName(member.name);
    if (field === undefined) continue;
    for (const inner of interp.resolver.typeTargets(member.type).classes) {
      if (inner === cls) continue;
      for (const [label, path] of typeFieldLabels(interp, rule, inner, [...prefix, field], depth + 1)) out.set(label, path);
    }
  }
  return out;
}

function typeLabels(interp: Interpreter, rule: CompiledRule, value: Value, prefix: readonly string[] = [], depth = 0): Map<Label, readonly string[]> {
  const out = new Map<Label, readonly string[]>();
  if (depth > 2) return out;
  for (const cls of value.classes ?? []) {
    for (const [label, path] of typeFieldLabels(interp, rule, cls, prefix, depth)) out.set(label, path);
  }
  if (value.fields) {
    for (const [name, field] of value.fields) for (const [label, path] of typeLabels(interp, rule, field, [...prefix, name], depth + 1)) out.set(label, path);
  }
  if (value.elem) for (const [label, path] of typeLabels(interp, rule, value.elem, prefix, depth + 1)) out.set(label, path);
  return out;
}

function sourceFieldsOf(rule: CompiledRule, cls: ClassLike): { name: ts.Node; field: string; description: string }[] {
  let byRule = typeLabelCache.get(cls);
  if (!byRule) typeLabelCache.set(cls, (byRule = new Map()));
  const cached = byRule.get(rule.id);
  if (cached) return cached;
  const hits: { name: ts.Node; field: string; description: string }[] = [];
  for (const member of cls.members as readonly (ts.ClassElement | ts.TypeElement)[]) {
    if (!(ts.isPropertySignature(member) || ts.isPropertyDeclaration(member)) || !member.name) continue;
    if (member.type?.kind === ts.SyntaxKind.BooleanKeyword) continue;
    const field = staticPropertyName(member.name);
    if (field === undefined) continue;
    const description = rule.matchName(field);
    if (description) hits.push({ name: member.name, field, description });
  }
  byRule.set(rule.id, hits);
  return hits;
}

function propertyNode(argument: ts.Node, property: string): ts.Node | undefined {
  let current: ts.Node | undefined = argument;
  for (const name of property.split('.')) {
    if (!current || !ts.isObjectLiteralExpression(current)) return undefined;
    const found: ts.ObjectLiteralElementLike | undefined = current.properties.find((element) => element.name && staticPropertyName(element.name) === name);
    if (!found) return undefined;
    current = ts.isPropertyAssignment(found) ? found.initializer : found;
  }
  return current;
}

function applyGuardModels(interp: Interpreter, node: CallNode, callee: Callee, args: Value[], result: Value, box: Box): Value {
  if (interp.host.guardRules.length === 0) return result;
  const names = accessChainNames(node.expression);
  for (const argument of node.arguments ?? []) {
    if (ts.isStringLiteralLike(argument)) names.push(argument.text);
  }
  args.forEach((arg) => {
    if (arg.str !== undefined && arg.str.length < 64) names.push(arg.str);
  });
  let cond: Cond | undefined = result.cond;
  // A check named for its purpose (`hasCabinVideoUploadConsent()`) counts even when its body reads like a weaker
  // one: the name is the project's statement of what the function checks.
  const hasStrong = (facts: readonly GuardFact[] | undefined, rule: string) => !!facts?.some((fact) => fact.rule === rule && !fact.weakReason && !fact.validates);
  const byName = interp.guardCondFor(names, node);
  if (byName) {
    const added = byName.whenTrue.filter((fact) => !hasStrong(cond?.whenTrue, fact.rule));
    if (added.length) cond = { whenTrue: [...(cond?.whenTrue ?? []).filter((fact) => !added.some((strong) => strong.rule === fact.rule && !strong.weakReason)), ...added], whenFalse: cond?.whenFalse ?? [] };
    for (const fact of byName.whenTrue) {
      if (!fact.weakReason && callee.name) interp.host.noteKnownFunction('guard', fact.rule, callee.name, callee.value.fns?.[0]?.kind === 'function' ? callee.value.fns[0].node : undefined, receiverText(node));
    }
  }
  if (!cond) return result;
  // `assertFaceConsent(user)` as a statement: execution continues only when the check passed.
  const verb = callee.name ? tokenizeName(callee.name)[0] : undefined;
  if (verb && ASSERTION_VERBS.has(verb) && isStatementLevel(node)) {
    box.state = box.state.withFacts(cond.whenTrue);
  }
  return compact({ ...result, cond });
}

const VALIDATION_VERBS = new Set(['test', 'is', 'valid', 'validate', 'check', 'verify', 'match', 'matches']);

/**
 * `RESIDENT_ID.test(value)`, `isValidVin(code)`, `/^\d{17}[\dX]$/.test(match[1])`: where such a check passes, the
 * tested variable (or that element or field of it) holds an ID, whatever it is called. Either the check's names
 * name the data (a rule's name source) and say that they test it, or the check is a regular expression that
 * accepts the rule's example values and rejects ordinary words and numbers.
 */
function applyValidations(interp: Interpreter, node: CallNode, callee: Callee, result: Value): Value {
  const tested = node.arguments?.[0] && testedPlace(node.arguments[0]);
  if (!tested || !callee.name) return result;
  const names = [...(callee.receiverNames ?? []), callee.name];
  const tokens = names.flatMap((name) => tokenizeName(name));
  if (!tokens.some((token) => VALIDATION_VERBS.has(token))) return result;
  const symbol = interp.resolver.symbolAt(tested.root);
  if (!symbol) return result;
  const pattern = callee.name === 'test' && callee.receiverNode ? regexLiteralOf(interp, callee.receiverNode) : undefined;
  const facts: GuardFact[] = [];
  for (const rule of interp.host.rules) {
    let description: string | undefined;
    if (rule.hasNameSources) {
      // `isValidVin` names a check of a VIN: what it tests is the noun left without the verbs.
      const nouns = names.map((name) => tokenizeName(name).filter((token) => !VALIDATION_VERBS.has(token)).join('_')).filter(Boolean);
      description = nouns.map((name) => rule.matchName(name)).find((found) => found !== undefined);
    }
    if (!description && pattern && rule.hasLiteralSources) description = rule.matchValidationPattern(pattern);
    if (!description) continue;
    const label = sourceLabel(rule.id, node, `${description} (validated by \`${node.expression.getText().slice(0, 40)}\`)`, 'name');
    facts.push({ rule: rule.id, node, description, validates: { symbol, path: tested.path, label } });
  }
  if (facts.length === 0) return result;
  const cond = result.cond ?? { whenTrue: [], whenFalse: [] };
  return compact({ ...result, cond: { whenTrue: [...cond.whenTrue, ...facts], whenFalse: cond.whenFalse } });
}

/**
 * The variable a check tests, with the literal path into it: `value`, `match[1]`, `row.cells[4]`, also behind a
 * default (`match[1] ?? ''`, `row.idNo || ''`).
 */
function testedPlace(argument: ts.Expression): { root: ts.Identifier; path: string[] } | undefined {
  let current = skipOuter(argument);
  while (ts.isBinaryExpression(current) && DEFAULTING_OPERATORS.has(current.operatorToken.kind) && isLiteralDefault(current.right)) current = skipOuter(current.left);
  const path: string[] = [];
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
    const key = ts.isPropertyAccessExpression(current) ? current.name.text : literalKey(current.argumentExpression);
    if (key === undefined) return undefined;
    path.unshift(key);
    current = skipOuter(current.expression);
  }
  return ts.isIdentifier(current) && path.length <= 3 ? { root: current, path } : undefined;
}

const DEFAULTING_OPERATORS: ReadonlySet<ts.SyntaxKind> = new Set([ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken]);

function isLiteralDefault(node: ts.Expression): boolean {
  const inner = skipOuter(node);
  return ts.isStringLiteralLike(inner) || ts.isNumericLiteral(inner) || inner.kind === ts.SyntaxKind.NullKeyword;
}

/**
 * The regular expression a `.test` receiver is: a literal, or a `const` initialised with one. It is compiled for
 * the linear-time engine, never for JavaScript's (a pattern in the scanned code must not hang the scan, #21).
 */
function regexLiteralOf(interp: Interpreter, receiver: ts.Expression): LinearRegex | undefined {
  let node = skipOuter(receiver);
  if (ts.isIdentifier(node)) {
    const declaration = interp.resolver.symbolAt(node)?.valueDeclaration;
    const isConst = !!declaration && ts.isVariableDeclaration(declaration) && ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
    if (!isConst || !declaration.initializer) return undefined;
    node = skipOuter(declaration.initializer);
  }
  if (!ts.isRegularExpressionLiteral(node)) return undefined;
  const text = node.text;
  const slash = text.lastIndexOf('/');
  const compiled = compileLinear(text.slice(1, slash), text.slice(slash + 1));
  // A pattern the linear engine cannot run (a backreference, lookahead, bad syntax) is not evidence of anything.
  return isUnsupported(compiled) ? undefined : compiled;
}

/** `this.consent` in `this.consent.hasFaceConsent(id)`: how a fix can call the same method. */
function receiverText(node: CallNode): string | undefined {
  const callee = skipOuter(node.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const receiver = skipOuter(callee.expression);
  const isSimple = ts.isIdentifier(receiver) || (ts.isPropertyAccessExpression(receiver) && receiver.expression.kind === ts.SyntaxKind.ThisKeyword && ts.isIdentifier(receiver.name));
  return isSimple ? receiver.getText() : undefined;
}

function isStatementLevel(node: ts.Node): boolean {
  let current = node.parent;
  while (current && (ts.isAwaitExpression(current) || ts.isParenthesizedExpression(current))) current = current.parent;
  return !!current && ts.isExpressionStatement(current);
}

// ─── classes, super, import() ──────────────────────────────────────────────────

function projectClassesOf(interp: Interpreter, calleeNode: ts.Expression): ts.ClassLikeDeclaration[] {
  const nameNode = ts.isPropertyAccessExpression(calleeNode) ? calleeNode.name : ts.isIdentifier(calleeNode) ? calleeNode : undefined;
  if (!nameNode) return [];
  const symbol = interp.resolver.symbolAt(nameNode);
  if (!symbol) return [];
  return interp.resolver.projectDeclarations(symbol).filter((declaration): declaration is ts.ClassLikeDeclaration => ts.isClassDeclaration(declaration) || ts.isClassExpression(declaration));
}

function findConstructor(cls: ts.ClassLikeDeclaration): FunctionNode | undefined {
  const own = cls.members.find((member): member is ts.ConstructorDeclaration => ts.isConstructorDeclaration(member) && !!member.body);
  return own;
}

function findMemberInHierarchy(interp: Interpreter, cls: ts.ClassLikeDeclaration, name: string, depth = 0): FunctionNode | undefined {
  const member = findMember(cls, name);
  if (member) {
    const fn = interp.resolver.functionOf(member);
    if (fn) return fn;
  }
  if (depth > 5) return undefined;
  const base = baseClassOf(interp, cls);
  return base ? findMemberInHierarchy(interp, base, name, depth + 1) : undefined;
}

function baseClassOf(interp: Interpreter, cls: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration | undefined {
  const heritage = cls.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword);
  const expression = heritage?.types[0]?.expression;
  if (!expression) return undefined;
  return projectClassesOf(interp, expression)[0];
}

function evaluateSuper(interp: Interpreter, node: ts.CallExpression, box: Box): Value {
  const args = evaluateArguments(interp, node.arguments, box);
  const cls = (interp.thisValue.classes as readonly ts.Node[] | undefined)?.find((candidate): candidate is ts.ClassLikeDeclaration => ts.isClassLike(candidate));
  const base = cls && baseClassOf(interp, cls);
  const constructor = base && findConstructor(base);
  if (constructor) callProjectFunction(interp, constructor, args, { classes: [base] }, node, box);
  return EMPTY;
}

/** `require('./uploader')` of a project module: an object whose fields are the module's exports. */
function moduleExports(interp: Interpreter, specifier: ts.StringLiteralLike): Value {
  const moduleSymbol = interp.resolver.symbolAt(specifier);
  if (!moduleSymbol) return EMPTY;
  let exports: ts.Symbol[];
  try {
    exports = interp.resolver.checker.getExportsOfModule(moduleSymbol);
  } catch {
    return EMPTY;
  }
  let result: Value = EMPTY;
  for (const exported of exports) {
    let value: Value = EMPTY;
    const fns: FnValue[] = [];
    for (const declaration of interp.resolver.projectDeclarations(exported)) {
      const fn = interp.resolver.functionOf(declaration);
      if (fn) fns.push({ kind: 'function', node: fn });
    }
    if (fns.length) value = { fns };
    const moduleValue = interp.host.moduleValue(exported);
    if (moduleValue) value = joinValues(value, moduleValue);
    if (exported.name === 'export=') result = joinValues(result, value);
    else if (value !== EMPTY) result = writeField(result, [exported.name], value);
  }
  return result;
}

function evaluateDynamicImport(interp: Interpreter, node: ts.CallExpression, box: Box): Value {
  evaluateArguments(interp, node.arguments, box);
  const specifier = node.arguments[0];
  if (specifier && ts.isStringLiteralLike(specifier) && !interp.resolver.resolvesToProject(specifier)) return { api: [moduleRef(specifier.text)] };
  return EMPTY;
}

