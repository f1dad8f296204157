/**
 * Stage: dataflow (calls).
 * Input: a call or `new` expression met by the interpreter, with the caller's state.
 * Output: the call's value. Callee and arguments are evaluated, then every call is completed the same way
 * (`completeCall`): project functions are invoked (invocation.ts), a call into code the engine cannot see gets its
 * built-in semantics (external-calls.ts), a call through a parameter is recorded for callers to resolve, and the
 * rules' models are applied (rule-models.ts, guards.ts). `require`, `import()`, `super(…)` and `new` of a project
 * class are handled here.
 * Invariant: a project function is never treated as an external API; names alone (`logger.info`) make a sink
 * only when the callee is not the project's own code with a body the engine can read.
 */
import { ts } from 'ts-morph';
import { moduleRef } from '../facts/api-ref';
import type { CallDescription } from '../facts/compile-models';
import { baseClassOf, evaluateCallee, externalAlternatives, findConstructor, moduleExports, projectClassesOf, projectTargets } from './callee-resolution';
import { applyExits } from './exits';
import { evaluatePromiseConstructor, externalCallResult } from './external-calls';
import { typeCallResult } from './generic-results';
import { applyGuardModels, applyValidations } from './guards';
import type { Box, CallNode, Callee, Walker } from './host';
import { callProjectFunction } from './invocation';
import { skipOuter } from './resolve';
import { applyRuleModels } from './rule-models';
import { frameworkCallResult } from './shared-objects';
import type { DeferredCall } from './summary';
import { type Value, EMPTY, compact, elementOf, joinValues } from './value';

export function evaluateCall(interp: Walker, node: ts.CallExpression, box: Box): Value {
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
  // Framework state: a `ref()` or `useState()` cell, a component's options handed to `Page` or `defineStore`.
  return frameworkCallResult(interp, node, callee, args, false, box, completeCall(interp, node, callee, args, box, false));
}

/** `require` as CommonJS provides it (JS files bind it to a built-in symbol), not a project function. */
function isGlobalRequire(interp: Walker, node: ts.Identifier): boolean {
  const symbol = interp.resolver.symbolAt(node);
  return !symbol || interp.resolver.projectDeclarations(symbol).length === 0;
}

export function evaluateNew(interp: Walker, node: ts.NewExpression, box: Box): Value {
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
  return frameworkCallResult(interp, node, callee, args, true, box, completeCall(interp, node, callee, args, box, true));
}

function evaluateArguments(interp: Walker, nodes: readonly ts.Expression[], box: Box): Value[] {
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
export function completeCall(interp: Walker, node: CallNode, callee: Callee, args: Value[], box: Box, isNew: boolean, guardOverride?: ReadonlySet<string>): Value {
  const targets = projectTargets(interp, node, callee);
  // `this.debug = opts.debug ?? console.log; this.debug(vin)`: the library alternatives are called as well.
  const external = externalAlternatives(callee, targets);
  const description: CallDescription = {
    apiRefs: callee.value.api ?? [],
    calleeName: callee.name,
    receiverNames: callee.receiverNames,
    isProjectFunction: targets.length > 0 && external.length === 0,
  };
  let result: Value = EMPTY;
  const thisValue = callee.receiver ?? EMPTY;
  /** What function arguments returned when run as callbacks (`() => createReadStream(facePhotoPath)`). */
  const callbackReturns = new Map<number, Value>();

  for (const target of targets) result = joinValues(result, interp.invoke(target, args, thisValue, node, box));
  if (targets.length === 0 || external.length > 0) {
    // What a write, a log call or an upload returns is not what was written (`prisma.customer.create(…)`).
    const isSinkCall = interp.host.rules.some((rule) => rule.sinks.matching(description).length > 0);
    const externalCallee = targets.length ? { ...callee, value: { api: external } } : callee;
    result = joinValues(result, externalCallResult(interp, node, externalCallee, args, box, isNew, callbackReturns, !isSinkCall));
  }
  // `axios.get<GuestProfile>(url)`, `repo.findOneBy(…)` with `repo: Repository<Guest>`: results typed by type arguments.
  result = typeCallResult(interp, node, callee, targets, result);

  // Calls through parameters are resolved by callers (`send(frame)` where `send` is a parameter).
  recordDeferredCalls(interp, node, callee, args, box);

  const sinkArgs = callbackReturns.size ? args.map((arg, index) => (callbackReturns.has(index) ? joinValues(arg, callbackReturns.get(index)!) : arg)) : args;
  result = applyRuleModels(interp, node, callee, description, sinkArgs, result, box, guardOverride);
  result = applyGuardModels(interp, node, callee, args, result, box);
  result = applyValidations(interp, node, callee, result);
  // `ctx.throw(403)`, `process.exit()`, `assert(x)`: what is left of the path after the call.
  applyExits(interp, node, callee, args, targets, box);
  return result;
}

function recordDeferredCalls(interp: Walker, node: CallNode, callee: Callee, args: Value[], box: Box): void {
  const taint = callee.value.taint;
  if (!taint) return;
  for (const label of taint.values()) {
    if (label.origin.kind !== 'param') continue;
    recordDeferred(interp, { node, param: label.origin.index, access: label.origin.access, args }, box);
  }
}

/** Records a call through a parameter for callers to resolve (`send(frame)` with `send` a parameter). */
function recordDeferred(interp: Walker, call: Omit<DeferredCall, 'guards' | 'weak'>, box: Box): void {
  interp.effects.deferred.push({ ...call, guards: new Set(box.state.guards.keys()), weak: box.state.weak });
}

function evaluateSuper(interp: Walker, node: ts.CallExpression, box: Box): Value {
  const args = evaluateArguments(interp, node.arguments, box);
  const cls = (interp.thisValue.classes as readonly ts.Node[] | undefined)?.find((candidate): candidate is ts.ClassLikeDeclaration => ts.isClassLike(candidate));
  const base = cls && baseClassOf(interp, cls);
  const constructor = base && findConstructor(base);
  if (constructor) callProjectFunction(interp, constructor, args, { classes: [base] }, node, box);
  return EMPTY;
}

function evaluateDynamicImport(interp: Walker, node: ts.CallExpression, box: Box): Value {
  evaluateArguments(interp, node.arguments, box);
  const specifier = node.arguments[0];
  if (specifier && ts.isStringLiteralLike(specifier) && !interp.resolver.resolvesToProject(specifier)) return { api: [moduleRef(specifier.text)] };
  return EMPTY;
}
