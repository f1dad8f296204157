/**
 * Stage: dataflow (what a type annotation names).
 * Input: a type node: a TypeScript annotation (`guest: GuestProfile`, `Repository<Guest>`, `GuestProfile[]`), a
 * JSDoc type in a JavaScript file (`@param {GuestProfile} guest`, `{import('./guest').GuestProfile}`), or an
 * assertion's type (`as GuestProfile`).
 * Output: `TypeTargets`: the project classes, interfaces and object type literals it denotes, the external API
 * instances (`mqtt.MqttClient`, a platform type such as `HTMLVideoElement`), and the project types given as type
 * arguments of an external type (`Repository<Guest>`, `Map<string, Guest>`), which are what its methods return.
 * Invariant: project types are those declared in project files, declaration files of the project (`.d.ts` outside
 * `node_modules`) included: such a file is read for its types, never analysed as code. Depth is bounded.
 */
import { ts } from 'ts-morph';
import { type ApiRef, NEW, extendApiRef, globalRef, memberSegment } from '../facts/api-ref';
import type { Resolver } from './resolve';
import type { ClassLike } from './value';

export interface TypeTargets {
  readonly classes: ClassLike[];
  readonly api: ApiRef[];
  /** Project types given as type arguments of an external type: what its methods return. */
  readonly typeArguments: ClassLike[];
}

/** Types that only change how a type is read, not what it denotes: `Promise<T>`, `Readonly<T>`, `Array<T>`. */
const WRAPPER_TYPES: ReadonlySet<string> = new Set(['Promise', 'PromiseLike', 'Readonly', 'Partial', 'Required', 'Array', 'ReadonlyArray', 'NonNullable', 'Awaited']);

/** `as const` is written as a type reference to `const`; it names no type. */
const NO_TYPE_NAMES: ReadonlySet<string> = new Set(['const']);

export function emptyTargets(): TypeTargets {
  return { classes: [], api: [], typeArguments: [] };
}

export function typeTargetsOf(resolver: Resolver, type: ts.TypeNode | undefined, depth = 0): TypeTargets {
  const out = emptyTargets();
  if (!type || depth > 4) return out;
  const add = (inner: TypeTargets) => {
    out.classes.push(...inner.classes);
    out.api.push(...inner.api);
    out.typeArguments.push(...inner.typeArguments);
  };
  if (ts.isTypeLiteralNode(type)) {
    out.classes.push(type);
    return out;
  }
  if (ts.isArrayTypeNode(type)) return typeTargetsOf(resolver, type.elementType, depth + 1);
  if (ts.isParenthesizedTypeNode(type) || ts.isTypeOperatorNode(type)) return typeTargetsOf(resolver, type.type, depth + 1);
  // JSDoc: `{?GuestProfile}`, `{GuestProfile=}`, `{!GuestProfile}`, and the expression around a JSDoc type.
  if (ts.isJSDocNullableType(type) || ts.isJSDocNonNullableType(type) || ts.isJSDocOptionalType(type) || ts.isJSDocTypeExpression(type)) {
    return typeTargetsOf(resolver, type.type, depth + 1);
  }
  if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type)) {
    for (const member of type.types) add(typeTargetsOf(resolver, member, depth + 1));
    return out;
  }
  if (ts.isImportTypeNode(type)) {
    // `import('./guest').GuestProfile` (JSDoc in JavaScript, or TypeScript without an import statement).
    const qualifier = type.qualifier && (ts.isQualifiedName(type.qualifier) ? type.qualifier.right : type.qualifier);
    const symbol = qualifier && resolver.symbolAt(qualifier);
    if (symbol) add(declaredTargets(resolver, resolver.typeDeclarations(symbol), depth));
    return out;
  }
  if (!ts.isTypeReferenceNode(type)) return out;
  const nameNode = ts.isQualifiedName(type.typeName) ? type.typeName.right : type.typeName;
  if (NO_TYPE_NAMES.has(nameNode.text)) return out;
  if (type.typeArguments?.length === 1 && WRAPPER_TYPES.has(nameNode.text)) return typeTargetsOf(resolver, type.typeArguments[0], depth + 1);
  const symbol = resolver.symbolAt(nameNode);
  const declared = symbol ? resolver.typeDeclarations(symbol) : [];
  if (declared.length) {
    add(declaredTargets(resolver, declared, depth));
    return out;
  }
  // Not a project type: an external one (an import, a platform type), whose type arguments tell what it holds.
  for (const argument of type.typeArguments ?? []) out.typeArguments.push(...typeTargetsOf(resolver, argument, depth + 1).classes);
  if (!symbol?.declarations?.length) {
    // A type nothing declares is a global one (`IDBObjectStore`, `HTMLVideoElement`, `MediaStream`): no default
    // lib is loaded, so the platform's types stay names, and an annotation with one denotes an instance of it.
    if (ts.isIdentifier(type.typeName)) {
      const instance = extendApiRef(globalRef(type.typeName.text), NEW);
      if (instance) out.api.push(instance);
    }
    return out;
  }
  if (symbol.flags & ts.SymbolFlags.Alias) {
    const ref = resolver.importRef(symbol);
    const instance = ref && extendApiRef(ref, NEW);
    if (instance) out.api.push(instance);
  } else if (ts.isQualifiedName(type.typeName) && ts.isIdentifier(type.typeName.left)) {
    // import * as mqtt from 'mqtt'; let c: mqtt.MqttClient
    const left = resolver.symbolAt(type.typeName.left);
    const ref = left && left.flags & ts.SymbolFlags.Alias ? resolver.importRef(left) : undefined;
    const member = ref && extendApiRef(ref, memberSegment(nameNode.text));
    const instance = member && extendApiRef(member, NEW);
    if (instance) out.api.push(instance);
  }
  return out;
}

