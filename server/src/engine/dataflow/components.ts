/**
 * Stage: dataflow (object-literal components).
 * Input: an object literal, or a function written in one, with the program's resolver.
 * Output: whether the literal is the options object of a component a framework keeps (facts/framework-state.ts:
 * a mini-program `Page({…})`, a Vue options component, a Pinia store) and which of its functions share its `this`:
 * its own functions, those of its method groups (`methods`, `actions`) and getter groups (`computed`, `getters`);
 * the fields those functions write (`this.x = …`, `this.setData({ … })`), so that writers are summarised first.
 * Invariant: syntax and symbols only, computed once per literal. A component is recognised by the API path of the
 * call that takes it (a global `Page` no project code declares, `defineStore` imported from `pinia`), or for an
 * `export default` by its option properties; never by the names of its methods.
 */
import { ts } from 'ts-morph';
import { type ApiRef, extendApiRef, matchesApiPath, memberSegment } from '../facts/api-ref';
import { COMPONENT_MODELS, type ComponentModel, type CompiledFrameworkCallee, compileFrameworkCallee } from '../facts/framework-state';
import { type Resolver, skipOuter, staticPropertyName } from './resolve';
import type { FunctionNode } from './value';

interface CompiledComponentModel {
  readonly model: ComponentModel;
  readonly callees: readonly CompiledFrameworkCallee[];
}

let compiled: readonly CompiledComponentModel[] | undefined;

function compiledModels(): readonly CompiledComponentModel[] {
  compiled ??= COMPONENT_MODELS.map((model) => ({ model, callees: (model.callees ?? []).map(compileFrameworkCallee) }));
  return compiled;
}

/** The component model of a call that takes an options object, by the API refs of its callee. */
export function componentModelOfCall(refs: readonly ApiRef[], isNew: boolean): ComponentModel | undefined {
  if (refs.length === 0) return undefined;
  for (const { model, callees } of compiledModels()) {
    if (callees.some((callee) => callee.construct === isNew && refs.some((ref) => matchesApiPath(callee.pattern, ref)))) return model;
  }
  return undefined;
}

const componentOfLiteral = new WeakMap<ts.ObjectLiteralExpression, ComponentModel | null>();

/** The component an options object is, if a framework takes it (`Page({…})`, `export default { data() {…} }`). */
export function componentOf(resolver: Resolver, literal: ts.ObjectLiteralExpression): ComponentModel | undefined {
  let model = componentOfLiteral.get(literal);
  if (model === undefined) {
    model = recognise(resolver, literal) ?? null;
    componentOfLiteral.set(literal, model);
  }
  return model ?? undefined;
}

function recognise(resolver: Resolver, literal: ts.ObjectLiteralExpression): ComponentModel | undefined {
  let node: ts.Node = literal;
  while (node.parent && (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || ts.isSatisfiesExpression(node.parent))) node = node.parent;
  const parent = node.parent;
  if (!parent) return undefined;
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(node as ts.Expression)) {
    return componentModelOfCall(calleeRefs(resolver, skipOuter(parent.expression)), ts.isNewExpression(parent));
  }
  if (ts.isExportAssignment(parent) && !parent.isExportEquals) {
    const names = new Set(literal.properties.map((property) => staticPropertyName(property.name)));
    return COMPONENT_MODELS.find((model) => model.exportDefaultWith?.some((name) => names.has(name)));
  }
  return undefined;
}

/** API refs a callee expression names, from syntax and symbols (`Page`, `defineStore` from `pinia`, `Vue.extend`). */
function calleeRefs(resolver: Resolver, expression: ts.Expression, depth = 0): ApiRef[] {
  if (depth > 4) return [];
  if (ts.isIdentifier(expression)) {
    const symbol = resolver.symbolAt(expression);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) {
      const ref = resolver.importRef(symbol);
      return ref ? [ref] : [];
    }
    return resolver.isGlobalName(expression, symbol) ? [resolver.globalRef(expression.text)] : [];
  }
  if (ts.isPropertyAccessExpression(expression)) {
    return calleeRefs(resolver, skipOuter(expression.expression), depth + 1)
      .map((ref) => extendApiRef(ref, memberSegment(expression.name.text)))
      .filter((ref): ref is ApiRef => !!ref);
  }
  return [];
}

/** Where a function sits in a component: the options object, and whether reading its name runs it (a getter). */
export interface ComponentFunction {
  readonly literal: ts.ObjectLiteralExpression;
  readonly model: ComponentModel;
  readonly isGetter: boolean;
}

const placeOfFunction = new WeakMap<FunctionNode, ComponentFunction | null>();

/** The component whose `this` a function written in its options object (or one of its groups) runs with. */
export function componentOfFunction(resolver: Resolver, fn: FunctionNode): ComponentFunction | undefined {
  let place = placeOfFunction.get(fn);
  if (place === undefined) {
    place = locate(resolver, fn) ?? null;
    placeOfFunction.set(fn, place);
  }
  return place ?? undefined;
}

