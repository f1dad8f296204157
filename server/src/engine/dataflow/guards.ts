/**
 * Stage: dataflow (guards and validations at a call).
 * Input: a call, its callee and arguments, the result so far and the caller's state.
 * Output: the result's condition: a consent check named by the call (`consents.has(id, 'face_enrolment')`,
 * `hasFaceConsent(user)`) as the rules' guard models read it, or a validation that says the tested variable holds a
 * rule's data where it passes (`isValidVin(code)`, `RESIDENT_ID.test(value)`, the regular expression read from the
 * code). An assertion called as a statement (`assertFaceConsent(user)`) makes its check hold for what follows.
 * Invariant: a check named for its purpose counts even when its body reads like a weaker one; a regular expression
 * is evidence only if it accepts the rule's example values and rejects ordinary words and numbers.
 */
import { testedPlace } from './places';
import { ts } from 'ts-morph';
import { isAssertionVerb } from '../facts/guard-words';
import { compileLinear, isUnsupported, type LinearRegex } from '../facts/linear-regex';
import { tokenizeName } from '../facts/name-tokens';
import { isValidationVerb, validatedNoun } from '../facts/validation-verbs';
import type { Box, CallNode, Callee, Walker } from './host';
import { guardCondFor } from './name-facts';
import { accessChainNames, isCopyableCheck, literalKey, receiverText, skipOuter } from './resolve';
import { sourceLabel } from './taint';
import { type Cond, type GuardFact, type Value, compact } from './value';

export function syntheticGuard(rule: string, node: ts.Node): GuardFact {
  return { rule, node, description: 'guard held in the callee' };
}

export function applyGuardModels(interp: Walker, node: CallNode, callee: Callee, args: Value[], result: Value, box: Box): Value {
  if (interp.host.guardRules.length === 0) return result;
  const names = accessChainNames(node.expression);
  for (const argument of node.arguments ?? []) {
    if (ts.isStringLiteralLike(argument)) names.push(argument.text);
  }
  args.forEach((arg) => {
    if (arg.str !== undefined && arg.str.length < 64) names.push(arg.str);
  });
  let cond: Cond | undefined = result.cond;
  // A check named for its purpose (`hasCabinVideoUploadConsent()`) counts even when its body reads like a weaker
  // one: the name is the project's statement of what the function checks.
  const hasStrong = (facts: readonly GuardFact[] | undefined, rule: string) => !!facts?.some((fact) => fact.rule === rule && !fact.weakReason && !fact.validates);
  const byName = guardCondFor(interp, names, node);
  if (byName) {
    const added = byName.whenTrue.filter((fact) => !hasStrong(cond?.whenTrue, fact.rule));
    if (added.length) cond = { whenTrue: [...(cond?.whenTrue ?? []).filter((fact) => !added.some((strong) => strong.rule === fact.rule && !strong.weakReason)), ...added], whenFalse: cond?.whenFalse ?? [] };
    // Only a call a fix may copy is remembered for fixes: never a constructor, nor a call made to build what a
    // `throw` throws (`throw new NotFoundException('No face-enrolment consent')` names consent in its message, #18).
    if (isCopyableCheck(node)) {
      for (const fact of byName.whenTrue) {
        if (!fact.weakReason && callee.name) interp.host.noteKnownFunction('guard', fact.rule, callee.name, callee.value.fns?.[0]?.kind === 'function' ? callee.value.fns[0].node : undefined, receiverText(node));
      }
    }
  }
  if (!cond) return result;
  // `assertFaceConsent(user)` as a statement: execution continues only when the check passed.
  const verb = callee.name ? tokenizeName(callee.name)[0] : undefined;
  if (verb && isAssertionVerb(verb) && isStatementLevel(node)) {
    box.state = box.state.withFacts(cond.whenTrue);
  }
  return compact({ ...result, cond });
}

/**
 * `RESIDENT_ID.test(value)`, `isValidVin(code)`, `/^\d{17}[\dX]$/.test(match[1])`: where such a check passes, the
 * tested variable (or that element or field of it) holds an ID, whatever it is called. Either the check's names
 * name the data (a rule's name source) and say that they test it, or the check is a regular expression that
 * accepts the rule's example values and rejects ordinary words and numbers.
 */
export function applyValidations(interp: Walker, node: CallNode, callee: Callee, result: Value): Value {
  const tested = node.arguments?.[0] && testedPlace(node.arguments[0]);
  if (!tested || !callee.name) return result;
  const names = [...(callee.receiverNames ?? []), callee.name];
  const tokens = names.flatMap((name) => tokenizeName(name));
  if (!tokens.some((token) => isValidationVerb(token))) return result;
  const symbol = interp.resolver.symbolAt(tested.root);
  if (!symbol) return result;
  const pattern = callee.name === 'test' && callee.receiverNode ? regexLiteralOf(interp, callee.receiverNode) : undefined;
  const facts: GuardFact[] = [];
  for (const rule of interp.host.rules) {
    let description: string | undefined;
    if (rule.hasNameSources) {
      // `isValidVin` names a check of a VIN: what it tests is the noun left without the verbs.
      const nouns = names.map((name) => validatedNoun(name)).filter(Boolean);
      description = nouns.map((name) => rule.matchName(name)).find((found) => found !== undefined);
    }
    if (!description && pattern && rule.hasLiteralSources) description = rule.matchValidationPattern(pattern);
    if (!description) continue;
    const label = sourceLabel(rule.id, node, `${description} (validated by \`${node.expression.getText().slice(0, 40)}\`)`, 'name');
    facts.push({ rule: rule.id, node, description, validates: { symbol, path: tested.path, label } });
  }
  if (facts.length === 0) return result;
  const cond = result.cond ?? { whenTrue: [], whenFalse: [] };
  return compact({ ...result, cond: { whenTrue: [...cond.whenTrue, ...facts], whenFalse: cond.whenFalse } });
}

/**
 * The regular expression a `.test` receiver is: a literal, or a `const` initialised with one. It is compiled for
 * the linear-time engine, never for JavaScript's (a pattern in the scanned code must not hang the scan, #21).
 */
function regexLiteralOf(interp: Walker, receiver: ts.Expression): LinearRegex | undefined {
  let node = skipOuter(receiver);
  if (ts.isIdentifier(node)) {
    const declaration = interp.resolver.symbolAt(node)?.valueDeclaration;
    const isConst = !!declaration && ts.isVariableDeclaration(declaration) && ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
    if (!isConst || !declaration.initializer) return undefined;
    node = skipOuter(declaration.initializer);
  }
  if (!ts.isRegularExpressionLiteral(node)) return undefined;
  const text = node.text;
  const slash = text.lastIndexOf('/');
  const compiled = compileLinear(text.slice(1, slash), text.slice(slash + 1));
  // A pattern the linear engine cannot run (a backreference, lookahead, bad syntax) is not evidence of anything.
  return isUnsupported(compiled) ? undefined : compiled;
}

function isStatementLevel(node: ts.Node): boolean {
  let current = node.parent;
  while (current && (ts.isAwaitExpression(current) || ts.isParenthesizedExpression(current))) current = current.parent;
  return !!current && ts.isExpressionStatement(current);
}
