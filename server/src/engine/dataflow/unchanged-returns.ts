/**
 * Stage: dataflow (functions that hand their input back).
 * Input: a project function.
 * Output: whether every value it returns is one of its parameters, unchanged or through methods that keep all of
 * its content (`toUpperCase`, `trim`, a `replace` that stars nothing out, `String(x)`): such a function protects
 * nothing, whatever it is called (`maskPlate`, `anonymizeFrame`).
 * Invariant: syntax only, and conservative: any other expression (a concatenation, a slice, a call of another
 * function) is taken as possibly protecting, and so is a parameter the body hands to a call, calls a method of or
 * writes into (`canvas.getContext('2d').drawImage(…)`, `cv.blur(frame, frame)`) before returning it: a real helper
 * the engine cannot read keeps its name's word.
 */
import { ts } from 'ts-morph';
import { CONTENT_PRESERVING_METHODS } from '../facts/builtin-members';
import { isMaskReplacement } from '../facts/masking-calls';
import { skipOuter } from './resolve';
import type { FunctionNode } from './value';

const verdicts = new WeakMap<FunctionNode, boolean>();

/** Walked once per function (its syntax tree is kept while the file is unchanged), however often it is called. */
export function returnsParameterUnchanged(fn: FunctionNode): boolean {
  let verdict = verdicts.get(fn);
  if (verdict === undefined) verdicts.set(fn, (verdict = judge(fn)));
  return verdict;
}

function judge(fn: FunctionNode): boolean {
  const parameters = new Set(fn.parameters.flatMap((parameter) => (ts.isIdentifier(parameter.name) ? [parameter.name.text] : [])));
  if (parameters.size === 0 || !fn.body) return false;
  const returned: ts.Expression[] = [];
  if (!ts.isBlock(fn.body)) returned.push(fn.body);
  else {
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node)) return;
      if (ts.isReturnStatement(node) && node.expression) returned.push(node.expression);
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(fn.body, visit);
  }
  const handsBack = returned.filter((expression) => !isEmptyValue(expression));
  if (handsBack.length === 0 || !handsBack.every((expression) => isParameterUnchanged(expression, parameters))) return false;
  return !mayChangeParameter(fn.body, parameters, new Set(returned));
}

/** `return ''`, `return null`, `return undefined`: a guard's early return hands back nothing at all. */
function isEmptyValue(expression: ts.Expression): boolean {
  const inner = skipOuter(expression);
  if (ts.isStringLiteralLike(inner)) return inner.text === '';
  if (ts.isIdentifier(inner)) return inner.text === 'undefined';
  return inner.kind === ts.SyntaxKind.NullKeyword;
}

/** Whether the body, outside the returned expressions, passes a parameter to a call, calls a method on it or writes to it. */
function mayChangeParameter(body: ts.Node, parameters: ReadonlySet<string>, returned: ReadonlySet<ts.Expression>): boolean {
  let changes = false;
  const visit = (node: ts.Node): void => {
    if (changes || returned.has(node as ts.Expression)) return;
    if (ts.isIdentifier(node) && parameters.has(node.text) && isChangingUse(node)) changes = true;
    else ts.forEachChild(node, visit);
  };
  visit(body);
  return changes;
}

function isChangingUse(identifier: ts.Identifier): boolean {
  let node: ts.Node = identifier;
  while (ts.isParenthesizedExpression(node.parent) || ts.isNonNullExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(node as ts.Expression)) return true;
  if (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) {
    // `frame.data[i] = 0`, `canvas.getContext('2d')`: whatever starts from the parameter may write into it.
    let outer: ts.Node = parent;
    while (ts.isPropertyAccessExpression(outer.parent) || ts.isElementAccessExpression(outer.parent)) outer = outer.parent;
    if (ts.isCallExpression(outer.parent) && outer.parent.expression === outer) return true;
    return ts.isBinaryExpression(outer.parent) && outer.parent.left === outer && outer.parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && outer.parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
  }
  return ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}

function isParameterUnchanged(expression: ts.Expression, parameters: ReadonlySet<string>): boolean {
  let current = skipOuter(expression);
  for (;;) {
    if (ts.isAwaitExpression(current)) current = skipOuter(current.expression);
    else if (ts.isIdentifier(current)) return parameters.has(current.text);
    else if (ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression) && CONTENT_PRESERVING_METHODS.has(current.expression.name.text)) {
      if (!keepsContent(current)) return false;
      current = skipOuter(current.expression.expression);
    } else if (ts.isCallExpression(current) && ts.isIdentifier(current.expression) && current.expression.text === 'String' && current.arguments[0]) {
      current = skipOuter(current.arguments[0]);
    } else return false;
  }
}

/** A `replace` that writes stars (or any mask character) hides something; every other listed method keeps it all. */
function keepsContent(call: ts.CallExpression): boolean {
  const name = (call.expression as ts.PropertyAccessExpression).name.text;
  if (name !== 'replace' && name !== 'replaceAll') return true;
  const replacement = call.arguments[1] && skipOuter(call.arguments[1]);
  return !!replacement && ts.isStringLiteralLike(replacement) && !isMaskReplacement(replacement.text);
}
