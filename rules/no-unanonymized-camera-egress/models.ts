/**
 * Models of `no-unanonymized-camera-egress` (DOMAIN.md §3, §4.2, §4.5, §4.6): where camera frames, images and
 * video come from, where they leave the vehicle or device, and what anonymises them (blurring or filling every
 * face and plate, on the vehicle, before encoding).
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
import { toAlternation, withNodePrefix, withPlurals } from '../shared/names';
import { cloudStorageSinks } from '../shared/persistence-sinks';
import { CAMERA_WORDS, CONSENT_WORDS, NEGATIVE_CONSENT_WORDS, weakConsentGuards } from '../shared/vocabulary';
import type { CameraEgressOptions } from './options';

const OPENCV_MODULES = ['opencv4nodejs', '@u4/opencv4nodejs'] as const;

/**
 * `dms`/`oms` alone are not terms: in a dealer codebase DMS is the Dealer Management System. Bare `photo` and
 * `image` are not terms either (car listing photos, avatars); `snapshot` is, with its state/database senses
 * excluded.
 */
const CAMERA_NAME_TERMS: readonly string[] = [
  ...withPlurals([
    'video frame',
    'camera frame',
    'camera image',
    'camera photo',
    'camera snapshot',
    'camera buffer',
    'camera data',
    'camera stream',
    'cam frame',
    'cam image',
    'raw frame',
    'image data',
    'frame data',
    'frame buffer',
    'jpeg buffer',
    'jpeg data',
    'snapshot',
    'dashcam clip',
    'dashcam frame',
    'dashcam video',
    'dashcam image',
    'dvr clip',
    'dvr frame',
    'avm frame',
    'avm image',
    'dms frame',
    'dms image',
    'dms video',
    'oms frame',
    'oms image',
    'oms video',
    'cabin cam frame',
    'cabin camera frame',
    'cabin image',
    'cabin video',
    'face image',
    'face photo',
    'face snapshot',
    'face capture',
    'face crop',
    'face pic',
  ]),
  'jpeg',
  'jpg',
  'mjpeg',
  'h 264',
  'h264',
  'h 265',
  'h265',
  'hevc',
  'rtsp url',
  'rtsp',
  'dashcam',
  'dash cam',
  'dvr',
  'cabin cam',
  'cabin camera',
  'zhuapai',
  'zhuapaitu',
  'shexiangtou',
];

const CAMERA_NAME_EXCLUDES: readonly string[] = [
  'state snapshot',
  'store snapshot',
  'db snapshot',
  'database snapshot',
  'heap snapshot',
  'test snapshot',
  'snapshot id',
  'snapshot time',
  'snapshot at',
  'snapshot version',
  'jpeg quality',
  'jpg quality',
  'camera id',
  'camera name',
  'camera status',
  'id',
  'ids',
  'name',
  'status',
  'count',
  'enabled',
  'config',
  'settings',
  'options',
  'width',
  'height',
  'fps',
  'quality',
  'format',
  'type',
  'size',
  'length',
  'interval',
  'timestamp',
  'consent',
  'is',
  'has',
];

function nameSources(): SourceModel[] {
  return [
    {
      kind: 'name',
      terms: CAMERA_NAME_TERMS,
      suffixTerms: ['zhuapai', 'zhuapaitu', 'shexiangtou'],
      exclude: CAMERA_NAME_EXCLUDES,
      description: 'camera frame, image or video',
    },
  ];
}

