/**
 * Every sentence the CLI prints exists in English and in Chinese (issue #20): the two catalogues have the same
 * keys, every Chinese text is Chinese (not the English copied over), and every notice code has its title and its
 * Chinese sentence. A string added in one language only fails here, by name.
 */
import { describe, expect, it } from 'vitest';
import { CLI_TEXT, type CliText } from '../../server/src/i18n/cli-text';
import { NOTICE_TITLES, noticeMessage } from '../../server/src/i18n/notice-text';
import type { NoticeCode } from '../../server/src/engine/findings/finding';

const HAN = /[\u4e00-\u9fff]/;

/** Each entry of a catalogue as text: functions are called with sample arguments. */
function texts(catalogue: CliText): Map<string, string> {
  const entries = new Map<string, string>();
  const add = (key: string, value: unknown): void => {
    if (typeof value === 'string') entries.set(key, value);
    else if (typeof value === 'function' && key !== 'noticeTitle') entries.set(key, String((value as (...args: unknown[]) => unknown)('2', 'src/crm/a.ts', 'x', 'y')));
    else if (value !== null && typeof value === 'object') for (const [inner, innerValue] of Object.entries(value)) add(`${key}.${inner}`, innerValue);
  };
  for (const [key, value] of Object.entries(catalogue)) add(key, value);
  entries.set('incompleteRun(internal)', catalogue.incompleteRun(true));
  entries.set('incompleteRun(config)', catalogue.incompleteRun(false));
  entries.set('internalError(debug)', catalogue.internalError('boom', true, 'https://example.com'));
  entries.set('noticeTitle(config-error)', catalogue.noticeTitle('config-error'));
  return entries;
}

describe('CLI messages in en and zh-CN', () => {
  it('have the same keys in both languages', () => {
    expect([...texts(CLI_TEXT['zh-CN']).keys()].sort()).toEqual([...texts(CLI_TEXT.en).keys()].sort());
  });

  it('are Chinese in zh-CN, every one of them', () => {
    const notChinese = [...texts(CLI_TEXT['zh-CN'])].filter(([, text]) => !HAN.test(text)).map(([key]) => key);
    expect(notChinese).toEqual([]);
  });

  it('are English in en', () => {
    const chinese = [...texts(CLI_TEXT.en)].filter(([, text]) => HAN.test(text)).map(([key]) => key);
    expect(chinese).toEqual([]);
  });

  it('give every notice code a title in both languages and a sentence in Chinese', () => {
    const codes = Object.keys(NOTICE_TITLES.en) as NoticeCode[];
    expect(Object.keys(NOTICE_TITLES['zh-CN']).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      expect(NOTICE_TITLES['zh-CN'][code], code).toMatch(HAN);
      const notice = { level: 'warning' as const, code, message: 'Skipped: 3.1 MiB is larger than maxFileSize (2 MiB).' };
      expect(noticeMessage(notice, 'zh-CN'), code).toMatch(HAN);
      expect(noticeMessage(notice, 'en')).toBe(notice.message);
    }
  });
});