/** What the project declarations of a type name denote: classes and interfaces, or what a type alias stands for. */
function declaredTargets(resolver: Resolver, declarations: readonly ts.Declaration[], depth: number): TypeTargets {
  const out = emptyTargets();
  for (const declaration of declarations) {
    if (ts.isClassDeclaration(declaration) || ts.isInterfaceDeclaration(declaration) || ts.isClassExpression(declaration)) {
      out.classes.push(declaration);
      if (!ts.isInterfaceDeclaration(declaration)) out.api.push(...resolver.externalBaseInstances(declaration));
    } else if (ts.isTypeAliasDeclaration(declaration) || ts.isJSDocTypedefTag(declaration)) {
      // `type Guest = {…}`, and JSDoc's `@typedef {{ passportNumber: string }} Guest`.
      const aliased = ts.isTypeAliasDeclaration(declaration) ? declaration.type : declaration.typeExpression;
      if (aliased && ts.isJSDocTypeLiteral(aliased)) {
        // `@typedef {Object} Guest` with its `@property {string} passportNo` tags.
        out.classes.push(aliased);
      } else if (aliased) {
        const inner = typeTargetsOf(resolver, aliased, depth + 1);
        out.classes.push(...inner.classes);
        out.api.push(...inner.api);
        out.typeArguments.push(...inner.typeArguments);
      }
    }
  }
  return out;
}

/** A data member a project type declares: a property of a class, interface or type literal, or a JSDoc `@property`. */
export interface DeclaredProperty {
  readonly name: string;
  /** The node that names it (where a whole-object finding points). */
  readonly nameNode: ts.Node;
  readonly type: ts.TypeNode | undefined;
}

export function declaredProperties(type: ClassLike): DeclaredProperty[] {
  const out: DeclaredProperty[] = [];
  if (ts.isJSDocTypeLiteral(type)) {
    for (const tag of type.jsDocPropertyTags ?? []) {
      if (ts.isIdentifier(tag.name)) out.push({ name: tag.name.text, nameNode: tag.name, type: tag.typeExpression?.type });
    }
    return out;
  }
  for (const member of type.members as readonly (ts.ClassElement | ts.TypeElement)[]) {
    if (!(ts.isPropertySignature(member) || ts.isPropertyDeclaration(member)) || !member.name) continue;
    const name = propertyNameText(member.name);
    if (name !== undefined) out.push({ name, nameNode: member.name, type: member.type ?? jsDocTypeOf(member) });
  }
  return out;
}

/** `idCardNo`, `'idCardNo'`, `['idCardNo']`: a property's name when it is written out. */
function propertyNameText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isComputedPropertyName(name) && (ts.isStringLiteralLike(name.expression) || ts.isNumericLiteral(name.expression))) return name.expression.text;
  return undefined;
}

/** The name a message gives a type: its declared name, or that of the alias or typedef it is the body of. */
export function typeNameOf(type: ClassLike): string {
  if (ts.isTypeLiteralNode(type)) return ts.isTypeAliasDeclaration(type.parent) ? type.parent.name.text : 'its type';
  if (ts.isJSDocTypeLiteral(type)) return ts.isJSDocTypedefTag(type.parent) && type.parent.name && ts.isIdentifier(type.parent.name) ? type.parent.name.text : 'its type';
  return type.name?.text ?? 'its type';
}

/** The type a JSDoc comment gives a declaration or a parenthesized expression, in a JavaScript file. */
export function jsDocTypeOf(node: ts.Node): ts.TypeNode | undefined {
  if (!(node.flags & ts.NodeFlags.JavaScriptFile)) return undefined;
  return ts.getJSDocType(node);
}
