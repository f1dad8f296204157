/**
 * Stage: dataflow (contextual types of callback parameters).
 * Input: an unannotated parameter of a function written where the code declares what function it expects: an
 * argument of a project function, method or constructor whose parameter has a function type
 * (`watch(onProfile: (p: DriverProfile) => void)`), a property of an object literal given where a type with such a
 * member is expected (`{ onProfile: (p) => … }` for `TelematicsOptions`), the initializer of a variable or class
 * field with a function type, `this.onProfile = (p) => …`; or a callback given to a call with explicit type
 * arguments (`fastify.post<{ Body: EnrolBody }>('/enrol', (request) => …)`).
 * Output: the parameter's declared type there, or the type arguments of that call (route generics).
 * Invariant: read from declarations only. A method's receiver is typed from what declares it (`this`, an annotated
 * or `new`-initialised variable, parameter or field), never by asking the checker for an expression's type, which
 * would type-check the receiver (docs/architecture.md §4, Calls). Depth is bounded.
 */
import { ts } from 'ts-morph';
import { type Resolver, skipOuter, staticPropertyName } from './resolve';
import { declaredProperties, jsDocTypeOf } from './type-targets';
import type { ClassLike } from './value';

export interface ContextualType {
  /** The declared type of the parameter where its function is written. */
  readonly type?: ts.TypeNode;
  /** The type arguments of the call the function is given to, when nothing declares the parameter. */
  readonly routeTypes?: readonly ClassLike[];
}

/** What is expected where an expression is written: a type, or a declared function (a method signature). */
type Expected = ts.TypeNode | ts.SignatureDeclaration;

const MAX_DEPTH = 4;

export function contextualParameterType(resolver: Resolver, parameter: ts.ParameterDeclaration): ContextualType {
  const fn = parameter.parent;
  const isCallback = ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || (ts.isMethodDeclaration(fn) && ts.isObjectLiteralExpression(fn.parent));
  if (!isCallback || parameter.dotDotDotToken) return {};
  const index = fn.parameters.indexOf(parameter);
  const expected = ts.isMethodDeclaration(fn) ? memberOfExpected(resolver, fn.parent as ts.ObjectLiteralExpression, fn.name, 0) : expectedAt(resolver, fn, 0);
  const signature = expected && signatureOf(resolver, expected, 0);
  if (signature) {
    const declared = signature.parameters[index];
    const type = declared && !declared.dotDotDotToken ? (declared.type ?? jsDocTypeOf(declared)) : undefined;
    return type ? { type } : {};
  }
  // `fastify.post<{ Body: EnrolBody }>('/enrol', async (request) => …)`: the route's generic types.
  const call = outerNode(fn).parent;
  if (index === 0 && call && ts.isCallExpression(call) && call.typeArguments?.length && !ts.isMethodDeclaration(fn)) {
    return { routeTypes: call.typeArguments.flatMap((argument) => resolver.typeTargets(argument).classes) };
  }
  return {};
}

function outerNode(node: ts.Node): ts.Node {
  let current = node;
  while (current.parent && ts.isParenthesizedExpression(current.parent)) current = current.parent;
  return current;
}

/** The type the code expects where `node` is written. */
function expectedAt(resolver: Resolver, node: ts.Expression, depth: number): Expected | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const current = outerNode(node);
  const parent = current.parent;
  if (!parent) return undefined;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.initializer === current) return parent.type ?? jsDocTypeOf(parent);
  if (ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent)) return parent.type;
  if (ts.isPropertyAssignment(parent) && parent.initializer === current && ts.isObjectLiteralExpression(parent.parent)) {
    return memberOfExpected(resolver, parent.parent, parent.name, depth + 1);
  }
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments) {
    const index = parent.arguments.indexOf(current as ts.Expression);
    return index >= 0 ? calleeParameterType(resolver, parent, index, depth + 1) : undefined;
  }
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === current) {
    // `this.onProfile = (p) => …`, `options.onProfile = (p) => …`
    const target = skipOuter(parent.left);
    if (ts.isPropertyAccessExpression(target)) return memberOf(resolver, receiverTypes(resolver, target.expression, depth + 1), target.name.text);
  }
  return undefined;
}

/** The type expected for property `name` of an object literal, from the type expected for the literal. */
function memberOfExpected(resolver: Resolver, literal: ts.ObjectLiteralExpression, name: ts.PropertyName, depth: number): Expected | undefined {
  const key = staticPropertyName(name);
  if (key === undefined) return undefined;
  const expected = expectedAt(resolver, literal, depth);
  if (!expected || !isTypeNode(expected)) return undefined;
  return memberOf(resolver, resolver.typeTargets(expected).classes, key);
}

