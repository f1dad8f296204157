/**
 * Models of `no-unconsented-biometric-storage` (DOMAIN.md §3, §4.1, §4.3, §4.7): what biometric data is (names
 * and face/fingerprint APIs), where it comes to rest (databases, files, object storage, face-enrolment APIs that
 * keep face vectors), and what counts as separate consent before the write.
 */
import type {
  GuardModel,
  RuleModels,
  SanitizerModel,
  SinkModel,
  SourceModel,
  StepModel,
} from '../../server/src/engine/rule-api';
import { commonSteps } from '../shared/common-steps';
import { tokenizeName, withPlurals } from '../shared/names';
import { clientStorageSinks, cloudStorageSinks, databaseSinks, fileSystemSinks } from '../shared/persistence-sinks';
import { BIOMETRIC_WORDS, CONSENT_WORDS, NEGATIVE_CONSENT_WORDS, weakConsentGuards } from '../shared/vocabulary';
import type { BiometricStorageOptions } from './options';

const FACE_API_MODULES = ['face-api.js', '@vladmandic/face-api'] as const;

/**
 * Name terms. Bare `embedding`, `descriptor`, `template`, `fingerprint`, `iris` and `palm` are not terms: they
 * are biometric only next to a face or biometric word (DOMAIN.md §3), which the sequences below require.
 */
const BIOMETRIC_NAME_TERMS: readonly string[] = [
  ...withPlurals([
    'face image',
    'face photo',
    'face pic',
    'face picture',
    'face img',
    'face data',
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
    'face mesh',
    'face crop',
    'face snapshot',
    'face capture',
    'facial feature',
    'facial template',
    'facial image',
    'facial geometry',
    'faceprint',
    'face print',
    'fingerprint template',
    'fingerprint image',
    'fingerprint data',
    'fingerprint feature',
    'fingerprint minutia',
    'finger print template',
    'minutiae',
    'voiceprint',
    'voice print',
    'voice embedding',
    'voice template',
    'speaker embedding',
    'speaker template',
    'iris code',
    'iris template',
    'iris image',
    'palmprint',
    'palm print',
    'palm vein',
    'palm vein template',
    'biometric template',
    'biometric data',
    'biometric sample',
    'biometric feature',
  ]),
  'face base',
  'face base64',
  'face b64',
  'face id',
  'persisted face id',
  'face records',
  'face matches',
  'zw',
  'zhiwen',
  'zwmb',
  'zwtz',
  'shengwen',
  'hongmo',
  'zhangwen',
  'zhangjingmai',
  'renlian',
  'rlzp',
  'rltz',
  'rltp',
  'rlsj',
  'rltzz',
  'rlsbzp',
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
  'is',
  'has',
  'should',
  'can',
];

function nameSources(): SourceModel[] {
  return [
    {
      kind: 'name',
      terms: BIOMETRIC_NAME_TERMS,
      suffixTerms: ['zhiwen', 'renlian', 'rlsbzp', 'rltzz', 'shengwen', 'hongmo', 'zhangwen'],
      exclude: BIOMETRIC_NAME_EXCLUDES,
      description: 'biometric data (by name)',
    },
  ];
}

