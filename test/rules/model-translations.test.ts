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

describe('messages and details in both languages', () => {
  for (const rule of allRules) {
    it(`${rule.meta.id}: English cites the laws in English, Chinese is Chinese, and both have every message id`, () => {
      const messageIds = Object.keys(rule.messages).sort();
      expect(Object.keys(rule.details ?? {}).sort()).toEqual(messageIds);
      const texts = [
        ...Object.entries(rule.messages).map(([id, text]) => [`messages.${id}`, text] as const),
        ...Object.entries(rule.details ?? {}).map(([id, text]) => [`details.${id}`, text] as const),
        ['meta.description', rule.meta.description] as const,
        ['meta.legalBasis', rule.meta.legalBasis] as const,
      ];
      for (const [key, text] of texts) {
        expect(text.en, `${key} (en)`).not.toMatch(HAN);
        expect(text['zh-CN'], `${key} (zh-CN)`).toMatch(HAN);
      }
    });
  }
});
