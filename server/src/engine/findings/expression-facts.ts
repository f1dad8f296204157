/**
 * Stage: findings (what fixes may ask of the type checker).
 * Input: the checker and the sink argument of a reach, while the program is there (drafting).
 * Output: per expression inside the argument (keyed `offset:length`), its `ExpressionFacts`: whether it may be
 * `null`/`undefined`, and the `x ?? fallback` or `x || fallback` it is (or is the left side of), so that a fix can
 * keep its types and its behaviour for missing values. Plain data: drafts keep it in the scan cache.
 * Invariant: facts only for expressions written inside the argument; a fix asking about anything else gets none.
 */
import { ts } from 'ts-morph';
import type { ExpressionFacts, SourceRange } from '../rule-api';
import { rangeOfNode } from './source-range';

/** Expressions looked at per sink argument: a logged object literal rarely has more. */
const MAX_EXPRESSIONS = 64;

export type ExpressionFactsByRange = Readonly<Record<string, ExpressionFacts>>;

export function expressionKey(range: Pick<SourceRange, 'offset' | 'length'>): string {
  return `${range.offset}:${range.length}`;
}

export function expressionFactsWithin(checker: ts.TypeChecker, argument: ts.Node): ExpressionFactsByRange | undefined {
  const out: Record<string, ExpressionFacts> = {};
  let count = 0;
  const pending: ts.Node[] = [argument];
  while (pending.length && count < MAX_EXPRESSIONS) {
    const node = pending.pop()!;
    if (isWrappable(node)) {
      let mayBeNullish = false;
      try {
        mayBeNullish = declaredTypesOf(checker, node).some(includesNullish);
      } catch {
        continue; // the checker failing on odd code leaves the fix as it would be without types
      }
      const range = rangeOfNode(node);
      out[expressionKey(range)] = { mayBeNullish, defaulted: defaultingParent(node) };
      count++;
    }
    ts.forEachChild(node, (child) => {
      pending.push(child);
    });
  }
  return count ? out : undefined;
}

/** What a fix may wrap in a call: reads, calls and defaults, not literals, names of properties or declarations. */
function isWrappable(node: ts.Node): node is ts.Expression {
  if (ts.isIdentifier(node)) {
    const parent = node.parent;
    return !(ts.isPropertyAccessExpression(parent) && parent.name === node) && !(ts.isPropertyAssignment(parent) && parent.name === node);
  }
  return ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isCallExpression(node) || ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || (ts.isBinaryExpression(node) && isDefaulting(node));
}

/**
 * The declared type of a variable, parameter or property read, or the return types of a called function. Not the
 * type narrowed at that point: narrowing walks the function's control flow back from the expression, which made
 * fixes for a function with 100,000 log calls quadratic. A value checked just before is therefore still nullable
 * here, which only makes the fix choose the null-safe form.
 */
function declaredTypesOf(checker: ts.TypeChecker, node: ts.Expression): ts.Type[] {
  let inner: ts.Expression = node;
  while (ts.isParenthesizedExpression(inner) || ts.isNonNullExpression(inner)) {
    if (ts.isNonNullExpression(inner)) return []; // `x!`: the author says it is there
    inner = inner.expression;
  }
  if (ts.isCallExpression(inner)) {
    const callee = declaredTypeOf(checker, inner.expression);
    return callee ? checker.getSignaturesOfType(callee, ts.SignatureKind.Call).map((signature) => checker.getReturnTypeOfSignature(signature)) : [];
  }
  const type = declaredTypeOf(checker, inner);
  return type ? [type] : [];
}

/**
 * `a.b.c`: the declared type of `a`, then of its property `b`, then of `c`. Going through the symbols' declared
 * types rather than asking for the symbol at `c` keeps the checker from narrowing `a` by control flow.
 */
function declaredTypeOf(checker: ts.TypeChecker, node: ts.Expression): ts.Type | undefined {
  if (ts.isParenthesizedExpression(node)) return declaredTypeOf(checker, node.expression);
  if (node.kind === ts.SyntaxKind.ThisKeyword) return checker.getTypeAtLocation(node);
  if (ts.isIdentifier(node)) {
    const symbol = checker.getSymbolAtLocation(node);
    return symbol ? checker.getTypeOfSymbol(symbol) : undefined;
  }
  if (ts.isPropertyAccessExpression(node)) {
    const object = declaredTypeOf(checker, node.expression);
    const property = object && checker.getPropertyOfType(checker.getNonNullableType(object), node.name.text);
    return property ? checker.getTypeOfSymbol(property) : undefined;
  }
  return undefined;
}

function includesNullish(type: ts.Type): boolean {
  const nullish = ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void;
  if (type.flags & nullish) return true;
  return type.isUnion() && type.types.some((member) => (member.flags & nullish) !== 0);
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
