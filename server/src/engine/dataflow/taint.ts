/**
 * Stage: dataflow (taint labels).
 * Input: nothing; the labels that values carry.
 * Output: `Label` (a rule's data, or in a summary a parameter or `this`, with the steps it took from its origin),
 * `Taint` (a value's labels, one per rule and origin) and their operations: making, merging, stepping, noting.
 * Invariant: labels are immutable; steps are a linked list shared between paths. A taint holds at most
 * `MAX_LABELS` labels, a path at most `MAX_PATH_STEPS` steps, and a symbolic label reads at most
 * `MAX_SYMBOLIC_ACCESS` fields deep, so that analysis terminates on any program.
 */
import type { NotSanitizerReason } from '../reasons';
import type { ts } from 'ts-morph';
import type { FlowStepKind } from '../findings/finding';

export const MAX_LABELS = 24;
export const MAX_PATH_STEPS = 40;

/** Where taint comes from: a source in the code, or (inside a summary) a parameter or `this` of the function. */
export type Origin =
  | {
      readonly kind: 'source';
      readonly key: string;
      readonly node: ts.Node;
      readonly description: string;
      readonly sourceKind: 'api' | 'name' | 'literal' | 'type';
      /** The name that made it a source (`idCardNo`), or the field and type that declare it. */
      readonly detail?: SourceDetail;
    }
  | { readonly kind: 'param'; readonly key: string; readonly index: number; readonly access: readonly string[]; readonly omit?: readonly string[] }
  | { readonly kind: 'this'; readonly key: string; readonly access: readonly string[]; readonly omit?: readonly string[] };

export interface SourceDetail {
  readonly name?: string;
  readonly field?: string;
  readonly typeName?: string;
}

/** One step of a path, linked backwards to its predecessor so that paths share their prefixes. */
export interface Step {
  readonly node: ts.Node;
  readonly kind: FlowStepKind;
  readonly message: string;
  readonly prev: Step | undefined;
  readonly length: number;
}

export interface Note {
  readonly reason: NotSanitizerReason;
  readonly description: string;
  readonly node: ts.Node;
}

export interface Label {
  /** Rule id for source labels; `*` for parameter and `this` labels, which stand for whatever the caller passes. */
  readonly rule: string;
  readonly origin: Origin;
  /** Last step taken (the path back to the origin), undefined right at the origin. */
  readonly step: Step | undefined;
  /** Look-alike sanitizers this data went through (`sha256` of an ID). */
  readonly notes?: readonly Note[];
  /**
   * For parameter and `this` labels: rules whose sanitizer (or barrier) the value already went through, so that
   * what a caller passes arrives without that rule's data (`send(topic, blurFaces(payload))`).
   */
  readonly cleared?: readonly string[];
  /**
   * For parameter and `this` labels: names that are weak evidence of a rule's data (`jpeg`, `snapshot`) given to
   * the value in the function. What a caller passes becomes that data only if its origin is unknown
   * (`resolveWeakNames`); where nothing calls the function, the name decides.
   */
  readonly weakNames?: readonly WeakName[];
}

/** A weak name given to a parameter's value: the rule it points to, why, and where. */
export interface WeakName {
  readonly rule: string;
  readonly description: string;
  readonly name: string;
  readonly node: ts.Node;
  /**
   * Given by the parameter's declared type (declared-sources.ts): the data only where nothing calls the function;
   * a caller's value is never classified by it, its parameters take it on.
   */
  readonly fromType?: boolean;
}

export type Taint = ReadonlyMap<string, Label>;

function labelKey(label: Label): string {
  return label.rule + '\u0000' + label.origin.key;
}

export function makeTaint(labels: Iterable<Label>): Taint | undefined {
  let map: Map<string, Label> | undefined;
  for (const label of labels) {
    map ??= new Map();
    const key = labelKey(label);
    const existing = map.get(key);
    if (!existing || stepLength(label.step) < stepLength(existing.step)) map.set(key, label);
  }
  return map;
}

export function stepLength(step: Step | undefined): number {
  return step ? step.length : 0;
}

export function mergeTaint(a: Taint | undefined, b: Taint | undefined): Taint | undefined {
  if (!a || a.size === 0) return b;
  if (!b || b.size === 0 || a === b) return a;
  const map = new Map(a);
  for (const [key, label] of b) {
    const existing = map.get(key);
    if (!existing) {
      if (map.size >= MAX_LABELS) continue;
      map.set(key, label);
    } else if (stepLength(label.step) < stepLength(existing.step)) {
      map.set(key, label.rule === '*' ? joinCleared(label, existing) : label);
    } else if (label.rule === '*' && (existing.cleared !== label.cleared || (label.weakNames && existing.weakNames !== label.weakNames) || (label.notes && existing.notes !== label.notes))) {
      map.set(key, joinCleared(existing, label));
    }
  }
  return map;
}

/** Every label of the taint gets one more step (`const crop = face.image` → step at the declaration). */
export function addStep(taint: Taint | undefined, node: ts.Node, kind: Step['kind'], message: string): Taint | undefined {
  if (!taint || taint.size === 0) return taint;
  const map = new Map<string, Label>();
  for (const [key, label] of taint) {
    const length = stepLength(label.step);
    if (length >= MAX_PATH_STEPS || label.step?.node === node) {
      map.set(key, label);
      continue;
    }
    map.set(key, { ...label, step: { node, kind, message, prev: label.step, length: length + 1 } });
  }
  return map;
}

