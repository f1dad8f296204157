/**
 * Stage: dataflow (name resolution).
 * Input: identifiers, callees and type annotations of the program, with the (lazily used) type checker.
 * Output: what a name denotes for the analysis: a project function to summarise, an external API (module or
 * global, CodeQL-API-graph style), a project class or interface, or a local variable symbol.
 * Invariant: nothing here needs `node_modules`: an import whose module does not resolve to a project file denotes
 * the external module by its specifier; the checker is asked only for symbols, never for full type checks of
 * whole files.
 */
import { ts } from 'ts-morph';
import { type ApiRef, NEW, extendApiRef, globalRef, memberSegment, moduleRef } from '../facts/api-ref';
import { isProjectDeclarationFile } from '../project/build-project';
import { type TypeTargets, typeTargetsOf } from './type-targets';
import type { FunctionNode } from './value';

const GLOBAL_OBJECT_NAMES = new Set(['window', 'globalThis', 'self', 'global']);

export class Resolver {
  private readonly symbolCache = new Map<ts.Node, ts.Symbol | undefined>();
  private readonly importCache = new Map<ts.Symbol, ApiRef | null>();
  /** Told of every symbol a name resolves to, or whose declarations are looked up (the scan cache's edges). */
  onResolved: ((symbol: ts.Symbol) => void) | undefined;

  constructor(
    readonly program: ts.Program,
    readonly checker: ts.TypeChecker,
    /** Whether a source file is analysed (part of the project, not a declaration file or a dependency). */
    readonly isProjectFile: (file: ts.SourceFile) => boolean,
  ) {}

  symbolAt(node: ts.Node): ts.Symbol | undefined {
    const symbol = this.lookUpSymbol(node);
    if (symbol && this.onResolved) this.onResolved(symbol);
    return symbol;
  }

  private lookUpSymbol(node: ts.Node): ts.Symbol | undefined {
    if (this.symbolCache.has(node)) return this.symbolCache.get(node);
    let symbol: ts.Symbol | undefined;
    try {
      symbol = this.checker.getSymbolAtLocation(node);
      if (!symbol && ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node) {
        symbol = this.checker.getShorthandAssignmentValueSymbol(node.parent);
      }
    } catch {
      symbol = undefined;
    }
    this.symbolCache.set(node, symbol);
    return symbol;
  }

  /** The symbol a declaration name binds (parameters, variables, binding elements). */
  declaredSymbol(name: ts.Node): ts.Symbol | undefined {
    return this.symbolAt(name);
  }

  /** External API denoted by an import alias symbol, following re-exports through project files. */
  importRef(symbol: ts.Symbol): ApiRef | undefined {
    const cached = this.importCache.get(symbol);
    if (cached !== undefined) return cached ?? undefined;
    const ref = this.computeImportRef(symbol, 0);
    this.importCache.set(symbol, ref ?? null);
    return ref;
  }

  private computeImportRef(symbol: ts.Symbol, depth: number): ApiRef | undefined {
    if (depth > 8) return undefined;
    const declaration = symbol.declarations?.[0];
    if (!declaration) return undefined;
    let specifier: ts.Expression | undefined;
    let member: string | undefined;
    if (ts.isImportSpecifier(declaration) || ts.isExportSpecifier(declaration)) {
      const parent = ts.isImportSpecifier(declaration) ? declaration.parent.parent.parent : declaration.parent.parent;
      specifier = parent.moduleSpecifier;
      member = (declaration.propertyName ?? declaration.name).text;
    } else if (ts.isImportClause(declaration)) {
      specifier = declaration.parent.moduleSpecifier;
      member = undefined; // default import: the module itself, as with require()
    } else if (ts.isNamespaceImport(declaration) || ts.isNamespaceExport(declaration)) {
      specifier = ts.isNamespaceImport(declaration) ? declaration.parent.parent.moduleSpecifier : declaration.parent.moduleSpecifier;
    } else if (ts.isImportEqualsDeclaration(declaration) && ts.isExternalModuleReference(declaration.moduleReference)) {
      specifier = declaration.moduleReference.expression;
    } else if (ts.isVariableDeclaration(declaration) || ts.isBindingElement(declaration)) {
      return undefined; // require() bindings are values; the interpreter evaluates them
    } else {
      return undefined;
    }
    if (!specifier || !ts.isStringLiteralLike(specifier)) return undefined;
    if (this.resolvesToProject(specifier)) {
      // A re-export or import of a project module: follow it one alias step.
      let next: ts.Symbol | undefined;
      try {
        next = this.checker.getImmediateAliasedSymbol(symbol);
      } catch {
        next = undefined;
      }
      if (next && next !== symbol && next.flags & ts.SymbolFlags.Alias) return this.computeImportRef(next, depth + 1);
      return undefined;
    }
    const root = moduleRef(specifier.text);
    return member === undefined || member === 'default' ? root : extendApiRef(root, memberSegment(member));
  }

