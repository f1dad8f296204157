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
import { WEAK_GUARD_REASONS } from '../shared/reasons';
import { BIOMETRIC_WORDS, CONSENT_WORDS, NEGATIVE_CONSENT_WORDS, weakConsentGuards } from '../shared/vocabulary';
import type { BiometricStorageOptions } from './options';

const FACE_API_MODULES = ['face-api.js', '@vladmandic/face-api'] as const;

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
      ]),
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
];

function nameSources(): SourceModel[] {
  return NAME_MODELS.map((model) => ({
    kind: 'name' as const,
    terms: model.terms,
    suffixTerms: model.suffixTerms,
    exclude: BIOMETRIC_NAME_EXCLUDES,
    description: model.description,
  }));
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
    // AWS Rekognition, SDK v3: `client.send(new DetectFacesCommand(…))`. The response depends on the command, so the
    // command object is the source and `send` carries it into the response (unknown calls pass their arguments on).
    {
      kind: 'api',
      module: '@aws-sdk/client-rekognition',
      path: 'DetectFacesCommand|SearchFacesByImageCommand|SearchFacesCommand|CompareFacesCommand|IndexFacesCommand|ListFacesCommand|SearchUsersByImageCommand',
      description: 'face data from Amazon Rekognition',
    },
    // AWS Rekognition, SDK v2.
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
    // Azure Face REST: `client.path('/largepersongroups/{id}/persons/{pid}/persistedfaces', …).post({ body })`.
    {
      module: '@azure-rest/ai-vision-face',
      path: '().path().post',
      arguments: [0],
      property: 'body',
      when: { argument: 'receiver', matches: '/(?:large)?(?:persongroups/[^/]+/persons/[^/]+|facelists/[^/]+)/persistedfaces' },
      description: 'Azure Face persisted face (REST)',
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
  // Active Record instances that carry the data and save themselves (`entity.descriptor = x; await entity.save()`).
  sinks.push(
    { module: 'typeorm', path: 'BaseEntity.new().save', receiver: true, description: 'TypeORM Active Record save' },
    { module: 'sequelize', path: 'Model.new().save', receiver: true, description: 'Sequelize instance save' },
  );
  // IndexedDB through the `idb` wrapper: `(await openDB(name, version)).put(store, value)`.
  sinks.push(
    { module: 'idb', path: 'openDB().put|add', arguments: [1], description: 'IndexedDB write (idb)' },
    { module: 'idb', path: 'openDB().transaction().objectStore().put|add', arguments: [0], description: 'IndexedDB write (idb)' },
    { module: 'idb', path: 'openDB().transaction().store.put|add', arguments: [0], description: 'IndexedDB write (idb)' },
  );
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
function guards(options: BiometricStorageOptions): GuardModel[] {
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

function steps(): StepModel[] {
  const list = commonSteps();
  for (const faceApi of FACE_API_MODULES) {
    list.push({ module: faceApi, path: 'LabeledFaceDescriptors', from: { argument: 1 }, to: 'result' });
  }
  // Form bodies built from an object literal (Face++ takes form fields): the engine treats an object literal handed
  // to an unknown call as options, so these constructors are named here.
  list.push(
    { global: 'URLSearchParams', path: '', from: { argument: 0 }, to: 'result' },
    { global: 'Response', path: '', from: { argument: 0 }, to: 'result' },
  );
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
      // Who matched, not what they look like (Rekognition SearchFaces*, SearchUsers*, Baidu search).
      'ExternalImageId',
      'UserId',
      'user_id',
      'group_id',
      'SearchedFaceConfidence',
    ],
  };
}