/** Whether a label no longer carries this rule's data (a parameter's value that went through its sanitizer). */
export function isClearedFor(label: Label, rule: string): boolean {
  return label.rule === '*' && !!label.cleared?.includes(rule);
}

/**
 * Where one path sanitized a parameter and another did not, the parameter is cleared only for what both did; weak
 * names given on either path are kept.
 */
function joinCleared(a: Label, b: Label): Label {
  let joined = a;
  if (a.cleared !== b.cleared) {
    const both = (a.cleared ?? []).filter((rule) => b.cleared?.includes(rule));
    joined = { ...joined, cleared: both.length ? both : undefined };
  }
  if (b.weakNames && b.weakNames !== a.weakNames) joined = { ...joined, weakNames: mergeWeakNames(a.weakNames, b.weakNames) };
  // What one path noted (an anonymiser on the other branch) stays said of the joined parameter.
  if (b.notes && b.notes !== a.notes) joined = { ...joined, notes: [...(a.notes ?? []), ...b.notes.filter((note) => !a.notes?.includes(note))].slice(0, 4) };
  return joined;
}

function mergeWeakNames(a: readonly WeakName[] | undefined, b: readonly WeakName[]): readonly WeakName[] {
  if (!a?.length) return b;
  const out = [...a];
  for (const name of b) if (out.length < 4 && !out.some((known) => known.rule === name.rule)) out.push(name);
  return out;
}

/** The symbolic labels of a taint, given a weak name of a rule (unless they have one for it already). */
export function addWeakName(taint: Taint, weakName: WeakName): Taint {
  const map = new Map<string, Label>();
  for (const [key, label] of taint) {
    const symbolic = label.origin.kind !== 'source' && !label.weakNames?.some((known) => known.rule === weakName.rule);
    map.set(key, symbolic ? { ...label, weakNames: mergeWeakNames(label.weakNames, [weakName]) } : label);
  }
  return map;
}

export function addNote(taint: Taint | undefined, rule: string, note: Note): Taint | undefined {
  if (!taint) return taint;
  const map = new Map<string, Label>();
  for (const [key, label] of taint) {
    map.set(key, label.rule === rule || label.rule === '*' ? { ...label, notes: [...(label.notes ?? []), note].slice(0, 4) } : label);
  }
  return map;
}

const MAX_SYMBOLIC_ACCESS = 3;

/**
 * `const { idCardNo, ...rest } = details` where `details` is a parameter: `rest` is "whatever the caller passes,
 * without `idCardNo`", so that a caller's `{ customerId, idCardNo }` arrives without it (issue #18).
 */
export function omitSymbolicFields(taint: Taint | undefined, names: readonly string[]): Taint | undefined {
  if (!taint || names.length === 0) return taint;
  let map: Map<string, Label> | undefined;
  for (const [key, label] of taint) {
    const origin = label.origin;
    if (origin.kind === 'source') continue;
    map ??= new Map(taint);
    map.delete(key);
    const omit = [...new Set([...(origin.omit ?? []), ...names])].sort();
    const suffix = `-${omit.join(',')}`;
    const omitted: Label =
      origin.kind === 'param'
        ? { ...label, origin: { kind: 'param', key: `p${origin.index}:${origin.access.join('.')}${suffix}`, index: origin.index, access: origin.access, omit } }
        : { ...label, origin: { kind: 'this', key: `this:${origin.access.join('.')}${suffix}`, access: origin.access, omit } };
    map.set(label.rule + '\u0000' + omitted.origin.key, omitted);
  }
  return map ?? taint;
}

/**
 * Reading a field of a parameter inside a summary gives "that field of whatever the caller passes", so that
 * callers resolve `dto.face.crop` to their own `dto`'s field, not to the whole object.
 */
export function extendSymbolicAccess(taint: Taint | undefined, name: string): Taint | undefined {
  if (!taint) return taint;
  let map: Map<string, Label> | undefined;
  for (const [key, label] of taint) {
    const origin = label.origin;
    if (origin.kind === 'source' || origin.access.length >= MAX_SYMBOLIC_ACCESS) continue;
    map ??= new Map(taint);
    map.delete(key);
    // A field left out by a rest pattern (`const { idCardNo, ...rest } = details; rest.idCardNo`) is not there.
    if (origin.omit?.includes(name)) continue;
    const access = [...origin.access, name];
    const extended: Label =
      origin.kind === 'param'
        ? { ...label, origin: { kind: 'param', key: `p${origin.index}:${access.join('.')}`, index: origin.index, access } }
        : { ...label, origin: { kind: 'this', key: `this:${access.join('.')}`, access } };
    map.set(label.rule + '\u0000' + extended.origin.key, extended);
  }
  return map ?? taint;
}

/** A label at a source in the code: an API call's result, a name, a literal or a field of a declared type. */
export function sourceLabel(rule: string, node: ts.Node, description: string, sourceKind: 'api' | 'name' | 'literal' | 'type', detail?: SourceDetail): Label {
  return {
    rule,
    origin: { kind: 'source', key: `s${node.pos}:${node.end}:${node.getSourceFile().fileName}`, node, description, sourceKind, detail },
    step: undefined,
  };
}

/** The weak names of a rule on a symbolic label, for a reach reported where nothing calls the function. */
export function weakNameOf(label: Label, rule: string): WeakName | undefined {
  return label.weakNames?.find((weak) => weak.rule === rule);
}
