/**
 * Stage: dataflow (member reads).
 * Input: a property or element access met by the interpreter (`visit.face.crop`, `this.logger`, `row['idNo']`),
 * with the object's value.
 * Output: the member's value: the object's field, the external API's member, a project class's field (what its
 * store holds, its declared type, its methods) and what a getter returns, with the rules' barriers, name sources
 * and guards by name applied.
 * Invariant: field-sensitive: `visit.face` and `visit.arrivedAt` are told apart. A property that describes the
 * object (`length`, `width`) or names a client's table (`prisma.dashcamEvent`) carries none of its data
 * (facts/builtin-members.ts, facts/query-delegates.ts).
 */
import { ts } from 'ts-morph';
import { type ApiRef, extendApiRef, memberSegment } from '../facts/api-ref';
import { METADATA_PROPERTIES } from '../facts/builtin-members';
import { isRequestInput } from '../facts/guard-words';
import { tokenizeName } from '../facts/name-tokens';
import { isQueryDelegate } from '../facts/query-delegates';
import { valueOfType } from './declared-types';
import type { Box, Walker } from './host';
import { addNameGuard, addNameSource } from './name-facts';
import { accessChainNames, literalKey, skipOuter, staticPropertyName } from './resolve';
import { classNamed } from './static-members';
import { declaredProperties } from './type-targets';
import { callSharedGetters, readSharedMember } from './shared-objects';
import { type Value, EMPTY, compact, isEmptyValue, joinValues, readField, removeRule, taintOnly } from './value';

export function evalPropertyAccess(interp: Walker, node: ts.PropertyAccessExpression, box: Box): Value {
  const name = node.name.text;
  const objectNode = skipOuter(node.expression);
  const isThis = objectNode.kind === ts.SyntaxKind.ThisKeyword || objectNode.kind === ts.SyntaxKind.SuperKeyword;
  const object = isThis ? interp.thisValue : interp.eval(node.expression, box);
  let value = isThis ? readThisField(interp, name, node) : readMember(interp, object, name, node);
  // `Telegram.bot`: a static field, kept in the class's store like `this.bot` (static-members.ts).
  const cls = isThis ? undefined : classNamed(interp, objectNode);
  if (cls) value = joinValues(value, classField(interp, cls, name) ?? EMPTY);
  return joinValues(value, callGetters(interp, object, name, node, box));
}

/**
 * `visit.snapshot` where `snapshot` is a getter of a project class: its body runs with `this` = the object; so does
 * a component's computed property or a store's getter (shared-objects.ts).
 */
function callGetters(interp: Walker, object: Value, name: string, node: ts.PropertyAccessExpression, box: Box): Value {
  let result: Value = object.shared ? callSharedGetters(interp, object, name, node, box) : EMPTY;
  for (const cls of object.classes ?? []) {
    if (!ts.isClassLike(cls)) continue;
    const member = findMember(cls, name);
    if (member && ts.isGetAccessorDeclaration(member) && member.body) {
      result = joinValues(result, interp.invoke({ kind: 'function', node: member }, [], object, node, box));
    }
  }
  return result;
}

/** `object.name` for any object value: fields, API members, class fields, sources by name, barriers. */
export function readMember(interp: Walker, object: Value, name: string, node: ts.Node): Value {
  let value = readProperty(interp, object, name, node);
  if (object.api) {
    const api = object.api.map((ref) => extendApiRef(ref, memberSegment(name))).filter((ref): ref is ApiRef => !!ref);
    if (api.length) value = joinValues(value, { api });
    if (object.api.some((ref) => ref.root === 'g:globalThis' || ref.root === 'g:window' || ref.root === 'g:self' || ref.root === 'g:global') && object.api.every((ref) => ref.segments.length === 0)) {
      value = joinValues(value, { api: [interp.resolver.globalRef(name)] });
    }
  }
  if (object.classes) {
    for (const cls of object.classes) {
      if (!ts.isClassLike(cls)) continue;
      const field = classField(interp, cls, name);
      if (field) value = joinValues(value, field);
    }
  }
  if (object.shared) value = joinValues(value, readSharedMember(interp, object, name));
  if (object.elem && /^\d+$/.test(name)) value = joinValues(value, object.elem);
  // A field declared as a number or a boolean (`waitingPassengers: number`) holds no ID, face or frame.
  if (value.taint && object.classes?.some((cls) => declaresScalar(cls, name))) value = compact({ ...value, taint: undefined, fields: undefined, elem: undefined });
  return withRequestProvenance(value, object, node);
}

/** `req.body`, `ctx.request.files` and what is read off them: what a client sent. */
function withRequestProvenance(value: Value, object: Value, node: ts.Node): Value {
  if (value.provenance) return value;
  const fromRequest = object.provenance === 'request' || ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && isRequestInput(accessChainNames(node)));
  return fromRequest ? { ...value, provenance: 'request' } : value;
}

