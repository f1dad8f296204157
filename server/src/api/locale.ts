/**
 * The `auto` locale: which of piilint's languages a person asked for without naming one. In the CLI (and the Node
 * API) that is the POSIX locale of the process (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, as gettext reads them);
 * in the editor, VS Code's display language, which the extension passes to the server (`zh-cn` there).
 * Simplified Chinese (`zh_CN`, `zh_SG`, `zh-Hans`, a bare `zh`) gives `zh-CN`; anything else gives English, since
 * piilint has no Traditional Chinese messages.
 */
import type { Locale } from '../engine/rule-api';

export type LocaleSetting = Locale | 'auto';

/** The locale a language tag or POSIX locale names (`zh_CN.UTF-8`, `zh-cn`, `zh-Hans-CN`, `en_US`), else `en`. */
export function localeFromTag(tag: string | undefined): Locale {
  if (!tag) return 'en';
  // `zh_CN.UTF-8@pinyin` → `zh-cn`: the charset and the modifier do not matter (split, not a regex to the end: #21).
  const normalised = tag.trim().toLowerCase().replace(/_/g, '-').split(/[.@]/)[0]!;
  if (normalised === 'zh' || /^zh-(cn|sg|hans)(-|$)/.test(normalised)) return 'zh-CN';
  return 'en';
}

/** The locale of a process environment, as gettext picks it: the first of LC_ALL, LC_MESSAGES, LANG that is set. */
export function localeFromEnvironment(env: Readonly<Record<string, string | undefined>>): Locale {
  const tag = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return localeFromTag(tag);
}
