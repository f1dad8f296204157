/**
 * Stage: dataflow (abstract values).
 * Input: nothing; the lattice the interpreter computes with.
 * Output: `Value` (what the engine knows about a runtime value: taint labels (taint.ts), fields, array elements,
 * the external API or project class it refers to, function values, guard conditions, a constant string) and its
 * operations: joins, field reads and writes, steps, sanitizing.
 * Invariant: values are immutable; every operation returns a new value. Sizes are bounded (field depth, fields
 * per value; labels and path length in taint.ts) so that analysis terminates on any program.
 */
import { NOT_SANITIZER_REASONS, WEAK_GUARD_REASONS, type WeakGuardReason } from '../reasons';
import type { ts } from 'ts-morph';
import type { ApiRef } from '../facts/api-ref';
import type { PersonPath } from '../facts/person-words';
import type { HigherOrderResult } from '../facts/higher-order-calls';
import { type Label, type Step, type Taint, addStep, extendSymbolicAccess, mergeTaint, omitSymbolicFields, weakNameOf } from './taint';

export const MAX_FIELD_DEPTH = 4;
export const MAX_FIELDS = 48;

/** A guard fact: a condition of some rule that is known to hold (strong) or was seen but does not count (weak). */
export interface GuardFact {
  readonly rule: string;
  readonly node: ts.Node;
  readonly description: string;
  /** Set when the check does not count as protection: `privacyPolicy`, `defaultTrue`, `clientInput`… */
  readonly weakReason?: WeakGuardReason;
  /** Whose record the check tests, as person words from its names (`visitor`, `manager`); empty when unknown. */
  readonly subjects?: readonly string[];
  /**
   * Whose consent the check tests, as places of the function it holds in (guard-subjects.ts): the argument of a
   * consent call (`hasFaceConsent(primary.memberId)`), the object that holds a consent field (`other.faceConsent`),
   * or what a consent record was fetched with. Undefined when unknown; several when any of them was checked.
   */
  readonly subjectPlaces?: readonly PersonPath[];
  /**
   * Not a guard but a validation: where the condition holds, the variable is known to hold the rule's data
   * (`if (RESIDENT_ID.test(value)) log(value)`), or, with a `path`, that element or field of it
   * (`/^\d{17}[\dX]$/.test(match[1])`).
   */
  readonly validates?: { readonly symbol: ts.Symbol; readonly path?: readonly string[]; readonly label: Label };
}

export interface Cond {
  readonly whenTrue: readonly GuardFact[];
  readonly whenFalse: readonly GuardFact[];
}

export type FunctionNode = ts.FunctionLikeDeclaration;

/**
 * A project type whose members the analysis can read: classes, interfaces, object type literals, and JSDoc's
 * `@typedef {Object}` with its `@property` tags (`declaredProperties` in type-targets.ts reads them all).
 */
export type ClassLike = ts.ClassLikeDeclaration | ts.InterfaceDeclaration | ts.TypeLiteralNode | ts.JSDocTypeLiteral;

/**
 * An object whose fields live in a store that every function reads, like a class instance's: the options object of
 * an object-literal component (a mini-program `Page({…})`, a Vue options component, a Pinia store), whose methods
 * share `this`, or the cell a framework call makes (`ref()`, `reactive()`, `useState()`, `useRef()`).
 */
export type SharedObject = ts.ObjectLiteralExpression | ts.CallExpression;

/** What a store of fields belongs to: a project class, or a shared object. */
export type FieldOwner = ts.ClassLikeDeclaration | SharedObject;

