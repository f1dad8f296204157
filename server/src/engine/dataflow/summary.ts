/**
 * Stage: dataflow (function summaries).
 * Input: what the interpreter saw while walking one function with symbolic parameters.
 * Output: `Summary`: the function's effect on its callers (return value, writes to parameters and fields,
 * callbacks invoked, sinks reached, guards established) expressed over parameter labels, and `instantiate`,
 * which replaces those labels with what a caller actually passes.
 * Invariant: a summary is computed once per function per pass and reused at every call site; it never refers to
 * a caller's variables.
 */
import type { ts } from 'ts-morph';
import type { PersonPath } from '../facts/person-words';
import { resolveWeakNames } from './weak-names';
import {
  type Cond,
  type FieldOwner,
  type FnValue,
  type FunctionNode,
  type GuardFact,
  type Value,
  EMPTY,
  compact,
  deepTaint,
  joinValues,
  readField,
  removeRule,
  taintOnly,
  withoutFields,
} from './value';
import { type Label, type Step, MAX_PATH_STEPS, mergeTaint, stepLength } from './taint';

export interface SinkSite {
  readonly node: ts.CallExpression | ts.NewExpression;
  /** The argument (or property of an argument) carrying the data. */
  readonly argument: ts.Node;
  readonly description: string;
  /** Roots of the sink's API (`m:@sentry/node`), for redactions configured once per module (`beforeSend`). */
  readonly apiRoots?: readonly string[];
}

/** Data of some rule (or of a parameter, to be resolved by callers) arriving at a sink. */
export interface PendingReach {
  readonly rule: string;
  readonly sink: SinkSite;
  readonly label: Label;
  /** Field path inside the sink argument under which the label was found. */
  readonly fieldPath: readonly string[];
  /** A strong guard of the rule held at the sink, here or in the callers walked so far. */
  readonly guarded: boolean;
  readonly weak: readonly GuardFact[];
  /** Unguarded call sites from the callers walked so far down to the sink's function (outermost last). */
  readonly callChain: Step | undefined;
  /** Whose data is written: the places of the keys it is written under, in this function's terms (guard-subjects.ts). */
  readonly owners?: readonly PersonPath[];
  /**
   * The returned closure whose walk at the end of its function found this reach (nothing there called it): a caller
   * that calls the closure walks it again with its own state and guards, and drops this one.
   */
  readonly viaClosure?: FunctionNode;
}

/** A call through a parameter (`send(frame)` where `send` is a parameter, or `client.publish` on one). */
export interface DeferredCall {
  readonly node: ts.CallExpression | ts.NewExpression;
  readonly param: number;
  /** Member path from the parameter to the callee (`['publish']`), empty when the parameter itself is called. */
  readonly access: readonly string[];
  readonly args: readonly Value[];
  readonly guards: ReadonlySet<string>;
  readonly weak: readonly GuardFact[];
  /** As for `PendingReach.viaClosure`: made while a returned closure was walked with nothing calling it. */
  readonly viaClosure?: FunctionNode;
}

export interface Summary {
  readonly ret: Value;
  readonly reaches: readonly PendingReach[];
  /** Strong guards that hold whenever the function returns normally (assertion functions). */
  readonly guardsOnReturn: readonly GuardFact[];
  /** Guards that hold when the function returns a truthy (whenTrue) or falsy (whenFalse) value. */
  readonly retCond?: Cond;
  /** Every path throws or ends the process (`function forbidden(ctx): never { ctx.throw(403) }`). */
  readonly neverReturns?: boolean;
  /**
   * Strong guards that hold wherever the function returns without having replied to a request (a Fastify hook that
   * lets the request through); `reply.code(403).send(); return;` is no such return (facts/route-frameworks.ts).
   */
  readonly guardsOnPass?: readonly GuardFact[];
  readonly paramWrites: readonly { readonly index: number; readonly path: readonly string[]; readonly value: Value }[];
  readonly fieldWrites: readonly { readonly cls: FieldOwner; readonly path: readonly string[]; readonly value: Value }[];
  readonly deferred: readonly DeferredCall[];
  /**
   * Rules whose sanitizer the function applies to data in its body (itself or through its callees): a project
   * function named like a mask or a blur counts as one only if it does (issue #17 §5).
   */
  readonly sanitizes?: readonly string[];
}

export const EMPTY_SUMMARY: Summary = {
  ret: EMPTY,
  reaches: [],
  guardsOnReturn: [],
  paramWrites: [],
  fieldWrites: [],
  deferred: [],
};

export function paramLabel(index: number, access: readonly string[] = []): Label {
  return { rule: '*', origin: { kind: 'param', key: `p${index}:${access.join('.')}`, index, access }, step: undefined };
}

export function thisLabel(access: readonly string[] = []): Label {
  return { rule: '*', origin: { kind: 'this', key: `this:${access.join('.')}`, access }, step: undefined };
}

/** Steps of a chain in order, oldest first. */
export function stepsInOrder(step: Step | undefined): Step[] {
  const out: Step[] = [];
  for (let current = step; current; current = current.prev) out.push(current);
  return out.reverse();
}

