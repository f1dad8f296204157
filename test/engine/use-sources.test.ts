/**
 * Sources recognised by how a value is produced or used (issues #16 §1, #17 §2): the result of a call named for a
 * biometric or an ID; the input of a face recognition, a face image wherever it goes next; an enrolment into a face
 * library, a store of a face whatever the variable is called; and a whole untyped object whose ID field the code
 * reads elsewhere. Each class in two ecosystems, with an invalid case and its valid twin.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines as linesOf } from '../support/scan-sources';

const BIOMETRIC = 'no-unconsented-biometric-storage';
const ID = 'no-id-number-logging';

describe('the result of a call named for the data is the data', () => {
  it("plant time clock (Node): a vendor SDK's palm-vein template and speaker embedding, not its quality score", async () => {
    const files = {
      'src/timeclock.ts': `import { PalmScanner } from '@veinsense/palm-sdk';
import { SpeakerEncoder } from '@acme/speaker-id';
import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL!);
const scanner = new PalmScanner('/dev/hidraw0');
const encoder = new SpeakerEncoder({ sampleRate: 16000 });

export async function enrolWorker(badgeNo: string, pcm: Int16Array): Promise<void> {
  const tpl = await scanner.extractPalmVeinTemplate();
  await redis.set('palm:' + badgeNo, tpl);
  const vec = encoder.embed(pcm);
  await redis.set('voice:' + badgeNo, vec);
  const quality = scanner.getSignalQuality();
  await redis.set('quality:' + badgeNo, quality);
}
`,
    };
    expect(await linesOf(files, BIOMETRIC)).toEqual(['src/timeclock.ts:11 no-unconsented-biometric-storage', 'src/timeclock.ts:13 no-unconsented-biometric-storage']);
  });

  it('WeChat cloud function: the ID-card OCR result is logged; its image size is not', async () => {
    const files = {
      'cloudfunctions/ocr/index.js': `const cloud = require('wx-server-sdk');

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

exports.main = async (event) => {
  const card = await cloud.openapi.ocr.idcard({ type: 'photo', imgUrl: event.imgUrl });
  console.log('ocr result', card);
  const size = await cloud.openapi.img.getImageSize({ imgUrl: event.imgUrl });
  console.log('image size', size);
  return { ok: true };
};
`,
    };
    expect(await linesOf(files, ID)).toEqual(['cloudfunctions/ocr/index.js:7 no-id-number-logging']);
  });
});

describe('a face-recognition input is a face image wherever it goes next', () => {
  it('KYC service (NestJS): the still compared with Rekognition is then archived to S3; the ID scan is not a face', async () => {
    const files = {
      'src/kyc/kyc.service.ts': `import { Injectable } from '@nestjs/common';
import { CompareFacesCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

@Injectable()
export class KycService {
  private readonly rekognition = new RekognitionClient({ region: 'ap-southeast-1' });
  private readonly s3 = new S3Client({ region: 'ap-southeast-1' });

  async verify(applicationId: string, liveStill: Uint8Array, documentScan: Uint8Array): Promise<boolean> {
    const result = await this.rekognition.send(new CompareFacesCommand({ SourceImage: { Bytes: documentScan }, TargetImage: { Bytes: liveStill } }));
    await this.s3.send(new PutObjectCommand({ Bucket: 'kyc-evidence', Key: applicationId + '/still.jpg', Body: liveStill }));
    return (result.FaceMatches ?? []).length > 0;
  }

  async archiveReceipt(applicationId: string, receiptScan: Uint8Array): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: 'kyc-evidence', Key: applicationId + '/receipt.pdf', Body: receiptScan }));
  }
}
`,
    };
    expect(await linesOf(files, BIOMETRIC)).toEqual(['src/kyc/kyc.service.ts:12 no-unconsented-biometric-storage']);
  });

  it('browser check-in (face-api.js): the image detected on is cached; a consented cache is fine', async () => {
    const files = {
      'src/checkin.ts': `import * as faceapi from 'face-api.js';

export async function checkIn(img: HTMLImageElement, visitId: string): Promise<boolean> {
  const detection = await faceapi.detectSingleFace(img);
  localStorage.setItem('checkin:' + visitId, img.src);
  return !!detection;
}

export async function checkInWithConsent(img: HTMLImageElement, visitId: string, visitor: { faceConsentAt?: string }): Promise<boolean> {
  const detection = await faceapi.detectSingleFace(img);
  if (!visitor.faceConsentAt) return !!detection;
  localStorage.setItem('checkin:' + visitId, img.src);
  return !!detection;
}
`,
    };
    expect(await linesOf(files, BIOMETRIC)).toEqual(['src/checkin.ts:5 no-unconsented-biometric-storage']);
  });
});

describe('an enrolment into a face library stores a face whatever the variable is called', () => {
  it('Express + Baidu SDK: addUser with an `image` from the body; a search stores nothing', async () => {
    const files = {
      'src/routes/members.js': `const express = require('express');
const { face: AipFace } = require('baidu-aip-sdk');

const client = new AipFace(process.env.BAIDU_APP_ID, process.env.BAIDU_API_KEY, process.env.BAIDU_SECRET_KEY);
const router = express.Router();

router.post('/members/:id/face', async (req, res) => {
  const image = req.body.image;
  await client.addUser(image, 'BASE64', 'vip_members', req.params.id);
  res.sendStatus(204);
});

router.post('/members/identify', async (req, res) => {
  const found = await client.search(req.body.image, 'BASE64', 'vip_members');
  res.json({ memberId: found.result ? found.result.user_list[0].user_id : null });
});

module.exports = router;
`,
    };
    expect(await linesOf(files, BIOMETRIC)).toEqual(['src/routes/members.js:9 no-unconsented-biometric-storage']);
  });
});

describe('a whole untyped object whose ID field the code reads elsewhere', () => {
  it('WeChat mini-program: the whole response is logged, and its idNumber is read below; a logged status code is not', async () => {
    const files = {
      'pages/certify/certify.js': `Page({
  data: { idNumber: '' },

  loadProfile() {
    wx.request({
      url: 'https://api.example-rental.cn/user/center',
      success: (res) => {
        console.log('user center', res);
        console.log('status', res.statusCode);
        this.setData({ idNumber: res.data.data.idNumber });
      },
    });
  },
});
`,
    };
    expect(await linesOf(files, ID)).toEqual(['pages/certify/certify.js:8 no-id-number-logging']);
  });

  it('Koa: a spread of the request body is logged, and its sfzh is destructured elsewhere in the handler', async () => {
    const files = {
      'src/routes/test-drive.js': `const Router = require('koa-router');
const log4js = require('log4js');

const logger = log4js.getLogger('test-drive');
const router = new Router();

router.post('/test-drives', async (ctx) => {
  const body = ctx.request.body;
  logger.info('booking %j', { ...body, source: 'showroom' });
  const { sfzh, modelCode } = body;
  ctx.body = await ctx.state.bookings.create({ sfzh, modelCode });
});

router.post('/test-drives/cancel', async (ctx) => {
  const body = ctx.request.body;
  logger.info('cancel %j', { ...body, source: 'showroom' });
  const { bookingNo, reason } = body;
  ctx.body = await ctx.state.bookings.cancel(bookingNo, reason);
});

module.exports = router;
`,
    };
    expect(await linesOf(files, ID)).toEqual(['src/routes/test-drive.js:9 no-id-number-logging']);
  });
});
