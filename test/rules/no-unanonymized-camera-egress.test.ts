/**
 * Rule `no-unanonymized-camera-egress` (issue #7): camera frames, images and video must not leave the vehicle or
 * device before every face and plate is anonymised.
 *
 * Each case is a small project under test/fixtures/no-unanonymized-camera-egress/{invalid,valid}/<case>/: T-Box
 * uplinks, sentry mode, collision clips, ADAS data collection, remote view, showroom analytics, lobby kiosks,
 * browser capture and mini-programs. An invalid case marks its one sink line with
 * `// expect: no-unanonymized-camera-egress` and states the message id; a valid case has no marker. Options and
 * user models (a vehicle camera HAL, an OEM uplink SDK) are passed as the project's `piilint.config.json`.
 *
 * Constructs the engine once missed (canvas contexts without a variable, event-property handlers, callbacks in
 * option objects, URLs kept on clients) are kept as ordinary cases, so a regression fails here.
 * Refs #7.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cameraEgressRule } from '../../rules/index';
import type { CameraEgressMessageId } from '../../rules/no-unanonymized-camera-egress/messages';
import type { Finding, Fix } from '../../server/src/engine/findings/finding';
import { applyEdits } from '../../server/src/engine/fixes/apply-fixes';
import { expectedLines, findingLines, fixtureScanner, relativeToScan, scanSources } from '../support/scan-sources';

const RULE = 'no-unanonymized-camera-egress';
const FIXTURES = path.join(__dirname, '..', 'fixtures', RULE);

type Scan = Awaited<ReturnType<typeof scanSources>>;

function withOptions(options: Record<string, unknown>, extra: Record<string, unknown> = {}): object {
  return { ...extra, rules: { [RULE]: { options } } };
}

/** The vehicle's own camera stack and uplink, declared as user models (DOMAIN.md §4.2: model the JS bridge). */
const VEHICLE_SDK_CONFIG = {
  models: {
    [RULE]: {
      sources: [
        { kind: 'api', module: '@acme/evs-bridge', path: 'EvsCamera.new().captureFrame', description: 'rear-view camera frame (EVS bridge)' },
        {
          kind: 'api',
          module: '@oem/camera-hal',
          path: 'CameraHal.open().onFrame',
          output: { callbackArgument: 0, parameter: 0 },
          description: 'AVM camera frame (camera HAL)',
        },
      ],
      sinks: [{ module: '@oem/tbox-uplink', path: 'TelematicsUplink.new().sendBinary', arguments: [1], description: 'TSP uplink (OEM SDK)' }],
    },
  },
};

const CONSENT = withOptions({ allowWithConsent: true });

interface Case {
  readonly name: string;
  /** Folder under invalid/ or valid/. */
  readonly fixture: string;
  readonly config?: object;
}

interface InvalidCase extends Case {
  readonly messageId: CameraEgressMessageId;
}

