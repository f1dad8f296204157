/**
 * Stage: dataflow (names and literals).
 * Input: an identifier, a literal, a template, or an object or array literal met by the interpreter, with the state.
 * Output: its value: a variable's (local, module-level, or imported from another module), an import's external API,
 * a project function or class, a constant string or number (a literal source where a rule's pattern matches, such
 * as an ID whose check digit is right), an object's fields with name sources at its property names, an array's
 * elements.
 * Invariant: an identifier that resolves to nothing in the project is a global (`console`, `wx`); an empty slot
 * (`{ vin: null }`) is not data, whatever its name.
 */
import { ts } from 'ts-morph';
import type { ApiRef } from '../facts/api-ref';
import type { Box, Walker } from './host';
import { importedExport } from './module-exports';
import { addNameSource } from './name-facts';
import { skipOuter, staticPropertyName } from './resolve';
import { makeTaint, mergeTaint, sourceLabel } from './taint';
import { type FunctionNode, type Value, EMPTY, compact, deepTaint, elementOf, flatten, isEmptyValue, joinValues, taintOnly, withStep, writeField } from './value';

export function evalIdentifier(interp: Walker, node: ts.Identifier, box: Box, knownSymbol?: ts.Symbol): Value {
  const symbol = knownSymbol ?? interp.resolver.symbolAt(node);
  if (symbol) {
    const local = box.state.get(symbol);
    if (local) return local;
    const moduleValue = interp.host.moduleValue(symbol);
    if (moduleValue && !isEmptyValue(moduleValue)) return moduleValue;
    if (symbol.flags & ts.SymbolFlags.Alias) {
      const ref = interp.resolver.importRef(symbol);
      if (ref) return { api: [ref] };
      // `import { auditTrail } from './logging'`: the other module's variable, through any re-exports.
      const target = interp.resolver.aliasTarget(symbol);
      const imported = target && interp.host.moduleValue(target);
      if (imported && !isEmptyValue(imported)) return imported;
      // `import * as frs from './frs'`, `import Visit from './visit.model'` with `export default model<IVisit>(…)`.
      const exported = target && importedExport(interp, target, node);
      if (exported && !isEmptyValue(exported)) return exported;
    }
    const fns: { kind: 'function'; node: FunctionNode }[] = [];
    const api: ApiRef[] = [];
    for (const declaration of interp.resolver.projectDeclarations(symbol)) {
      const fn = interp.resolver.functionOf(declaration);
      if (fn) fns.push({ kind: 'function', node: fn });
      // `class ResidentFace extends Model {}`: `ResidentFace.create(…)` is Sequelize's static `Model.create`.
      if (ts.isClassDeclaration(declaration) || ts.isClassExpression(declaration)) api.push(...interp.resolver.externalBaseClasses(declaration));
    }
    if (fns.length || api.length) return compact({ fns, api });
  }
  if (node.text === 'undefined') return EMPTY;
  if (interp.resolver.isGlobalName(node, symbol)) {
    // A script's implicit global (`faceSrc = …` with nothing declaring it) holds what was assigned to it.
    const assigned = symbol ? undefined : interp.host.implicitGlobal(node.text);
    return assigned ? joinValues(assigned, { api: [interp.resolver.globalRef(node.text)] }) : { api: [interp.resolver.globalRef(node.text)] };
  }
  return EMPTY;
}

export function evalStringLiteral(interp: Walker, node: ts.StringLiteralLike | ts.TemplateHead | ts.NumericLiteral): Value {
  const text = node.text;
  let taint: ReturnType<typeof makeTaint>;
  for (const rule of interp.host.rules) {
    if (!rule.hasLiteralSources) continue;
    const description = rule.matchLiteral(text);
    if (description) {
      taint = mergeTaint(taint, makeTaint([sourceLabel(rule.id, node, description, 'literal')]));
    }
  }
  return compact({ str: text, taint });
}

export function evalNumericLiteral(interp: Walker, node: ts.NumericLiteral): Value {
  // An ID typed as a number (a 9-digit SSN) still matches a literal pattern.
  if (node.text.length < 9) return { num: Number(node.text) };
  const value = evalStringLiteral(interp, node);
  return value.taint ? { taint: value.taint } : EMPTY;
}

export function evalTemplate(interp: Walker, node: ts.TemplateExpression, box: Box): Value {
  let taint = evalStringLiteral(interp, node.head).taint;
  let text: string | undefined = node.head.text;
  const classes: NonNullable<Value['classes']>[number][] = [];
  for (const span of node.templateSpans) {
    const value = interp.eval(span.expression, box);
    taint = mergeTaint(taint, deepTaint(value));
    classes.push(...(value.classes ?? []));
    text = text !== undefined ? text + (value.str ?? '\u0000') + span.literal.text : undefined;
  }
  return compact({ taint: withStep(taintOnly(taint), node, 'step', 'interpolated into a string').taint, str: text, classes });
}

export function evalObjectLiteral(interp: Walker, node: ts.ObjectLiteralExpression, box: Box): Value {
  let result: Value = EMPTY;
  for (const property of node.properties) {
    if (ts.isSpreadAssignment(property)) {
      const spread = interp.eval(property.expression, box);
      result = joinValues(result, spread);
      continue;
    }
    const name = staticPropertyName(property.name);
    let value: Value;
    if (ts.isPropertyAssignment(property)) {
      value = interp.eval(property.initializer, box);
      // `{ idCardNo: undefined }`, `{ vin: null }`: an empty slot is not an ID.
      if (isNullish(property.initializer)) {
        if (name !== undefined) result = writeField(result, [name], EMPTY);
        continue;
      }
    }
    else if (ts.isShorthandPropertyAssignment(property)) value = evalIdentifier(interp, property.name, box, interp.resolver.shorthandValueSymbol(property));
    else if (ts.isMethodDeclaration(property) || ts.isGetAccessorDeclaration(property)) value = { fns: [{ kind: 'function', node: property }] };
    else continue;
    if (name === undefined) {
      if (ts.isComputedPropertyName(property.name)) {
        const key = interp.eval(property.name.expression, box);
        if (key.str !== undefined) {
          result = writeField(result, [key.str], addNameSource(interp, value, key.str, property.name));
          continue;
        }
      }
      result = joinValues(result, flatten(value));
      continue;
    }
    result = writeField(result, [name], addNameSource(interp, value, name, property.name));
  }
  return result;
}

export function evalArrayLiteral(interp: Walker, node: ts.ArrayLiteralExpression, box: Box): Value {
  let elem: Value = EMPTY;
  let fields: Map<string, Value> | undefined;
  node.elements.forEach((element, index) => {
    if (ts.isSpreadElement(element)) {
      const spread = interp.eval(element.expression, box);
      elem = joinValues(elem, elementOf(spread));
      return;
    }
    const value = interp.eval(element, box);
    elem = joinValues(elem, value);
    if (index < 8) (fields ??= new Map()).set(String(index), value);
  });
  return compact({ elem, fields });
}

function isNullish(node: ts.Expression): boolean {
  const inner = skipOuter(node);
  return inner.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(inner) && inner.text === 'undefined');
}