function apiSources(): SourceModel[] {
  const sources: SourceModel[] = [];
  for (const faceApi of FACE_API_MODULES) {
    sources.push(
      {
        kind: 'api',
        module: faceApi,
        path: 'detectSingleFace|detectAllFaces().withFaceLandmarks',
        description: `face landmarks (face geometry) from ${faceApi}`,
      },
      {
        kind: 'api',
        module: faceApi,
        path: 'detectSingleFace|detectAllFaces().withFaceLandmarks().withFaceDescriptor|withFaceDescriptors',
        description: `face descriptor from ${faceApi}`,
      },
      {
        kind: 'api',
        module: faceApi,
        path: 'detectSingleFace|detectAllFaces().withFaceLandmarks().*().withFaceDescriptor|withFaceDescriptors',
        description: `face descriptor from ${faceApi}`,
      },
      {
        kind: 'api',
        module: faceApi,
        path: 'detectSingleFace|detectAllFaces().withFaceLandmarks().*().*().withFaceDescriptor|withFaceDescriptors',
        description: `face descriptor from ${faceApi}`,
      },
      { kind: 'api', module: faceApi, path: 'computeFaceDescriptor', description: `face descriptor from ${faceApi}` },
      { kind: 'api', module: faceApi, path: 'extractFaces|extractFaceTensors', description: `face crops from ${faceApi}` },
      { kind: 'api', module: faceApi, path: 'LabeledFaceDescriptors', description: `labelled face descriptors from ${faceApi}` },
      { kind: 'api', module: faceApi, path: 'nets.faceRecognitionNet.computeFaceDescriptor', description: `face descriptor from ${faceApi}` },
    );
  }
  sources.push(
    // @vladmandic/human: result.face[i].embedding
    { kind: 'api', module: '@vladmandic/human', path: 'Human.new().detect', description: 'face embedding from @vladmandic/human' },
    { kind: 'api', module: '@vladmandic/human', path: 'new().detect', description: 'face embedding from @vladmandic/human' },
    // TensorFlow.js face models: face mesh is face geometry under BIPA.
    {
      kind: 'api',
      module: '@tensorflow-models/face-landmarks-detection',
      path: 'createDetector().estimateFaces',
      description: 'face mesh (face geometry) from TensorFlow.js',
    },
    {
      kind: 'api',
      module: '@tensorflow-models/face-detection',
      path: 'createDetector().estimateFaces',
      description: 'face boxes and keypoints from TensorFlow.js',
    },
    // MediaPipe
    {
      kind: 'api',
      module: '@mediapipe/tasks-vision',
      path: 'FaceLandmarker|FaceDetector.createFromOptions|createFromModelPath|createFromModelBuffer().detect|detectForVideo',
      description: 'face landmarks from MediaPipe',
    },
    {
      kind: 'api',
      module: '@mediapipe/face_mesh',
      path: 'FaceMesh.new().onResults',
      output: { callbackArgument: 0, parameter: 0 },
      description: 'face mesh from MediaPipe',
    },
    // AWS Rekognition, SDK v2 (v3 responses come from client.send(new XCommand()), see the rule's README limits).
    {
      kind: 'api',
      module: 'aws-sdk',
      path: 'Rekognition.new().searchFacesByImage|searchFaces|compareFaces|detectFaces|indexFaces|searchUsersByImage().promise',
      description: 'face data from Amazon Rekognition',
    },
    // Azure Face (legacy SDK)
    {
      kind: 'api',
      module: '@azure/cognitiveservices-face',
      path: 'FaceClient.new().face.detectWithStream|detectWithUrl',
      description: 'face IDs and landmarks from Azure Face',
    },
    // Baidu AI face
    {
      kind: 'api',
      module: 'baidu-aip-sdk',
      path: 'face.new().detect|search|multiSearch|match|faceverify|personVerify',
      description: 'face data from Baidu AI',
    },
    // Aliyun facebody
    {
      kind: 'api',
      module: '@alicloud/facebody20191230',
      path: 'new().detectFace|compareFace|searchFace|recognizeFace|detectFaceAdvance|searchFaceAdvance|compareFaceAdvance',
      description: 'face data from Alibaba Cloud facebody',
    },
  );
  for (const tencent of ['tencentcloud-sdk-nodejs', 'tencentcloud-sdk-nodejs-iai']) {
    for (const version of ['v20200303', 'v20180301']) {
      sources.push({
        kind: 'api',
        module: tencent,
        path: `iai.${version}.Client.new().DetectFace|SearchFaces|SearchPersons|CompareFace|VerifyFace|SearchFacesReturnsByGroup|GetPersonBaseInfo`,
        description: 'face data from Tencent Cloud IAI',
      });
    }
  }
  return sources;
}

