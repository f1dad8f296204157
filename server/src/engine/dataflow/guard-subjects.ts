/**
 * Stage: dataflow (whose consent a check tests, whose data a write stores).
 * Input: the node of a consent check, or a sink call with the argument that carries the data, in the function being
 * walked; at a call site, the places a callee's check or reach refers to.
 * Output: places (facts/person-words.ts `PersonPath`): a parameter of a function, `this`, or a local object, with
 * the property path from it, read through the locals they were bound from (`const { primary, family } = req.body`,
 * `const consent = await fetchBiometricConsent(driverId)`). The subject of a check is the argument of a consent call
 * or the object holding a consent field; the owner of a write is the key or row it is written under and the object
 * the data is read from. At a call site, a callee's places on its parameters become the caller's arguments' places.
 * Whether a check tests another person than the owner: by the places when both are known, else by person words.
 * Invariant: syntax and symbols only, a few steps deep; a place that cannot be told (a module's client, a literal)
 * is left out, and with nothing left the side is unknown, which never discounts a check (issue #17 §5).
 */
import { ts } from 'ts-morph';
import { ARRAY_CALLBACK_METHODS } from '../facts/builtin-members';
import { type PersonPath, comparePersons, isOwnerName, isRecordName, testsAnotherPerson } from '../facts/person-words';
import type { CallSiteNode, Walker } from './host';
import { localOrigin } from './local-origins';
import { literalKey, skipOuter, staticPropertyName } from './resolve';
import type { FunctionNode, GuardFact } from './value';

const MAX_DEPTH = 5;
const MAX_PLACES = 16;

/** The places an expression denotes: `primary.memberId`, `req.params.customerId`, what a local was bound from. */
export function placesOf(interp: Walker, expression: ts.Expression, depth = 0): PersonPath[] {
  if (depth > MAX_DEPTH) return [];
  const node = skipOuter(expression);
  if (ts.isAwaitExpression(node)) return placesOf(interp, node.expression, depth + 1);
  if (ts.isIdentifier(node)) return identifierPlaces(interp, node, depth);
  if (node.kind === ts.SyntaxKind.ThisKeyword) return [{ scope: thisScope(node), root: 'this', rootName: 'this', path: [] }];
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    const key = ts.isPropertyAccessExpression(node) ? node.name.text : (literalKey(node.argumentExpression) ?? '[]');
    return extend(placesOf(interp, node.expression, depth + 1), [key]);
  }
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
    // A record fetched by an id is that id's (`await getMember(memberId)`); `id.toString()` is the id.
    const args = node.arguments ?? [];
    const callee = skipOuter(node.expression);
    if (args.length === 0 && ts.isPropertyAccessExpression(callee)) return placesOf(interp, callee.expression, depth + 1);
    return bounded(args.flatMap((argument) => placesOf(interp, argument, depth + 1)));
  }
  return bounded(partsOf(node).flatMap((part) => placesOf(interp, part, depth + 1)));
}

/** Whose consent a check tests: the arguments of a consent call, the object that holds a consent field. */
export function subjectOfCheck(interp: Walker, node: ts.Node): readonly PersonPath[] | undefined {
  let places: PersonPath[] = [];
  if (ts.isCallExpression(node)) {
    places = node.arguments.flatMap((argument) => placesOf(interp, argument));
  } else if (ts.isBinaryExpression(node)) {
    const side = [node.left, node.right].map(skipOuter).find((operand) => ts.isPropertyAccessExpression(operand) || ts.isElementAccessExpression(operand));
    return side ? subjectOfCheck(interp, side) : undefined;
  } else if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    // `customer.consents.face`, `visit.customer.faceConsentAt`: the person is the object above the consent record.
    let holder = skipOuter(node.expression);
    while ((ts.isPropertyAccessExpression(holder) && isRecordName(holder.name.text)) || ts.isNonNullExpression(holder)) holder = skipOuter(holder.expression);
    if (ts.isIdentifier(holder) && isRecordName(holder.text) && !isFetchedRecord(interp, holder)) return undefined;
    places = placesOf(interp, holder);
  } else if (ts.isIdentifier(node) && ts.isBindingElement(node.parent)) {
    // `const { faceConsent } = customer`: the object it was destructured from.
    places = placesOf(interp, node).map((place) => ({ ...place, path: place.path.slice(0, -1) }));
  }
  return places.length ? bounded(places) : undefined;
}

/**
 * Whose data a sink writes: the keys and ids it is written under (`\`${customer.id}.jpg\``, `{ visitorId: visitor.id }`,
 * `Key: …`, an id argument) and the object the data is read from (`family.facePhoto`).
 */