const invalidCases: readonly InvalidCase[] = [
  // Sources (DOMAIN.md §4.2) and sinks (§4.5), one family per case.
  { name: 'T-Box: OpenCV VideoCapture frame, JPEG-encoded, published over MQTT', fixture: 'tbox-mqtt-opencv-dashcam', messageId: 'rawFrameEgress' },
  { name: 'collision clip: fluent-ffmpeg RTSP pipe written to an https.request', fixture: 'tbox-https-request-collision-clip', messageId: 'rawFrameEgress' },
  { name: 'sentry mode: node-webcam still sent with http.request(url).end(still)', fixture: 'tbox-http-request-url-write', messageId: 'rawFrameEgress' },
  { name: 'lobby kiosk: getUserMedia → video → canvas.toDataURL in a JSON fetch body', fixture: 'kiosk-fetch-canvas-snapshot', messageId: 'rawFrameEgress' },
  { name: 'service lane tablet: ImageCapture.takePhoto() sent with XMLHttpRequest', fixture: 'browser-xhr-imagecapture', messageId: 'rawFrameEgress' },
  {
    name: 'showroom screen: ImageCapture.grabFrame() drawn through canvas.getContext("2d").drawImage(…), sent with sendBeacon',
    fixture: 'browser-sendbeacon-grabframe',
    messageId: 'rawFrameEgress',
  },
  { name: 'remote view: MediaRecorder dataavailable listener sends chunks over a WebSocket', fixture: 'remote-view-mediarecorder-ws', messageId: 'rawFrameEgress' },
  {
    name: 'cabin monitor: recorder.ondataavailable = (e) => socket.emit(…) (event-property handler)',
    fixture: 'remote-view-mediarecorder-ondataavailable',
    messageId: 'rawFrameEgress',
  },
  { name: 'remote parking: new VideoFrame(video) → bitmap → canvas → WebRTC data channel', fixture: 'browser-videoframe-datachannel', messageId: 'rawFrameEgress' },
  {
    name: 'remote view: frame.copyTo(buffer) fills the buffer sent over a WebSocket (step to an argument)',
    fixture: 'browser-videoframe-copyto',
    messageId: 'rawFrameEgress',
  },
  { name: 'remote view over WebRTC: getUserMedia track added with RTCPeerConnection.addTrack', fixture: 'browser-webrtc-addtrack', messageId: 'rawFrameEgress' },
  { name: 'ADAS data collection: v4l2camera frameRaw() in a Kinesis PutRecordCommand', fixture: 'adas-kinesis-v4l2', messageId: 'rawFrameEgress' },
  { name: 'sentry mode: node-webcam base64 still in an AWS IoT Data Plane PublishCommand', fixture: 'sentry-iot-data-plane', messageId: 'rawFrameEgress' },
  { name: 'parking watch (CommonJS): base64 data URL published with aws-iot-device-sdk device.publish', fixture: 'tbox-aws-iot-device-base64', messageId: 'rawFrameEgress' },
  { name: 'near-miss still published on an aws-iot-device-sdk-v2 connection', fixture: 'tbox-aws-iot-v2-connection', messageId: 'rawFrameEgress' },
  { name: 'ADAS data collection: gRPC client stream call.write({ jpeg })', fixture: 'adas-grpc-client-stream', messageId: 'rawFrameEgress' },
  { name: 'ADAS data collection: unary gRPC call with the image in the request', fixture: 'adas-grpc-unary', messageId: 'rawFrameEgress' },
  { name: 'showroom analytics: entrance still published over AMQP', fixture: 'showroom-amqp-publish', messageId: 'rawFrameEgress' },
  { name: 'ADAS burst: array of base64 frames in a Kafka message', fixture: 'adas-kafka-array-of-frames', messageId: 'rawFrameEgress' },
  { name: 'bus fleet: cabin still published over NATS', fixture: 'fleet-nats-publish', messageId: 'rawFrameEgress' },
  { name: 'remote view: preview canvas data URL emitted over socket.io', fixture: 'remote-view-socketio-canvas', messageId: 'rawFrameEgress' },
  { name: 'remote view relay: ffmpeg MJPEG pipe forwarded with ws', fixture: 'remote-view-ws-rtsp-grab', messageId: 'rawFrameEgress' },
  {
    name: 'owner app: expo-camera takePictureAsync inside a React hook closure, FormData via axios.post',
    fixture: 'app-expo-axios-formdata',
    messageId: 'rawFrameEgress',
  },
  { name: 'owner app service: expo-camera takePictureAsync base64 in an axios JSON body', fixture: 'app-expo-camera-upload', messageId: 'rawFrameEgress' },
  {
    name: 'parking app: react-native-vision-camera takePhoto inside a React hook closure, FormData via fetch',
    fixture: 'app-vision-camera-fetch',
    messageId: 'rawFrameEgress',
  },
  { name: 'parking app service: react-native-vision-camera takeSnapshot in FormData via fetch', fixture: 'app-vision-camera-snapshot', messageId: 'rawFrameEgress' },
  { name: 'roadside assistance: useFrameProcessor frame sent over a WebSocket', fixture: 'app-vision-camera-frame-processor', messageId: 'rawFrameEgress' },
  { name: 'dealer handover: @capacitor/camera base64 photo in a ky JSON body', fixture: 'app-capacitor-ky-json', messageId: 'rawFrameEgress' },
  { name: 'mini-program: await wx.chooseMedia() temp file uploaded with wx.uploadFile', fixture: 'miniprogram-choosemedia-promise', messageId: 'rawFrameEgress' },
  {
    name: 'mini-program: wx.createCameraContext().takePhoto({ success(res) {…} }) (callback as object property)',
    fixture: 'miniprogram-camera-success-callback',
    messageId: 'rawFrameEgress',
  },
  {
    name: 'mini-program: wx.chooseMedia({ success: (res) => … }) base64 in wx.request (callback as object property)',
    fixture: 'miniprogram-choosemedia-success',
    messageId: 'rawFrameEgress',
  },
  { name: 'uni-app: await uni.chooseImage() uploaded with uni.uploadFile', fixture: 'miniprogram-uni-chooseimage', messageId: 'rawFrameEgress' },
  { name: 'mini-program: await cameraContext.takePhoto() as base64 in wx.request', fixture: 'miniprogram-camera-context-promise', messageId: 'rawFrameEgress' },
  { name: 'showroom analytics: axios({ url, data }) with the still in data', fixture: 'http-axios-config-object', messageId: 'rawFrameEgress' },
  { name: 'workshop: parameter named dashcamClip posted with got', fixture: 'http-got-name-source', messageId: 'rawFrameEgress' },
  { name: 'insurer report: superagent post().field().attach(buffer)', fixture: 'http-superagent-attach', messageId: 'rawFrameEgress' },
  { name: 'smart building: turnstile frame posted with undici.request', fixture: 'http-undici-request', messageId: 'rawFrameEgress' },
  { name: 'parking gate: pinyin name zhuapaiTu (抓拍图) in a node-fetch JSON body', fixture: 'parking-pinyin-zhuapai', messageId: 'rawFrameEgress' },
  {
    name: 'collision clip collected by chunks.push in a stream callback, archived with S3 PutObjectCommand',
    fixture: 'cloud-s3-collision-clip',
    messageId: 'rawFrameEgress',
  },
  { name: 'showroom heat map: node-webcam still uploaded to Alibaba Cloud OSS', fixture: 'cloud-ali-oss-showroom', messageId: 'rawFrameEgress' },
  { name: 'lobby archive: still uploaded to Tencent Cloud COS putObject', fixture: 'cloud-cos-lobby-still', messageId: 'rawFrameEgress' },
  { name: "cloud anonymisation is egress: Alibaba Cloud blurFaceAdvance uploads the raw image", fixture: 'cloud-alicloud-blurface', messageId: 'rawFrameEgress' },
  {
    name: 'web dashcam: MediaRecorder chunks pushed in a listener, new Blob(chunks) in FormData via fetch',
    fixture: 'browser-recorded-clip-blob',
    messageId: 'rawFrameEgress',
  },
  { name: 'lobby camera re-broadcast with node-rtsp-stream', fixture: 'lobby-rtsp-rebroadcast', messageId: 'rawFrameEgress' },
  { name: 'showroom live stream: fluent-ffmpeg output to rtmp://', fixture: 'ffmpeg-rtmp-output', messageId: 'rawFrameEgress' },
  { name: 'cross-file: a camera service returns the JPEG, an uploader posts it', fixture: 'cross-file-service-to-uploader', messageId: 'rawFrameEgress' },

  // Anonymisers that do not protect.
  {
    name: 'anonymiser on one branch of a conditional only (message names the anonymiser)',
    fixture: 'anonymiser-on-one-branch',
    messageId: 'anonymizerOnOneBranch',
  },
  {
    name: 'let payload = frame; if (share) payload = anonymize(frame); publish(payload)',
    fixture: 'anonymiser-on-if-branch',
    messageId: 'anonymizerOnOneBranch',
  },
  { name: 'anonymiser called, its result discarded, the raw frame published', fixture: 'anonymiser-result-discarded', messageId: 'rawFrameEgress' },
  { name: 'OpenCV gaussianBlur result discarded, the unblurred Mat encoded and sent', fixture: 'anonymiser-opencv-result-discarded', messageId: 'rawFrameEgress' },
  { name: 'the thumbnail is pixelated, the full snapshot is uploaded', fixture: 'anonymiser-applied-to-other-value', messageId: 'rawFrameEgress' },

  // Consent (§4.7) replaces anonymisation only with `allowWithConsent`, and only a real, dominating check.
  { name: 'allowWithConsent off (default): a dominating cabin-video consent check does not replace anonymisation', fixture: 'consent-not-accepted-by-default', messageId: 'rawFrameEgress' },
  { name: 'allowWithConsent on: a privacy-policy flag is not separate consent', fixture: 'consent-privacy-policy-only', config: CONSENT, messageId: 'privacyPolicyOnly' },
  { name: 'allowWithConsent on: the OS camera permission is not consent', fixture: 'consent-os-permission-only', config: CONSENT, messageId: 'osPermissionOnly' },
  { name: 'allowWithConsent on: consent checked on one branch only', fixture: 'consent-not-dominating', config: CONSENT, messageId: 'weakConsentOnly' },

  // The vehicle's own camera SDK and uplink, declared as user models.
  { name: 'config model: EVS bridge captureFrame() uploaded with https.request', fixture: 'config-vehicle-camera-sdk', config: VEHICLE_SDK_CONFIG, messageId: 'rawFrameEgress' },
  { name: 'config model: camera HAL onFrame callback published over MQTT', fixture: 'config-vehicle-camera-sdk-callback', config: VEHICLE_SDK_CONFIG, messageId: 'rawFrameEgress' },
  { name: 'config model: the OEM uplink SDK as a sink', fixture: 'config-extra-sink', config: VEHICLE_SDK_CONFIG, messageId: 'rawFrameEgress' },

  // Hosts.
  {
    name: 'allowedHosts: a host that only starts like an allowed one',
    fixture: 'allowed-hosts-other-host',
    config: withOptions({ allowedHosts: ['tbox.local'] }),
    messageId: 'rawFrameEgress',
  },
  {
    name: 'allowedHosts: a URL built from configuration is not known to stay on the vehicle',
    fixture: 'allowed-hosts-unknown-url',
    config: withOptions({ allowedHosts: ['tbox.local'] }),
    messageId: 'rawFrameEgress',
  },

  // Fixture for the quick fixes (each is also an ordinary invalid case).
  { name: 'a new module forgot the anonymiser its sibling imports', fixture: 'wrap-fix-imports-anonymiser', messageId: 'rawFrameEgress' },
  { name: 'the kiosk snapshot in a JSON body; the anonymiser exists in the project', fixture: 'wrap-fix-shorthand-property', messageId: 'rawFrameEgress' },
];