/** The declared type (or, for a method, the declaration) of member `name` of project types. */
function memberOf(resolver: Resolver, types: readonly ClassLike[], name: string): Expected | undefined {
  for (const type of types) {
    const property = declaredProperties(type).find((candidate) => candidate.name === name);
    if (property?.type) return property.type;
    if (ts.isJSDocTypeLiteral(type)) continue;
    for (const member of type.members as readonly (ts.ClassElement | ts.TypeElement)[]) {
      if ((ts.isMethodSignature(member) || ts.isMethodDeclaration(member)) && member.name && staticPropertyName(member.name) === name) return member;
    }
    if (ts.isClassLike(type)) {
      // `constructor(private readonly telematics: TelematicsClient)`
      const constructor = type.members.find((candidate): candidate is ts.ConstructorDeclaration => ts.isConstructorDeclaration(candidate));
      const parameter = constructor?.parameters.find((candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === name);
      if (parameter?.type) return parameter.type;
    }
  }
  void resolver;
  return undefined;
}

/** The declared type of argument `index` of a call to a project function, method or constructor. */
function calleeParameterType(resolver: Resolver, call: ts.CallExpression | ts.NewExpression, index: number, depth: number): Expected | undefined {
  for (const signature of calleeSignatures(resolver, call, depth)) {
    const parameter = signature.parameters[index];
    if (!parameter || parameter.dotDotDotToken) continue;
    const type = parameter.type ?? jsDocTypeOf(parameter);
    if (type) return type;
  }
  return undefined;
}

function calleeSignatures(resolver: Resolver, call: ts.CallExpression | ts.NewExpression, depth: number): ts.SignatureDeclaration[] {
  const callee = skipOuter(call.expression);
  const out: ts.SignatureDeclaration[] = [];
  if (ts.isNewExpression(call)) {
    for (const type of receiverTypes(resolver, callee, depth)) {
      if (!ts.isClassLike(type)) continue;
      const constructor = type.members.find((member): member is ts.ConstructorDeclaration => ts.isConstructorDeclaration(member));
      if (constructor) out.push(constructor);
    }
    return out;
  }
  if (ts.isIdentifier(callee)) {
    const symbol = resolver.symbolAt(callee);
    for (const declaration of symbol ? resolver.projectDeclarations(symbol) : []) {
      const fn = resolver.functionOf(declaration);
      if (fn) out.push(fn);
      else if (ts.isVariableDeclaration(declaration) && declaration.type) {
        const signature = signatureOf(resolver, declaration.type, depth);
        if (signature) out.push(signature);
      }
    }
    return out;
  }
  if (ts.isPropertyAccessExpression(callee)) {
    const member = memberOf(resolver, receiverTypes(resolver, callee.expression, depth), callee.name.text);
    const signature = member && signatureOf(resolver, member, depth);
    if (signature) out.push(signature);
  }
  return out;
}

/**
 * The project types an expression is declared as: `this` (its class), a variable, parameter or field with an
 * annotation or a `new C()` initializer, a class named directly (its static members), a field of one of those.
 */
function receiverTypes(resolver: Resolver, expression: ts.Expression, depth: number): ClassLike[] {
  if (depth > MAX_DEPTH) return [];
  const node = skipOuter(expression);
  if (node.kind === ts.SyntaxKind.ThisKeyword) {
    let current: ts.Node | undefined = node.parent;
    while (current && !ts.isClassLike(current)) current = current.parent;
    return current ? [current] : [];
  }
  if (ts.isPropertyAccessExpression(node)) {
    const member = memberOf(resolver, receiverTypes(resolver, node.expression, depth + 1), node.name.text);
    return member && isTypeNode(member) ? resolver.typeTargets(member).classes : [];
  }
  if (!ts.isIdentifier(node)) return [];
  const symbol = resolver.symbolAt(node);
  const out: ClassLike[] = [];
  for (const declaration of symbol ? resolver.projectDeclarations(symbol) : []) {
    if (ts.isClassDeclaration(declaration)) out.push(declaration);
    else if (ts.isVariableDeclaration(declaration) || ts.isParameter(declaration) || ts.isPropertyDeclaration(declaration)) {
      const type = declaration.type ?? jsDocTypeOf(declaration);
      if (type) out.push(...resolver.typeTargets(type).classes);
      else if (declaration.initializer && ts.isNewExpression(skipOuter(declaration.initializer))) {
        out.push(...receiverTypes(resolver, (skipOuter(declaration.initializer) as ts.NewExpression).expression, depth + 1));
      }
    }
  }
  return out;
}

/** The function a type or declaration describes: a function type, a method, a type alias or interface of one. */
function signatureOf(resolver: Resolver, expected: Expected, depth: number): ts.SignatureDeclaration | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (!isTypeNode(expected) || ts.isFunctionTypeNode(expected)) return expected as ts.SignatureDeclaration;
  if (ts.isParenthesizedTypeNode(expected)) return signatureOf(resolver, expected.type, depth + 1);
  if (ts.isUnionTypeNode(expected)) {
    for (const member of expected.types) {
      const signature = signatureOf(resolver, member, depth + 1);
      if (signature) return signature;
    }
    return undefined;
  }
  if (!ts.isTypeReferenceNode(expected)) return undefined;
  const nameNode = ts.isQualifiedName(expected.typeName) ? expected.typeName.right : expected.typeName;
  const symbol = resolver.symbolAt(nameNode);
  for (const declaration of symbol ? resolver.typeDeclarations(symbol) : []) {
    if (ts.isTypeAliasDeclaration(declaration)) {
      const signature = signatureOf(resolver, declaration.type, depth + 1);
      if (signature) return signature;
    } else if (ts.isInterfaceDeclaration(declaration)) {
      const call = declaration.members.find((member): member is ts.CallSignatureDeclaration => ts.isCallSignatureDeclaration(member));
      if (call) return call;
    }
  }
  return undefined;
}

function isTypeNode(expected: Expected): expected is ts.TypeNode {
  return ts.isTypeNode(expected);
}
