/**
 * Stage: dataflow (fields of untyped objects, inferred from how the code reads them).
 * Input: a rule, and the argument expression of one of its sinks whose value carries none of the rule's data and
 * whose type declares nothing: a whole request body, a response, a row (`console.log(res)`,
 * `logger.info({ ...data, id })`).
 * Output: a label for each field the code reads from that same object elsewhere in its scope whose name is a
 * source of the rule (`res.data.idNumber` read three lines below; `const { sfzh } = body`), with its field path.
 * Invariant: reads of the same variable (or of an alias initialised from it) within the function or module that
 * declares it; weak names (`snapshot`) do not count. Each scope is indexed once.
 */
import { ts } from 'ts-morph';
import type { CompiledRule } from '../facts/compile-models';
import type { Walker } from './host';
import { testedPlace } from './places';
import { literalKey, skipOuter, staticPropertyName } from './resolve';
import { type Label, sourceLabel } from './taint';

/** A field path read from a variable somewhere in its scope, with the node that names its last field. */
interface FieldRead {
  readonly path: readonly string[];
  readonly name: ts.Node;
}

const MAX_PATH = 4;
const readsByScope = new WeakMap<ts.Node, Map<ts.Symbol, FieldRead[]>>();

/** Labels for the source fields read elsewhere from the object an argument expression denotes. */
export function inferredFieldLabels(interp: Walker, rule: CompiledRule, argument: ts.Node): Map<Label, readonly string[]> {
  const out = new Map<Label, readonly string[]>();
  if (!rule.hasNameSources || !ts.isExpression(argument)) return out;
  for (const { expression, prefix } of objectParts(argument)) {
    const place = testedPlace(expression);
    const symbol = place && interp.resolver.symbolAt(place.root);
    if (!place || !symbol) continue;
    for (const read of readsOf(interp, symbol, place.root)) {
      if (read.path.length <= place.path.length || !place.path.every((segment, index) => read.path[index] === segment)) continue;
      const rest = read.path.slice(place.path.length);
      const field = rest[rest.length - 1]!;
      const match = rule.matchNameSource(field);
      if (!match || match.weak) continue;
      const fieldPath = [...prefix, ...rest];
      const line = read.name.getSourceFile().getLineAndCharacterOfPosition(read.name.getStart()).line + 1;
      out.set(sourceLabel(rule.id, read.name, `${match.description}, name \`${field}\`, read from this object on line ${line}`, 'name', { name: field }), fieldPath);
      if (out.size >= 4) return out;
    }
  }
  return out;
}

/** The objects an argument is made of: itself, `JSON.stringify(x)`'s x, the spreads and values of an object literal. */
function objectParts(argument: ts.Expression, prefix: readonly string[] = [], depth = 0): { expression: ts.Expression; prefix: readonly string[] }[] {
  const node = skipOuter(argument);
  if (depth > 2) return [];
  if (ts.isObjectLiteralExpression(node)) {
    const parts: { expression: ts.Expression; prefix: readonly string[] }[] = [];
    for (const property of node.properties) {
      if (ts.isSpreadAssignment(property)) parts.push(...objectParts(property.expression, prefix, depth + 1));
      else if (ts.isPropertyAssignment(property)) {
        const name = staticPropertyName(property.name);
        if (name !== undefined) parts.push(...objectParts(property.initializer, [...prefix, name], depth + 1));
      } else if (ts.isShorthandPropertyAssignment(property)) parts.push({ expression: property.name, prefix: [...prefix, property.name.text] });
    }
    return parts;
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'stringify' && node.arguments[0]) {
    return objectParts(node.arguments[0], prefix, depth + 1);
  }
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) return [{ expression: node, prefix }];
  return [];
}

/** The field paths read from a variable in the scope that declares it, through aliases one step deep. */
function readsOf(interp: Walker, symbol: ts.Symbol, use: ts.Node): readonly FieldRead[] {
  const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
  const scope = enclosingScope(declaration ?? use);
  let index = readsByScope.get(scope);
  if (!index) readsByScope.set(scope, (index = indexReads(interp, scope)));
  return index.get(symbol) ?? [];
}

function enclosingScope(node: ts.Node): ts.Node {
  let current: ts.Node | undefined = node.parent;
  while (current && !ts.isSourceFile(current) && !(ts.isFunctionLike(current) && 'body' in current && current.body)) current = current.parent;
  return current ?? node.getSourceFile();
}

/** Every `x.a.b` and `const { a } = x.b` in a scope, by the symbol of `x`; aliases (`const d = x.a`) add their reads to `x`. */
function indexReads(interp: Walker, scope: ts.Node): Map<ts.Symbol, FieldRead[]> {
  const reads = new Map<ts.Symbol, FieldRead[]>();
  const aliases: { alias: ts.Symbol; of: ts.Symbol; prefix: readonly string[] }[] = [];
  const add = (symbol: ts.Symbol, read: FieldRead) => {
    const list = reads.get(symbol) ?? [];
    if (list.length < 64) list.push(read);
    reads.set(symbol, list);
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && !ts.isPropertyAccessExpression(node.parent) && !ts.isElementAccessExpression(node.parent)) {
      const chain = chainOf(node);
      if (chain) {
        const symbol = interp.resolver.symbolAt(chain.root);
        // Every prefix of `res.data.data.idNumber` is a read: the leaf names the field.
        if (symbol) for (let length = 1; length <= chain.path.length; length++) add(symbol, { path: chain.path.slice(0, length), name: chain.names[length - 1]! });
      }
    }
    if (ts.isVariableDeclaration(node) && node.initializer) {
      const chain = chainOf(skipOuter(node.initializer));
      const of = chain && interp.resolver.symbolAt(chain.root);
      if (chain && of) {
        if (ts.isIdentifier(node.name)) {
          const alias = interp.resolver.symbolAt(node.name);
          if (alias) aliases.push({ alias, of, prefix: chain.path });
        } else if (ts.isObjectBindingPattern(node.name)) {
          for (const element of node.name.elements) {
            const key = element.propertyName ? staticPropertyName(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
            if (key !== undefined && !element.dotDotDotToken) add(of, { path: [...chain.path, key], name: element.propertyName ?? element.name });
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  for (const { alias, of, prefix } of aliases) {
    for (const read of reads.get(alias) ?? []) if (prefix.length + read.path.length <= MAX_PATH) add(of, { path: [...prefix, ...read.path], name: read.name });
  }
  return reads;
}

/** `x`, `x.a.b`, `x['a'].b`: the variable and the literal path, with the node naming each step. */
function chainOf(node: ts.Node): { root: ts.Identifier; path: string[]; names: ts.Node[] } | undefined {
  const path: string[] = [];
  const names: ts.Node[] = [];
  let current: ts.Node = node;
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
    const key = ts.isPropertyAccessExpression(current) ? current.name.text : literalKey(current.argumentExpression);
    if (key === undefined) return undefined;
    path.unshift(key);
    names.unshift(ts.isPropertyAccessExpression(current) ? current.name : current.argumentExpression);
    current = skipOuter(current.expression);
  }
  return ts.isIdentifier(current) && path.length <= MAX_PATH ? { root: current, path, names } : undefined;
}