export type FnValue =
  | { readonly kind: 'function'; readonly node: FunctionNode; readonly env?: CapturedEnv }
  /** `resolve` of `new Promise((resolve) => …)`: what it is called with becomes the promise's value. */
  | { readonly kind: 'resolver'; readonly target: { value: Value } }
  /**
   * `next` of a middleware, `done` of a hook (route-chains.ts): where it is called without an error, the request
   * goes on to the handler; the guards that hold at every such call are collected.
   */
  | { readonly kind: 'continuation'; readonly target: Continuation }
  /**
   * A framework's setter of a shared object's store: `this.setData({ k })` writes the argument's fields into field
   * `data` (`field`), `store.$patch({ k })` into the object's own fields (no `field`), a `useState` setter replaces
   * field `value` with its argument (`whole`), or with what an updater function returns.
   */
  | { readonly kind: 'store-write'; readonly owner: SharedObject; readonly field?: string; readonly whole?: boolean }
  /** A function that returns a known value when called (`useGarageStore` made by Pinia's `defineStore`). */
  | { readonly kind: 'returns'; readonly value: Value }
  /** An operator (rxjs `map(fn)`): its callbacks run on the elements of the stream it is piped into. */
  | { readonly kind: 'operator'; readonly callbacks: readonly FnValue[]; readonly result: HigherOrderResult };

/** What the calls of one `next` saw: how many there were, and the guards that held at all of them. */
export interface Continuation {
  calls: number;
  facts: readonly GuardFact[];
}

/**
 * The variables a closure uses of the function that made it, as they were when it left that function (returned
 * from a factory or a composable): it runs where it is called, with them, the caller's state and guards.
 */
export type CapturedEnv = ReadonlyMap<ts.Symbol, Value>;

export interface Value {
  readonly taint?: Taint;
  readonly fields?: ReadonlyMap<string, Value>;
  readonly elem?: Value;
  readonly api?: readonly ApiRef[];
  readonly fns?: readonly FnValue[];
  /** Instances of project classes or interfaces (for method calls and `this.x` fields). */
  readonly classes?: readonly ClassLike[];
  /**
   * Project types given as type arguments of the external type a client was declared or created with
   * (`Repository<Guest>`, `model<IVisit>(…)`): what its methods return (declared-types.ts).
   */
  readonly typeArguments?: readonly ClassLike[];
  /** Shared objects it is (a component's `this`, a Pinia store, a `ref()` cell): their fields are stores. */
  readonly shared?: readonly SharedObject[];
  readonly cond?: Cond;
  readonly str?: string;
  /** The variable this value was obtained from by a method call, so that mutating it taints the owner too. */
  readonly owner?: ts.Symbol;
  /** Rules whose sanitizer produced this value: a name like `idCardNo` on it does not make it data again. */
  readonly sanitized?: readonly string[];
  /** The sanitizer each rule's data went through (`blurFacesAndPlates()`), for messages about other branches. */
  readonly sanitizedBy?: Readonly<Record<string, string>>;
  /** The URL a client was made for (`mqtt.connect(url)`), for sinks whose destination is their receiver. */
  readonly url?: string;
  /** Field paths a logger masks in what it logs (pino `redact`), inherited by its child loggers. */
  readonly redact?: readonly string[];
  /** A constant number (`3`, a parameter defaulting to `4`), for reading what a `slice` keeps. */
  readonly num?: number;
  /** `s.length - k`: a position k characters before the end. */
  readonly fromEnd?: number;
  /**
   * Where the value is known to come from, when that is not a source of any rule: `request` for what a client
   * sends (a request body, an uploaded file). Weak names (`NameSourceModel.weak`) do not classify such a value.
   */
  readonly provenance?: 'request';
}

export const EMPTY: Value = Object.freeze({});

/**
 * Whether a redaction path (pino syntax: `customer.idCardNo`, `*.vin`, `items[*].vin`; `**.ssn` for any depth)
 * covers a field path. Redacting a parent covers its children; a bare value (no field) is never redacted.
 */