const validCases: readonly Case[] = [
  { name: 'fleet feed: a Prisma model named dashcamEvent and a status list named DASHCAM_…, metadata only over MQTT', fixture: 'dashcam-event-status-feed' },
  { name: 'T-Box: blurFacesAndPlates before MQTT publish', fixture: 'tbox-mqtt-anonymised' },
  { name: 'collision clip anonymised before https.request', fixture: 'tbox-https-anonymised-clip' },
  { name: 'anonymised before the branches split', fixture: 'anonymise-before-branch' },
  { name: 'an anonymiser on each branch', fixture: 'anonymise-on-both-branches' },
  { name: 'Kafka batch of individually anonymised frames', fixture: 'kafka-anonymised-array' },
  { name: 'Kinesis sample redacted on the vehicle', fixture: 'kinesis-anonymised' },
  { name: 'AMQP still blurred on the edge box', fixture: 'amqp-anonymised' },
  { name: 'sharp().blur() of the whole frame before S3', fixture: 'sharp-blur-before-upload' },
  { name: 'anonymised canvas, then data URL inside JSON over socket.io', fixture: 'encodings-after-anonymiser' },
  {
    name: 'blurred Mat JPEG/base64-encoded into a field named `jpeg` (the anonymised mark is lost across the encoding)',
    fixture: 'anonymised-then-encoded-in-named-field',
  },
  { name: 'mini-program: mosaic before wx.uploadFile', fixture: 'miniprogram-anonymised-upload' },
  { name: 'pinyin anonymiser name (renlianChepaiDama, 打码)', fixture: 'pinyin-anonymizer' },
  { name: 'cross-file: the camera service returns an anonymised JPEG', fixture: 'cross-file-service-anonymises' },
  { name: 'configured anonymiser (option anonymizers: scrubFrame)', fixture: 'configured-anonymizer', config: withOptions({ anonymizers: ['scrubFrame'] }) },
  { name: 'configured anonymiser as a method of an injected engine', fixture: 'configured-anonymizer-method', config: withOptions({ anonymizers: ['scrubFrame'] }) },
  { name: 'config model: HAL frame anonymised before upload', fixture: 'config-vehicle-camera-sdk-anonymised', config: VEHICLE_SDK_CONFIG },

  // Metadata only, on-device processing.
  { name: 'showroom analytics: people counted on the edge; counts and boxes sent', fixture: 'showroom-metadata-counts' },
  { name: 'camera health: rows, cols, channels, empty, time', fixture: 'tbox-frame-stats-only' },
  { name: 'road hazards: on-board model; label, confidence and bbox sent', fixture: 'on-device-detection-labels' },
  { name: 'face-api detections in the browser; only boxes and scores beaconed', fixture: 'face-boxes-only' },
  { name: 'gRPC trigger statistics: byteLength and time', fixture: 'grpc-metadata-only' },
  { name: 'socket.io server broadcasts camera status', fixture: 'socketio-camera-status' },
  { name: 'NATS: on-board occupancy count', fixture: 'nats-metadata-only' },
  { name: 'XHR event with photo size and MIME type', fixture: 'xhr-metadata-only' },
  { name: 'mini-program: photo count only; paths kept in local storage', fixture: 'miniprogram-metadata-only' },
  { name: 'lobby display: motion computed from pixels on the device; a boolean beaconed', fixture: 'browser-on-device-motion' },
  { name: 'evidence chain: only the SHA-256 digest of the clip is registered', fixture: 'integrity-digest-only' },
  { name: 'config model: HAL frame timestamp and size only', fixture: 'config-vehicle-camera-sdk-metadata', config: VEHICLE_SDK_CONFIG },
  { name: 'config model: OEM uplink sink gets a flag, not the frame', fixture: 'config-extra-sink-metadata', config: VEHICLE_SDK_CONFIG },
  { name: 'remote view: camera list and last snapshot time over ws', fixture: 'ws-remote-view-status' },
  { name: 'dashcam loop recording and parking stills stay on the SD card', fixture: 'local-sd-card-write' },
  { name: 'fluent-ffmpeg screenshots to a local folder', fixture: 'ffmpeg-local-screenshots' },
  { name: 'web dashcam: clips kept in IndexedDB', fixture: 'browser-local-indexeddb' },
  { name: 'receipt scanner: photo moved into the app folder', fixture: 'app-vision-camera-local-save' },

  // Loopback and on-vehicle hosts.
  { name: 'loopback fetch to the perception service on the same SoC', fixture: 'loopback-fetch-adas' },
  { name: 'loopback axios.post to a kiosk-local service', fixture: 'loopback-localhost-axios' },
  { name: 'IPv6 loopback with got', fixture: 'loopback-ipv6-got' },
  { name: 'MQTT publish to the T-Box broker on mqtt://127.0.0.1 (URL given to connect())', fixture: 'loopback-mqtt-broker' },
  { name: 'WebSocket to ws://localhost (URL given to the constructor)', fixture: 'loopback-websocket' },
  { name: 'allowedHosts: tbox.local', fixture: 'allowed-host-tbox-fetch', config: withOptions({ allowedHosts: ['tbox.local'] }) },
  { name: 'allowedHosts: *.vehicle.internal', fixture: 'allowed-host-wildcard-axios', config: withOptions({ allowedHosts: ['*.vehicle.internal'] }) },
  { name: 'allowedHosts: 192.168.225.1', fixture: 'allowed-host-ip-got', config: withOptions({ allowedHosts: ['192.168.225.1'] }) },
  {
    name: 'allowedHosts with axios({ url, data }) (URL inside the config object)',
    fixture: 'allowed-host-axios-config-object',
    config: withOptions({ allowedHosts: ['*.vehicle.internal'] }),
  },
  { name: 'loopback with http.request(url).end(frame) (URL on the earlier call)', fixture: 'allowed-host-http-request-write' },

  // Consent with allowWithConsent on.
  {
    name: 'allowWithConsent on: dominating hasCabinVideoUploadConsent() (body check read as an OS permission)',
    fixture: 'consent-allowed-cabin-dominating',
    config: CONSENT,
  },
  { name: 'allowWithConsent on: assertCameraConsent() as a statement', fixture: 'consent-allowed-assertion', config: CONSENT },
  { name: 'allowWithConsent on: publish inside if (profile.cabinCameraConsent)', fixture: 'consent-allowed-enclosing-if', config: CONSENT },

  // Look-alikes (DOMAIN.md §3 false friends).
  { name: 'Redux stateSnapshot', fixture: 'false-friend-state-snapshot' },
  { name: 'DMS = Dealer Management System', fixture: 'false-friend-dealer-dms' },
  { name: 'used-car listing photos (not camera capture)', fixture: 'false-friend-listing-photo' },
  { name: 'camera settings: id, name, fps, jpegQuality, snapshotInterval', fixture: 'camera-settings-only' },
  { name: 'clip index: videoId, snapshotId, frameIndex, cameraName', fixture: 'false-friend-frame-ids' },
];

