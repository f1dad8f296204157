/**
 * Stage: dataflow (operators).
 * Input: a binary, logical, conditional or prefix expression met by the interpreter, with the state.
 * Output: its value and the condition it establishes: assignments (`=`, `+=`, `??=`), concatenation, `&&`, `||`,
 * `??` and `?:` with the state split between their operands, equality with a literal (`status === 'revoked'`
 * turns a consent check around), `!`.
 * Invariant: arithmetic, comparisons and `!` carry no data (numbers and booleans identify nobody); a consent check
 * on one side of `||` or `??` only is kept as a weak check, never as a guard.
 */
import { ts } from 'ts-morph';
import { isDenialLiteral } from '../facts/guard-words';
import { assign } from './assignment';
import type { Box, Walker } from './host';
import { guardCondFor, markDefaultTrue } from './name-facts';
import { accessChainNames, skipOuter } from './resolve';
import { mergeTaint } from './taint';
import { type Cond, type GuardFact, type Value, EMPTY, compact, deepTaint, flatten, intersectFacts, joinBranches, joinValues, unionFacts } from './value';

export function evalBinary(interp: Walker, node: ts.BinaryExpression, box: Box): Value {
  const operator = node.operatorToken.kind;
  switch (operator) {
    case ts.SyntaxKind.EqualsToken: {
      const value = interp.eval(node.right, box);
      assign(interp, node.left, markDefaultTrue(interp, node.right, value), box);
      return value;
    }
    case ts.SyntaxKind.PlusEqualsToken:
    case ts.SyntaxKind.QuestionQuestionEqualsToken:
    case ts.SyntaxKind.BarBarEqualsToken:
    case ts.SyntaxKind.AmpersandAmpersandEqualsToken: {
      const left = interp.eval(node.left, box);
      const right = interp.eval(node.right, box);
      const joined = operator === ts.SyntaxKind.PlusEqualsToken ? joinValues(flatten(left), flatten(right)) : joinValues(left, right);
      assign(interp, node.left, joined, box);
      return joined;
    }
    case ts.SyntaxKind.AmpersandAmpersandToken:
      return evalLogical(interp, node, box, true);
    case ts.SyntaxKind.BarBarToken:
    case ts.SyntaxKind.QuestionQuestionToken:
      return evalLogical(interp, node, box, false);
    case ts.SyntaxKind.PlusToken: {
      if (ts.isBinaryExpression(node.left) && node.left.operatorToken.kind === ts.SyntaxKind.PlusToken) return evalPlusChain(interp, node, box);
      const left = interp.eval(node.left, box);
      const right = interp.eval(node.right, box);
      const str = left.str !== undefined && right.str !== undefined ? left.str + right.str : left.str !== undefined ? left.str + '\u0000' : undefined;
      const classes = [...(left.classes ?? []), ...(right.classes ?? [])];
      const taint = mergeTaint(deepTaint(left), deepTaint(right));
      // `'*'.repeat(8) + id.slice(-4)`: built only from masked parts, the string is masked.
      const sanitized = !taint && (left.sanitized || right.sanitized) ? [...new Set([...(left.sanitized ?? []), ...(right.sanitized ?? [])])] : undefined;
      return compact({ taint, str, classes, sanitized });
    }
    case ts.SyntaxKind.EqualsEqualsEqualsToken:
    case ts.SyntaxKind.EqualsEqualsToken:
    case ts.SyntaxKind.ExclamationEqualsEqualsToken:
    case ts.SyntaxKind.ExclamationEqualsToken:
      return evalEquality(interp, node, box);
    case ts.SyntaxKind.CommaToken:
      interp.eval(node.left, box);
      return interp.eval(node.right, box);
    case ts.SyntaxKind.InstanceOfKeyword:
    case ts.SyntaxKind.InKeyword:
    case ts.SyntaxKind.LessThanToken:
    case ts.SyntaxKind.GreaterThanToken:
    case ts.SyntaxKind.LessThanEqualsToken:
    case ts.SyntaxKind.GreaterThanEqualsToken: {
      const left = interp.eval(node.left, box);
      interp.eval(node.right, box);
      // `consent.expiresAt > now` is a consent check: keep the guard condition, drop the data.
      return left.cond ? { cond: left.cond } : EMPTY;
    }
    default: {
      // Arithmetic and bitwise operators produce numbers: no ID, image or template survives them.
      const left = interp.eval(node.left, box);
      const right = interp.eval(node.right, box);
      if (operator === ts.SyntaxKind.MinusToken && right.num !== undefined) {
        const lhs = skipOuter(node.left);
        if (ts.isPropertyAccessExpression(lhs) && lhs.name.text === 'length') return { fromEnd: right.num };
        if (left.num !== undefined) return { num: left.num - right.num };
      }
      return EMPTY;
    }
  }
}

/** `a + b + c + …` as a loop: a generated query of thousands of terms must not exhaust the stack. */
function evalPlusChain(interp: Walker, node: ts.BinaryExpression, box: Box): Value {
  const rights: ts.Expression[] = [];
  let leftmost: ts.Expression = node;
  while (ts.isBinaryExpression(leftmost) && leftmost.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    rights.push(leftmost.right);
    leftmost = leftmost.left;
  }
  let acc = interp.eval(leftmost, box);
  let taint = deepTaint(acc);
  let str = acc.str;
  const classes = [...(acc.classes ?? [])];
  for (let index = rights.length - 1; index >= 0; index--) {
    const right = interp.eval(rights[index]!, box);
    taint = mergeTaint(taint, deepTaint(right));
    str = str !== undefined && right.str !== undefined ? str + right.str : str !== undefined ? str + '\u0000' : undefined;
    classes.push(...(right.classes ?? []));
    acc = right;
  }
  return compact({ taint, str, classes: classes.length ? classes : undefined });
}

