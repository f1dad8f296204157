/**
 * Stage: findings (what fixes may ask of the type checker).
 * Input: the analysed program and a source range a fix wants to wrap.
 * Output: `ExpressionFacts`: whether the expression there may be `null`/`undefined`, and the `x ?? fallback` or
 * `x || fallback` it is (or is the left side of), so a fix can keep its types and its behaviour for missing values.
 * Invariant: answers only for an expression written exactly at the range; anything else is undefined (no guess).
 */
import { ts } from 'ts-morph';
import type { ExpressionFacts, SourceRange } from '../rule-api';
import { rangeOfNode } from './source-range';

export function expressionFactsOf(program: ts.Program): (range: SourceRange) => ExpressionFacts | undefined {
  return (range) => {
    const sourceFile = program.getSourceFile(range.file);
    if (!sourceFile) return undefined;
    const node = expressionAt(sourceFile, range.offset, range.offset + range.length);
    if (!node) return undefined;
    let mayBeNullish = false;
    try {
      mayBeNullish = includesNullish(program.getTypeChecker().getTypeAtLocation(node));
    } catch {
      return undefined; // the checker failing on odd code leaves the fix as it would be without types
    }
    return { mayBeNullish, defaulted: defaultingParent(node) };
  };
}

function includesNullish(type: ts.Type): boolean {
  const nullish = ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void;
  if (type.flags & nullish) return true;
  return type.isUnion() && type.types.some((member) => (member.flags & nullish) !== 0);
}

/** The outermost expression that starts and ends exactly at the offsets (`a.b` rather than its name `b`). */
function expressionAt(sourceFile: ts.SourceFile, start: number, end: number): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (found || node.getStart(sourceFile) > start || node.getEnd() < end) return;
    if (node.getStart(sourceFile) === start && node.getEnd() === end && ts.isExpression(node)) {
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sourceFile, visit);
  return found;
}

function defaultingParent(node: ts.Expression): ExpressionFacts['defaulted'] {
  let own: ts.Expression = node;
  while (ts.isParenthesizedExpression(own)) own = own.expression;
  if (isDefaulting(own)) return describeDefaulting(own);
  let current: ts.Node = node;
  while (ts.isParenthesizedExpression(current.parent)) current = current.parent;
  const parent = current.parent;
  return isDefaulting(parent) && parent.left === current ? describeDefaulting(parent) : undefined;
}

function isDefaulting(node: ts.Node): node is ts.BinaryExpression {
  if (!ts.isBinaryExpression(node)) return false;
  const kind = node.operatorToken.kind;
  return kind === ts.SyntaxKind.QuestionQuestionToken || kind === ts.SyntaxKind.BarBarToken;
}

function describeDefaulting(node: ts.BinaryExpression): ExpressionFacts['defaulted'] {
  return {
    operator: node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ? '??' : '||',
    range: rangeOfNode(node),
    value: rangeOfNode(node.left),
    fallback: rangeOfNode(node.right),
  };
}