function apiSources(): SourceModel[] {
  const sources: SourceModel[] = [
    { kind: 'api', global: 'navigator', path: 'mediaDevices.getUserMedia', description: 'camera stream (getUserMedia)' },
    { kind: 'api', global: 'ImageCapture', path: 'new().takePhoto|grabFrame', description: 'camera photo (ImageCapture)' },
    {
      kind: 'api',
      global: 'MediaRecorder',
      path: 'new().addEventListener',
      output: { callbackArgument: 1, parameter: 0 },
      description: 'recorded video chunk (MediaRecorder)',
    },
    // Canvas exports of a canvas named after a camera or video: `snapshotCanvas.toBlob(...)`.
    {
      kind: 'api',
      receiverName: '.*(?:video|camera|cam|snapshot|frame|preview|capture).*',
      methods: 'toDataURL|getImageData|convertToBlob|transferToImageBitmap|captureStream',
      description: 'camera frame drawn on a canvas',
    },
    {
      kind: 'api',
      receiverName: '.*(?:video|camera|cam|snapshot|frame|preview|capture).*',
      methods: 'toBlob',
      output: { callbackArgument: 0, parameter: 0 },
      description: 'camera frame drawn on a canvas',
    },
    // Node: RTSP, webcams, V4L2, ffmpeg, OpenCV
    { kind: 'api', module: 'node-webcam', path: 'create().capture', output: { callbackArgument: 1, parameter: 1 }, description: 'webcam capture (node-webcam)' },
    { kind: 'api', module: 'node-webcam', path: 'capture', output: { callbackArgument: 2, parameter: 1 }, description: 'webcam capture (node-webcam)' },
    { kind: 'api', module: 'v4l2camera', path: 'Camera.new().frameRaw|toRGB|toYUYV', description: 'V4L2 camera frame' },
    { kind: 'api', module: 'fluent-ffmpeg', path: '().**.pipe|stream', description: 'video stream (fluent-ffmpeg)' },
    // Apps: React Native, Expo, Capacitor, mini-programs
    {
      kind: 'api',
      receiverName: '.*camera.*|current',
      methods: 'takePhoto|takeSnapshot|takePictureAsync|recordAsync',
      description: 'camera photo or video (react-native-vision-camera / expo-camera)',
    },
    {
      kind: 'api',
      module: 'react-native-vision-camera',
      path: 'useFrameProcessor',
      output: { callbackArgument: 0, parameter: 0 },
      description: 'camera frame (react-native-vision-camera frame processor)',
    },
    { kind: 'api', module: '@capacitor/camera', path: 'Camera.getPhoto', description: 'camera photo (@capacitor/camera)' },
    { kind: 'api', global: 'wx', path: 'createCameraContext().takePhoto|stopRecord', description: 'camera photo (WeChat mini-program)' },
    { kind: 'api', global: 'wx', path: 'chooseMedia|chooseImage|chooseVideo', description: 'camera or album media (WeChat mini-program)' },
    { kind: 'api', global: 'uni', path: 'createCameraContext().takePhoto|stopRecord', description: 'camera photo (uni-app)' },
    { kind: 'api', global: 'uni', path: 'chooseImage|chooseVideo|chooseMedia', description: 'camera or album media (uni-app)' },
    // The callback style of the same APIs: `wx.chooseMedia({ success(res) {…} })`.
    ...(['wx', 'uni'] as const).flatMap((root): SourceModel[] => [
      { kind: 'api', global: root, path: 'createCameraContext().takePhoto|stopRecord', output: { callbackArgument: 0, property: 'success', parameter: 0 }, description: `camera photo (${root === 'wx' ? 'WeChat mini-program' : 'uni-app'})` },
      { kind: 'api', global: root, path: 'chooseMedia|chooseImage|chooseVideo', output: { callbackArgument: 0, property: 'success', parameter: 0 }, description: `camera or album media (${root === 'wx' ? 'WeChat mini-program' : 'uni-app'})` },
    ]),
    { kind: 'api', module: '@tarojs/taro', path: 'createCameraContext().takePhoto|stopRecord', description: 'camera photo (Taro)' },
    { kind: 'api', module: '@tarojs/taro', path: 'chooseImage|chooseMedia|chooseVideo', description: 'camera or album media (Taro)' },
  ];
  for (const cv of OPENCV_MODULES) {
    sources.push({ kind: 'api', module: cv, path: 'VideoCapture.new().read|readAsync', description: `camera frame (${cv} VideoCapture)` });
  }
  return sources;
}

