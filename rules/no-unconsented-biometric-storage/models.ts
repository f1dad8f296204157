/**
 * Models of `no-unconsented-biometric-storage` (DOMAIN.md §3, §4.1, §4.3, §4.7): what biometric data is (names
 * and face/fingerprint APIs), where it comes to rest (databases, files, object storage, face-enrolment APIs that
 * keep face vectors), and what counts as separate consent before the write. Each part lives in its own module; this
 * one puts them together.
 */
import type { RuleModels } from '../../server/src/engine/rule-api';
import { clientStorageSinks, cloudStorageSinks, databaseSinks, fileSystemSinks } from '../shared/persistence-sinks';
import { guards } from './consent-guards';
import { enrolmentSinks } from './enrolment-sinks';
import { apiSources, sanitizers, steps } from './face-apis';
import { nameSources } from './face-names';
import type { BiometricStorageOptions } from './options';

export function createModels(options: BiometricStorageOptions): RuleModels {
  return {
    sources: [...nameSources(), ...apiSources()],
    sinks: [...databaseSinks(), ...fileSystemSinks(), ...cloudStorageSinks(), ...clientStorageSinks(), ...enrolmentSinks()],
    sanitizers: sanitizers(),
    guards: guards(options),
    steps: steps(),
    barrierProperties: [
      'length',
      'byteLength',
      'size',
      'width',
      'height',
      'score',
      'similarity',
      'Similarity',
      'confidence',
      'Confidence',
      'distance',
      'count',
      'timestamp',
      'createdAt',
      'updatedAt',
      'box',
      'boundingBox',
      'BoundingBox',
      'age',
      'gender',
      'genderProbability',
      'expressions',
      'label',
      'Quality',
      'qualityScore',
      // Who matched, not what they look like (Rekognition SearchFaces*, SearchUsers*, Baidu search).
      'ExternalImageId',
      'UserId',
      'user_id',
      'group_id',
      'SearchedFaceConfidence',
    ],
  };
}