/** Scans a fixture once per test file; the message and fix tests reuse the scans of the cases. */
const scanFixtureFolder = fixtureScanner(FIXTURES, [cameraEgressRule]);
const scanFixture = (kind: 'invalid' | 'valid', name: string, config?: object) => scanFixtureFolder(`${kind}/${name}`, config);

/** The single finding of an invalid fixture (asserted by its case). */
async function findingOf(name: string, config?: object): Promise<{ files: Record<string, string>; result: Scan; finding: Finding }> {
  const { files, result } = await scanFixture('invalid', name, config);
  const findings = result.findings.filter((candidate) => candidate.ruleId === RULE);
  expect(findings, `${name}: one finding`).toHaveLength(1);
  return { files, result, finding: findings[0]! };
}

/** Applies a fix to the fixture's files (edits may touch several files) and returns the new texts by relative name. */
function applyFix(result: Scan, files: Record<string, string>, fix: Fix): Record<string, string> {
  const out = { ...files };
  const byFile = new Map<string, Fix['edits'][number][]>();
  for (const edit of fix.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [file, edits] of byFile) {
    const name = relativeToScan(result, file);
    out[name] = applyEdits(files[name]!, edits);
  }
  return out;
}

function fixTitled(finding: Finding, prefix: string): Fix {
  const fix = finding.fixes.find((candidate) => candidate.title.startsWith(prefix));
  expect(fix, `a fix titled "${prefix}…" among ${finding.fixes.map((candidate) => candidate.title).join(' | ')}`).toBeDefined();
  return fix!;
}

