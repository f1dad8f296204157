/**
 * `no-unconsented-biometric-storage`: biometric data must not be stored unless a check of the person's separate
 * consent dominates the write. Detect: the models (biometric names and APIs, stores, consent guards).
 * Describe: say which check was found and why it does not count, or that there was none. Fix: insert the
 * project's consent check (suggestion), or suppress with a reason.
 */
import type { Description, Locale, Reach, RuleModule, WeakGuardReason } from '../../server/src/engine/rule-api';
import { createFixes } from './fixes';
import { type BiometricStorageMessageId, details, messages } from './messages';
import { translations } from './translations';
import { meta } from './meta';
import { createModels } from './models';
import { type BiometricStorageOptions, defaultOptions, optionsSchema } from './options';

/**
 * Every reason the engine can give, with its message and its rank: most telling first (a misplaced real check says
 * more than a privacy-policy flag). Another person's check comes first of all: it is only reported where it held at
 * the write, so the write was checked, for the wrong person. A `Record` over the catalogue, so a new reason does not
 * compile until it has a message here.
 */
const WEAK_REASON_MESSAGES: Readonly<Record<WeakGuardReason, { readonly rank: number; readonly messageId: BiometricStorageMessageId }>> = {
  otherPerson: { rank: 0, messageId: 'consentOfAnotherPerson' },
  notDominating: { rank: 1, messageId: 'consentNotOnEveryPath' },
  defaultTrue: { rank: 2, messageId: 'consentDefaultsToTrue' },
  clientInput: { rank: 3, messageId: 'consentFromClientInput' },
  privacyPolicy: { rank: 4, messageId: 'privacyPolicyOnly' },
  osPermission: { rank: 5, messageId: 'osPermissionOnly' },
  cookieBanner: { rank: 6, messageId: 'cookieBannerOnly' },
};

/**
 * Why the value counts as biometric, in words: the API that produced it as the model says, or the name or field
 * that gave it away: "face image, named `faceSnapshot`", "人脸图像，名称 `faceSnapshot`". The description is already
 * in the locale, so only the frame around the name or field is the rule's own.
 */
export function classification(source: Reach['source'], locale: Locale = 'en'): string {
  const description = source.description;
  if (source.kind === 'name' && source.name) {
    const what = description.replace(locale === 'zh-CN' ? /，名称 `[^`]+`$/ : /, name `[^`]+`$/, '');
    return locale === 'zh-CN' ? `${what}，名称 \`${source.name}\`` : `${what}, named \`${source.name}\``;
  }
  if (source.kind === 'type' && source.field) {
    const what = withoutFieldNote(description, locale);
    const owner = !source.typeName || source.typeName === 'its type' ? undefined : `\`${source.typeName}\``;
    if (locale === 'zh-CN') return `${what}，${owner === undefined ? '其类型' : owner}的字段 \`${source.field}\``;
    return `${what}, field \`${source.field}\` of ${owner ?? 'its type'}`;
  }
  return description;
}

function describe(reach: Reach, _options: BiometricStorageOptions, locale: Locale): Description<BiometricStorageMessageId> {
  const source = classification(reach.source, locale);
  const sink = reach.sink.description;
  let weak: Reach['weakGuards'][number] | undefined;
  for (const guard of reach.weakGuards) {
    if (weak === undefined || WEAK_REASON_MESSAGES[guard.reason].rank < WEAK_REASON_MESSAGES[weak.reason].rank) weak = guard;
  }
  if (weak !== undefined) {
    return { messageId: WEAK_REASON_MESSAGES[weak.reason].messageId, data: { source, sink, check: weak.description, checkLine: String(weak.range.line) } };
  }
  return { messageId: 'unconsentedStorage', data: { source, sink } };
}

export const biometricStorageRule: RuleModule<BiometricStorageMessageId, BiometricStorageOptions> = {
  meta,
  optionsSchema,
  defaultOptions,
  messages,
  details,
  translations,
  createModels,
  requiresGuard: () => true,
  describe,
  fixes: createFixes,
};

/**
 * `… (field `faceData` of Visitor)` without its note. Each start is tested anchored: an unanchored
 * `/ \(field `[^`]+` of .+\)$/` rescans to the end from every position (quadratic, issue #21).
 */
function withoutFieldNote(description: string, locale: Locale): string {
  // In Chinese the note is `（Visitor 的字段 `faceData`）`, as findings/localize-reach.ts writes it.
  const [opening, note] = locale === 'zh-CN' ? ['（', /^（.+ 的字段 `[^`]+`）$/] : [' (field `', /^ \(field `[^`]+` of .+\)$/];
  for (let at = description.indexOf(opening); at !== -1; at = description.indexOf(opening, at + 1)) {
    if (note.test(description.slice(at))) return description.slice(0, at);
  }
  return description;
}