  resolvesToProject(specifier: ts.StringLiteralLike): boolean {
    const moduleSymbol = this.symbolAt(specifier);
    const file = moduleSymbol?.valueDeclaration;
    return !!file && ts.isSourceFile(file) && this.isProjectFile(file);
  }

  /** Whether an unresolved identifier names a global (`console`, `fetch`, `navigator`, `wx`). */
  isGlobalName(identifier: ts.Identifier, symbol: ts.Symbol | undefined): boolean {
    if (!symbol) return true;
    const declaration = symbol.declarations?.[0];
    if (!declaration) return GLOBAL_OBJECT_NAMES.has(identifier.text);
    const file = declaration.getSourceFile();
    return !this.isProjectFile(file) && !(symbol.flags & ts.SymbolFlags.Alias);
  }

  isGlobalObjectName(name: string): boolean {
    return GLOBAL_OBJECT_NAMES.has(name);
  }

  globalRef(name: string): ApiRef {
    return globalRef(name);
  }

  /** The symbol an import alias finally names (through re-exports), if it resolves. */
  aliasTarget(symbol: ts.Symbol): ts.Symbol | undefined {
    try {
      const target = this.checker.getAliasedSymbol(symbol);
      return target && target !== symbol && !(target.flags & ts.SymbolFlags.Alias) ? target : undefined;
    } catch {
      return undefined;
    }
  }

  /** `{ image }` in an object literal: the variable `image`, not the property. */
  shorthandValueSymbol(property: ts.ShorthandPropertyAssignment): ts.Symbol | undefined {
    try {
      return this.checker.getShorthandAssignmentValueSymbol(property) ?? undefined;
    } catch {
      return undefined;
    }
  }

  /** Follows import aliases to the declaration in a project file, if any. */
  projectDeclarations(symbol: ts.Symbol): readonly ts.Declaration[] {
    this.onResolved?.(symbol);
    let target = symbol;
    if (symbol.flags & ts.SymbolFlags.Alias) {
      try {
        target = this.checker.getAliasedSymbol(symbol);
      } catch {
        return [];
      }
    }
    const out: ts.Declaration[] = [];
    for (const declaration of target.declarations ?? []) {
      if (!this.isProjectFile(declaration.getSourceFile())) continue;
      // module.exports = { upload }: the export is the shorthand; the function is what it names.
      if (ts.isShorthandPropertyAssignment(declaration)) {
        const value = this.checker.getShorthandAssignmentValueSymbol(declaration);
        out.push(...(value?.declarations ?? []).filter((inner) => this.isProjectFile(inner.getSourceFile())));
        continue;
      }
      out.push(declaration);
    }
    return out;
  }

