/**
 * Stage: dataflow (invocation and summary instantiation).
 * Input: a function value called at a call site (a closure, a project function or method, a promise's `resolve`),
 * the actual arguments, `this`, and the caller's state.
 * Output: the call's value. A closure is walked in place with the caller's state and effects; a project function's
 * summary is instantiated: its parameter labels are replaced by the actual arguments, and its reaches, writes to
 * parameters and fields, deferred calls and guards are carried into the caller, with the call step on each path.
 * Invariant: a summary never refers to the caller's variables, so one summary serves every call site; a complete
 * reach of a rule whose protection is a guard travels up to the caller only if no guard held at the sink and none
 * holds at this call site.
 */
import { resolveWeakNames } from './weak-names';
import { ts } from 'ts-morph';
import { writeThisField } from './assignment';
import { stateWithEnv } from './closure-env';
import { applyOperator } from './higher-order-calls';
import { factsAtCall, isAnotherPersonsCheck, placesAtCall } from './guard-subjects';
import { syntheticGuard } from './guards';
import type { Box, CallSiteNode, Callee, Walker } from './host';
import { readMember } from './members';
import { passThrough } from './route-chains';
import { invokeStoreWrite } from './shared-objects';
import { markViaClosure } from './uninvoked-closures';
import { functionName, isCopyableCheck, isSummarised, receiverText, skipOuter } from './resolve';
import { type CallActuals, type PendingReach, type Summary, appendSteps, instantiate, pushStep, readPath } from './summary';
import { type Label, isClearedFor } from './taint';
import { type FnValue, type FunctionNode, type Value, EMPTY, compact, deepTaint, deepTaintWithPaths, flatten, isEmptyValue, joinValues, withoutFields, writeField } from './value';

/** Calls a function value: closures are walked in place, project functions through their summaries. */
export function invokeFunctionValue(interp: Walker, fn: FnValue, args: readonly Value[], thisValue: Value, node: CallSiteNode, box: Box): Value {
  if (fn.kind === 'resolver') {
    fn.target.value = joinValues(fn.target.value, args[0] ?? EMPTY);
    return EMPTY;
  }
  if (fn.kind === 'continuation') {
    passThrough(fn.target, node, box.state);
    return EMPTY;
  }
  if (fn.kind === 'store-write') return invokeStoreWrite(interp, fn, args, node, box);
  if (fn.kind === 'returns') return fn.value;
  if (fn.kind === 'operator') return applyOperator(interp, fn, args[0] ?? EMPTY, node, box);
  if (isSummarised(fn.node)) return callProjectFunction(interp, fn.node, args, thisValue, node, box);
  if (!interp.canInline()) {
    interp.host.budget.hit('inline-depth', node);
    return flatten(args.reduce((acc, arg) => joinValues(acc, arg), EMPTY));
  }
  interp.effects.invoked.add(fn.node);
  const inner = interp.closureWalker(fn.node, {
    args,
    thisValue: ts.isArrowFunction(fn.node) ? interp.thisValue : thisValue,
    // A closure another function returned runs with the variables it captured there (closure-env.ts).
    parent: fn.env ? stateWithEnv(box.state, fn.env) : box.state,
    effects: interp.effects,
    depth: interp.depth + 1,
    owner: interp.owner,
    ownerParams: interp.params,
  });
  const { ret, guardsOnReturn } = inner.runInline();
  if (guardsOnReturn.length) box.state = box.state.withFacts(factsAtCall(interp, guardsOnReturn, fn.node, node));
  return ret;
}

/** Applies a project function's summary at a call site. */
export function callProjectFunction(interp: Walker, fn: FunctionNode, args: readonly Value[], thisValue: Value, node: CallSiteNode, box: Box): Value {
  const summary = interp.host.summaryOf(fn);
  const calleeName = functionName(fn);
  const actuals: CallActuals = { args, thisValue, node, calleeName };
  interp.host.recordCallSite(fn, interp.owner, node, new Set(box.state.guards.keys()));
  instantiateReaches(interp, fn, summary, actuals, box);
  instantiateWrites(interp, summary, actuals, node, box);
  instantiateDeferred(interp, summary, actuals, box);
  let ret = instantiate(summary.ret, actuals);
  // The condition a function returns says something only if it holds checks, or if the function returns nothing
  // else (`isDemo()` returning `true`): a frame or a record it returns is no boolean, and names still classify it.
  const retCond = summary.retCond;
  if (retCond && (retCond.whenTrue.length || retCond.whenFalse.length || isEmptyValue(ret))) {
    ret = compact({ ...ret, cond: { whenTrue: factsAtCall(interp, retCond.whenTrue, fn, node), whenFalse: factsAtCall(interp, retCond.whenFalse, fn, node) } });
  }
  // Whose consent the callee checked, in the caller's terms (`assertFaceConsent(party.buyerId)`).
  if (summary.guardsOnReturn.length) box.state = box.state.withFacts(factsAtCall(interp, summary.guardsOnReturn, fn, node));
  for (const rule of summary.sanitizes ?? []) interp.effects.sanitizes.add(rule);
  noteKnownGuard(interp, fn, calleeName, summary, node);
  return ret;
}

