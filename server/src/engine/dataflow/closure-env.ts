/**
 * Stage: dataflow (closures that leave the function that made them).
 * Input: the value a summarised function returns (a factory's `{ send(frame) {…} }`, a composable's
 * `{ photo, capture, upload }`), with the state it returns in; later, such a closure called elsewhere.
 * Output: the closures in the value with the variables they use of their function, as they were at the return
 * (`CapturedEnv`); the state a call elsewhere walks such a closure in: the caller's, with those variables.
 * Invariant: only closures of the returning function are given variables, and only the variables they name; the
 * variables' values are in terms of the function's parameters, which `instantiate` (summary.ts) replaces with what
 * each caller passes, so that `createUplink(conn).send(frame)` publishes on the caller's `conn`.
 */
import { ts } from 'ts-morph';
import { isSummarised } from './resolve';
import type { FlowState } from './state';
import { type CapturedEnv, type FnValue, type FunctionNode, type Value, MAX_FIELD_DEPTH, compact } from './value';

/** The returned value with each closure of `owner` in it given the variables it uses from `state`. */
export function captureEnv(value: Value, state: FlowState, owner: FunctionNode, depth = 0): Value {
  if (depth > MAX_FIELD_DEPTH || !hasClosures(value, depth)) return value;
  let fns = value.fns;
  if (fns?.some((fn) => isClosureOf(fn, owner))) fns = fns.map((fn) => (isClosureOf(fn, owner) && fn.kind === 'function' ? { ...fn, env: envOf(fn.node, state) } : fn));
  const fields = value.fields ? new Map([...value.fields].map(([name, field]) => [name, captureEnv(field, state, owner, depth + 1)])) : undefined;
  const elem = value.elem ? captureEnv(value.elem, state, owner, depth + 1) : undefined;
  return compact({ ...value, fns, fields, elem });
}

/** The caller's state with a closure's captured variables, for walking it where it is called. */
export function stateWithEnv(state: FlowState, env: CapturedEnv): FlowState {
  const out = state.clone();
  for (const [symbol, value] of env) if (!state.get(symbol)) out.set(symbol, value);
  return out;
}

function hasClosures(value: Value, depth: number): boolean {
  if (value.fns?.some((fn) => fn.kind === 'function')) return true;
  if (depth >= MAX_FIELD_DEPTH) return false;
  for (const field of value.fields?.values() ?? []) if (hasClosures(field, depth + 1)) return true;
  return !!value.elem && hasClosures(value.elem, depth + 1);
}

function isClosureOf(fn: FnValue, owner: FunctionNode): boolean {
  return fn.kind === 'function' && !fn.env && fn.node !== owner && fn.node.pos >= owner.pos && fn.node.end <= owner.end && !isSummarised(fn.node);
}

function envOf(closure: FunctionNode, state: FlowState): CapturedEnv {
  const names = namesUsedIn(closure);
  const env = new Map<ts.Symbol, Value>();
  for (const [symbol, value] of state.vars) if (names.has(symbol.name)) env.set(symbol, value);
  return env;
}

const namesByClosure = new WeakMap<FunctionNode, ReadonlySet<string>>();

/** Identifiers a closure's body names (its parameters and locals among them; they are not in the state given). */
function namesUsedIn(closure: FunctionNode): ReadonlySet<string> {
  let names = namesByClosure.get(closure);
  if (names) return names;
  const found = new Set<string>();
  const pending: ts.Node[] = closure.body ? [closure.body] : [];
  while (pending.length) {
    const node = pending.pop()!;
    if (ts.isIdentifier(node)) found.add(node.text);
    ts.forEachChild(node, (child) => {
      pending.push(child);
    });
  }
  names = found;
  namesByClosure.set(closure, names);
  return names;
}
