/** Small helper so every rule declares bilingual texts in one shape. */
import type { LocalizedText } from '../../server/src/engine/rule-api';

export function text(en: string, zh: string): LocalizedText {
  return { en, 'zh-CN': zh };
}
