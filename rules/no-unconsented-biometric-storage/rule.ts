/**
 * `no-unconsented-biometric-storage`: biometric data must not be stored unless a check of the person's separate
 * consent dominates the write. Detect: the models (biometric names and APIs, stores, consent guards).
 * Describe: say which check was found and why it does not count, or that there was none. Fix: insert the
 * project's consent check (suggestion), or suppress with a reason.
 */
import type { Description, Reach, RuleModule, WeakGuardReason } from '../../server/src/engine/rule-api';
import { createFixes } from './fixes';
import { type BiometricStorageMessageId, messages } from './messages';
import { meta } from './meta';
import { createModels } from './models';
import { type BiometricStorageOptions, defaultOptions, optionsSchema } from './options';

/**
 * Every reason the engine can give, with its message and its rank: most telling first (a misplaced real check says
 * more than a privacy-policy flag). A `Record` over the catalogue, so a new reason does not compile until it has
 * a message here.
 */
const WEAK_REASON_MESSAGES: Readonly<Record<WeakGuardReason, { readonly rank: number; readonly messageId: BiometricStorageMessageId }>> = {
  notDominating: { rank: 0, messageId: 'consentNotOnEveryPath' },
  otherPerson: { rank: 1, messageId: 'consentOfAnotherPerson' },
  defaultTrue: { rank: 2, messageId: 'consentDefaultsToTrue' },
  clientInput: { rank: 3, messageId: 'consentFromClientInput' },
  privacyPolicy: { rank: 4, messageId: 'privacyPolicyOnly' },
  osPermission: { rank: 5, messageId: 'osPermissionOnly' },
  cookieBanner: { rank: 6, messageId: 'cookieBannerOnly' },
};

/**
 * Why the value counts as biometric, in words: the API that produced it as the model says, or the name or field
 * that gave it away: "face image, recognised by its name `faceSnapshot`".
 */
export function classification(source: Reach['source']): string {
  const description = source.description;
  if (source.kind === 'name' && source.name) {
    const what = description.replace(/, name `[^`]+`$/, '');
    return `${what}, recognised by its name \`${source.name}\``;
  }
  if (source.kind === 'type' && source.field) {
    const what = withoutFieldNote(description);
    const owner = !source.typeName || source.typeName === 'its type' ? 'its type' : `\`${source.typeName}\``;
    return `${what}, recognised by the field \`${source.field}\` of ${owner}`;
  }
  return description;
}

function describe(reach: Reach): Description<BiometricStorageMessageId> {
  const source = classification(reach.source);
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
  createModels,
  requiresGuard: () => true,
  describe,
  fixes: createFixes,
};

/**
 * `… (field `faceData` of Visitor)` without its note. Each start is tested anchored: an unanchored
 * `/ \(field `[^`]+` of .+\)$/` rescans to the end from every position (quadratic, issue #21).
 */
function withoutFieldNote(description: string): string {
  for (let at = description.indexOf(' (field `'); at !== -1; at = description.indexOf(' (field `', at + 1)) {
    if (/^ \(field `[^`]+` of .+\)$/.test(description.slice(at))) return description.slice(0, at);
  }
  return description;
}