export function ownersAtSink(interp: Walker, sink: ts.CallExpression | ts.NewExpression, argument: ts.Node): readonly PersonPath[] | undefined {
  const leaves: ts.Expression[] = [];
  for (const each of sink.arguments ?? []) collectKeys(each, false, leaves, 0);
  const places = leaves.flatMap((leaf) => placesOf(interp, leaf));
  const data = dataExpression(argument);
  if (data) places.push(...placesOf(interp, data).filter((place) => place.path.length > 0).map((place) => ({ ...place, path: place.path.slice(0, -1) })));
  return places.length ? bounded(places) : undefined;
}

/**
 * At a call site, places a callee (or a closure called in place) spoke of in terms of its parameters, in the
 * caller's terms: the place of the argument passed, then the path. Places of the callee's own locals are dropped.
 */
export function placesAtCall(interp: Walker, places: readonly PersonPath[] | undefined, callee: FunctionNode, site: ts.Node): PersonPath[] | undefined {
  if (!places?.length || !ts.isCallExpression(site) || !isCallOf(interp, site, callee)) return undefined;
  const out: PersonPath[] = [];
  for (const place of places) {
    if (place.scope !== callee || typeof place.root !== 'number') continue;
    const argument = site.arguments[place.root];
    if (argument && !ts.isSpreadElement(argument)) out.push(...extend(placesOf(interp, argument), place.path));
  }
  return out.length ? bounded(out) : undefined;
}

/** A check's facts as the caller sees them: its places on the callee's parameters are the arguments'. */
export function factsAtCall(interp: Walker, facts: readonly GuardFact[], callee: FunctionNode, site: CallSiteNode): readonly GuardFact[] {
  if (facts.length === 0 || !ts.isCallExpression(site)) return facts;
  let callPlaces: readonly PersonPath[] | undefined;
  return facts.map((fact) => {
    if (fact.validates || fact.weakReason) return fact;
    callPlaces ??= subjectOfCheck(interp, site) ?? [];
    const mapped = placesAtCall(interp, fact.subjectPlaces, callee, site) ?? (callPlaces.length ? callPlaces : undefined);
    return mapped === fact.subjectPlaces ? fact : { ...fact, subjectPlaces: mapped };
  });
}

/**
 * Whether a strong check held at a write tests someone else's consent: by the places when the check's subject and
 * the write's owner are both known and told apart, else by the person words of the check's names and the sink's.
 */
export function isAnotherPersonsCheck(fact: GuardFact, owners: readonly PersonPath[] | undefined, sink: ts.CallExpression | ts.NewExpression): boolean {
  const verdict = comparePersons(fact.subjectPlaces, owners);
  if (verdict !== 'unknown') return verdict === 'other';
  return testsAnotherPerson(fact.subjects, sink);
}

function identifierPlaces(interp: Walker, node: ts.Identifier, depth: number): PersonPath[] {
  const origin = localOrigin(interp, node);
  if (!origin) return [];
  const declaration = origin.declaration;
  if (ts.isParameter(declaration)) {
    const fn = declaration.parent;
    if (!ts.isFunctionLike(fn)) return [];
    const index = fn.parameters.indexOf(declaration);
    // `members.forEach((member) => …)`: the element of the list, as `for (const member of members)` is.
    const list = index === 0 ? arrayCallbackReceiver(fn) : undefined;
    if (list) return extend(placesOf(interp, list, depth + 1), ['[]', ...origin.path]);
    return [{ scope: fn, root: index, rootName: nameOf(declaration), path: origin.path }];
  }
  if (!enclosingFunction(declaration)) return []; // a module's client or constant: nobody's
  if (origin.from) {
    const from = placesOf(interp, origin.from, depth + 1);
    if (from.length) return extend(from, origin.path);
    if (isLiteral(origin.from)) return [];
  }
  return [{ scope: enclosingFunction(declaration) ?? declaration, root: declaration, rootName: nameOf(declaration), path: origin.path }];
}

function enclosingFunction(node: ts.Node): ts.Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (ts.isFunctionLike(current)) return current;
  return undefined;
}

/** The function whose `this` it is: the nearest one that is not an arrow function. */
function thisScope(node: ts.Node): ts.Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (ts.isFunctionLike(current) && !ts.isArrowFunction(current)) return current;
  return undefined;
}

function nameOf(declaration: ts.Declaration): string {
  const name = (declaration as ts.NamedDeclaration).name;
  return name && ts.isIdentifier(name) ? name.text : '';
}

/** A record a local holds because a call fetched it (`const consent = await findFaceConsent(id)`). */
function isFetchedRecord(interp: Walker, identifier: ts.Identifier): boolean {
  const from = localOrigin(interp, identifier)?.from;
  let node = from && skipOuter(from);
  while (node && (ts.isAwaitExpression(node) || ts.isPropertyAccessExpression(node))) node = skipOuter(node.expression);
  return !!node && ts.isCallExpression(node) && node.arguments.length > 0;
}

