/**
 * Stage: dataflow (declared types of values).
 * Input: a parameter, a variable declaration or a type assertion met by the interpreter, with its annotation: a
 * TypeScript type (`guest: GuestProfile`, `req.body as GuestProfile`, `<GuestProfile>x`, `x satisfies T`), a JSDoc
 * type in a JavaScript file (`@param {GuestProfile} guest`, `@type`, the cast `/** @type {T} *\/ (x)`), or, for an
 * unannotated callback parameter, the type its context declares (contextual-types.ts).
 * Output: the value the type gives: instances of project types (`classes`, for method calls and whole-object
 * findings), external API instances, the project types an external type was given as type arguments
 * (`Repository<Guest>`: what its methods return), and the request parts a route's generic types describe
 * (`FastifyRequest<{ Body: EnrolBody }>`: `request.body` is an `EnrolBody`, facts/generic-shapes.ts).
 * Invariant: a declared type is joined onto what the value carries, never replaces it: a type is a claim about
 * shape, not about where the data came from. JSDoc is read in JavaScript files only, where it is the annotation.
 */
import { ts } from 'ts-morph';
import { ROUTE_GENERIC_PARTS } from '../facts/generic-shapes';
import { contextualParameterType } from './contextual-types';
import type { Box, Walker } from './host';
import { type Resolver, skipOuter, staticPropertyName } from './resolve';
import { type TypeTargets, jsDocTypeOf } from './type-targets';
import { type ClassLike, type Value, EMPTY, compact, isEmptyValue, joinValues, writeField } from './value';

export type TypeAssertionNode = ts.AsExpression | ts.TypeAssertion | ts.SatisfiesExpression | ts.ParenthesizedExpression;

/** The value a declared type gives, before anything is known of the data. */
export function typedValue(resolver: Resolver, targets: TypeTargets): Value {
  const value = compact({ classes: targets.classes, api: targets.api, typeArguments: targets.typeArguments });
  const parts = routeParts(resolver, targets.typeArguments);
  return parts ? joinValues(value, parts) : value;
}

/** The value of a type node (EMPTY for none, or for a type that names nothing the analysis knows). */
export function valueOfType(resolver: Resolver, type: ts.TypeNode | undefined): Value {
  return type ? typedValue(resolver, resolver.typeTargets(type)) : EMPTY;
}

/**
 * `{ Body: EnrolBody, Querystring: LookupQuery }` given to a route (Fastify's route generics): the request's
 * `body` is an `EnrolBody`, its `query` a `LookupQuery`.
 */
export function routeParts(resolver: Resolver, types: readonly ClassLike[]): Value | undefined {
  let out: Value | undefined;
  for (const type of types) {
    if (!ts.isTypeLiteralNode(type)) continue;
    for (const member of type.members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      const name = staticPropertyName(member.name);
      const field = name !== undefined ? ROUTE_GENERIC_PARTS.get(name) : undefined;
      if (!field) continue;
      const targets = resolver.typeTargets(member.type);
      const part = compact({ classes: targets.classes, api: targets.api });
      if (!isEmptyValue(part)) out = writeField(out ?? EMPTY, [field], part);
    }
  }
  return out;
}

/** A parameter's declared type: its annotation, its JSDoc `@param`, or what its context declares for it. */
export function parameterTypeValue(interp: Walker, parameter: ts.ParameterDeclaration): Value {
  const declared = parameter.type ?? jsDocTypeOf(parameter);
  if (declared) return valueOfType(interp.resolver, declared);
  const context = contextualParameterType(interp.resolver, parameter);
  if (context.type) return valueOfType(interp.resolver, context.type);
  return (context.routeTypes && routeParts(interp.resolver, context.routeTypes)) ?? EMPTY;
}

/** A variable's declared type: its annotation, or its JSDoc `@type`. */
export function variableTypeValue(interp: Walker, declaration: ts.VariableDeclaration): Value {
  if (declaration.initializer && isWrittenOut(declaration.initializer)) return EMPTY;
  return valueOfType(interp.resolver, declaration.type ?? jsDocTypeOf(declaration));
}

/**
 * An object literal with no spread (or a list of them): what it holds is written out, field by field. Its declared
 * type adds nothing (`{ name, department } as Employee` holds no `facePhoto`, whatever `Employee` declares).
 */
function isWrittenOut(expression: ts.Expression): boolean {
  const node = skipOuter(expression);
  if (ts.isObjectLiteralExpression(node)) return node.properties.every((property) => !ts.isSpreadAssignment(property));
  if (ts.isArrayLiteralExpression(node)) return node.elements.length > 0 && node.elements.every((element) => !ts.isSpreadElement(element) && isWrittenOut(element));
  return false;
}

/**
 * `req.body as GuestProfile`, `<GuestProfile>x`, `x satisfies GuestProfile`, and in JavaScript
 * `/** @type {GuestProfile} *\/ (req.body)`: the value, also an instance of the type.
 */
export function evalTypeAssertion(interp: Walker, node: TypeAssertionNode, box: Box): Value {
  const value = interp.eval(node.expression, box);
  const type = ts.isParenthesizedExpression(node) ? jsDocTypeOf(node) : node.type;
  if (!type || isWrittenOut(node.expression)) return value;
  const typed = valueOfType(interp.resolver, type);
  if (isEmptyValue(typed)) return value;
  // An assertion says what the value is, not where it came from: `req.body as Buffer` is still an upload.
  const joined = joinValues(value, typed);
  return value.provenance && !joined.provenance ? compact({ ...joined, provenance: value.provenance }) : joined;
}
