/**
 * Stage: dataflow (weak names across calls).
 * Input: what a caller passes for a parameter, and the weak names (`NameSourceModel.weak`: `jpeg`, `snapshot`)
 * the callee gave that parameter's value.
 * Output: the caller's value with those rules' data where the name decides it; the weak names passed on to the
 * caller's own parameters otherwise.
 * Invariant: a weak name never classifies a value that already carries the rule's data, is sanitized for it, was
 * sent by a client, or is an object built in the code: callers that pass an anonymised frame, or an uploaded file,
 * are not reported for the callee's parameter name.
 */
import { type WeakName, addWeakName, makeTaint, mergeTaint, sourceLabel } from './taint';
import { type Value, compact, deepTaint } from './value';

/**
 * What a caller passes for a parameter given weak names in the callee: that rule's data, from the name, when its
 * origin is unknown (no data of the rule yet, not sanitized for it, not sent by a client, not an object built in the
 * code); the caller's own parameters take the weak names on to its callers.
 */
export function resolveWeakNames(actual: Value, weakNames: readonly WeakName[] | undefined): Value {
  if (!weakNames?.length) return actual;
  let taint = actual.taint;
  for (const weak of weakNames) {
    if (weak.fromType) {
      if (taint && [...taint.values()].some((label) => label.origin.kind !== 'source')) taint = addWeakName(taint, weak);
      continue;
    }
    if (actual.sanitized?.includes(weak.rule) || actual.provenance || actual.fields?.size || actual.elem?.fields?.size) continue;
    const labels = [...(deepTaint(actual)?.values() ?? [])];
    if (labels.some((label) => label.rule === weak.rule)) continue;
    if (taint && [...taint.values()].some((label) => label.origin.kind !== 'source')) {
      taint = addWeakName(taint, weak);
      continue;
    }
    taint = mergeTaint(taint, makeTaint([sourceLabel(weak.rule, weak.node, weak.description, 'name', { name: weak.name })]));
  }
  return taint === actual.taint ? actual : compact({ ...actual, taint });
}

/** A condition on a name that says consent (`faceConsent`, `biometricConsentAt`) guards what follows. */
