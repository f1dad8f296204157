/**
 * Stage: dataflow (a consent record named by the call that fetched it).
 * Input: the node of a condition on a field (`consent.grantedAt`, a destructured `revokedAt`).
 * Output: the names of the call the record came from, which say what the record is for: the callee and its receivers
 * (`fetchBiometricConsent`, `consentApi.face.get`) and the text of its string arguments, a URL among them
 * (`/api/drivers/${id}/consents/face`), also through the response a body is read from (`(await fetch(url)).json()`).
 * Invariant: syntax only, a few steps deep (local-origins.ts). These names are added to the field's own only when
 * those match no guard model: the field says which check it is (`revokedAt`, `privacyPolicyAccepted`), the call
 * what it is a check of (issue #17 §5).
 */
import { ts } from 'ts-morph';
import type { Walker } from './host';
import { chainRoot, localOrigin, originCall } from './local-origins';
import { accessChainNames, skipOuter } from './resolve';

/** Names of the call that fetched the record the checked field belongs to; empty when there is none. */
export function recordPurposeNames(interp: Walker, node: ts.Node): string[] {
  const root = ts.isIdentifier(node) ? node : chainRoot(node);
  if (!root) return [];
  const origin = localOrigin(interp, root);
  const call = origin?.from && originCall(origin.from);
  return call ? callNames(interp, call, 0) : [];
}

function callNames(interp: Walker, call: ts.CallExpression, depth: number): string[] {
  const names = accessChainNames(call.expression);
  for (const argument of call.arguments) names.push(...textsOf(interp, argument, 0));
  // `const response = await fetch(url); const consent = await response.json()`: the URL is the request's.
  const callee = skipOuter(call.expression);
  const receiver = ts.isPropertyAccessExpression(callee) ? chainRoot(callee.expression) : undefined;
  if (receiver && depth < 2) {
    const origin = localOrigin(interp, receiver);
    const inner = origin?.from && originCall(origin.from);
    if (inner) names.push(...callNames(interp, inner, depth + 1));
  }
  return names;
}

/** The literal text in an argument: strings, the fixed parts of templates and concatenations, a const URL. */
function textsOf(interp: Walker, argument: ts.Expression, depth: number): string[] {
  const node = skipOuter(argument);
  if (ts.isStringLiteralLike(node)) return [node.text];
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken && depth < 4) {
    return [...textsOf(interp, node.left, depth + 1), ...textsOf(interp, node.right, depth + 1)];
  }
  if (ts.isIdentifier(node) && depth < 2) {
    const from = localOrigin(interp, node)?.from;
    return from ? textsOf(interp, from, depth + 1) : [];
  }
  return [];
}
