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
      mayBeNullish = declaredTypesOf(program.getTypeChecker(), node).some(includesNullish);
    } catch {
      return undefined; // the checker failing on odd code leaves the fix as it would be without types
    }
    return { mayBeNullish, defaulted: defaultingParent(node) };
  };
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

/**
 * The outermost expression that starts and ends exactly at the offsets (`a.b` rather than its name `b`). Descends
 * only into the child that contains the range, found by binary search among siblings, so a file with 100,000
 * statements costs a few dozen steps per question, not a walk over the file.
 */
function expressionAt(sourceFile: ts.SourceFile, start: number, end: number): ts.Expression | undefined {
  let node: ts.Node = sourceFile;
  for (let depth = 0; depth < 10_000; depth++) {
    const child = childContaining(node, start, end);
    if (!child) return undefined;
    if (child.getStart(sourceFile) === start && child.end === end && ts.isExpression(child)) return child;
    node = child;
  }
  return undefined;
}

function childContaining(node: ts.Node, start: number, end: number): ts.Node | undefined {
  const contains = (child: ts.Node) => child.pos <= start && end <= child.end;
  return ts.forEachChild(
    node,
    (child) => (contains(child) ? child : undefined),
    (children) => {
      let low = 0;
      let high = children.length - 1;
      while (low <= high) {
        const middle = (low + high) >> 1;
        const child = children[middle]!;
        if (child.end < end) low = middle + 1;
        else if (child.pos > start) high = middle - 1;
        else return contains(child) ? child : undefined;
      }
      return undefined;
    },
  );
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
