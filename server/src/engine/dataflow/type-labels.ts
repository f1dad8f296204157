/**
 * Stage: dataflow (whole objects by their declared type).
 * Input: a rule and a value that reaches one of its sinks without that rule's labels, but as an instance of project
 * types (classes, interfaces, type literals), itself or in its fields and elements.
 * Output: a label for each field of those types (and of their fields' types, two levels deep) whose name is a
 * source of the rule, with its field path: `logger.info(dto)` where `dto: CustomerDto` declares `idCardNo`.
 * Invariant: boolean fields are flags, never data; a field the value holds (`const { idCardNo, ...rest } = lead`
 * leaves `idCardNo` empty in `rest`; `{ ...dto, idCardNo: mask(dto.idCardNo) }`) is judged by what it holds, not by
 * its declaration; a row a client read (`repo.findOneBy(…)` with `repo: Repository<Employee>`, generic-results.ts)
 * written back through a client of the same type (`repo.save(employee)`) is no new data: what it holds was there
 * already; a type's source fields are found once per rule and kept with its declaration.
 */
import { ts } from 'ts-morph';
import type { CompiledRule } from '../facts/compile-models';
import type { Walker } from './host';
import { type Label, sourceLabel } from './taint';
import { declaredProperties, typeNameOf } from './type-targets';
import type { ClassLike, Value } from './value';

const typeLabelCache = new WeakMap<ts.Node, Map<string, { name: ts.Node; field: string; description: string }[]>>();

/**
 * Source fields of a declared type, and of the project types of its fields (`assignment.vehicle.hphm`), except the
 * fields the value holds itself (`held`).
 */
function typeFieldLabels(interp: Walker, rule: CompiledRule, cls: ClassLike, prefix: readonly string[], depth: number, held?: ReadonlyMap<string, Value>): Map<Label, readonly string[]> {
  const out = new Map<Label, readonly string[]>();
  const typeName = typeNameOf(cls);
  for (const hit of sourceFieldsOf(rule, cls)) {
    if (held?.has(hit.field)) continue;
    const field = [...prefix, hit.field].join('.');
    out.set(sourceLabel(rule.id, hit.name, `${hit.description} (field \`${field}\` of ${typeName})`, 'type', { field, typeName }), [...prefix, hit.field]);
  }
  if (depth >= 2) return out;
  for (const { name: field, type } of declaredProperties(cls)) {
    if (!type || held?.has(field)) continue;
    for (const inner of interp.resolver.typeTargets(type).classes) {
      if (inner === cls) continue;
      for (const [label, path] of typeFieldLabels(interp, rule, inner, [...prefix, field], depth + 1)) out.set(label, path);
    }
  }
  return out;
}

/**
 * Fields of project classes and interfaces in the value whose names are sources of the rule (two levels deep).
 * `writtenBackTo`: the type arguments of the client the sink writes through, whose own rows are not new data.
 */
export function typeLabels(interp: Walker, rule: CompiledRule, value: Value, prefix: readonly string[] = [], depth = 0, writtenBackTo?: readonly ClassLike[]): Map<Label, readonly string[]> {
  const out = new Map<Label, readonly string[]>();
  if (depth > 2) return out;
  for (const cls of value.classes ?? []) {
    if (writtenBackTo?.includes(cls) && value.typeArguments?.includes(cls)) continue;
    for (const [label, path] of typeFieldLabels(interp, rule, cls, prefix, depth, value.fields)) out.set(label, path);
  }
  if (value.fields) {
    for (const [name, field] of value.fields) for (const [label, path] of typeLabels(interp, rule, field, [...prefix, name], depth + 1, writtenBackTo)) out.set(label, path);
  }
  if (value.elem) for (const [label, path] of typeLabels(interp, rule, value.elem, prefix, depth + 1, writtenBackTo)) out.set(label, path);
  return out;
}

function sourceFieldsOf(rule: CompiledRule, cls: ClassLike): { name: ts.Node; field: string; description: string }[] {
  let byRule = typeLabelCache.get(cls);
  if (!byRule) typeLabelCache.set(cls, (byRule = new Map()));
  const cached = byRule.get(rule.id);
  if (cached) return cached;
  const hits: { name: ts.Node; field: string; description: string }[] = [];
  for (const { name: field, nameNode, type } of declaredProperties(cls)) {
    if (type?.kind === ts.SyntaxKind.BooleanKeyword) continue;
    const description = rule.matchName(field);
    if (description) hits.push({ name: nameNode, field, description });
  }
  byRule.set(rule.id, hits);
  return hits;
}
