/**
 * Stage: dataflow (sources and guards by name).
 * Input: a value and the name it is bound to, read from or stored under (`idCardNo`, `visitor.faceConsent`), or
 * the names a condition is made of.
 * Output: the value with the rules' name sources (a label) and guard models (a condition) applied; the condition
 * of a flag that defaults to granted (`consent = true`, `x ?? true`) weakened.
 * Invariant: a name makes data only of a value that does not carry that rule's data yet and is not sanitized for
 * it, not a boolean, not a constant written in the code. A check whose value the client sends counts as weak
 * (facts/guard-words.ts), and every strong check is noted with the walker, to name a check that came too late.
 */
import { WEAK_GUARD_REASONS, type WeakGuardReason } from '../reasons';
import { ts } from 'ts-morph';
import { type CompiledRule, matchGuardTokens } from '../facts/compile-models';
import { guardTokens, isClientInput } from '../facts/guard-words';
import { type PersonPath, personWords } from '../facts/person-words';
import { recordPurposeNames } from './consent-records';
import { subjectOfCheck } from './guard-subjects';
import type { Walker } from './host';
import { accessChainNames, skipOuter } from './resolve';
import { addWeakName, makeTaint, mergeTaint, sourceLabel } from './taint';
import { type Cond, type GuardFact, type Value, compact } from './value';

/**
 * Adds a name source label (`idCardNo`, `faceImage`) unless the value already carries that rule's data. A weak name
 * (`snapshot`, `jpeg`) classifies only a value of unknown origin: not one a client sent, not an object built in the
 * code; on a parameter's value it is noted for the callers to decide (`resolveWeakNames`).
 */
export function addNameSource(interp: Walker, value: Value, name: string, node: ts.Node, type?: ts.TypeNode): Value {
  if (type && isNonDataType(type)) return value;
  if (value.cond && !value.taint) return value; // booleans (`faceVerified`) are not the data
  // `{ idCardNo: '' }`, `const DASHCAM_EVENT_STATUSES = ['queued', 'sent']`: constants written in the code are
  // not the data, whatever they are called (an ID literal is a literal source of its own).
  if (isConstant(value)) return value;
  let taint = value.taint;
  for (const rule of interp.host.rules) {
    if (!rule.hasNameSources) continue;
    const match = rule.matchNameSource(name);
    if (!match || value.sanitized?.includes(rule.id)) continue;
    if (taint && [...taint.values()].some((label) => label.rule === rule.id)) continue;
    const description = `${match.description}, name \`${name}\``;
    if (match.weak) {
      if (value.provenance || isStructured(value)) continue;
      if (taint && [...taint.values()].some((label) => label.origin.kind !== 'source')) {
        taint = addWeakName(taint, { rule: rule.id, description, name, node });
        continue;
      }
    }
    taint = mergeTaint(taint, makeTaint([sourceLabel(rule.id, node, description, 'name', { name })]));
  }
  return taint === value.taint ? value : compact({ ...value, taint });
}

export function addNameGuard(interp: Walker, value: Value, names: readonly string[], node: ts.Node): Value {
  // A condition with facts already says what it checks; a bare boolean (`resolve(true)`) says nothing.
  if ((value.cond && (value.cond.whenTrue.length || value.cond.whenFalse.length)) || interp.host.guardRules.length === 0) return value;
  const cond = guardCondFor(interp, names, node);
  return cond ? compact({ ...value, cond }) : value;
}

export function guardCondFor(interp: Walker, names: readonly string[], node: ts.Node): Cond | undefined {
  const tokens = guardTokens(names);
  let facts: GuardFact[] | undefined;
  let withPurpose: Set<string> | undefined;
  let subjectPlaces: readonly PersonPath[] | null | undefined;
  for (const rule of interp.host.guardRules) {
    let guard = matchGuardTokens(rule, tokens);
    if (!guard && isFieldOfRecord(node)) {
      // `const consent = await fetchBiometricConsent(driverId); if (!consent.grantedAt) …`: the field says which
      // check it is, the call that fetched the record what it is a check of.
      withPurpose ??= guardTokens([...names, ...recordPurposeNames(interp, node)]);
      guard = matchGuardTokens(rule, withPurpose);
    }
    if (!guard) continue;
    let weakReason = guard.weakReason;
    if (!weakReason && isClientInput(accessChainNames(node))) weakReason = WEAK_GUARD_REASONS.clientInput;
    subjectPlaces ??= subjectOfCheck(interp, node) ?? null;
    const fact: GuardFact = { rule: rule.id, node, description: guard.description, weakReason, subjects: personWords(names), subjectPlaces: subjectPlaces ?? undefined };
    (facts ??= []).push(fact);
    if (!weakReason) interp.noteSeenGuard(fact);
  }
  return facts ? { whenTrue: facts, whenFalse: [] } : undefined;
}

/** A field read off a record (`consent.grantedAt`), or destructured from one (`const { revokedAt } = …`). */
function isFieldOfRecord(node: ts.Node): boolean {
  return ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || (ts.isIdentifier(node) && ts.isBindingElement(node.parent));
}

/** `consent = true`, `x ?? true`, `x || true`: a flag that defaults to granted does not guard (DOMAIN §4.7). */
export function markDefaultTrue(interp: Walker, initializer: ts.Expression, value: Value): Value {
  const node = skipOuter(initializer);
  const defaultsTrue =
    node.kind === ts.SyntaxKind.TrueKeyword ||
    (ts.isBinaryExpression(node) &&
      (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken) &&
      skipOuter(node.right).kind === ts.SyntaxKind.TrueKeyword);
  if (!defaultsTrue || !value.cond) {
    if (defaultsTrue && interp.host.guardRules.length) return compact({ ...value, cond: weakenCond(value.cond, node, WEAK_GUARD_REASONS.defaultTrue, interp.host.guardRules) });
    return value;
  }
  return compact({ ...value, cond: weakenCond(value.cond, node, WEAK_GUARD_REASONS.defaultTrue, interp.host.guardRules) });
}

function weakenCond(cond: Cond | undefined, node: ts.Node, reason: WeakGuardReason, rules: readonly CompiledRule[]): Cond | undefined {
  if (!cond) {
    return undefined;
  }
  const weaken = (facts: readonly GuardFact[]) => facts.map((fact) => (fact.weakReason ? fact : { ...fact, node, weakReason: reason }));
  void rules;
  return { whenTrue: weaken(cond.whenTrue), whenFalse: weaken(cond.whenFalse) };
}

/** A value written entirely in the code: strings, numbers, and arrays or objects of them. */
function isConstant(value: Value, depth = 0): boolean {
  if (value.taint || value.api?.length || value.fns?.length || value.classes?.length || value.shared?.length || depth > 3) return false;
  if (value.str !== undefined || value.num !== undefined) return true;
  const parts = [...(value.fields?.values() ?? []), ...(value.elem ? [value.elem] : [])];
  return parts.length > 0 && parts.every((part) => isConstant(part, depth + 1));
}

/** An object (or a list of objects) built in the code: its fields say what it holds, not its name. */
export function isStructured(value: Value): boolean {
  return !!value.fields?.size || !!value.elem?.fields?.size;
}

/** A boolean named `idCardVerified` is a flag about the data, not the data. */
function isNonDataType(type: ts.TypeNode): boolean {
  return type.kind === ts.SyntaxKind.BooleanKeyword;
}