/** Sends off the vehicle or device (DOMAIN.md §4.5); `urlArgument` lets on-vehicle hosts and loopback pass. */
function networkSinks(): SinkModel[] {
  const sinks: SinkModel[] = [
    { global: 'fetch', path: '', arguments: [1], property: 'body', urlArgument: 0, description: 'HTTP request (fetch)' },
    { module: 'node-fetch', path: '', arguments: [1], property: 'body', urlArgument: 0, description: 'HTTP request (node-fetch)' },
    { module: 'undici', path: 'fetch|request', arguments: [1], property: 'body', urlArgument: 0, description: 'HTTP request (undici)' },
    { module: 'axios', path: 'post|put|patch', arguments: [1], urlArgument: 0, description: 'HTTP upload (axios)' },
    { module: 'axios', path: 'create().post|put|patch', arguments: [1], urlArgument: 0, description: 'HTTP upload (axios)' },
    { module: 'axios', path: '', arguments: [0], property: 'data', urlArgument: 0, urlProperty: 'url', description: 'HTTP request (axios)' },
    { module: 'axios', path: 'request', arguments: [0], property: 'data', urlArgument: 0, urlProperty: 'url', description: 'HTTP request (axios)' },
    // got and ky take the payload in one of several options (`{ body }`, `{ json }`, `{ form }`): the finding points
    // at the option that carries the frame.
    ...['body', 'json', 'form'].flatMap((property): SinkModel[] => [
      { module: 'got', path: 'post|put|patch', arguments: [1], property, urlArgument: 0, description: 'HTTP upload (got)' },
      { module: 'got', path: '', arguments: [1], property, urlArgument: 0, description: 'HTTP request (got)' },
    ]),
    ...['body', 'json'].map((property): SinkModel => ({ module: 'ky', path: 'post|put|patch', arguments: [1], property, urlArgument: 0, description: 'HTTP upload (ky)' })),
    // `superagent.post(url).set(…).field(…).attach('clip', buffer)`: the payload call may follow a few setters.
    { module: 'superagent', path: 'post|put|patch().**.send|attach', arguments: 'all', urlArgument: 'receiver', description: 'HTTP upload (superagent)' },
    { global: 'XMLHttpRequest', path: 'new().send', arguments: [0], description: 'HTTP request (XMLHttpRequest)' },
    { global: 'navigator', path: 'sendBeacon', arguments: [1], urlArgument: 0, description: 'beacon (navigator.sendBeacon)' },
    { global: 'WebSocket', path: 'new().send', arguments: [0], urlArgument: 'receiver', description: 'WebSocket message' },
    { module: 'ws', path: 'new().send', arguments: [0], urlArgument: 'receiver', description: 'WebSocket message (ws)' },
    { module: 'ws', path: 'WebSocket.new().send', arguments: [0], urlArgument: 'receiver', description: 'WebSocket message (ws)' },
    { receiverName: 'ws|socket|websocket|.*socket|.*ws', methods: 'send', arguments: [0], description: 'WebSocket message (by receiver name)' },
    { module: 'socket.io-client', path: 'io().emit', arguments: 'all', description: 'Socket.IO message' },
    { module: 'socket.io', path: 'Server.new().emit|to().emit', arguments: 'all', description: 'Socket.IO broadcast' },
    { receiverName: 'socket|.*socket|io', methods: 'emit', arguments: 'all', description: 'Socket.IO message (by receiver name)' },
    { module: 'node-rtsp-stream', path: '', arguments: [0], property: 'streamUrl', description: 'RTSP re-broadcast over WebSocket (node-rtsp-stream)' },
    // IoT and message buses: the T-Box's usual ways out.
    { module: 'mqtt', path: 'connect|connectAsync().publish|publishAsync', arguments: [1], urlArgument: 'receiver', description: 'MQTT publish' },
    { module: 'mqtt', path: 'MqttClient.new().publish|publishAsync', arguments: [1], urlArgument: 'receiver', description: 'MQTT publish' },
    { receiverName: 'mqtt|.*mqtt.*', methods: 'publish|publishAsync', arguments: [1], description: 'MQTT publish (by receiver name)' },
    { module: 'aws-iot-device-sdk', path: 'device|thingShadow().publish', arguments: [1], description: 'AWS IoT publish' },
    { module: 'aws-iot-device-sdk-v2', path: 'mqtt.MqttClientConnection.new().publish', arguments: [1], description: 'AWS IoT publish' },
    { module: 'aws-iot-device-sdk-v2', path: 'mqtt.MqttClient.new().new_connection().publish', arguments: [1], description: 'AWS IoT publish' },
    { module: 'aws-iot-device-sdk-v2', path: 'mqtt5.Mqtt5Client.new().publish', arguments: [0], property: 'payload', description: 'AWS IoT MQTT5 publish' },
    { module: '@aws-sdk/client-iot-data-plane', path: 'PublishCommand', arguments: [0], property: 'payload', description: 'AWS IoT Data Plane publish' },
    { module: '@aws-sdk/client-kinesis', path: 'PutRecordCommand', arguments: [0], property: 'Data', description: 'Amazon Kinesis PutRecord' },
    { module: '@aws-sdk/client-kinesis', path: 'PutRecordsCommand', arguments: [0], property: 'Records', description: 'Amazon Kinesis PutRecords' },
    // `addTrack(track, ...streams)`: the track is the media; the streams only group tracks.
    { global: 'RTCPeerConnection', path: 'new().addTrack|addStream', arguments: [0], description: 'WebRTC media track (e.g. Kinesis Video WebRTC)' },
    { global: 'RTCPeerConnection', path: 'new().createDataChannel().send', arguments: [0], description: 'WebRTC data channel' },
    // A peer connection handed in as a parameter has no API ref: recognise its data channel by name.
    { receiverName: 'channel|.*data_?channel|dc', methods: 'send', arguments: [0], description: 'WebRTC data channel (by receiver name)' },
    { receiverName: 'call|.*call', methods: 'write', arguments: [0], description: 'gRPC client stream (by receiver name)' },
    ...grpcSinks(),
    { module: 'amqplib', path: 'connect().createChannel|createConfirmChannel().publish', arguments: [2], description: 'AMQP publish' },
    { module: 'amqplib', path: 'connect().createChannel|createConfirmChannel().sendToQueue', arguments: [1], description: 'AMQP send' },
    { module: 'kafkajs', path: 'Kafka.new().producer().send|sendBatch', arguments: [0], description: 'Kafka produce' },
    { module: 'nats', path: 'connect().publish|request', arguments: [1], description: 'NATS publish' },
    { module: '@nestjs/microservices', path: 'ClientProxy.new().emit|send', arguments: [1], description: 'NestJS microservice message' },
    // Mini-programs
    { global: 'wx', path: 'uploadFile', arguments: [0], property: 'filePath', description: 'WeChat upload (wx.uploadFile)' },
    { global: 'wx', path: 'request', arguments: [0], property: 'data', description: 'WeChat request (wx.request)' },
    { global: 'uni', path: 'uploadFile', arguments: [0], property: 'filePath', description: 'uni-app upload (uni.uploadFile)' },
    { global: 'uni', path: 'request', arguments: [0], property: 'data', description: 'uni-app request (uni.request)' },
    { module: '@tarojs/taro', path: 'uploadFile', arguments: [0], property: 'filePath', description: 'Taro upload' },
    // Cloud anonymisation uploads the raw image first: it is egress, not a fix (DOMAIN.md §4.6).
    {
      module: '@alicloud/facebody20191230',
      path: 'new().blurFace|blurFaceAdvance|blurFaceWithOptions|blurFaceAdvanceWithOptions',
      arguments: [0],
      description: 'Alibaba Cloud blurFace (uploads the raw image)',
    },
    { module: '@alicloud/facebody20191230', path: 'BlurFaceRequest', arguments: [0], property: 'imageURL', description: 'Alibaba Cloud blurFace (uploads the raw image)' },
  ];
  for (const http of [...withNodePrefix('http'), ...withNodePrefix('https')]) {
    sinks.push({ module: http, path: 'request().write|end', arguments: [0], urlArgument: 'receiver', description: 'HTTP request body (node:http)' });
  }
  // fluent-ffmpeg: `ffmpeg(rtspUrl).videoCodec(…).output('rtmp://…').run()`. The stream is the receiver, and only a
  // network output is egress (`.save('/mnt/sdcard/…')` stays on the vehicle); loopback outputs pass.
  sinks.push({
    module: 'fluent-ffmpeg',
    path: '().**.output|save',
    arguments: [],
    receiver: true,
    when: { argument: 0, matches: '^(?:rtmps?|rtsps?|srt|udp|tcp|https?|ftp|icecast)://' },
    urlArgument: 0,
    description: 'network stream output (fluent-ffmpeg)',
  });
  return sinks;
}


