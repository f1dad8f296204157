/**
 * Every message id is reachable and every reason is explained (issue #18). The engine can give only the reasons of
 * its catalogue (server/src/engine/reasons.ts); for each rule, the reaches the engine can produce (no check, each
 * weak-check reason, each look-alike reason, a field of a logged object, a literal, with the rule's options on and
 * off) are described, and together they must use every message the rule has, each with all its placeholders
 * filled. The scans that produce each message id are in the rules' own tests.
 */
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index';
import { NOT_SANITIZER_REASON_LIST, WEAK_GUARD_REASON_LIST } from '../../server/src/engine/reasons';
import { LOCALES, type AnyRule, type Reach, type SourceRange, formatMessage } from '../../server/src/engine/rule-api';

const RANGE: SourceRange = { file: '/project/src/crm/customer.service.ts', line: 12, column: 5, endLine: 12, endColumn: 20, offset: 200, length: 15 };

function reach(ruleId: string, overrides: Partial<Reach> = {}): Reach {
  return {
    ruleId,
    sink: { range: RANGE, callRange: RANGE, argumentRange: RANGE, description: 'Winston logger' },
    source: { range: RANGE, description: 'ID-document number, name `idCardNo`', kind: 'name', name: 'idCardNo' },
    path: [],
    weakGuards: [],
    notSanitizers: [],
    ...overrides,
  };
}

/** The shapes of reach the engine produces, over the whole catalogue. */
function reachesFor(ruleId: string): Reach[] {
  const out: Reach[] = [reach(ruleId), reach(ruleId, { fieldPath: 'customer.idCardNo' }), reach(ruleId, { source: { range: RANGE, description: 'resident ID number', kind: 'literal' } })];
  for (const reason of WEAK_GUARD_REASON_LIST) out.push(reach(ruleId, { weakGuards: [{ reason, description: '`customer.agreedPrivacy`', range: RANGE }] }));
  for (const reason of NOT_SANITIZER_REASON_LIST) out.push(reach(ruleId, { notSanitizers: [{ reason, description: 'sha256', range: RANGE }] }));
  return out;
}

/** The rule's default options, and each boolean option switched. */
function optionSets(rule: AnyRule): Record<string, unknown>[] {
  const defaults = rule.defaultOptions as Record<string, unknown>;
  const sets = [defaults];
  for (const [key, value] of Object.entries(defaults)) if (typeof value === 'boolean') sets.push({ ...defaults, [key]: !value });
  return sets;
}

describe('message ids and reasons (#18)', () => {
  for (const rule of allRules) {
    it(`${rule.meta.id}: every message is reachable from the engine's reasons, with every placeholder filled`, () => {
      const used = new Set<string>();
      for (const options of optionSets(rule)) {
        for (const candidate of reachesFor(rule.meta.id)) {
          const description = rule.describe(candidate, options);
          used.add(description.messageId);
          const template = rule.messages[description.messageId];
          expect(template, `${description.messageId} has a template`).toBeDefined();
          for (const locale of LOCALES) expect(formatMessage(template![locale], description.data)).not.toMatch(/\{\{\s*\w+\s*\}\}/);
        }
      }
      expect([...used].sort()).toEqual(Object.keys(rule.messages).sort());
    });
  }
});
