/**
 * The explicit rule registry. The shells pass `allRules` to the engine; the engine never imports `rules/`.
 * Adding a rule: create `rules/<rule-id>/`, export its definition here, and list it in `allRules`.
 */
import type { AnyRule } from '../server/src/engine/rule-api';
import { biometricStorageRule } from './no-unconsented-biometric-storage/rule';
import { idNumberLoggingRule } from './no-id-number-logging/rule';
import { cameraEgressRule } from './no-unanonymized-camera-egress/rule';

export { biometricStorageRule, idNumberLoggingRule, cameraEgressRule };

export const allRules: readonly AnyRule[] = [biometricStorageRule, idNumberLoggingRule, cameraEgressRule];

const RULES_BY_ID: ReadonlyMap<string, AnyRule> = new Map(allRules.map((rule) => [rule.meta.id, rule]));

export function ruleById(id: string): AnyRule | undefined {
  return RULES_BY_ID.get(id);
}