/** Appends the steps of `tail` (oldest first) after `head`. */
export function appendSteps(head: Step | undefined, tail: Step | undefined): Step | undefined {
  let out = head;
  for (const step of stepsInOrder(tail)) {
    if (stepLength(out) >= MAX_PATH_STEPS) break;
    out = { node: step.node, kind: step.kind, message: step.message, prev: out, length: stepLength(out) + 1 };
  }
  return out;
}

export function pushStep(head: Step | undefined, node: ts.Node, kind: Step['kind'], message: string): Step {
  return { node, kind, message, prev: head, length: stepLength(head) + 1 };
}

/** Reads a dotted access path out of a value, the way the callee read it out of its parameter. */
export function readPath(value: Value, access: readonly string[]): Value {
  let current = value;
  for (const name of access) current = readField(current, name);
  return current;
}

export interface CallActuals {
  readonly args: readonly Value[];
  readonly thisValue: Value;
  /** Call site node, added as a step between the caller's path and the callee's. */
  readonly node: ts.Node;
  readonly calleeName: string;
}

/**
 * Replaces parameter labels in a callee's value by the caller's actual values (with the callee's steps appended
 * to the caller's paths). Source labels are kept as they are.
 */
export function instantiate(value: Value, actuals: CallActuals, depth = 0): Value {
  if (depth > 4) {
    const flat = deepTaint(value);
    if (!flat) return EMPTY;
    const resolved = instantiateTaint(flat, actuals);
    return joinValues(taintOnly(resolved.taint), taintOnly(deepTaint(resolved.extra)));
  }
  let result: Value = EMPTY;
  let own = value.taint;
  if (own) {
    const resolved = instantiateTaint(own, actuals);
    own = resolved.taint;
    result = resolved.extra;
  }
  const fields = value.fields
    ? new Map([...value.fields].map(([name, field]) => [name, instantiate(field, actuals, depth + 1)]))
    : undefined;
  const elem = value.elem ? instantiate(value.elem, actuals, depth + 1) : undefined;
  const fns = value.fns?.some(hasEnv) ? value.fns.map((fn) => instantiateEnv(fn, actuals, depth)) : value.fns;
  return joinValues(compact({ ...value, taint: own, fields, elem, fns }), result);
}

function hasEnv(fn: FnValue): boolean {
  return fn.kind === 'function' && !!fn.env?.size;
}

/** A returned closure's captured variables, in terms of what this caller passes (closure-env.ts). */
function instantiateEnv(fn: FnValue, actuals: CallActuals, depth: number): FnValue {
  if (fn.kind !== 'function' || !fn.env?.size) return fn;
  return { ...fn, env: new Map([...fn.env].map(([symbol, value]) => [symbol, instantiate(value, actuals, depth + 1)])) };
}

function instantiateTaint(taint: ReadonlyMap<string, Label>, actuals: CallActuals): { taint: ReadonlyMap<string, Label> | undefined; extra: Value } {
  let kept: Map<string, Label> | undefined;
  let extra: Value = EMPTY;
  for (const [key, label] of taint) {
    const origin = label.origin;
    if (origin.kind === 'source') {
      kept ??= new Map();
      kept.set(key, label);
      continue;
    }
    const base = origin.kind === 'param' ? (actuals.args[origin.index] ?? EMPTY) : actuals.thisValue;
    let actual = resolveWeakNames(readPath(base, origin.access), label.weakNames);
    if (origin.omit) actual = withoutFields(actual, origin.omit);
    for (const rule of label.cleared ?? []) actual = removeRule(actual, rule);
    extra = joinValues(extra, appendPathTo(actual, label.step, actuals));
  }
  return { taint: kept, extra };
}

/** The caller's value continuing through the callee: its labels get the call step, then the callee's steps. */
function appendPathTo(actual: Value, calleeSteps: Step | undefined, actuals: CallActuals, depth = 0): Value {
  const extend = (taint: ReadonlyMap<string, Label> | undefined) => {
    if (!taint) return taint;
    const map = new Map<string, Label>();
    for (const [key, label] of taint) {
      let step: Step | undefined = label.step;
      if (stepLength(step) < MAX_PATH_STEPS) step = pushStep(step, actuals.node, 'call', `passed to ${actuals.calleeName}`);
      map.set(key, { ...label, step: appendSteps(step, calleeSteps) });
    }
    return map;
  };
  if (depth > 4) return taintOnly(extend(deepTaint(actual)));
  return compact({
    ...actual,
    taint: extend(actual.taint),
    fields: actual.fields ? new Map([...actual.fields].map(([name, field]) => [name, appendPathTo(field, calleeSteps, actuals, depth + 1)])) : undefined,
    elem: actual.elem ? appendPathTo(actual.elem, calleeSteps, actuals, depth + 1) : undefined,
  });
}

/** Labels of a value that stand for parameters or `this` (to be instantiated by callers). */
export function hasSymbolicLabels(value: Value): boolean {
  const taint = deepTaint(value);
  if (!taint) return false;
  for (const label of taint.values()) if (label.origin.kind !== 'source') return true;
  return false;
}

export { mergeTaint };