/** Face-enrolment calls: the provider keeps the face vector, so each is a store (DOMAIN.md §4.1). */
function enrolmentSinks(): SinkModel[] {
  const sinks: SinkModel[] = [
    { module: '@aws-sdk/client-rekognition', path: 'IndexFacesCommand', arguments: [0], property: 'Image', description: 'Amazon Rekognition IndexFaces (stores face vectors)' },
    { module: '@aws-sdk/client-rekognition', path: 'AssociateFacesCommand', arguments: [0], property: 'FaceIds', description: 'Amazon Rekognition AssociateFaces' },
    { module: 'aws-sdk', path: 'Rekognition.new().indexFaces', arguments: [0], property: 'Image', description: 'Amazon Rekognition IndexFaces (stores face vectors)' },
    {
      module: '@azure/cognitiveservices-face',
      path: 'FaceClient.new().personGroupPerson|largePersonGroupPerson.addFaceFromStream|addFaceFromUrl',
      arguments: [2],
      description: 'Azure Face persisted face',
    },
    {
      module: '@azure/cognitiveservices-face',
      path: 'FaceClient.new().faceList|largeFaceList.addFaceFromStream|addFaceFromUrl',
      arguments: [1],
      description: 'Azure Face list persisted face',
    },
    { module: 'baidu-aip-sdk', path: 'face.new().addUser|updateUser', arguments: [0], description: 'Baidu AI face library (addUser)' },
    { module: '@alicloud/facebody20191230', path: 'AddFaceRequest', arguments: [0], property: 'imageUrl', description: 'Alibaba Cloud facebody AddFace' },
    { module: '@alicloud/facebody20191230', path: 'AddFaceAdvanceRequest', arguments: [0], property: 'imageUrlObject', description: 'Alibaba Cloud facebody AddFace' },
    {
      module: '@alicloud/facebody20191230',
      path: 'new().addFace|addFaceAdvance|addFaceWithOptions|addFaceAdvanceWithOptions',
      arguments: [0],
      description: 'Alibaba Cloud facebody AddFace',
    },
  ];
  for (const tencent of ['tencentcloud-sdk-nodejs', 'tencentcloud-sdk-nodejs-iai']) {
    for (const property of ['Image', 'Url', 'Images', 'Urls']) {
      sinks.push({
        module: tencent,
        path: 'iai.v20200303.Client.new().CreatePerson|CreateFace',
        arguments: [0],
        property,
        description: 'Tencent Cloud IAI person library (CreatePerson/CreateFace)',
      });
    }
  }
  // Face++ has no SDK: its face-set endpoint is recognised by URL.
  const facesetAdd = 'faceplusplus\\.com/facepp/v3/faceset/addface';
  sinks.push(
    { global: 'fetch', path: '', arguments: [1], when: { argument: 0, matches: facesetAdd }, description: 'Face++ faceset/addface' },
    { module: 'axios', path: 'post', arguments: [1], when: { argument: 0, matches: facesetAdd }, description: 'Face++ faceset/addface' },
    { module: 'got', path: 'post', arguments: [1], when: { argument: 0, matches: facesetAdd }, description: 'Face++ faceset/addface' },
  );
  return sinks;
}

/** Results derived from biometrics that no longer carry them: a match distance, a best-match label. */
function sanitizers(): SanitizerModel[] {
  const list: SanitizerModel[] = [];
  for (const faceApi of FACE_API_MODULES) {
    list.push(
      { module: faceApi, path: 'euclideanDistance', argument: 0, description: 'face match distance (a number)' },
      { module: faceApi, path: 'euclideanDistance', argument: 1, description: 'face match distance (a number)' },
      { module: faceApi, path: 'FaceMatcher.new().findBestMatch', argument: 0, description: 'best-match label and distance' },
    );
  }
  list.push(
    { module: '@vladmandic/human', path: 'Human.new().match.similarity', argument: 0, description: 'similarity score (a number)' },
    { module: '@vladmandic/human', path: 'Human.new().match.similarity', argument: 1, description: 'similarity score (a number)' },
  );
  return list;
}

/** Separate, biometric-specific, affirmative consent (DOMAIN.md §4.7), plus the configured checks. */
function guards(options: BiometricStorageOptions): GuardModel[] {
  const list: GuardModel[] = [
    {
      allOf: [CONSENT_WORDS, BIOMETRIC_WORDS],
      noneOf: NEGATIVE_CONSENT_WORDS,
      description: 'separate consent to biometric processing',
    },
    {
      allOf: [['release', 'written'], BIOMETRIC_WORDS],
      noneOf: NEGATIVE_CONSENT_WORDS,
      description: 'written release for biometric data (BIPA 15(b))',
    },
    ...weakConsentGuards(BIOMETRIC_WORDS),
  ];
  for (const name of [...options.consentFunctions, ...options.consentFields]) {
    const tokens = tokenizeName(name);
    if (tokens.length > 0) {
      list.push({
        allOf: tokens.map((token) => [token]),
        noneOf: NEGATIVE_CONSENT_WORDS.filter((word) => !tokens.includes(word)),
        description: `configured biometric consent check \`${name}\``,
      });
    }
  }
  return list;
}

function steps(): StepModel[] {
  const list = commonSteps();
  for (const faceApi of FACE_API_MODULES) {
    list.push({ module: faceApi, path: 'LabeledFaceDescriptors', from: { argument: 1 }, to: 'result' });
  }
  for (const tf of ['@tensorflow/tfjs', '@tensorflow/tfjs-node', '@tensorflow/tfjs-core']) {
    list.push({ module: tf, path: 'tensor|tensor1d|tensor2d|stack|concat', from: { argument: 0 }, to: 'result' });
  }
  return list;
}

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
    ],
  };
}