/**
 * @grpc/grpc-js clients come from `loadPackageDefinition(def).<package…>.<Service>`: unary calls take the request
 * first (`client.uploadScene({ image }, cb)`), client streams return a call whose `write` sends a message.
 */
function grpcSinks(): SinkModel[] {
  const sinks: SinkModel[] = [];
  for (let depth = 1; depth <= 4; depth++) {
    const service = `loadPackageDefinition()${'.*'.repeat(depth)}.new()`;
    sinks.push(
      { module: '@grpc/grpc-js', path: `${service}.*`, arguments: [0], description: 'gRPC call' },
      { module: '@grpc/grpc-js', path: `${service}.*().write`, arguments: [0], description: 'gRPC client stream' },
    );
  }
  return sinks;
}

function sanitizers(options: CameraEgressOptions): SanitizerModel[] {
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

function guards(options: CameraEgressOptions): GuardModel[] {
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

function steps(): StepModel[] {
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

export function createModels(options: CameraEgressOptions): RuleModels {
  return {
    sources: [...nameSources(), ...apiSources()],
    sinks: [...networkSinks(), ...cloudStorageSinks()],
    sanitizers: sanitizers(options),
    guards: guards(options),
    steps: steps(),
    allowedHosts: options.allowedHosts,
    barrierProperties: [
      'length',
      'byteLength',
      'size',
      'width',
      'height',
      'codedWidth',
      'codedHeight',
      'displayWidth',
      'displayHeight',
      'rows',
      'cols',
      'channels',
      'timestamp',
      'duration',
      'format',
      'mimeType',
      'type',
      'fps',
      'frameRate',
      'count',
      'score',
      'confidence',
      'box',
      'boxes',
      'boundingBox',
      'bbox',
      'bboxes',
      'empty',
      'readyState',
      'kind',
      'label',
      'deviceId',
    ],
  };
}