function locate(resolver: Resolver, fn: FunctionNode): ComponentFunction | undefined {
  if (ts.isArrowFunction(fn)) return undefined; // an arrow function's `this` is the one around it
  let holder: ts.Node = fn.parent;
  if (ts.isPropertyAssignment(holder) && holder.initializer === fn) holder = holder.parent;
  if (!ts.isObjectLiteralExpression(holder)) return undefined;
  const own = componentOf(resolver, holder);
  if (own) return { literal: holder, model: own, isGetter: false };
  const group = holder.parent;
  if (!ts.isPropertyAssignment(group) || !ts.isObjectLiteralExpression(group.parent)) return undefined;
  const model = componentOf(resolver, group.parent);
  const name = staticPropertyName(group.name);
  if (!model || name === undefined) return undefined;
  if (model.methodGroups.includes(name)) return { literal: group.parent, model, isGetter: false };
  if (model.getterGroups.includes(name)) return { literal: group.parent, model, isGetter: true };
  return undefined;
}

/** The component's function of that name: its own, or one of its groups' (`methods.upload`, `getters.latest`). */
export function componentFunction(literal: ts.ObjectLiteralExpression, model: ComponentModel, name: string): { fn: FunctionNode; isGetter: boolean } | undefined {
  const own = functionProperty(literal, name);
  if (own) return { fn: own, isGetter: false };
  for (const group of [...model.methodGroups, ...model.getterGroups]) {
    const holder = objectProperty(literal, group);
    const fn = holder && functionProperty(holder, name);
    if (fn) return { fn, isGetter: model.getterGroups.includes(group) };
  }
  return undefined;
}

/** Every function of the component that runs with its `this`. */
export function componentFunctions(literal: ts.ObjectLiteralExpression, model: ComponentModel): FunctionNode[] {
  const out: FunctionNode[] = [];
  const collect = (holder: ts.ObjectLiteralExpression) => {
    for (const property of holder.properties) {
      const fn = functionOfProperty(property);
      if (fn) out.push(fn);
    }
  };
  collect(literal);
  for (const group of [...model.methodGroups, ...model.getterGroups]) {
    const holder = objectProperty(literal, group);
    if (holder) collect(holder);
  }
  return out;
}

const writersOfLiteral = new WeakMap<ts.ObjectLiteralExpression, Map<string, FunctionNode[]>>();

/**
 * The component's functions that write each field of `this`: `this.x = …`, `this.x.push(…)`, and the field a
 * framework setter writes (`this.setData({ … })`, `that.setData(…)` → `data`).
 */
export function componentFieldWriters(literal: ts.ObjectLiteralExpression, model: ComponentModel, isStoring: (method: string) => boolean): Map<string, FunctionNode[]> {
  let writers = writersOfLiteral.get(literal);
  if (writers) return writers;
  writers = new Map();
  writersOfLiteral.set(literal, writers);
  const add = (field: string, fn: FunctionNode) => {
    const list = writers!.get(field) ?? [];
    if (!list.includes(fn)) list.push(fn);
    writers!.set(field, list);
  };
  for (const fn of componentFunctions(literal, model)) {
    const visit = (node: ts.Node): void => {
      let target: ts.Expression | undefined;
      if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) target = node.left;
      else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const method = node.expression.name.text;
        const setter = model.setters.find((candidate) => candidate.method === method);
        if (setter) add(setter.field ?? '', fn);
        else if (isStoring(method)) target = node.expression.expression;
      }
      while (target && ts.isPropertyAccessExpression(target) && ts.isPropertyAccessExpression(target.expression)) target = target.expression;
      if (target && ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword) add(target.name.text, fn);
      ts.forEachChild(node, visit);
    };
    if (fn.body) visit(fn.body);
  }
  return writers;
}

function objectProperty(literal: ts.ObjectLiteralExpression, name: string): ts.ObjectLiteralExpression | undefined {
  for (const property of literal.properties) {
    if (!ts.isPropertyAssignment(property) || staticPropertyName(property.name) !== name) continue;
    const value = skipOuter(property.initializer);
    if (ts.isObjectLiteralExpression(value)) return value;
  }
  return undefined;
}

function functionProperty(literal: ts.ObjectLiteralExpression, name: string): FunctionNode | undefined {
  for (const property of literal.properties) {
    if (staticPropertyName(property.name) !== name) continue;
    const fn = functionOfProperty(property);
    if (fn) return fn;
  }
  return undefined;
}

function functionOfProperty(property: ts.ObjectLiteralElementLike): FunctionNode | undefined {
  if ((ts.isMethodDeclaration(property) || ts.isGetAccessorDeclaration(property)) && property.body) return property;
  if (ts.isPropertyAssignment(property)) {
    const value = skipOuter(property.initializer);
    if ((ts.isFunctionExpression(value) || ts.isArrowFunction(value)) && value.body) return value;
  }
  return undefined;
}