describe(`${RULE} (issue #7)`, () => {
  it('has at least 40 invalid and 40 valid cases, each with its own fixture', () => {
    expect(invalidCases.length).toBeGreaterThanOrEqual(40);
    expect(validCases.length).toBeGreaterThanOrEqual(40);
    const used = new Set([...invalidCases.map((c) => `invalid/${c.fixture}`), ...validCases.map((c) => `valid/${c.fixture}`)]);
    const present = ['invalid', 'valid'].flatMap((kind) => fs.readdirSync(path.join(FIXTURES, kind)).map((name) => `${kind}/${name}`));
    expect(present.filter((fixture) => !used.has(fixture))).toEqual([]);
    expect([...used].filter((fixture) => !present.includes(fixture))).toEqual([]);
  });

  describe('invalid', () => {
    for (const testCase of invalidCases) {
      it(testCase.name, async () => {
        const { files, result } = await scanFixture('invalid', testCase.fixture, testCase.config);
        const expected = expectedLines(files);
        expect(expected, 'an invalid fixture marks exactly one sink').toHaveLength(1);
        expect(findingLines(result).sort()).toEqual(expected);
        expect(result.findings.map((finding) => finding.messageId)).toEqual([testCase.messageId]);
      });
    }
  });

  describe('valid', () => {
    for (const testCase of validCases) {
      it(testCase.name, async () => {
        const { files, result } = await scanFixture('valid', testCase.fixture, testCase.config);
        expect(expectedLines(files)).toEqual([]);
        expect(result.findings.map((finding) => `${relativeToScan(result, finding.range.file)}:${finding.range.line} ${finding.message}`)).toEqual([]);
      });
    }
  });

  describe('messages', () => {
    it('raw egress: names the source and the sink, the legal basis and what to do (en)', async () => {
      const { finding } = await findingOf('tbox-mqtt-opencv-dashcam');
      expect(finding.message).toBe(
        'Camera data (camera frame (@u4/opencv4nodejs VideoCapture)) leaves the vehicle or device through MQTT publish without anonymisation.',
      );
      expect(finding.detail).toBe(
        'Images and video of people and plates outside the car must be anonymised before they are provided outside the vehicle ' +
          '(Automotive Data Provisions 8; PIPL 26, 73(4); Shanghai auto-sales PI guideline art. 4). ' +
          "Blur or fill every face and licence plate on the vehicle before the data leaves it (e.g. 'await blurFacesAndPlates(frame)'), " +
          'send metadata only, or keep the processing in the vehicle.',
      );
      expect(finding.path[0]).toMatchObject({ kind: 'source', message: 'camera frame (@u4/opencv4nodejs VideoCapture)' });
      expect(finding.path.at(-1)).toMatchObject({ kind: 'sink', message: 'reaches MQTT publish' });
    });

    it('raw egress in Chinese (locale zh-CN)', async () => {
      const { finding } = await findingOf('tbox-mqtt-opencv-dashcam', { locale: 'zh-CN' });
      expect(finding.message).toBe('摄像头数据（摄像头画面（@u4/opencv4nodejs VideoCapture））未经匿名化处理即通过 MQTT 发布离开车辆或设备。');
      expect(finding.detail).toContain('《汽车数据安全管理若干规定（试行）》第八条');
      expect(finding.detail).toContain('只发送元数据');
    });

    it('a user-model source is described in its own words', async () => {
      const { finding } = await findingOf('config-vehicle-camera-sdk', VEHICLE_SDK_CONFIG);
      expect(finding.message).toContain('Camera data (rear-view camera frame (EVS bridge)) leaves the vehicle or device through HTTP request body (node:http)');
    });

    it('cloud blurring names the upload it does', async () => {
      const { finding } = await findingOf('cloud-alicloud-blurface');
      expect(finding.message).toContain('through Alibaba Cloud blurFace (uploads the raw image) without anonymisation');
    });

    it('privacy-policy flag only (allowWithConsent on)', async () => {
      const { finding } = await findingOf('consent-privacy-policy-only', CONSENT);
      expect(finding.message).toContain('after only a privacy-policy check');
      expect(finding.detail).toContain('The only check is a general privacy-policy flag');
      expect(finding.detail).toContain('Accepting a privacy policy is not separate consent to sending images or video (PIPL 29');
    });

    it('OS camera permission only (allowWithConsent on)', async () => {
      const { finding } = await findingOf('consent-os-permission-only', CONSENT);
      expect(finding.message).toContain('after only the OS camera permission');
      expect(finding.detail).toContain('The only check is the OS camera permission');
      expect(finding.detail).toContain('passers-by never gave it');
    });

    it('consent on one branch only (allowWithConsent on) names the kind of check', async () => {
      const { finding } = await findingOf('consent-not-dominating', CONSENT);
      expect(finding.data.reason).toBe('notDominating');
      expect(finding.message).toContain('after a check that is not separate consent');
      expect(finding.detail).toContain("(kind 'notDominating') is not separate consent to sending camera data");
    });

    it('anonymiser on another branch: the message names it', async () => {
      const { finding } = await findingOf('anonymiser-on-one-branch');
      expect(finding.messageId).toBe('anonymizerOnOneBranch');
      expect(finding.message).toContain('on a path that skips');
      expect(finding.message).toContain('blurFacesAndPlates');
    });
  });

  describe('fixes', () => {
    it('wraps the published frame in the anonymiser whose result was discarded; the re-scan is clean', async () => {
      const { files, result, finding } = await findingOf('anonymiser-result-discarded');
      const fix = fixTitled(finding, 'Anonymise with blurFacesAndPlates()');
      expect(fix).toMatchObject({ isSafe: false, isPreferred: true });
      const fixed = applyFix(result, files, fix);
      expect(fixed['src/tbox/frame-uploader.ts']).toBe(
        files['src/tbox/frame-uploader.ts']!.replace(
          'client.publish(`vehicles/${vin}/parking-damage`, videoFrame); // expect',
          'client.publish(`vehicles/${vin}/parking-damage`, await blurFacesAndPlates(videoFrame)); // expect',
        ),
      );
      const rescan = await scanSources(fixed, [cameraEgressRule]);
      expect(findingLines(rescan)).toEqual([]);
    });

    it('wraps the value appended to the FormData, not the FormData', async () => {
      const { files, result, finding } = await findingOf('anonymiser-applied-to-other-value');
      const fixed = applyFix(result, files, fixTitled(finding, 'Anonymise with pixelateFaces()'));
      expect(fixed['src/showroom/lead-photo.ts']).toBe(
        files['src/showroom/lead-photo.ts']!.replace("form.append('photo', snapshot);", "form.append('photo', await pixelateFaces(snapshot));"),
      );
      expect(findingLines(await scanSources(fixed, [cameraEgressRule]))).toEqual([]);
    });

    it('imports the project anonymiser from another module and wraps the frame inside the encoding', async () => {
      const { files, result, finding } = await findingOf('wrap-fix-imports-anonymiser');
      const fix = fixTitled(finding, 'Anonymise with blurFacesAndPlates()');
      const fixed = applyFix(result, files, fix);
      expect(fixed['src/tbox/pothole-report.ts']).toBe(
        files['src/tbox/pothole-report.ts']!
          .replace("import got from 'got';", "import got from 'got';\nimport { blurFacesAndPlates } from '../privacy/anonymizer';")
          .replace("cv.imencode('.jpg', still)", "cv.imencode('.jpg', await blurFacesAndPlates(still))"),
      );
      expect(findingLines(await scanSources(fixed, [cameraEgressRule]))).toEqual([]);
    });

    it('expands a shorthand property in a JSON body', async () => {
      const { files, result, finding } = await findingOf('wrap-fix-shorthand-property');
      const fixed = applyFix(result, files, fixTitled(finding, 'Anonymise with anonymizeSnapshot()'));
      expect(fixed['src/lobby/visitor-kiosk.ts']).toBe(
        "import { anonymizeSnapshot } from './privacy';\n" +
          files['src/lobby/visitor-kiosk.ts']!.replace('JSON.stringify({ visitId, hostName, snapshot })', 'JSON.stringify({ visitId, hostName, snapshot: await anonymizeSnapshot(snapshot) })'),
      );
      expect(findingLines(await scanSources(fixed, [cameraEgressRule]))).toEqual([]);
    });

    it('offers no wrap when the project has no anonymiser, only the suppression', async () => {
      const { finding } = await findingOf('tbox-mqtt-opencv-dashcam');
      expect(finding.fixes.map((fix) => fix.title)).toEqual([`Suppress ${RULE} on this line and state the reason`]);
    });

    it('suppresses with a reason: the comment above the sink line, placeholder selected; the finding is then suppressed', async () => {
      const { files, result, finding } = await findingOf('tbox-mqtt-opencv-dashcam');
      const fix = fixTitled(finding, 'Suppress');
      expect(fix.isSafe).toBe(false);
      const fixed = applyFix(result, files, fix);
      const original = files['src/tbox/dashcam-uplink.ts']!;
      const sinkLine = '  client.publish(`vehicles/${vin}/dashcam/still`, jpeg, { qos: 1 });';
      expect(fixed['src/tbox/dashcam-uplink.ts']).toBe(
        original.replace(sinkLine, `  // piilint-disable-next-line ${RULE} -- <reason>\n${sinkLine}`),
      );
      const text = fixed['src/tbox/dashcam-uplink.ts']!;
      const selection = fix.selection!;
      expect(text.slice(selection.start, selection.end)).toBe('<reason>');
      const reasoned = { ...fixed, 'src/tbox/dashcam-uplink.ts': text.replace('<reason>', 'test bench only; the broker is the lab loopback bridge') };
      const rescan = await scanSources(reasoned, [cameraEgressRule]);
      expect(rescan.findings.map((found) => [found.ruleId, found.suppression?.justification])).toEqual([
        [RULE, 'test bench only; the broker is the lab loopback bridge'],
      ]);
    });

    it('titles and placeholder in Chinese', async () => {
      const { finding } = await findingOf('anonymiser-result-discarded', { locale: 'zh-CN' });
      expect(finding.fixes.map((fix) => fix.title)).toEqual([`发送前使用 blurFacesAndPlates() 做匿名化处理`, `在此行抑制 ${RULE} 并写明理由`]);
      expect(finding.fixes[1]!.edits[0]!.newText).toContain('-- <理由>');
    });
  });
});