  /** The function body a declaration stands for (`const f = () => …`, `f: function () {}`, methods). */
  functionOf(declaration: ts.Node): FunctionNode | undefined {
    if (
      ts.isFunctionDeclaration(declaration) ||
      ts.isMethodDeclaration(declaration) ||
      ts.isFunctionExpression(declaration) ||
      ts.isArrowFunction(declaration) ||
      ts.isGetAccessorDeclaration(declaration) ||
      ts.isSetAccessorDeclaration(declaration) ||
      ts.isConstructorDeclaration(declaration)
    ) {
      return declaration.body ? declaration : undefined;
    }
    if ((ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isPropertyAssignment(declaration)) && declaration.initializer) {
      const initializer = skipOuter(declaration.initializer);
      if (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) return initializer;
    }
    if (ts.isBinaryExpression(declaration) && declaration.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const right = skipOuter(declaration.right);
      if (ts.isArrowFunction(right) || ts.isFunctionExpression(right)) return right;
    }
    if (ts.isPropertyAccessExpression(declaration) && ts.isBinaryExpression(declaration.parent)) {
      return this.functionOf(declaration.parent);
    }
    return undefined;
  }

  /**
   * `class PrismaService extends PrismaClient`: an instance of the project class is also an instance of the
   * external one, so `this.prisma.customer.create` matches `PrismaClient.new().*.create`.
   */
  externalBaseInstances(cls: ts.ClassLikeDeclaration): ApiRef[] {
    return this.externalBaseClasses(cls)
      .map((ref) => extendApiRef(ref, NEW))
      .filter((ref): ref is ApiRef => !!ref);
  }

  /** The external class itself (`sequelize|.Model`), for static calls inherited from it (`ResidentFace.create`). */
  externalBaseClasses(cls: ts.ClassLikeDeclaration, depth = 0): ApiRef[] {
    const heritage = cls.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword);
    const expression = heritage?.types[0]?.expression;
    if (!expression || depth > 4) return [];
    const nameNode = ts.isPropertyAccessExpression(expression) ? expression.name : ts.isIdentifier(expression) ? expression : undefined;
    if (!nameNode) return [];
    const symbol = this.symbolAt(nameNode);
    if (!symbol) return [];
    if (symbol.flags & ts.SymbolFlags.Alias) {
      let ref = this.importRef(symbol);
      if (!ref && ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.expression)) {
        const left = this.symbolAt(expression.expression);
        const base = left && left.flags & ts.SymbolFlags.Alias ? this.importRef(left) : undefined;
        ref = base && extendApiRef(base, memberSegment(expression.name.text));
      }
      if (ref) return [ref];
    }
    const out: ApiRef[] = [];
    for (const declaration of this.projectDeclarations(symbol)) {
      if (ts.isClassDeclaration(declaration) || ts.isClassExpression(declaration)) out.push(...this.externalBaseClasses(declaration, depth + 1));
    }
    return out;
  }

  /** Project classes or interfaces and external API instances named by a type annotation (type-targets.ts). */
  typeTargets(type: ts.TypeNode | undefined): TypeTargets {
    return typeTargetsOf(this, type);
  }

  /**
   * Like `projectDeclarations`, for a type name: declarations in the project's own declaration files (`.d.ts`
   * outside `node_modules`) count too. They are read for their types; nothing in them runs.
   */
  typeDeclarations(symbol: ts.Symbol): readonly ts.Declaration[] {
    this.onResolved?.(symbol);
    let target = symbol;
    if (symbol.flags & ts.SymbolFlags.Alias) {
      try {
        target = this.checker.getAliasedSymbol(symbol);
      } catch {
        return [];
      }
    }
    return (target.declarations ?? []).filter((declaration) => {
      const file = declaration.getSourceFile();
      return this.isProjectFile(file) || isProjectDeclarationFile(file);
    });
  }
}

