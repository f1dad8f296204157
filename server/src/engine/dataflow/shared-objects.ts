/**
 * Stage: dataflow (shared objects: framework state as stores).
 * Input: calls that make or register framework state (a component's options object given to `Page`, `defineStore`,
 * an `export default` Vue component; a `ref()`, `reactive()`, `useState()` or `useRef()` cell), and reads, writes
 * and method calls on the objects they give (`this.data.photos`, `store.upload(x)`, `photo.value = shot`,
 * `this.setData({ photos })`, `setPhoto(shot)`).
 * Output: values of those objects (`Value.shared`), whose fields are stores every function reads, as class fields
 * are: what one handler or closure writes, another reads. A component's methods are its fields too, its getters run
 * when read, and a framework's setters write the fields of their argument.
 * Invariant: one store per component options object and per cell's call site; like class fields, a store never holds
 * one function's parameters (callers store the instantiated value). What frameworks do is data
 * (facts/framework-state.ts); this module knows only objects whose fields are stores.
 */
import { ts } from 'ts-morph';
import { type ApiRef, matchesApiPath } from '../facts/api-ref';
import { type ComponentModel, FRAMEWORK_ROOTS, STATE_CELL_MODELS, type StateCellModel, compileFrameworkCallee } from '../facts/framework-state';
import { componentFunction, componentModelOfCall, componentOf, componentOfFunction } from './components';
import type { Box, CallNode, CallSiteNode, Callee, Walker } from './host';
import { skipOuter } from './resolve';
import { hasSymbolicLabels } from './summary';
import { type FieldOwner, type FnValue, type FunctionNode, type SharedObject, type Value, EMPTY, MAX_FIELD_DEPTH, compact, isEmptyValue, joinValues, stripSymbolic, withStep, writeField } from './value';
import type { Resolver } from './resolve';

/** `this` of a function written in a component's options object: the component, whose fields are stores. */
export function sharedThisOf(resolver: Resolver, fn: FunctionNode): Value | undefined {
  const place = componentOfFunction(resolver, fn);
  return place ? { shared: [place.literal] } : undefined;
}

/** `object.name` of a shared object: the store's field, the component's method of that name, a framework setter. */
export function readSharedMember(interp: Walker, object: Value, name: string): Value {
  let value: Value = EMPTY;
  for (const shared of object.shared ?? []) {
    const stored = interp.host.readClassField(shared, name);
    if (stored) value = joinValues(value, stored);
    if (!ts.isObjectLiteralExpression(shared)) continue;
    const model = componentOf(interp.resolver, shared);
    if (!model) continue;
    const setter = model.setters.find((candidate) => candidate.method === name);
    if (setter) value = joinValues(value, { fns: [storeWriter(shared, setter.field, false)] });
    const member = componentFunction(shared, model, name);
    if (member && !member.isGetter) value = joinValues(value, { fns: [{ kind: 'function', node: member.fn }] });
  }
  return value;
}

/** `this.fullName`, `store.latestPhoto`: a computed property or store getter runs when read, with the object. */
export function callSharedGetters(interp: Walker, object: Value, name: string, node: CallSiteNode, box: Box): Value {
  let result: Value = EMPTY;
  for (const shared of object.shared ?? []) {
    if (!ts.isObjectLiteralExpression(shared)) continue;
    const model = componentOf(interp.resolver, shared);
    const member = model && componentFunction(shared, model, name);
    if (member?.isGetter) result = joinValues(result, interp.invoke({ kind: 'function', node: member.fn }, [object], object, node, box));
  }
  return result;
}

/** `this.photo = shot`, `store.photo = shot`, `photo.value = shot`: the write goes into each object's store. */
export function writeSharedPath(interp: Walker, object: Value, path: readonly string[], value: Value): void {
  if (path.length === 0) return;
  for (const shared of object.shared ?? []) writeStorePath(interp, shared, path, value);
}

