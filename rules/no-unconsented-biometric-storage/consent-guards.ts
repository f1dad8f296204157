/**
 * What counts as a check of separate consent in `no-unconsented-biometric-storage` (DOMAIN.md §4.7): a consent word
 * and a biometric word in the check, none of the words that turn it into its opposite, and the weak checks (privacy
 * policy, OS permission, cookie banner) that are recorded so the message can say why they are not enough.
 */
import type { GuardModel } from '../../server/src/engine/rule-api';
import { tokenizeName } from '../shared/names';
import { WEAK_GUARD_REASONS } from '../shared/reasons';
import { BIOMETRIC_WORDS, CONSENT_WORDS, NEGATIVE_CONSENT_WORDS, weakConsentGuards } from '../shared/vocabulary';
import type { BiometricStorageOptions } from './options';

/**
 * What the message calls each kind of weak check; the shared models describe them for model authors, with
 * examples that would read like code in a message.
 */
const WEAK_GUARD_DESCRIPTIONS: Readonly<Record<string, string>> = {
  [WEAK_GUARD_REASONS.privacyPolicy]: 'a general privacy-policy or terms flag',
  [WEAK_GUARD_REASONS.osPermission]: 'an OS or browser permission (camera access or a biometric unlock prompt)',
  [WEAK_GUARD_REASONS.cookieBanner]: 'a cookie-banner consent',
};

/** Separate, biometric-specific, affirmative consent (DOMAIN.md §4.7), plus the configured checks. */
export function guards(options: BiometricStorageOptions): GuardModel[] {
  const list: GuardModel[] = [
    {
      allOf: [CONSENT_WORDS, BIOMETRIC_WORDS],
      noneOf: NEGATIVE_CONSENT_WORDS,
      description: 'the biometric consent check',
    },
    {
      allOf: [['release', 'written'], BIOMETRIC_WORDS],
      noneOf: NEGATIVE_CONSENT_WORDS,
      description: 'the written biometric release check (BIPA 15(b))',
    },
    ...weakConsentGuards(BIOMETRIC_WORDS).map((guard) => ({
      ...guard,
      description: (guard.weakReason && WEAK_GUARD_DESCRIPTIONS[guard.weakReason]) ?? guard.description,
    })),
    // The Permissions API (`(await navigator.permissions.query({ name: 'camera' })).state === 'granted'`): the
    // camera word sits in the query's options, so the state test is recognised by itself.
    {
      allOf: [['permission', 'permissions'], ['state', 'status', 'granted']],
      noneOf: [...CONSENT_WORDS, ...BIOMETRIC_WORDS],
      weakReason: WEAK_GUARD_REASONS.osPermission,
      description: WEAK_GUARD_DESCRIPTIONS[WEAK_GUARD_REASONS.osPermission]!,
    },
  ];
  for (const name of [...options.consentFunctions, ...options.consentFields]) {
    const tokens = tokenizeName(name);
    if (tokens.length > 0) {
      list.push({
        allOf: tokens.map((token) => [token]),
        noneOf: NEGATIVE_CONSENT_WORDS.filter((word) => !tokens.includes(word)),
        description: `the configured consent check \`${name}\``,
      });
    }
  }
  return list;
}
