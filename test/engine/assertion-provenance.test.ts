/**
 * A type assertion says what a value is, not where it came from (issues #16 §1, #17 §4): an uploaded face photo
 * asserted `as Buffer` is still an upload, so its name is no evidence of a camera, while the biometric store of
 * it is still reported. Two ecosystems, each with a camera frame as the twin that is reported.
 */
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index';
import { findingLines, scanSources } from '../support/scan-sources';

async function lines(files: Record<string, string>): Promise<string[]> {
  return findingLines(await scanSources(files, allRules)).sort();
}

describe('an upload asserted to a type stays an upload', () => {
  it('Koa visitor desk (TS): `ctx.request.body as Buffer` named facePhoto is stored (biometric) but is no camera egress', async () => {
    const files = {
      'src/routes/visitors.ts': `import Router from '@koa/router';
import OSS from 'ali-oss';
import { Camera } from 'v4l2camera';

const oss = new OSS({ region: 'oss-cn-shanghai', bucket: 'lobby-visitors', accessKeyId: process.env.OSS_KEY!, accessKeySecret: process.env.OSS_SECRET! });
const lobbyCam = new Camera('/dev/video0');
export const visitors = new Router({ prefix: '/visitors' });

visitors.put('/:id/photo', async (ctx) => {
  const facePhoto = ctx.request.body as Buffer;
  await oss.put('badges/' + ctx.params.id + '.jpg', facePhoto);
  ctx.status = 204;
});

visitors.post('/:id/lobby-snapshot', async (ctx) => {
  const snapshot = Buffer.from(lobbyCam.frameRaw()) as Buffer;
  await oss.put('lobby/' + ctx.params.id + '.raw', snapshot);
  ctx.status = 204;
});
`,
    };
    expect(await lines(files)).toEqual([
      'src/routes/visitors.ts:11 no-unconsented-biometric-storage',
      'src/routes/visitors.ts:17 no-unanonymized-camera-egress',
    ]);
  });

  it('Midway dealer CRM (TS): a multipart selfie and a request body asserted `as Buffer` are stored (biometric), and are no camera egress', async () => {
    const files = {
      'src/controller/kyc.controller.ts': `import { Body, Controller, Inject, Post, Files } from '@midwayjs/core';
import { Context } from '@midwayjs/koa';
import * as COS from 'cos-nodejs-sdk-v5';

interface UploadFileInfo {
  filename: string;
  data: Buffer;
}

const cos = new COS({ SecretId: process.env.COS_ID, SecretKey: process.env.COS_KEY });

@Controller('/kyc')
export class KycController {
  @Inject()
  ctx: Context;

  @Post('/selfie')
  async uploadSelfie(@Files() files: unknown[]) {
    const selfie = files[0] as UploadFileInfo;
    await new Promise((resolve, reject) =>
      cos.putObject({ Bucket: 'dealer-kyc-1250000000', Region: 'ap-shanghai', Key: 'selfies/' + selfie.filename, Body: selfie.data }, (err, data) => (err ? reject(err) : resolve(data))),
    );
    return { ok: true };
  }

  @Post('/portrait')
  async uploadPortrait(@Body() body: unknown) {
    const portrait = body as Buffer;
    await cos.putObject({ Bucket: 'dealer-kyc-1250000000', Region: 'ap-shanghai', Key: 'portraits/' + this.ctx.query.id, Body: portrait });
    return { ok: true };
  }
}
`,
    };
    expect((await lines(files)).filter((line) => line.endsWith('no-unanonymized-camera-egress'))).toEqual([]);
    expect(await lines(files)).toEqual(['src/controller/kyc.controller.ts:21 no-unconsented-biometric-storage', 'src/controller/kyc.controller.ts:29 no-unconsented-biometric-storage']);
  });
});
