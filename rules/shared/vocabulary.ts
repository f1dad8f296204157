/**
 * Word lists and guard models shared by the rules (DOMAIN.md §3 and §4.7). Guard words are name tokens; pinyin
 * forms are the ones Chinese codebases use (`tongyi` 同意, `shouquan` 授权, `renlian` 人脸).
 */
import type { GuardModel } from '../../server/src/engine/rule-api';
import { WEAK_GUARD_REASONS } from './reasons';

/** Affirmative consent. `authorize`/`approved` are left out: `faceAuthorized` usually means a face login passed. */
export const CONSENT_WORDS: readonly string[] = [
  'consent',
  'consents',
  'consented',
  'agree',
  'agreed',
  'agrees',
  'accepted',
  'optin',
  'opted',
  'opt',
  'tongyi',
  'shouquan',
];

/**
 * Tokens that turn a consent check into its opposite or into something that is not a person's affirmative
 * choice (SPC 法释〔2021〕15号 4; Shanghai guideline art. 3: no pre-ticked consent). Meant per leaf condition:
 * in `biometricConsentAt && !biometricConsentRevokedAt` only the second leaf is spoilt, the first still counts.
 */
export const NEGATIVE_CONSENT_WORDS: readonly string[] = [
  'revoked',
  'revoke',
  'revocation',
  'withdrawn',
  'withdraw',
  'withdrawal',
  'declined',
  'decline',
  'denied',
  'deny',
  'refused',
  'refuse',
  'rejected',
  'reject',
  'expired',
  'pending',
  'requested',
  'out',
  'default',
  'defaults',
  'prechecked',
  'preselected',
  'bundled',
  'chehui',
  'chexiao',
  'jujue',
];

export const BIOMETRIC_WORDS: readonly string[] = [
  'face',
  'faces',
  'facial',
  'biometric',
  'biometrics',
  'fingerprint',
  'fingerprints',
  'voiceprint',
  'iris',
  'palm',
  'palmprint',
  // Every modality's own word: a voice-enrolment or finger-scan consent is biometric consent too.
  'voice',
  'speaker',
  'finger',
  'vein',
  'renlian',
  'renlianshibie',
  'shengwu',
  'shengwushibie',
  'zhiwen',
  'shengwen',
  'hongmo',
  'zhangwen',
];

export const CAMERA_WORDS: readonly string[] = [
  'camera',
  'cameras',
  'video',
  'videos',
  'footage',
  'recording',
  'dashcam',
  'dvr',
  'cabin',
  'image',
  'images',
  'photo',
  'photos',
  'snapshot',
  'frame',
  'frames',
  'face',
  'faces',
  'shexiang',
  'shexiangtou',
  'shipin',
  'luxiang',
];

/** Weak guards: recorded on the path so the message can say why they are not enough; they never protect. */
export function weakConsentGuards(specificWords: readonly string[]): GuardModel[] {
  return [
    {
      allOf: [['privacy', 'yinsi', 'policy', 'zhengce', 'xieyi', 'terms', 'tos', 'eula']],
      noneOf: specificWords,
      weakReason: WEAK_GUARD_REASONS.privacyPolicy,
      description: 'general privacy-policy or terms acceptance (agreedPrivacy, wx.getPrivacySetting)',
    },
    {
      allOf: [
        ['permission', 'permissions', 'authorize', 'authorized', 'authorization', 'granted', 'scope'],
        ['camera', 'video', 'media', 'microphone', 'photos', 'album', 'record'],
      ],
      weakReason: WEAK_GUARD_REASONS.osPermission,
      description: 'OS or browser camera permission (navigator.permissions, wx.authorize, PermissionsAndroid)',
    },
    {
      allOf: [['local'], ['authentication', 'authenticate']],
      weakReason: WEAK_GUARD_REASONS.osPermission,
      description: 'OS biometric prompt (expo-local-authentication): unlocks a key, is not consent to store data',
    },
    {
      allOf: [['simple'], ['prompt']],
      weakReason: WEAK_GUARD_REASONS.osPermission,
      description: 'OS biometric prompt (react-native-biometrics simplePrompt)',
    },
    {
      allOf: [
        [
          'onetrust',
          'optanon',
          'cookiebot',
          'didomi',
          'tcfapi',
          'tcf',
          'usercentrics',
          'cmp',
          'cookie',
          'cookies',
          'klaro',
          'osano',
          'iubenda',
        ],
      ],
      noneOf: specificWords,
      weakReason: WEAK_GUARD_REASONS.cookieBanner,
      description: 'cookie consent banner (CMP) that names no biometric or camera purpose',
    },
  ];
}
