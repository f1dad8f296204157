/**
 * Every description a finding can show for a source, a sink, a guard, a sanitizer, a look-alike or a redaction
 * has its Chinese in the rule's translations.ts (issue #20): a model added without one fails here, by name.
 */
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index';
import { translateDescription } from '../../server/src/engine/findings/localize-reach';

const MODEL_KINDS = ['sources', 'sinks', 'sanitizers', 'guards', 'notSanitizers', 'redactions'] as const;
const HAN = /[\u4e00-\u9fff]/;

describe('model descriptions in zh-CN', () => {
  for (const rule of allRules) {
    it(`${rule.meta.id}: every model description has a Chinese translation`, () => {
      const models = rule.createModels(rule.defaultOptions as never);
      const table = rule.translations?.['zh-CN'];
      expect(table, 'the rule has a zh-CN translation table').toBeDefined();
      const descriptions = new Set(
        MODEL_KINDS.flatMap((kind) => ((models[kind] ?? []) as readonly { readonly description?: string }[]).map((model) => model.description)),
      );
      descriptions.delete(undefined);
      expect(descriptions.size).toBeGreaterThan(10);
      const missing = [...descriptions].filter((description) => translateDescription(table!, description!) === undefined);
      expect(missing).toEqual([]);
      // A translation is Chinese, not the English copied over (library and API names may stay as they are).
      const untranslated = [...descriptions].filter((description) => !HAN.test(translateDescription(table!, description!) ?? ''));
      expect(untranslated).toEqual([]);
    });
  }
});
