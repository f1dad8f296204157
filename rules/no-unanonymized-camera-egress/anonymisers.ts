/**
 * What protects camera data in `no-unanonymized-camera-egress` (DOMAIN.md §4.6): anonymisers (blurring, pixelating,
 * masking every face and plate on the device), consent where the project films only consenting users
 * (`allowWithConsent`), and the steps frames take through canvases, encoders and image libraries.
 */
import type { GuardModel, SanitizerModel, StepModel } from '../../server/src/engine/rule-api';
import { commonSteps } from '../shared/common-steps';
import { toAlternation, withNodePrefix } from '../shared/names';
import { CAMERA_WORDS, CONSENT_WORDS, NEGATIVE_CONSENT_WORDS, weakConsentGuards } from '../shared/vocabulary';
import { OPENCV_MODULES } from './camera-sources';
import type { CameraEgressOptions } from './options';

export function sanitizers(options: CameraEgressOptions): SanitizerModel[] {
  const list: SanitizerModel[] = [
    {
      terms: [
        'blur',
        'blurred',
        'pixelate',
        'pixelated',
        'pixelize',
        'mosaic',
        'anonymize',
        'anonymise',
        'anonymized',
        'anonymised',
        'anonymization',
        'redact',
        'redacted',
        'deidentify',
        'desensitize',
        'desensitise',
        'tuomin',
        'mohu',
        'masaike',
        'dama',
        'lunkuohua',
      ],
      argument: 0,
      description: 'face and plate anonymiser',
    },
    { module: 'sharp', path: '().blur', argument: 'receiver', description: 'blurred image (sharp)' },
    // A digest identifies the bytes without holding a single pixel (evidence chains, de-duplication).
    ...withNodePrefix('crypto').map((module): SanitizerModel => ({
      module,
      path: 'createHash().update().digest',
      argument: 'receiver',
      description: 'digest of the frame (no pixels)',
    })),
  ];
  const configured = toAlternation(options.anonymizers);
  if (configured !== undefined) {
    list.push(
      { methods: configured, argument: 0, description: 'configured anonymiser' },
      { receiverName: '.*', methods: configured, argument: 0, description: 'configured anonymiser method' },
    );
  }
  return list;
}

export function guards(options: CameraEgressOptions): GuardModel[] {
  if (!options.allowWithConsent) return [];
  return [
    {
      allOf: [CONSENT_WORDS, CAMERA_WORDS],
      noneOf: NEGATIVE_CONSENT_WORDS,
      description: 'separate consent to sending camera data',
    },
    ...weakConsentGuards(CAMERA_WORDS),
  ];
}

export function steps(): StepModel[] {
  const list = commonSteps();
  list.push(
    // Canvas: drawing a frame taints the context; exporting the context or canvas carries it on.
    { receiverName: '.*', methods: 'drawImage', from: { argument: 0 }, to: 'receiver' },
    { receiverName: '.*', methods: 'getImageData|toDataURL|convertToBlob|transferToImageBitmap|captureStream', from: 'receiver', to: 'result' },
    { global: 'createImageBitmap', path: '', from: { argument: 0 }, to: 'result' },
    { global: 'MediaRecorder', path: '', from: { argument: 0 }, to: 'result' },
    { global: 'VideoFrame', path: '', from: { argument: 0 }, to: 'result' },
    { global: 'MediaStreamTrackProcessor', path: '', from: { argument: 0 }, to: 'result' },
    // WebCodecs: `frame.copyTo(buffer)` writes the pixels into its argument.
    { receiverName: '.*', methods: 'copyTo', from: 'receiver', to: { argument: 0 } },
    { global: 'ImageCapture', path: '', from: { argument: 0 }, to: 'result' },
    { module: 'fluent-ffmpeg', path: '', from: { argument: 0 }, to: 'result' },
    { module: 'sharp', path: '', from: { argument: 0 }, to: 'result' },
    { module: 'jimp', path: 'read|Jimp.read', from: { argument: 0 }, to: 'result' },
    // Alibaba's request classes are named like anonymisers (`BlurFaceAdvanceRequest`) but carry the raw image to the
    // cloud; this step puts back the data the name-based anonymiser model removed.
    { module: '@alicloud/facebody20191230', path: 'BlurFaceRequest|BlurFaceAdvanceRequest', from: { argument: 0 }, to: 'result' },
  );
  for (const cv of OPENCV_MODULES) {
    list.push(
      { module: cv, path: 'imencode|imencodeAsync', from: { argument: 1 }, to: 'result' },
      { module: cv, path: 'Mat', from: { argument: 0 }, to: 'result' },
    );
  }
  return list;
}
