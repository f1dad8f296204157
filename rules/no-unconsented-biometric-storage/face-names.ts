/**
 * Name sources of `no-unconsented-biometric-storage` (DOMAIN.md §3): names of face images, face templates and
 * vectors, fingerprints, voiceprints, iris and palm data, in English and pinyin, and the false friends that contain
 * such a word without holding such data.
 */
import type { SourceModel } from '../../server/src/engine/rule-api';
import { withPlurals } from '../shared/names';

/**
 * Name terms, one model per kind of biometric so that the message can say what the value was taken for
 * ("face image, recognised by its name `faceSnapshot`"). Bare `embedding`, `descriptor`, `template`,
 * `fingerprint`, `iris` and `palm` are not terms: they are biometric only next to a face or biometric word
 * (DOMAIN.md §3), which the sequences below require. Pinyin abbreviations follow GB/T naming habits
 * (`rlzp` 人脸照片, `rltz` 人脸特征, `zwmb` 指纹模板).
 */
const NAME_MODELS: readonly { readonly description: string; readonly terms: readonly string[]; readonly suffixTerms?: readonly string[] }[] = [
  {
    description: 'face image',
    terms: [
      ...withPlurals([
        'face image',
        'face photo',
        'face pic',
        'face picture',
        'face img',
        'face crop',
        'face snapshot',
        'face capture',
        'face thumbnail',
        'face jpeg',
        'face jpg',
        'face png',
        'face blob',
        'face buffer',
        'face frame',
        'facial image',
        'facial photo',
        'crop face',
        'cropped face',
        // A person's photo taken to identify them: a selfie for KYC, a headshot, a liveness still, the chip photo
        // of a resident ID card (`zp`, 照片, as card readers return it).
        'selfie',
        'headshot',
        'head shot',
        'portrait',
        'live photo',
        'liveness photo',
        'liveness image',
        'chip photo',
      ]),
      'zp',
      'face base', // faceBase64
      'face b', // faceB64
      'rlzp',
      'rltp',
      'rlsbzp',
      'rlzhaopian',
    ],
    suffixTerms: ['rlsbzp'],
  },
  {
    description: 'face template or feature vector',
    terms: [
      ...withPlurals([
        'face feature',
        'face vector',
        'face embedding',
        'face descriptor',
        'face template',
        'face token',
        'face encoding',
        'face signature',
        'face geometry',
        'face landmark',
        'face keypoint',
        'face mesh',
        'face record',
        'facial feature',
        'facial template',
        'facial geometry',
        'facial landmark',
        'faceprint',
        'face print',
      ]),
      'face matches',
      'face id',
      'face ids',
      'persisted face id',
      'rltz',
      'rltzz',
      'rltzm',
    ],
    suffixTerms: ['rltzz'],
  },
  {
    description: 'face data',
    terms: [...withPlurals(['face detail', 'face list']), 'face data', 'face info', 'renlian', 'rlsj', 'rlxx'],
    suffixTerms: ['renlian'],
  },
  {
    description: 'fingerprint template',
    terms: [
      ...withPlurals([
        'fingerprint template',
        'fingerprint image',
        'fingerprint feature',
        'fingerprint minutia',
        'fingerprint scan',
        'finger print template',
        'finger template',
      ]),
      'fingerprint data',
      'minutiae',
      'zw',
      'zhiwen',
      'zwmb',
      'zwtz',
      'zwsj',
    ],
    suffixTerms: ['zhiwen'],
  },
  {
    description: 'voiceprint',
    terms: [
      ...withPlurals(['voiceprint', 'voice print', 'voice embedding', 'voice template', 'speaker embedding', 'speaker template', 'speaker vector']),
      'shengwen',
      'swtz',
    ],
    suffixTerms: ['shengwen'],
  },
  {
    description: 'iris code or image',
    terms: [...withPlurals(['iris code', 'iris template', 'iris image', 'iris scan']), 'iris data', 'hongmo'],
    suffixTerms: ['hongmo'],
  },
  {
    description: 'palm print or palm vein template',
    terms: [...withPlurals(['palmprint', 'palm print', 'palm vein', 'palm vein template', 'palm image', 'palm template']), 'zhangwen', 'zhangjingmai'],
    suffixTerms: ['zhangwen', 'zhangjingmai'],
  },
  {
    description: 'biometric template or sample',
    terms: [...withPlurals(['biometric template', 'biometric sample', 'biometric feature']), 'biometric data', 'biometrics data'],
  },
];

/** False friends (DOMAIN.md §3) and names that hold something about the data rather than the data. */
const BIOMETRIC_NAME_EXCLUDES: readonly string[] = [
  'type face',
  'font face',
  'inter face',
  'user interface',
  'sur face',
  'face time',
  'face book',
  'clock face',
  'watch face',
  'face value',
  'browser fingerprint',
  'device fingerprint',
  'visitor fingerprint',
  'tls fingerprint',
  'cert fingerprint',
  'certificate fingerprint',
  'key fingerprint',
  'ssh fingerprint',
  'content fingerprint',
  'face id enabled',
  'face id available',
  'face id supported',
  'face id auth',
  'face id login',
  'face id unlock',
  'use face id',
  'face id type',
  'supports face id',
  'supported',
  'available',
  'allowed',
  'required',
  'consent',
  'consents',
  'consented',
  'agreed',
  'count',
  'width',
  'height',
  'size',
  'length',
  'score',
  'confidence',
  'similarity',
  'threshold',
  'distance',
  'enabled',
  'format',
  'mime',
  'quality',
  'detected',
  'time',
  'timestamp',
  'date',
  'at',
  'status',
  'state',
  'mode',
  'error',
  'message',
  'is',
  'has',
  'should',
  'can',
  // Screen orientation, not a person (`portraitMode`, `isPortrait`).
  'mode',
  'orientation',
  'lock',
  'layout',
];

export function nameSources(): SourceModel[] {
  return NAME_MODELS.map((model) => ({
    kind: 'name' as const,
    terms: model.terms,
    suffixTerms: model.suffixTerms,
    exclude: BIOMETRIC_NAME_EXCLUDES,
    description: model.description,
  }));
}
