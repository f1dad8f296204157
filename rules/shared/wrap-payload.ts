/**
 * Finds the expression a wrapping fix should wrap, given the sink argument the dataflow reported, from the syntax
 * tree of the file.
 *
 * Shapes handled (`wrap(x)` stands for the rule's mask or anonymiser call):
 *   `log(id)`                      → `log(wrap(id))`
 *   `log({ idCardNo })`            → `log({ idCardNo: wrap(idCardNo) })`     (shorthand property)
 *   `log({ idCardNo: c.id })`      → `log({ idCardNo: wrap(c.id) })`         (property assignment)
 *   `` log(`for ${c.idCardNo}`) `` → `` log(`for ${wrap(c.idCardNo)}`) ``   (only the flowing part of a message)
 * Anything else that is built from text (`'id ' + id` without a located part) or spread (`...c`) gets no wrap:
 * wrapping the whole message would change what is logged beyond the personal data.
 */
import type { FlowStep, SourceRange } from '../../server/src/engine/rule-api';
import { ts } from '../../server/src/engine/rule-api';
import { nodeAtRange } from './syntax';

export interface WrapTarget {
  readonly start: number;
  readonly end: number;
  /** The expression text to wrap. */
  readonly expression: string;
  /** Text to put before the wrapped expression (`idCardNo: ` for a shorthand property). */
  readonly prefix: string;
}

export function findWrapTarget(tree: ts.SourceFile, argument: SourceRange, path: readonly FlowStep[]): WrapTarget | undefined {
  const node = nodeAtRange(tree, argument);
  if (!node || ts.isSpreadElement(node) || ts.isSpreadAssignment(node)) return undefined;
  if (ts.isShorthandPropertyAssignment(node)) {
    const name = node.name.text;
    return { start: node.name.getStart(tree), end: node.name.end, expression: name, prefix: `${name}: ` };
  }
  const value = ts.isPropertyAssignment(node) ? node.initializer : node;
  if (!ts.isExpression(value)) return undefined;
  return targetFor(tree, value, path, argument.file);
}

function targetOf(tree: ts.SourceFile, node: ts.Node): WrapTarget {
  const start = node.getStart(tree);
  return { start, end: node.end, expression: tree.text.slice(start, node.end), prefix: '' };
}

function targetFor(tree: ts.SourceFile, value: ts.Expression, path: readonly FlowStep[], file: string): WrapTarget | undefined {
  if (!isComposedText(value)) return targetOf(tree, value);
  const inner = innermostStepInside(path, file, value.getStart(tree), value.end);
  const innerNode = inner && nodeAtRange(tree, inner);
  if (innerNode && ts.isExpression(innerNode) && !isComposedText(innerNode)) return targetOf(tree, innerNode);
  return placeholderMatchingPath(tree, value, path, file);
}

/** A message built from text: a string or template literal, or a concatenation that includes one. */
function isComposedText(node: ts.Node): boolean {
  if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node)) return true;
  if (ts.isParenthesizedExpression(node)) return isComposedText(node.expression);
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken && (isComposedText(node.left) || isComposedText(node.right));
}

function innermostStepInside(path: readonly FlowStep[], file: string, start: number, end: number): SourceRange | undefined {
  let best: SourceRange | undefined;
  for (const step of path) {
    const range = step.range;
    if (range.file !== file || range.length === 0) continue;
    if (range.offset < start || range.offset + range.length > end) continue;
    if (range.offset === start && range.length === end - start) continue;
    if (best === undefined || range.length < best.length) best = range;
  }
  return best;
}

/** For `` `… ${c.idCardNo} …` `` (or `'…' + c.idCardNo`): the one interpolated part whose text matches a step of the flow. */
function placeholderMatchingPath(tree: ts.SourceFile, value: ts.Expression, path: readonly FlowStep[], file: string): WrapTarget | undefined {
  const flowTexts = new Set<string>();
  for (const step of path) {
    if (step.range.file !== file) continue;
    const stepText = tree.text.slice(step.range.offset, step.range.offset + step.range.length).trim();
    if (/^[\w$.?[\]'"]+$/.test(stepText)) flowTexts.add(stepText);
  }
  const lastSegments = new Set([...flowTexts].map((text) => text.split('.').pop() ?? text));
  const matches: ts.Expression[] = [];
  for (const part of interpolatedParts(value)) {
    const expression = part.getText(tree);
    const lastSegment = expression.split('.').pop() ?? expression;
    if (flowTexts.has(expression) || lastSegments.has(lastSegment)) matches.push(part);
  }
  return matches.length === 1 ? targetOf(tree, matches[0]!) : undefined;
}

/** The values interpolated into a message: template placeholders, and the non-text operands of a concatenation. */
function interpolatedParts(node: ts.Expression): ts.Expression[] {
  if (ts.isTemplateExpression(node)) return node.templateSpans.map((span) => span.expression);
  if (ts.isParenthesizedExpression(node)) return interpolatedParts(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return [node.left, node.right].flatMap((side) => (isComposedText(side) ? interpolatedParts(side) : [side]));
  }
  return [];
}