/** Collects the expressions a write is keyed by: inside keys and paths, and under id-like property names. */
function collectKeys(expression: ts.Expression, isKey: boolean, out: ts.Expression[], depth: number): void {
  if (depth > 6 || out.length > MAX_PLACES) return;
  const node = skipOuter(expression);
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    const name = ts.isIdentifier(node) ? node.text : ts.isPropertyAccessExpression(node) ? node.name.text : (literalKey(node.argumentExpression) ?? '');
    if (isKey || isOwnerName(name)) out.push(node);
    return;
  }
  if (ts.isObjectLiteralExpression(node)) {
    for (const property of node.properties) {
      const name = property.name ? staticPropertyName(property.name) : undefined;
      const keyed = isKey || (name !== undefined && (isOwnerName(name) || name === 'where'));
      if (ts.isPropertyAssignment(property)) collectKeys(property.initializer, keyed, out, depth + 1);
      else if (ts.isShorthandPropertyAssignment(property) && keyed) out.push(property.name);
    }
    return;
  }
  // A string built from parts (`\`faces/${id}.jpg\``, `id + '.jpg'`, `path.join(dir, name)`) is a key.
  const building = ts.isTemplateExpression(node) || (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken);
  for (const part of partsOf(node)) collectKeys(part, isKey || building, out, depth + 1);
}

/** The data a sink argument carries, as written: `face` in `{ descriptor: face }`, `family.facePhoto`. */
function dataExpression(argument: ts.Node): ts.Expression | undefined {
  const node = ts.isPropertyAssignment(argument) ? argument.initializer : ts.isShorthandPropertyAssignment(argument) ? argument.name : argument;
  if (!ts.isExpression(node)) return undefined;
  const inner = skipOuter(node);
  return ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner) ? inner : undefined;
}

/** The sub-expressions a value is made of: template parts, operands, call arguments, elements and properties. */
function partsOf(node: ts.Expression): ts.Expression[] {
  if (ts.isTemplateExpression(node)) return node.templateSpans.map((span) => span.expression);
  if (ts.isBinaryExpression(node)) return [node.left, node.right];
  if (ts.isConditionalExpression(node)) return [node.whenTrue, node.whenFalse];
  if (ts.isArrayLiteralExpression(node)) return node.elements.map((element) => (ts.isSpreadElement(element) ? element.expression : element));
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) return [...(node.arguments ?? [])];
  if (ts.isAwaitExpression(node) || ts.isSpreadElement(node)) return [node.expression];
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.flatMap((property) => (ts.isPropertyAssignment(property) ? [property.initializer] : ts.isShorthandPropertyAssignment(property) ? [property.name] : ts.isSpreadAssignment(property) ? [property.expression] : []));
  }
  return [];
}

function extend(places: readonly PersonPath[], path: readonly string[]): PersonPath[] {
  if (path.length === 0) return [...places];
  return places.map((place) => ({ ...place, path: [...place.path, ...path].slice(0, 8) }));
}

function bounded(places: PersonPath[]): PersonPath[] {
  return places.length > MAX_PLACES ? places.slice(0, MAX_PLACES) : places;
}

function isLiteral(node: ts.Expression): boolean {
  const inner = skipOuter(node);
  return ts.isStringLiteralLike(inner) || ts.isNumericLiteral(inner) || inner.kind === ts.SyntaxKind.TrueKeyword || inner.kind === ts.SyntaxKind.FalseKeyword || inner.kind === ts.SyntaxKind.NullKeyword;
}

/** `list` in `list.forEach((item) => …)`: the callback's first parameter is an element of it. */
function arrayCallbackReceiver(fn: ts.SignatureDeclaration): ts.Expression | undefined {
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return undefined;
  const callee = skipOuter(call.expression);
  return ts.isPropertyAccessExpression(callee) && ARRAY_CALLBACK_METHODS.has(callee.name.text) ? callee.expression : undefined;
}

/** Whether the call calls `callee` itself (not a library handed it as a callback). */
function isCallOf(interp: Walker, site: ts.CallExpression, callee: FunctionNode): boolean {
  for (const argument of site.arguments) {
    const node = skipOuter(argument);
    if (node === callee) return false;
    const name = ts.isIdentifier(node) ? node : ts.isPropertyAccessExpression(node) ? node.name : undefined;
    const symbol = name && interp.resolver.symbolAt(name);
    if (symbol && interp.resolver.projectDeclarations(symbol).some((declaration) => interp.resolver.functionOf(declaration) === callee)) return false;
  }
  return true;
}
