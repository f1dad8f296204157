/**
 * Camera sources of `no-unanonymized-camera-egress` (DOMAIN.md §3, §4.2): the APIs that produce frames, photos and
 * video (browser, Node, OpenCV, ffmpeg, apps and mini-programs), and the names of values that hold them.
 */
import type { SourceModel } from '../../server/src/engine/rule-api';
import { withPlurals } from '../shared/names';

export const OPENCV_MODULES = ['opencv4nodejs', '@u4/opencv4nodejs'] as const;

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
  // Names of what an anonymiser made (`mosaicJpeg`, `blurredFrame`): the name says it is no longer raw.
  'blur',
  'blurred',
  'mosaic',
  'pixelated',
  'pixelate',
  'anonymized',
  'anonymised',
  'masked',
  'redacted',
  'dama',
];

export function nameSources(): SourceModel[] {
  return [
    {
      kind: 'name',
      terms: CAMERA_NAME_TERMS,
      suffixTerms: ['zhuapai', 'zhuapaitu', 'shexiangtou'],
      exclude: CAMERA_NAME_EXCLUDES,
      // A name is weak evidence of camera data: `faceImage` received in a request, or a `jpeg` every caller
      // anonymised, is no frame leaving a camera.
      weak: true,
      description: 'camera frame, image or video',
    },
  ];
}

/** Web platform types whose instances carry what a camera sees. */
const CAMERA_INSTANCE_TYPES = ['HTMLVideoElement', 'MediaStream', 'MediaStreamTrack', 'ImageCapture', 'VideoFrame'] as const;

export function apiSources(): SourceModel[] {
  const sources: SourceModel[] = [
    { kind: 'api', global: 'navigator', path: 'mediaDevices.getUserMedia', description: 'camera stream (getUserMedia)' },
    { kind: 'api', global: 'ImageCapture', path: 'new().takePhoto|grabFrame', description: 'camera photo (ImageCapture)' },
    // An instance of the platform's camera types, as a parameter declares it (`video: HTMLVideoElement`, JSDoc
    // `@param {MediaStream} stream`): what the host page passes to an entry point nothing in the project calls.
    ...CAMERA_INSTANCE_TYPES.map((global): SourceModel => ({ kind: 'api', global, path: 'new()', description: `camera video (${global} handed to an entry point)` })),
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
      // `camera.current.startRecording({ onRecordingFinished: (video) => upload(video.path) })`.
      kind: 'api',
      receiverName: '.*camera.*|current',
      methods: 'startRecording',
      output: { callbackArgument: 0, property: 'onRecordingFinished', parameter: 0 },
      description: 'camera video (react-native-vision-camera)',
    },
    {
      kind: 'api',
      module: 'react-native-vision-camera',
      path: 'useFrameProcessor',
      output: { callbackArgument: 0, parameter: 0 },
      description: 'camera frame (react-native-vision-camera frame processor)',
    },
    { kind: 'api', module: '@capacitor/camera', path: 'Camera.getPhoto', description: 'camera photo (@capacitor/camera)' },
    // react-webcam: `webcamRef.current.getScreenshot()`, or the render prop's `getScreenshot()`.
    { kind: 'api', receiverName: '.*webcam.*|current|.*camera.*', methods: 'getScreenshot|getCanvas', description: 'webcam screenshot (react-webcam)' },
    { kind: 'api', methods: 'getScreenshot', description: 'webcam screenshot (react-webcam)' },
    // webcamjs: `Webcam.snap((dataUri) => …)`, as a module or as the global its script tag defines.
    { kind: 'api', module: 'webcamjs', path: 'snap', output: { callbackArgument: 0, parameter: 0 }, description: 'webcam snapshot (webcamjs)' },
    { kind: 'api', global: 'Webcam', path: 'snap', output: { callbackArgument: 0, parameter: 0 }, description: 'webcam snapshot (webcamjs)' },
    // IP cameras through ONVIF: node-onvif fetches a JPEG snapshot.
    { kind: 'api', module: 'node-onvif', path: 'OnvifDevice.new().fetchSnapshot', description: 'IP camera snapshot (ONVIF)' },
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
