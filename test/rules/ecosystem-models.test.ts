/**
 * Library models for the ecosystems piilint's users write in (issue #17), each tested in real-looking code of that
 * ecosystem with a valid twin: Egg.js plugins (egg-oss, egg-mysql), mini-program storage, Qiniu and Huawei OBS,
 * IndexedDB by its API, `fs.promises`; react-webcam, ONVIF snapshots, Telegram bots, Cloudinary and cloud vision
 * APIs. The ID rule's loggers and telemetry are in no-id-number-logging.test.ts (project `ecosystems`).
 */
import { describe } from 'vitest';
import { describeFixtureProjects } from '../support/rule-tester';

describe('no-unconsented-biometric-storage: ecosystem models', () => {
  describeFixtureProjects('no-unconsented-biometric-storage', {
    ecosystems: [
      { file: 'app/controller/door-stranger.js', messageId: 'unconsentedStorage', message: ["named 'rlzp'", 'Alibaba Cloud OSS upload'] },
      { file: 'app/controller/door-resident.js' },
      { file: 'app/service/face-feature.js', messageId: 'unconsentedStorage', message: ["named 'rltz'", 'egg-mysql'] },
      { file: 'app/service/face-feature-count.js' },
      { file: 'miniprogram/pages/enrol/selfie-cache.js', messageId: 'unconsentedStorage', message: ["named 'faceBase64'", 'WeChat file system write'] },
      { file: 'miniprogram/pages/enrol/licence-cache.js' },
      { file: 'src/archive/qiniu-face.ts', messageId: 'unconsentedStorage', message: ['Qiniu Kodo upload'] },
      { file: 'src/archive/qiniu-car.ts' },
      { file: 'src/archive/obs-face.js', messageId: 'unconsentedStorage', message: ['Huawei Cloud OBS upload'] },
      { file: 'src/archive/obs-face-consented.js' },
      { file: 'src/kiosk/face-cache.idb.ts', messageId: 'unconsentedStorage', message: ['face descriptor from face-api.js', 'IndexedDB object store write'] },
      { file: 'src/kiosk/face-cache.memory.ts' },
      { file: 'src/archive/fs-promises.ts', messageId: 'unconsentedStorage', message: ['file write (fs.promises)'] },
      { file: 'src/archive/fs-promises-consented.ts' },
      { file: 'src/archive/consent.ts' },
      // A face-library enrolment over REST stores the face, whatever the variable holding the image is called.
      { file: 'src/gate/baidu-enrol.koa.js', messageId: 'unconsentedStorage', message: ['face image enrolled into Baidu AI face library'] },
      { file: 'src/gate/baidu-search.koa.js' },
      { file: 'src/visitor/frs-enrol.ts', messageId: 'unconsentedStorage', message: ['Huawei Cloud FRS face set'] },
      { file: 'src/visitor/frs-search.ts' },
    ],
  });
});

describe('no-unanonymized-camera-egress: ecosystem models', () => {
  describeFixtureProjects('no-unanonymized-camera-egress', {
    ecosystems: [
      { file: 'src/lobby/CheckInCamera.tsx', messageId: 'rawFrameEgress', message: ['webcam screenshot (react-webcam)'] },
      { file: 'src/lobby/CheckInCameraBlurred.tsx' },
      { file: 'src/lobby/privacy.ts' },
      { file: 'src/yard/onvif-snapshot.js', messageId: 'rawFrameEgress', message: ['IP camera snapshot (ONVIF)', 'Telegram message'] },
      { file: 'src/yard/onvif-status.js' },
      { file: 'src/nvr/cloudinary-archive.ts', messageId: 'rawFrameEgress', message: ['Cloudinary upload'] },
      { file: 'src/nvr/cloudinary-stats.ts' },
      { file: 'src/fleet/rekognition-cabin.ts', messageId: 'rawFrameEgress', message: ['Amazon Rekognition (uploads the image)'] },
      { file: 'src/fleet/rekognition-labels.ts' },
    ],
  });
});