function noteKnownGuard(interp: Walker, fn: FunctionNode, name: string, summary: Summary, node: CallSiteNode): void {
  const shortName = name.split('.').pop()!;
  const facts = [...summary.guardsOnReturn, ...(summary.retCond?.whenTrue ?? [])];
  // A method is remembered with what it was called on (`this.consent`), so that a fix calls it the same way.
  if (isCopyableCheck(node)) {
    for (const fact of facts) if (!fact.weakReason) interp.host.noteKnownFunction('guard', fact.rule, shortName, fn, receiverText(node));
  }
  // A helper whose body masks its argument (`lastFour(v)`) is the project's own sanitizer, offered by fixes.
  if (fn.parameters.length > 0 && !deepTaint(summary.ret)) {
    for (const rule of summary.ret.sanitized ?? []) interp.host.noteKnownFunction('sanitizer', rule, shortName, fn);
  }
}

function instantiateReaches(interp: Walker, fn: FunctionNode, summary: Summary, actuals: CallActuals, box: Box): void {
  const guardsHere = box.state.guards;
  for (const reach of summary.reaches) {
    const rule = interp.host.rules.find((candidate) => candidate.id === reach.rule);
    if (!rule) continue;
    if (isClearedFor(reach.label, reach.rule)) continue;
    // Whose data the callee writes, in the caller's terms: a check here discharges the reach only if it is theirs.
    const owners = rule.guardProtects ? placesAtCall(interp, reach.owners, fn, actuals.node) : undefined;
    const fact = reach.guarded ? undefined : guardsHere.get(reach.rule);
    const isOtherPerson = !!fact && rule.guardProtects && isAnotherPersonsCheck(fact, owners, reach.sink.node);
    const guarded = reach.guarded || (!!fact && !isOtherPerson);
    const weak = [...reach.weak, ...box.state.weak.filter((candidate) => candidate.rule === reach.rule && !reach.weak.includes(candidate))];
    if (isOtherPerson) weak.push({ ...fact!, weakReason: 'otherPerson' });
    const origin = reach.label.origin;
    if (origin.kind === 'source') {
      // Complete reaches travel up only for rules whose protection (consent) may sit in a caller.
      if (!rule.guardProtects || guarded) continue;
      interp.effects.reaches.push({
        ...reach,
        weak,
        owners,
        callChain: pushStep(undefined, actuals.node, 'call', `${actuals.calleeName} called without a consent check`),
      });
      if (reach.callChain) {
        const last = interp.effects.reaches[interp.effects.reaches.length - 1]!;
        (last as { callChain: PendingReach['callChain'] }).callChain = appendSteps(last.callChain, reach.callChain);
      }
      continue;
    }
    const base = origin.kind === 'param' ? (actuals.args[origin.index] ?? EMPTY) : actuals.thisValue;
    const read = resolveWeakNames(readPath(base, origin.access), reach.label.weakNames);
    const actual = origin.omit ? withoutFields(read, origin.omit) : read;
    for (const [label, fieldPath] of deepTaintWithPaths(actual)) {
      if (label.rule !== reach.rule && label.rule !== '*') continue;
      let step = label.step;
      step = pushStep(step, actuals.node, 'call', `passed to ${actuals.calleeName}`);
      const joined: Label = { ...label, step: appendSteps(step, reach.label.step), notes: mergeNotes(label, reach.label) };
      if (guarded && rule.guardProtects) continue;
      interp.effects.reaches.push({ rule: reach.rule, sink: reach.sink, label: joined, fieldPath: [...fieldPath, ...reach.fieldPath], guarded, weak, callChain: reach.callChain, owners, viaClosure: reach.viaClosure });
    }
  }
}

function mergeNotes(a: Label, b: Label): Label['notes'] {
  if (!a.notes) return b.notes;
  if (!b.notes) return a.notes;
  return [...a.notes, ...b.notes];
}

function instantiateWrites(interp: Walker, summary: Summary, actuals: CallActuals, node: CallSiteNode, box: Box): void {
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
      writeThisField(interp, [target.name.text, ...write.path], value);
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

function instantiateDeferred(interp: Walker, summary: Summary, actuals: CallActuals, box: Box): void {
  for (const deferred of summary.deferred) {
    let calleeValue = actuals.args[deferred.param] ?? EMPTY;
    let receiver: Value | undefined;
    for (const name of deferred.access) {
      receiver = calleeValue;
      calleeValue = readMember(interp, calleeValue, name, deferred.node);
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
    const firstReach = interp.effects.reaches.length;
    const firstDeferred = interp.effects.deferred.length;
    interp.completeCall(deferred.node, callee, args, deferredBox, ts.isNewExpression(deferred.node), guards);
    if (deferred.viaClosure) markViaClosure(interp.effects, firstReach, firstDeferred, deferred.viaClosure);
  }
}