export function isRedacted(fieldPath: readonly string[], patterns: readonly string[]): boolean {
  if (fieldPath.length === 0) return false;
  return patterns.some((pattern) => {
    const segments = pattern.replace(/\[\*\]/g, '.*').replace(/\[(?:'([^[\]'"]+)'|"([^[\]'"]+)"|([^[\]'"]+))\]/g, '.$1$2$3').split('.').filter(Boolean);
    const matchFrom = (p: number, f: number): boolean => {
      if (p === segments.length) return true;
      if (f === fieldPath.length) return false;
      const segment = segments[p]!;
      if (segment === '**') return matchFrom(p + 1, f) || matchFrom(p, f + 1);
      return (segment === '*' || segment === fieldPath[f]) && matchFrom(p + 1, f + 1);
    };
    return matchFrom(0, 0);
  });
}

export function isEmptyValue(value: Value): boolean {
  return (
    !value.taint?.size &&
    !value.fields?.size &&
    !value.elem &&
    !value.api?.length &&
    !value.fns?.length &&
    !value.classes?.length &&
    !value.typeArguments?.length &&
    !value.shared?.length &&
    !value.cond &&
    value.str === undefined &&
    !value.sanitized?.length &&
    !value.sanitizedBy &&
    value.num === undefined &&
    value.fromEnd === undefined &&
    value.provenance === undefined
  );
}

/** What makes two function values the same one in a join (a closure's captured variables do not). */
function fnIdentity(fn: FnValue): unknown {
  return fn.kind === 'function' ? fn.node : fn.kind === 'resolver' ? fn.target : fn;
}

function mergeUnique<T>(a: readonly T[] | undefined, b: readonly T[] | undefined, key: (item: T) => unknown = (item) => item): readonly T[] | undefined {
  if (!a || a.length === 0) return b;
  if (!b || b.length === 0 || a === b) return a;
  const seen = new Set(a.map(key));
  const out = [...a];
  for (const item of b) {
    if (!seen.has(key(item)) && out.length < 16) {
      seen.add(key(item));
      out.push(item);
    }
  }
  return out;
}

function mergeFields(a: ReadonlyMap<string, Value> | undefined, b: ReadonlyMap<string, Value> | undefined, depth: number): ReadonlyMap<string, Value> | undefined {
  if (!a || a.size === 0) return b;
  if (!b || b.size === 0 || a === b) return a;
  const map = new Map(a);
  for (const [key, value] of b) {
    const existing = map.get(key);
    if (existing) map.set(key, joinValues(existing, value, depth + 1));
    else if (map.size < MAX_FIELDS) map.set(key, value);
  }
  return map;
}

function joinCond(a: Cond | undefined, b: Cond | undefined): Cond | undefined {
  // A value without a condition adds no alternative (api refs, fields joined onto the same value). Two conditions
  // are alternatives (`let allowed = c.faceConsent; if (demo) allowed = true`): only what both guarantee holds, and
  // a check that held on one side only is kept as one that does not hold on every path.
  if (!a) return b;
  if (!b || a === b) return a;
  const join = (x: readonly GuardFact[], y: readonly GuardFact[]): readonly GuardFact[] => {
    const both = intersectFacts(x, y);
    const partial = [...x, ...y]
      .filter((fact) => !fact.weakReason && !fact.validates && !both.some((kept) => kept.rule === fact.rule && !kept.weakReason))
      .map((fact) => ({ ...fact, weakReason: WEAK_GUARD_REASONS.notDominating }));
    return [...both, ...partial];
  };
  return { whenTrue: join(a.whenTrue, b.whenTrue), whenFalse: join(a.whenFalse, b.whenFalse) };
}

export function intersectFacts(a: readonly GuardFact[], b: readonly GuardFact[]): readonly GuardFact[] {
  const out: GuardFact[] = [];
  for (const fact of a) {
    const other = b.find((candidate) => candidate.rule === fact.rule && !!candidate.weakReason === !!fact.weakReason);
    if (other) out.push(fact);
  }
  // Weak facts are only informational: keep them from either side so the message can name them.
  for (const fact of [...a, ...b]) {
    if (fact.weakReason && !out.includes(fact)) out.push(fact);
  }
  return out;
}

export function unionFacts(a: readonly GuardFact[], b: readonly GuardFact[]): readonly GuardFact[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  return [...a, ...b.filter((fact) => !a.includes(fact))];
}

/** The least value that over-approximates both: used where control flow merges and for unions of possibilities. */
export function joinValues(a: Value, b: Value, depth = 0): Value {
  if (a === b) return a;
  if (isEmptyValue(a)) return b;
  if (isEmptyValue(b)) return a;
  if (depth > MAX_FIELD_DEPTH) return { taint: mergeTaint(deepTaint(a), deepTaint(b)) };
  return compact({
    taint: mergeTaint(a.taint, b.taint),
    fields: mergeFields(a.fields, b.fields, depth),
    elem: a.elem && b.elem ? joinValues(a.elem, b.elem, depth + 1) : (a.elem ?? b.elem),
    api: mergeUnique(a.api, b.api, (ref) => ref.key),
    fns: mergeUnique(a.fns, b.fns, fnIdentity),
    classes: mergeUnique(a.classes as readonly ts.Node[] | undefined, b.classes as readonly ts.Node[] | undefined) as Value['classes'],
    typeArguments: mergeUnique(a.typeArguments as readonly ts.Node[] | undefined, b.typeArguments as readonly ts.Node[] | undefined) as Value['typeArguments'],
    shared: mergeUnique(a.shared, b.shared),
    cond: joinCond(a.cond, b.cond),
    str: a.str === b.str ? a.str : undefined,
    owner: a.owner === b.owner ? a.owner : undefined,
    sanitized: mergeUnique(a.sanitized, b.sanitized),
    sanitizedBy: a.sanitizedBy || b.sanitizedBy ? { ...(b.sanitizedBy ?? {}), ...(a.sanitizedBy ?? {}) } : undefined,
    url: a.url === b.url ? a.url : undefined,
    redact: a.redact && b.redact ? a.redact.filter((path) => b.redact!.includes(path)) : undefined,
    num: a.num === b.num ? a.num : undefined,
    fromEnd: a.fromEnd === b.fromEnd ? a.fromEnd : undefined,
    provenance: a.provenance === b.provenance ? a.provenance : undefined,
  });
}

/** Drops undefined members so that values stay small and `isEmptyValue` is cheap. */
export function compact(value: Value): Value {
  const out: { -readonly [K in keyof Value]?: Value[K] } = {};
  if (value.taint && value.taint.size > 0) out.taint = value.taint;
  if (value.fields && value.fields.size > 0) out.fields = value.fields;
  if (value.elem && !isEmptyValue(value.elem)) out.elem = value.elem;
  if (value.api && value.api.length > 0) out.api = value.api;
  if (value.fns && value.fns.length > 0) out.fns = value.fns;
  if (value.classes && value.classes.length > 0) out.classes = value.classes;
  if (value.typeArguments && value.typeArguments.length > 0) out.typeArguments = value.typeArguments;
  if (value.shared && value.shared.length > 0) out.shared = value.shared;
  if (value.cond) out.cond = value.cond;
  if (value.str !== undefined) out.str = value.str;
  if (value.owner) out.owner = value.owner;
  if (value.sanitized && value.sanitized.length > 0) out.sanitized = value.sanitized;
  if (value.sanitizedBy) out.sanitizedBy = value.sanitizedBy;
  if (value.url !== undefined) out.url = value.url;
  if (value.redact && value.redact.length > 0) out.redact = value.redact;
  if (value.num !== undefined) out.num = value.num;
  if (value.fromEnd !== undefined) out.fromEnd = value.fromEnd;
  if (value.provenance !== undefined) out.provenance = value.provenance;
  return out;
}

export function taintOnly(taint: Taint | undefined): Value {
  return taint && taint.size > 0 ? { taint } : EMPTY;
}

/** All labels anywhere in the value: its own, its fields' and its elements'. */
export function deepTaint(value: Value, depth = 0): Taint | undefined {
  let taint = value.taint;
  if (depth > MAX_FIELD_DEPTH) return taint;
  if (value.fields) for (const field of value.fields.values()) taint = mergeTaint(taint, deepTaint(field, depth + 1));
  if (value.elem) taint = mergeTaint(taint, deepTaint(value.elem, depth + 1));
  return taint;
}

/** Like deepTaint, but remembers the field path under which each label was found (for "logs the whole DTO"). */
export function deepTaintWithPaths(value: Value, prefix: readonly string[] = [], depth = 0, out = new Map<Label, readonly string[]>()): Map<Label, readonly string[]> {
  if (value.taint) for (const label of value.taint.values()) if (!out.has(label)) out.set(label, prefix);
  if (depth > MAX_FIELD_DEPTH) return out;
  if (value.fields) for (const [name, field] of value.fields) deepTaintWithPaths(field, [...prefix, name], depth + 1, out);
  if (value.elem) deepTaintWithPaths(value.elem, prefix, depth + 1, out);
  return out;
}

export function withStep(value: Value, node: ts.Node, kind: Step['kind'], message: string): Value {
  if (!value.taint?.size && !value.fields?.size && !value.elem) return value;
  return compact({
    ...value,
    taint: addStep(value.taint, node, kind, message),
    fields: value.fields ? new Map([...value.fields].map(([key, field]) => [key, withStep(field, node, kind, message)])) : undefined,
    elem: value.elem ? withStep(value.elem, node, kind, message) : undefined,
  });
}

export function markSanitized(value: Value, rule: string, by?: string): Value {
  const sanitizedBy = by ? { ...(value.sanitizedBy ?? {}), [rule]: by } : value.sanitizedBy;
  if (value.sanitized?.includes(rule)) return by ? compact({ ...value, sanitizedBy }) : value;
  return compact({ ...value, sanitized: [...(value.sanitized ?? []), rule], sanitizedBy });
}

/**
 * Joins the values one variable has on two branches. `let payload = frame; if (share) payload = anonymize(frame)`:
 * where one branch sanitized and the other did not, the data left is noted as "sanitized on another branch only",
 * naming the sanitizer, so the message can say so.
 */
export function joinBranches(a: Value, b: Value): Value {
  if (a === b) return a;
  if (a.sanitizedBy || b.sanitizedBy) return joinValues(noteOtherBranch(a, b), noteOtherBranch(b, a));
  return joinValues(a, b);
}

function noteOtherBranch(data: Value, sanitizedSide: Value): Value {
  const by = sanitizedSide.sanitizedBy;
  if (!by || !data.taint) return data;
  let taint = data.taint;
  for (const [rule, name] of Object.entries(by)) {
    if (![...taint.values()].some((label) => label.rule === rule || weakNameOf(label, rule))) continue;
    const map = new Map<string, Label>();
    for (const [key, label] of taint) {
      const node = label.step?.node ?? (label.origin.kind === 'source' ? label.origin.node : weakNameOf(label, rule)?.node);
      const carries = label.rule === rule || !!weakNameOf(label, rule);
      const noted = carries && !!node && !label.notes?.some((note) => note.reason === 'otherBranch');
      map.set(key, noted ? { ...label, notes: [...(label.notes ?? []), { reason: NOT_SANITIZER_REASONS.otherBranch, description: name, node: node! }] } : label);
    }
    taint = map;
  }
  return taint === data.taint ? data : { ...data, taint };
}

/** Removes the labels of one rule everywhere in the value (a sanitizer's result). */
export function removeRule(value: Value, rule: string, depth = 0): Value {
  const keep = (taint: Taint | undefined): Taint | undefined => {
    if (!taint) return taint;
    let changed = false;
    const map = new Map<string, Label>();
    for (const [key, label] of taint) {
      if (label.rule === rule) {
        changed = true;
      } else if (label.rule === '*' && !label.cleared?.includes(rule)) {
        changed = true;
        map.set(key, { ...label, cleared: [...(label.cleared ?? []), rule] });
      } else {
        map.set(key, label);
      }
    }
    return changed ? map : taint;
  };
  if (depth > MAX_FIELD_DEPTH) return compact({ ...value, taint: keep(value.taint) });
  return compact({
    ...value,
    taint: keep(value.taint),
    fields: value.fields ? new Map([...value.fields].map(([key, field]) => [key, removeRule(field, rule, depth + 1)])) : undefined,
    elem: value.elem ? removeRule(value.elem, rule, depth + 1) : undefined,
  });
}

/** Reads field `name` of a value: the field if known, else the object's own taint (an API result's `.data`). */
export function readField(value: Value, name: string): Value {
  const field = value.fields?.get(name);
  const inherited = extendSymbolicAccess(value.taint, name);
  let read: Value;
  if (field) read = inherited ? compact({ ...field, taint: mergeTaint(field.taint, inherited) }) : field;
  else if (value.elem && /^\d+$/.test(name)) read = joinValues(value.elem, taintOnly(inherited));
  else read = taintOnly(inherited);
  // A part of what a client sent was sent by the client too.
  return value.provenance && !read.provenance ? { ...read, provenance: value.provenance } : read;
}

/** Writes `path` inside `target` (a strong update of that field). */
export function writeField(target: Value, path: readonly string[], value: Value, depth = 0): Value {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (depth > MAX_FIELD_DEPTH) return compact({ ...target, taint: mergeTaint(target.taint, deepTaint(value)) });
  const fields = new Map(target.fields ?? []);
  if (fields.size >= MAX_FIELDS && !fields.has(head!)) {
    return compact({ ...target, taint: mergeTaint(target.taint, deepTaint(value)) });
  }
  fields.set(head!, writeField(fields.get(head!) ?? EMPTY, rest, value, depth + 1));
  return compact({ ...target, fields });
}

/**
 * Drops parameter and `this` labels: what goes into a store shared by all functions (class fields, module
 * variables) must not mention one function's parameters, which mean something else in every other function.
 * Callers put the instantiated value there through the summary's field writes instead.
 */
export function stripSymbolic(value: Value, depth = 0): Value {
  const keep = (taint: Taint | undefined): Taint | undefined => {
    if (!taint) return taint;
    let changed = false;
    const map = new Map<string, Label>();
    for (const [key, label] of taint) {
      if (label.origin.kind !== 'source') changed = true;
      else map.set(key, label);
    }
    return changed ? map : taint;
  };
  if (depth > MAX_FIELD_DEPTH) return compact({ ...value, taint: keep(value.taint) });
  return compact({
    ...value,
    taint: keep(value.taint),
    fields: value.fields ? new Map([...value.fields].map(([key, field]) => [key, stripSymbolic(field, depth + 1)])) : undefined,
    elem: value.elem ? stripSymbolic(value.elem, depth + 1) : undefined,
  });
}

/** Everything an unknown operation on the value may carry on: all its labels, flattened. */
export function flatten(value: Value): Value {
  const flat = taintOnly(deepTaint(value));
  return value.provenance ? { ...flat, provenance: value.provenance } : flat;
}

/**
 * What iterating a value gives: its elements, its own labels, numbered fields of a tuple, and the project types
 * it was declared with (a `GuestProfile[]` is typed as `GuestProfile`: its elements are).
 */
export function elementOf(value: Value): Value {
  let element = value.elem ?? EMPTY;
  if (value.taint) element = joinValues(element, taintOnly(value.taint));
  if (value.classes?.length) element = joinValues(element, { classes: value.classes });
  if (!value.elem && value.fields) for (const [key, field] of value.fields) if (/^\d+$/.test(key)) element = joinValues(element, field);
  return element;
}

/**
 * The value without some of its fields (an object rest pattern): the fields are held empty, and a parameter's or
 * `this`'s labels remember what was left out for the caller's value.
 */
export function withoutFields(value: Value, names: readonly string[]): Value {
  // The declared type stays (its other fields still count); the names taken out are held empty, so that the type's
  // own declaration of them is not counted either (type-labels.ts).
  const fields = new Map(value.fields ?? []);
  for (const name of names) fields.set(name, EMPTY);
  return compact({ ...value, fields, taint: omitSymbolicFields(value.taint, names) });
}