/**
 * Joins a value into a store at a field path; a value that mentions parameters is recorded for callers too. A shared
 * object's store keeps no constants: `useState('')`, `data: { idCardNo: '' }` and `setData({ plate: '' })` are
 * defaults and resets, and a constant read back would make the name it is read under (`idCardNo`) no data.
 */
export function writeStorePath(interp: Walker, owner: FieldOwner, path: readonly string[], value: Value): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  const current = interp.host.peekClassField(owner, head) ?? EMPTY;
  const shared = ts.isClassLike(owner) ? stripSymbolic(value) : withoutConstants(stripSymbolic(value));
  const next = rest.length ? writeField(current, rest, shared) : shared;
  interp.host.writeClassField(owner, head, next);
  if (hasSymbolicLabels(value)) interp.effects.fieldWrites.push({ cls: owner, path, value });
}

function withoutConstants(value: Value, depth = 0): Value {
  if (value.str === undefined && value.num === undefined && !value.fields && !value.elem) return value;
  return compact({
    ...value,
    str: undefined,
    num: undefined,
    fromEnd: undefined,
    fields: value.fields && depth < MAX_FIELD_DEPTH ? new Map([...value.fields].map(([name, field]) => [name, withoutConstants(field, depth + 1)])) : value.fields,
    elem: value.elem && depth < MAX_FIELD_DEPTH ? withoutConstants(value.elem, depth + 1) : value.elem,
  });
}

const writers = new WeakMap<SharedObject, Map<string, FnValue>>();

/** One function value per setter, so that joins see the same one (`fnIdentity` in value.ts). */
function storeWriter(owner: SharedObject, field: string | undefined, whole: boolean): FnValue {
  let byField = writers.get(owner);
  if (!byField) writers.set(owner, (byField = new Map()));
  const key = `${field ?? ''}\u0000${whole ? 1 : 0}`;
  let fn = byField.get(key);
  if (!fn) byField.set(key, (fn = { kind: 'store-write', owner, field, whole }));
  return fn;
}

/**
 * A framework setter called: `this.setData({ photos, 'form.plate': plate })` joins each field of the argument into
 * the store (`data.photos`, `data.form.plate`); `setPhoto(shot)` replaces the state, `setPhotos((list) => […])`
 * with what the updater returns given the state.
 */
export function invokeStoreWrite(interp: Walker, fn: Extract<FnValue, { kind: 'store-write' }>, args: readonly Value[], node: CallSiteNode, box: Box): Value {
  const argument = args[0] ?? EMPTY;
  const message = `stored in ${ts.isCallExpression(node) ? node.expression.getText().slice(0, 40) : 'framework state'}()`;
  if (fn.whole) {
    const field = fn.field ?? 'value';
    let value = compact({ ...argument, fns: undefined });
    for (const updater of argument.fns ?? []) {
      if (updater.kind !== 'function') continue;
      const current = interp.host.readClassField(fn.owner, field) ?? EMPTY;
      value = joinValues(value, interp.invoke(updater, [current], EMPTY, node, box));
    }
    writeStorePath(interp, fn.owner, [field], withStep(value, node, 'step', message));
    return EMPTY;
  }
  if (!argument.fields?.size) {
    if (fn.field !== undefined && !isEmptyValue(argument)) writeStorePath(interp, fn.owner, [fn.field], withStep(argument, node, 'step', message));
    return EMPTY;
  }
  for (const [key, value] of argument.fields) {
    const path = key.split(/[.[\]]+/).filter(Boolean);
    writeStorePath(interp, fn.owner, fn.field !== undefined ? [fn.field, ...path] : path, withStep(value, node, 'step', message));
  }
  return EMPTY;
}

interface CompiledCell {
  readonly model: StateCellModel;
  readonly callee: ReturnType<typeof compileFrameworkCallee>;
}

let compiledCells: readonly CompiledCell[] | undefined;

