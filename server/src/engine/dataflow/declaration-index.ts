/**
 * Stage: dataflow (what the program's declarations say).
 * Input: the program's resolver and the files to analyse.
 * Output: which members of a class (or functions of a component, components.ts) write a field (`this.x = …`,
 * `this.frames.push(…)`, `this.setData(…)`), whether a plain name is assigned anywhere, which project classes
 * implement an interface method, which project file declares a module-level variable, and which files declare
 * what a name resolves to.
 * Invariant: syntax and symbols only, found once per analysis and kept: no summary is needed to answer.
 */
import { ts } from 'ts-morph';
import { STORING_METHODS } from '../facts/builtin-members';
import type { DataflowInput } from './analysis-types';
import { outlineOf } from './file-outline';
import { type Resolver, staticPropertyName } from './resolve';
import { componentFieldWriters, componentOf } from './components';
import type { FieldOwner, FunctionNode } from './value';

const NO_WRITERS: Map<string, FunctionNode[]> = new Map();

/** Per analysis: lookups over the program's declarations, built on first use. */
export class DeclarationIndex {
  private readonly interfaceImpls = new Map<ts.InterfaceDeclaration, ts.ClassLikeDeclaration[]>();
  private interfaceIndexBuilt = false;
  private readonly fieldWriters = new Map<ts.ClassLikeDeclaration, Map<string, FunctionNode[]>>();
  private assignedNames: Set<string> | undefined;

  constructor(
    private readonly resolver: Resolver,
    private readonly input: DataflowInput,
  ) {}

  /** Files that declare a symbol, or what an import alias finally names. */
  declarationFilesOf(symbol: ts.Symbol): string[] {
    const files = new Set<string>();
    const add = (target: ts.Symbol) => {
      for (const declaration of target.declarations ?? []) {
        const file = declaration.getSourceFile();
        if (this.input.isProjectFile(file)) files.add(file.fileName);
      }
    };
    add(symbol);
    if (symbol.flags & ts.SymbolFlags.Alias) {
      const target = this.resolver.aliasTarget(symbol);
      if (target) add(target);
    }
    return [...files];
  }

  moduleVariableFile(symbol: ts.Symbol): ts.SourceFile | undefined {
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
    if (!declaration) return undefined;
    let node: ts.Node = declaration;
    if (ts.isBindingElement(node)) {
      while (ts.isBindingElement(node) || ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node)) node = node.parent;
    }
    if (!ts.isVariableDeclaration(node)) return undefined;
    const statement = node.parent?.parent;
    if (!statement || !ts.isVariableStatement(statement) || !ts.isSourceFile(statement.parent)) return undefined;
    return this.input.isProjectFile(statement.parent) ? statement.parent : undefined;
  }

  /** The functions that write each field of a class's instances or of a component's `this` (none for a cell). */
  fieldWritersOf(owner: FieldOwner): Map<string, FunctionNode[]> {
    if (ts.isCallExpression(owner)) return NO_WRITERS;
    if (ts.isObjectLiteralExpression(owner)) {
      const model = componentOf(this.resolver, owner);
      return model ? componentFieldWriters(owner, model, (method) => STORING_METHODS.has(method)) : NO_WRITERS;
    }
    return this.classFieldWriters(owner);
  }

  /** Whether some project file assigns a plain name `name = …` (an implicit global, if nothing declares it). */
  isAssignedName(name: string): boolean {
    if (!this.assignedNames) {
      this.assignedNames = new Set();
      for (const file of this.input.files) for (const assigned of outlineOf(file).assignedNames) this.assignedNames.add(assigned);
    }
    return this.assignedNames.has(name);
  }

  private classFieldWriters(cls: ts.ClassLikeDeclaration): Map<string, FunctionNode[]> {
    let writers = this.fieldWriters.get(cls);
    if (writers) return writers;
    const found = new Map<string, FunctionNode[]>();
    this.fieldWriters.set(cls, found);
    for (const member of cls.members) {
      const fn = this.resolver.functionOf(member);
      if (!fn) continue;
      const visit = (node: ts.Node): void => {
        // this.x = …, this.x += …, this.x.push(…)
        let target: ts.Expression | undefined;
        if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) target = node.left;
        else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && STORING_METHODS.has(node.expression.name.text)) target = node.expression.expression;
        if (target && ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword) {
          const list = found.get(target.name.text) ?? [];
          if (!list.includes(fn)) list.push(fn);
          found.set(target.name.text, list);
        }
        ts.forEachChild(node, visit);
      };
      visit(fn);
    }
    writers = found;
    return writers;
  }

  implementationsOf(iface: ts.InterfaceDeclaration, method: string): readonly FunctionNode[] {
    if (!this.interfaceIndexBuilt) this.buildInterfaceIndex();
    const out: FunctionNode[] = [];
    for (const cls of this.interfaceImpls.get(iface) ?? []) {
      for (const member of cls.members) {
        if (member.name && staticPropertyName(member.name) === method) {
          const fn = this.resolver.functionOf(member);
          if (fn) out.push(fn);
        }
      }
    }
    return out;
  }

  private buildInterfaceIndex(): void {
    this.interfaceIndexBuilt = true;
    for (const file of this.input.files) {
      for (const node of outlineOf(file).implementers) {
        for (const declaration of this.implementedInterfaces(node)) {
          let list = this.interfaceImpls.get(declaration);
          if (!list) this.interfaceImpls.set(declaration, (list = []));
          list.push(node);
        }
      }
    }
  }

  /** The project interfaces a class declares it implements. */
  implementedInterfaces(node: ts.ClassLikeDeclaration): ts.InterfaceDeclaration[] {
    const out: ts.InterfaceDeclaration[] = [];
    for (const clause of node.heritageClauses ?? []) {
      if (clause.token !== ts.SyntaxKind.ImplementsKeyword) continue;
      for (const type of clause.types) {
        const nameNode = ts.isPropertyAccessExpression(type.expression) ? type.expression.name : type.expression;
        const symbol = this.resolver.symbolAt(nameNode);
        if (!symbol) continue;
        for (const declaration of this.resolver.projectDeclarations(symbol)) if (ts.isInterfaceDeclaration(declaration)) out.push(declaration);
      }
    }
    return out;
  }
}