function evalLogical(interp: Walker, node: ts.BinaryExpression, box: Box, isAnd: boolean): Value {
  const left = interp.eval(node.left, box);
  const start = box.state;
  const leftTrue = left.cond?.whenTrue ?? [];
  const leftFalse = left.cond?.whenFalse ?? [];
  const isNullish = node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken;
  const rightBox: Box = { state: isNullish ? start.clone() : start.withFacts(isAnd ? leftTrue : leftFalse) };
  const right = interp.eval(node.right, rightBox);
  const shortCircuit = isNullish ? start : start.withFacts(isAnd ? leftFalse : leftTrue);
  box.state = shortCircuit.merge(rightBox.state);
  const rightTrue = right.cond?.whenTrue ?? [];
  const rightFalse = right.cond?.whenFalse ?? [];
  // Where only one side of `||`/`??` checked consent, the check does not hold for the whole expression; keep it
  // as a weak one so that the message can say why (`c.faceConsent ?? true`: it defaults to true).
  const rightIsTrue = skipOuter(node.right).kind === ts.SyntaxKind.TrueKeyword;
  const partial = (facts: readonly GuardFact[], kept: readonly GuardFact[]): GuardFact[] =>
    facts
      .filter((fact) => !fact.weakReason && !fact.validates && !kept.some((other) => other.rule === fact.rule && !other.weakReason))
      .map((fact) => ({ ...fact, weakReason: rightIsTrue ? 'defaultTrue' : 'notDominating' }));
  let cond: Cond;
  if (isNullish) {
    const whenTrue = intersectFacts(leftTrue, rightTrue);
    cond = { whenTrue: [...whenTrue, ...partial([...leftTrue, ...rightTrue], whenTrue)], whenFalse: [] };
  } else if (isAnd) {
    cond = { whenTrue: unionFacts(leftTrue, rightTrue), whenFalse: intersectFacts(leftFalse, rightFalse) };
  } else {
    const whenTrue = intersectFacts(leftTrue, rightTrue);
    cond = { whenTrue: [...whenTrue, ...partial([...leftTrue, ...rightTrue], whenTrue)], whenFalse: unionFacts(leftFalse, rightFalse) };
  }
  const joined = joinValues({ ...left, cond: undefined }, { ...right, cond: undefined });
  const hasFacts = cond.whenTrue.length > 0 || cond.whenFalse.length > 0;
  return compact({ ...joined, cond: hasFacts ? cond : undefined });
}

function evalEquality(interp: Walker, node: ts.BinaryExpression, box: Box): Value {
  const left = interp.eval(node.left, box);
  const right = interp.eval(node.right, box);
  const negated = node.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || node.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsToken;
  const [subject, literalNode] = isLiteralLike(node.right) ? [left, node.right] : isLiteralLike(node.left) ? [right, node.left] : [undefined, undefined];
  let cond = subject?.cond;
  if (!cond && interp.host.guardRules.length) {
    // `consent.purpose === 'face_recognition' && consent.granted`: the literal names the purpose.
    const names = [...accessChainNames(node.left), ...accessChainNames(node.right)];
    if (literalNode && ts.isStringLiteralLike(literalNode)) names.push(literalNode.text);
    cond = guardCondFor(interp, names, node);
  }
  if (!cond || !literalNode) return cond ? { cond } : EMPTY;
  // x === false, x === null, x == undefined, x === 'revoked' → the check passes when x is NOT granted.
  const isFalsy =
    literalNode.kind === ts.SyntaxKind.FalseKeyword ||
    literalNode.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(literalNode) && literalNode.text === 'undefined') ||
    (ts.isStringLiteralLike(literalNode) && isDenialLiteral(literalNode.text));
  const flip = isFalsy !== negated;
  return { cond: flip ? { whenTrue: cond.whenFalse, whenFalse: cond.whenTrue } : cond };
}

export function evalPrefix(interp: Walker, node: ts.PrefixUnaryExpression, box: Box): Value {
  const operand = interp.eval(node.operand, box);
  if (node.operator === ts.SyntaxKind.ExclamationToken) {
    return operand.cond ? { cond: { whenTrue: operand.cond.whenFalse, whenFalse: operand.cond.whenTrue } } : EMPTY;
  }
  if (node.operator === ts.SyntaxKind.MinusToken && operand.num !== undefined) return { num: -operand.num };
  if (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken) return EMPTY;
  return EMPTY;
}

export function evalConditional(interp: Walker, node: ts.ConditionalExpression, box: Box): Value {
  const condition = interp.eval(node.condition, box);
  const whenTrue: Box = { state: box.state.withFacts(condition.cond?.whenTrue ?? []) };
  const whenFalse: Box = { state: box.state.withFacts(condition.cond?.whenFalse ?? []) };
  const a = interp.eval(node.whenTrue, whenTrue);
  const b = interp.eval(node.whenFalse, whenFalse);
  box.state = whenTrue.state.merge(whenFalse.state);
  return joinBranches(a, b);
}

function isLiteralLike(node: ts.Expression): boolean {
  const inner = skipOuter(node);
  return (
    ts.isStringLiteralLike(inner) ||
    ts.isNumericLiteral(inner) ||
    inner.kind === ts.SyntaxKind.TrueKeyword ||
    inner.kind === ts.SyntaxKind.FalseKeyword ||
    inner.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(inner) && inner.text === 'undefined')
  );
}