function cellModelOf(refs: readonly ApiRef[]): StateCellModel | undefined {
  compiledCells ??= STATE_CELL_MODELS.map((model) => ({ model, callee: compileFrameworkCallee(model.callee) }));
  return compiledCells.find((cell) => refs.some((ref) => matchesApiPath(cell.callee.pattern, ref)))?.model;
}

/**
 * What a call into a framework adds to its result: a state cell (`ref(x)`, `useState(x)`) is a shared object; a
 * component's options object handed over gets its initial fields in the store (`data: {…}`, `data()`, `state()`),
 * and Pinia's `defineStore` returns a hook that returns the store.
 */
export function frameworkCallResult(interp: Walker, node: CallNode, callee: Callee, args: readonly Value[], isNew: boolean, box: Box, result: Value): Value {
  const refs = callee.value.api;
  if (!refs?.some((ref) => FRAMEWORK_ROOTS.has(ref.root))) return result;
  if (!isNew && ts.isCallExpression(node)) {
    const cell = cellModelOf(refs);
    if (cell) return joinValues(result, makeCell(interp, node, cell, args));
  }
  const model = componentModelOfCall(refs, isNew);
  if (!model) return result;
  let out = result;
  (node.arguments ?? []).forEach((argument, index) => {
    const literal = skipOuter(argument);
    if (!ts.isObjectLiteralExpression(literal) || componentOf(interp.resolver, literal) !== model) return;
    initComponent(interp, literal, model, args[index] ?? EMPTY, node, box);
    if (model.returnsInstanceHook) out = joinValues(out, { fns: [{ kind: 'returns', value: { shared: [literal] } }] });
  });
  return out;
}

/** `export default { data() {…}, methods: {…} }`: a Vue component whose options are the module's export. */
export function initExportedComponent(interp: Walker, expression: ts.Expression, value: Value, box: Box): void {
  const literal = skipOuter(expression);
  if (!ts.isObjectLiteralExpression(literal)) return;
  const model = componentOf(interp.resolver, literal);
  if (model) initComponent(interp, literal, model, value, undefined, box);
}

/**
 * The initial fields of a component's `this`: its data properties, and what its state functions return when they
 * run at the call that hands the options over (an `export default` has no such call: its `data()` is not run).
 */
function initComponent(interp: Walker, literal: ts.ObjectLiteralExpression, model: ComponentModel, options: Value, site: CallSiteNode | undefined, box: Box): void {
  const instance: Value = { shared: [literal] };
  if (model.ownPropertiesAreFields) {
    for (const [name, field] of options.fields ?? []) if (!field.fns?.length && !isEmptyValue(field)) writeStorePath(interp, literal, [name], field);
  }
  for (const name of model.stateFunctions) {
    for (const fn of options.fields?.get(name)?.fns ?? []) {
      if (fn.kind !== 'function' || !site) continue;
      const initial = interp.invoke(fn, [], instance, site, box);
      for (const [field, value] of initial.fields ?? []) if (!isEmptyValue(value)) writeStorePath(interp, literal, [field], value);
    }
  }
}

function makeCell(interp: Walker, node: ts.CallExpression, cell: StateCellModel, args: readonly Value[]): Value {
  const initial = args[0] ?? EMPTY;
  const hasInitial = !isEmptyValue(initial) && !initial.fns?.length;
  switch (cell.shape) {
    case 'value':
      if (hasInitial) writeStorePath(interp, node, [cell.field ?? 'value'], initial);
      return { shared: [node] };
    case 'object':
      for (const [field, value] of initial.fields ?? []) if (!isEmptyValue(value)) writeStorePath(interp, node, [field], value);
      return { shared: [node] };
    case 'pair': {
      if (hasInitial) writeStorePath(interp, node, ['value'], initial);
      const state = interp.host.readClassField(node, 'value') ?? EMPTY;
      return compact({ fields: new Map([['0', state], ['1', { fns: [storeWriter(node, 'value', true)] }]]) });
    }
  }
}