export function skipOuter(expression: ts.Expression): ts.Expression {
  let current = expression;
  for (;;) {
    if (
      ts.isParenthesizedExpression(current) ||
      ts.isAsExpression(current) ||
      ts.isNonNullExpression(current) ||
      ts.isTypeAssertionExpression(current) ||
      ts.isSatisfiesExpression(current)
    ) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

/** Name of a property name node when it is static (`a`, `'a'`, `[\`a\`]`, `[0]`). */
export function staticPropertyName(name: ts.PropertyName | ts.MemberName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) return literalKey(name.expression);
  return undefined;
}

/** Key of an element access or computed name when it is a literal (`dto['idCardNo']`, `row[0]`). */
export function literalKey(expression: ts.Expression): string | undefined {
  const inner = skipOuter(expression);
  return ts.isStringLiteralLike(inner) || ts.isNumericLiteral(inner) ? inner.text : undefined;
}

/** Names along a property chain: `customer.consents.faceRecognition` → customer, consents, faceRecognition. */
export function accessChainNames(node: ts.Node): string[] {
  const names: string[] = [];
  let current: ts.Node = node;
  for (let depth = 0; depth < 6; depth++) {
    if (ts.isPropertyAccessExpression(current)) {
      names.unshift(current.name.text);
      current = current.expression;
    } else if (ts.isElementAccessExpression(current)) {
      const key = literalKey(current.argumentExpression);
      if (key) names.unshift(key);
      current = current.expression;
    } else if (ts.isCallExpression(current)) {
      current = current.expression;
    } else if (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current) || ts.isAwaitExpression(current) || ts.isAsExpression(current)) {
      current = current.expression;
    } else {
      if (ts.isIdentifier(current)) names.unshift(current.text);
      break;
    }
  }
  return names;
}

/**
 * Whether a function's result is summarised once (module-level functions, class members, methods of a module-level
 * object) or inlined: a method of an object made inside a function is a closure of that function.
 */
export function isSummarised(fn: FunctionNode): boolean {
  let parent: ts.Node | undefined = fn.parent;
  if (ts.isMethodDeclaration(fn) || ts.isConstructorDeclaration(fn) || ts.isGetAccessorDeclaration(fn) || ts.isSetAccessorDeclaration(fn)) {
    if (!ts.isObjectLiteralExpression(fn.parent)) return ts.isClassLike(fn.parent);
  }
  while (parent) {
    if (ts.isSourceFile(parent)) return true;
    if (ts.isPropertyDeclaration(parent) && ts.isClassLike(parent.parent)) return true;
    if (ts.isFunctionLike(parent) || ts.isClassStaticBlockDeclaration(parent)) return false;
    parent = parent.parent;
  }
  return true;
}

export function functionName(fn: FunctionNode | ts.SourceFile): string {
  if (ts.isSourceFile(fn)) return '(module)';
  if (ts.isConstructorDeclaration(fn)) return `${className(fn.parent)}.constructor`;
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isStringLiteral(fn.name) || ts.isPrivateIdentifier(fn.name))) {
    return ts.isClassLike(fn.parent) ? `${className(fn.parent)}.${fn.name.text}` : fn.name.text;
  }
  const parent = fn.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && ts.isIdentifier(parent.name)) {
    return ts.isPropertyDeclaration(parent) && ts.isClassLike(parent.parent) ? `${className(parent.parent)}.${parent.name.text}` : parent.name.text;
  }
  return '(anonymous)';
}

function className(node: ts.Node): string {
  return ts.isClassLike(node) && node.name ? node.name.text : '(class)';
}

/** `this.consent` in `this.consent.hasFaceConsent(id)`: how a fix can call the same method. */
export function receiverText(node: ts.CallExpression | ts.NewExpression | ts.PropertyAccessExpression): string | undefined {
  if (ts.isPropertyAccessExpression(node)) return undefined;
  const callee = skipOuter(node.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const receiver = skipOuter(callee.expression);
  const isSimple = ts.isIdentifier(receiver) || (ts.isPropertyAccessExpression(receiver) && receiver.expression.kind === ts.SyntaxKind.ThisKeyword && ts.isIdentifier(receiver.name));
  return isSimple ? receiver.getText() : undefined;
}

/**
 * Whether a fix may copy this call as a consent check: a plain call (not `new`, which makes an object), and not one
 * that builds the value of a `throw`.
 */
export function isCopyableCheck(node: ts.Node): boolean {
  if (!ts.isCallExpression(node)) return false;
  for (let current: ts.Node | undefined = node.parent; current && !ts.isFunctionLike(current); current = current.parent) {
    if (ts.isThrowStatement(current)) return false;
    if (ts.isStatement(current)) break;
  }
  return true;
}
