/**
 * A project function is a sanitizer by what its body does, not by its name (issue #17 §5): `maskPlate` that only
 * normalises the plate, `anonymizeFrame` that hands the frame back, protect nothing; the same names over a real
 * mask or blur keep protecting. Each in two ecosystems, with the valid twin beside the invalid case.
 */
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index';
import { findingLines, ruleFindingLines as linesOf, scanSources } from '../support/scan-sources';

const ID = 'no-id-number-logging';
const CAMERA = 'no-unanonymized-camera-egress';

describe('an ID masker that only normalises the number masks nothing', () => {
  it('Egg.js service: maskPlate upper-cases the plate; maskIdCard stars the middle', async () => {
    const files = {
      'app/service/testDrive.js': `'use strict';
const Service = require('egg').Service;

function maskPlate(plate) {
  if (!plate) return '';
  return plate.replace(/\\s+/g, '').toUpperCase();
}

function maskIdCard(idCard) {
  return idCard.replace(/^(.{6})(?:\\d+)(.{4})$/, '$1********$2');
}

class TestDriveService extends Service {
  async book(form) {
    const { ctx } = this;
    ctx.logger.info('test drive booked, plate %s', maskPlate(form.plateNo));
    ctx.logger.info('test drive booked, customer %s', maskIdCard(form.idCard));
    return ctx.model.TestDrive.create({ modelCode: form.modelCode, slot: form.slot });
  }
}

module.exports = TestDriveService;
`,
    };
    expect(await linesOf(files, ID)).toEqual(['app/service/testDrive.js:16 no-id-number-logging']);
  });

  it('Koa route (TS): desensitizeVin trims the VIN; desensitizeVin2 keeps only its last six', async () => {
    const files = {
      'src/routes/recall.ts': `import Router from '@koa/router';

const router = new Router();

function desensitizeVin(vin: string): string {
  return vin.trim();
}

function maskVin(vin: string): string {
  return '*'.repeat(11) + vin.slice(-6);
}

router.post('/recall/lookup', async (ctx) => {
  const { vin } = ctx.request.body as { vin: string };
  console.info('recall lookup', desensitizeVin(vin));
  console.info('recall lookup', maskVin(vin));
  ctx.body = { ok: true };
});

export default router;
`,
    };
    expect(await linesOf(files, ID)).toEqual(['src/routes/recall.ts:15 no-id-number-logging']);
  });
});

describe('an anonymiser that hands the frame back anonymises nothing', () => {
  it('Node T-Box uplink: anonymizeFrame returns its input; blurFrame blurs the face regions', async () => {
    const files = {
      'src/uplink.ts': `import cv from 'opencv4nodejs';
import mqtt from 'mqtt';

const client = mqtt.connect('mqtts://telematics.example-oem.cn');
const cam = new cv.VideoCapture(0);
const faces = new cv.CascadeClassifier(cv.HAAR_FRONTALFACE_ALT2);

function anonymizeFrame(frame: cv.Mat): cv.Mat {
  // TODO: plug in the face model
  return frame;
}

function blurFrame(frame: cv.Mat): cv.Mat {
  const out = frame.copy();
  for (const rect of faces.detectMultiScale(frame.bgrToGray()).objects) {
    out.getRegion(rect).blur(new cv.Size(45, 45)).copyTo(out.getRegion(rect));
  }
  return out;
}

export function publishSnapshot(vin: string): void {
  const frame = cam.read();
  client.publish('tbox/' + vin + '/snapshot', cv.imencode('.jpg', anonymizeFrame(frame)));
  client.publish('tbox/' + vin + '/snapshot', cv.imencode('.jpg', blurFrame(frame)));
}
`,
    };
    expect(await linesOf(files, CAMERA)).toEqual(['src/uplink.ts:23 no-unanonymized-camera-egress']);
  });

  it('browser lobby kiosk (JS): blurFaces returns the canvas untouched; pixelateFaces draws over the faces', async () => {
    const files = {
      'src/kiosk.js': `import axios from 'axios';

function blurFaces(canvas) {
  return canvas;
}

function pixelateFaces(canvas, boxes) {
  const g = canvas.getContext('2d');
  for (const box of boxes) {
    g.filter = 'blur(16px)';
    g.drawImage(canvas, box.x, box.y, box.w, box.h, box.x, box.y, box.w, box.h);
  }
  return canvas;
}

export async function sendLobbySnapshot(boxes) {
  const video = document.querySelector('video#lobby');
  video.srcObject = await navigator.mediaDevices.getUserMedia({ video: true });
  const canvas = document.createElement('canvas');
  canvas.getContext('2d').drawImage(video, 0, 0);
  await axios.post('https://cloud.example-building.cn/lobby/snapshots', { shot: blurFaces(canvas).toDataURL('image/jpeg') });
  await axios.post('https://cloud.example-building.cn/lobby/snapshots', { shot: pixelateFaces(canvas, boxes).toDataURL('image/jpeg') });
}
`,
    };
    expect(await linesOf(files, CAMERA)).toEqual(['src/kiosk.js:21 no-unanonymized-camera-egress']);
  });
});

describe('a masking function the configuration names is taken at the user word', () => {
  it('Express (TS): `maskFunctions: ["hideDoc"]` counts even where its body is out of sight of the analysis', async () => {
    const files = {
      'src/routes/rentals.ts': `import express from 'express';
import { hideDoc } from '../lib/privacy';

export const rentals = express.Router();

rentals.post('/rentals', (req, res) => {
  const { driverLicenseNo } = req.body as { driverLicenseNo: string };
  console.info('rental opened for licence', hideDoc(driverLicenseNo));
  res.status(201).end();
});
`,
      'src/lib/privacy.ts': `// The HSM-backed tokenizer replaces this at deploy time (see ops/privacy-hsm.md).
export function hideDoc(value: string): string {
  return value;
}
`,
    };
    const result = await scanSources(files, allRules, { rules: { [ID]: { options: { maskFunctions: ['hideDoc'] } } } });
    expect(findingLines(result).filter((line) => line.endsWith(` ${ID}`))).toEqual([]);
    expect(await linesOf(files, ID)).toEqual(['src/routes/rentals.ts:8 no-id-number-logging']);
  });
});