const SCALAR_TYPES: ReadonlySet<ts.SyntaxKind> = new Set([ts.SyntaxKind.NumberKeyword, ts.SyntaxKind.BooleanKeyword, ts.SyntaxKind.BigIntKeyword]);

function declaresScalar(cls: Value['classes'] extends readonly (infer C)[] | undefined ? C : never, name: string): boolean {
  const declared = declaredProperties(cls).find((property) => property.name === name);
  return !!declared?.type && SCALAR_TYPES.has(declared.type.kind);
}

/** Reads a data property: field-sensitive, with name sources and barriers applied. */
export function readProperty(interp: Walker, object: Value, name: string, node: ts.Node): Value {
  if (METADATA_PROPERTIES.has(name)) return EMPTY;
  // `req.body`, `ctx.request.files`: what a client sent (a weak name does not make it camera data).
  let value = withRequestProvenance(readField(object, name), object, node);
  value = applyBarriers(interp, value, name);
  if (!(object.api?.length && !object.taint && isQueryDelegate(node))) value = addNameSource(interp, value, name, node);
  if (interp.host.guardRules.length && (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node))) {
    value = addNameGuard(interp, value, accessChainNames(node), node);
  }
  return value;
}

/**
 * A property that describes the data rather than holds it carries none of it, for the rules that say so: by its
 * name (`width`, `score`) or by its last word (`frameWidth`, `faceCount`).
 */
function applyBarriers(interp: Walker, value: Value, name: string): Value {
  let out = value;
  const tokens = tokenizeName(name);
  const last = tokens[tokens.length - 1];
  for (const rule of interp.host.rules) {
    if (rule.barrierProperties.has(name) || (last !== undefined && tokens.length > 1 && rule.barrierTokens.has(last))) out = removeRule(out, rule.id);
  }
  return out;
}

function classField(interp: Walker, cls: ts.ClassLikeDeclaration, name: string): Value | undefined {
  let value = interp.host.readClassField(cls, name);
  // The declared type of a field tells what is injected (`private readonly logger: Logger`).
  const member = findMember(cls, name);
  if (member && (ts.isPropertyDeclaration(member) || ts.isParameter(member))) {
    const typed = valueOfType(interp.resolver, member.type);
    if (!isEmptyValue(typed)) value = joinValues(value ?? EMPTY, typed);
  }
  if (member && ts.isPropertyDeclaration(member) && member.initializer) {
    const fn = interp.resolver.functionOf(member);
    if (fn) value = joinValues(value ?? EMPTY, { fns: [{ kind: 'function', node: fn }] });
  }
  if (member && ts.isMethodDeclaration(member) && member.body) {
    value = joinValues(value ?? EMPTY, { fns: [{ kind: 'function', node: member }] });
  }
  return value;
}

function readThisField(interp: Walker, name: string, node: ts.Node): Value {
  let value: Value = EMPTY;
  const classes = interp.thisValue.classes ?? [];
  for (const cls of classes) {
    if (!ts.isClassLike(cls)) continue;
    const field = classField(interp, cls, name);
    if (field) value = joinValues(value, field);
  }
  if (interp.thisValue.shared) value = joinValues(value, readSharedMember(interp, interp.thisValue, name));
  value = joinValues(value, readField(interp.thisValue, name));
  value = applyBarriers(interp, value, name);
  value = addNameSource(interp, value, name, node);
  if (interp.host.guardRules.length) value = addNameGuard(interp, value, [name], node);
  return value;
}

export function evalElementAccess(interp: Walker, node: ts.ElementAccessExpression, box: Box): Value {
  const objectNode = skipOuter(node.expression);
  const keyValue = interp.eval(node.argumentExpression, box);
  const key = literalKey(node.argumentExpression) ?? keyValue.str;
  if (objectNode.kind === ts.SyntaxKind.ThisKeyword && key !== undefined) return readThisField(interp, key, node);
  const object = interp.eval(node.expression, box);
  if (key !== undefined) return readMember(interp, object, key, node);
  let value = taintOnly(object.taint);
  if (object.elem) value = joinValues(value, object.elem);
  if (object.fields) for (const field of object.fields.values()) value = joinValues(value, field);
  return value;
}

export function findMember(cls: ts.ClassLikeDeclaration, name: string): ts.ClassElement | ts.ParameterDeclaration | undefined {
  for (const member of cls.members) {
    if (member.name && staticPropertyName(member.name) === name) return member;
    if (ts.isConstructorDeclaration(member)) {
      for (const parameter of member.parameters) {
        if (ts.isIdentifier(parameter.name) && parameter.name.text === name && ts.getModifiers(parameter)?.length) return parameter;
      }
    }
  }
  return undefined;
}
