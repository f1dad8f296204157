/**
 * Stage: dataflow (places in the code).
 * Input: an expression at a call: an argument, or a property of an object literal argument.
 * Output: the place it denotes (a variable and a literal path into it: `value`, `match[1]`, `row.cells[4]`), and the
 * expression an object literal gives a dotted property.
 * Invariant: syntax only; a place whose path is not literal, or deeper than three, is none.
 */
import { ts } from 'ts-morph';
import { literalKey, skipOuter, staticPropertyName } from './resolve';

/**
 * The variable a check tests, with the literal path into it: `value`, `match[1]`, `row.cells[4]`, also behind a
 * default (`match[1] ?? ''`, `row.idNo || ''`).
 */
export function testedPlace(argument: ts.Expression): { root: ts.Identifier; path: string[] } | undefined {
  let current = skipOuter(argument);
  while (ts.isBinaryExpression(current) && DEFAULTING_OPERATORS.has(current.operatorToken.kind) && isLiteralDefault(current.right)) current = skipOuter(current.left);
  const path: string[] = [];
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
    const key = ts.isPropertyAccessExpression(current) ? current.name.text : literalKey(current.argumentExpression);
    if (key === undefined) return undefined;
    path.unshift(key);
    current = skipOuter(current.expression);
  }
  return ts.isIdentifier(current) && path.length <= 3 ? { root: current, path } : undefined;
}

const DEFAULTING_OPERATORS: ReadonlySet<ts.SyntaxKind> = new Set([ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken]);

function isLiteralDefault(node: ts.Expression): boolean {
  const inner = skipOuter(node);
  return ts.isStringLiteralLike(inner) || ts.isNumericLiteral(inner) || inner.kind === ts.SyntaxKind.NullKeyword;
}

/** The expression an object literal gives a dotted property (`Image.Bytes` of `{ Image: { Bytes: frame } }`). */
export function propertyNode(argument: ts.Node, property: string): ts.Node | undefined {
  let current: ts.Node | undefined = argument;
  for (const name of property.split('.')) {
    if (!current || !ts.isObjectLiteralExpression(current)) return undefined;
    const found: ts.ObjectLiteralElementLike | undefined = current.properties.find((element) => element.name && staticPropertyName(element.name) === name);
    if (!found) return undefined;
    current = ts.isPropertyAssignment(found) ? found.initializer : found;
  }
  return current;
}
