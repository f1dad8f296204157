/**
 * Face and biometric APIs in `no-unconsented-biometric-storage` (DOMAIN.md §4.1): the calls whose results are
 * biometric data (sources), the results derived from them that no longer are (sanitizers), and the steps data takes
 * through them.
 */
import type { SanitizerModel, SourceModel, StepModel } from '../../server/src/engine/rule-api';
import { commonSteps } from '../shared/common-steps';

export const FACE_API_MODULES = ['face-api.js', '@vladmandic/face-api'] as const;

export function apiSources(): SourceModel[] {
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

/** Results derived from biometrics that no longer carry them: a match distance, a best-match label. */
export function sanitizers(): SanitizerModel[] {
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

export function steps(): StepModel[] {
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
