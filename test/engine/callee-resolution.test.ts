/**
 * Calls whose target the engine has to work out (issue #16 §3, callee-resolution-gaps): a callee with a project
 * function and a library function as alternatives, values a module exports (`module.exports = …`, `exports.x`,
 * `export default <expression>`), namespace imports of project modules, clients kept in static class fields, and
 * clients made with a base URL. Each case is a small project in the ecosystem it comes from: lines marked
 * `// expect: <rule>` are the findings, every other file or function is a valid twin.
 */
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index';
import type { Finding } from '../../server/src/engine/findings/finding';
import { expectedLines, findingLines, scanSources } from '../support/scan-sources';

const ID = 'no-id-number-logging';
const BIOMETRIC = 'no-unconsented-biometric-storage';
const CAMERA = 'no-unanonymized-camera-egress';

/** Scans the project and checks that the rule reports exactly the marked lines (and that some are marked). */
async function expectMarkedFindings(files: Record<string, string>, rule: string): Promise<readonly Finding[]> {
  const result = await scanSources(files, allRules);
  const expected = expectedLines(files).filter((line) => line.endsWith(` ${rule}`));
  expect(expected.length, 'the project marks its invalid cases').toBeGreaterThan(0);
  expect(findingLines(result).filter((line) => line.endsWith(` ${rule}`)).sort()).toEqual(expected);
  return result.findings.filter((finding) => finding.ruleId === rule);
}

describe('a callee with a project alternative and a library alternative', () => {
  it('Electron kiosk (JavaScript): `this.trace` is a no-op closure or `console.log`; both are called', async () => {
    await expectMarkedFindings(
      {
        'src/main/barrier.js': `class BarrierController {
  constructor(options) {
    this.trace = () => {};
    if (options.verbose) this.trace = options.verbose === 'console' ? console.log : options.onTrace;
    this.quiet = options.buffer ? (line) => options.buffer.push(line) : () => {};
  }

  open(plateNumber) {
    this.trace(\`barrier opened for \${plateNumber}\`); // expect: ${ID}
  }

  close(plateNumber) {
    this.quiet(\`barrier closed for \${plateNumber}\`);
  }
}

module.exports = BarrierController;
`,
      },
      ID,
    );
  });

  it('NestJS: a project logger that overrides the library method it extends is the only one called', async () => {
    await expectMarkedFindings(
      {
        'src/recall/masking-logger.ts': `import { Logger } from '@nestjs/common';

function maskVin(text: string): string {
  return text.replace(/[A-HJ-NPR-Z0-9]{17}/g, (vin) => '*'.repeat(13) + vin.slice(-4));
}

export class MaskingLogger extends Logger {
  log(message: string): void {
    super.log(maskVin(message));
  }
}
`,
        'src/recall/recall.service.ts': `import { Injectable } from '@nestjs/common';
import { MaskingLogger } from './masking-logger';

@Injectable()
export class RecallService {
  private readonly masked = new MaskingLogger(RecallService.name);
  private readonly debug: (message: string) => void;

  constructor() {
    this.debug = process.env.RECALL_DEBUG ? console.log : (message) => this.masked.log(message);
  }

  notify(vin: string): void {
    this.masked.log(vin);
    this.debug(vin); // expect: ${ID}
  }
}
`,
      },
      ID,
    );
  });
});

describe('values a module exports', () => {
  it('Express (CommonJS): `module.exports = mongoose.model(…)` is the model `require` gives', async () => {
    await expectMarkedFindings(
      {
        'src/models/faceTemplate.js': `const mongoose = require('mongoose');

const FaceTemplateSchema = new mongoose.Schema({ customerId: String, descriptor: [Number] });

module.exports = mongoose.model('FaceTemplate', FaceTemplateSchema);
`,
        'src/routes/enrol.js': `const express = require('express');
const faceapi = require('face-api.js');
const FaceTemplate = require('../models/faceTemplate');
const { hasFaceConsent } = require('../services/consent');

const router = express.Router();

router.post('/showroom/face-login/quick', async (req, res) => {
  const result = await faceapi.detectSingleFace(req.body.image).withFaceLandmarks().withFaceDescriptor();
  await FaceTemplate.create({ customerId: req.body.customerId, descriptor: Array.from(result.descriptor) }); // expect: ${BIOMETRIC}
  res.sendStatus(201);
});

router.post('/showroom/face-login', async (req, res) => {
  if (!(await hasFaceConsent(req.body.customerId))) return res.sendStatus(403);
  const result = await faceapi.detectSingleFace(req.body.image).withFaceLandmarks().withFaceDescriptor();
  await FaceTemplate.create({ customerId: req.body.customerId, descriptor: Array.from(result.descriptor) });
  res.sendStatus(201);
});

module.exports = router;
`,
        'src/services/consent.js': `const db = require('../db');

exports.hasFaceConsent = async (customerId) => {
  const row = await db.consents.findOne({ customerId, purpose: 'face_login' });
  return !!row && !row.revokedAt;
};
`,
        'src/db.js': `module.exports = { consents: { findOne: async () => null } };
`,
      },
      BIOMETRIC,
    );
  });

  it('NestJS (ESM): `export default model<IVisit>(…)` is the model a default import gives, with the rows it returns', async () => {
    await expectMarkedFindings(
      {
        'src/visits/visit.model.ts': `import { Schema, model } from 'mongoose';

export interface IVisit {
  visitNo: string;
  visitorName: string;
  passportNo: string;
  arrivedAt: Date;
}

const VisitSchema = new Schema<IVisit>({ visitNo: String, visitorName: String, passportNo: String, arrivedAt: Date });

export default model<IVisit>('Visit', VisitSchema);
`,
        'src/visits/visits.service.ts': `import { Injectable, Logger } from '@nestjs/common';
import Visit from './visit.model';

@Injectable()
export class VisitsService {
  private readonly logger = new Logger(VisitsService.name);

  async checkOut(visitNo: string): Promise<void> {
    const visit = await Visit.findOne({ visitNo }).lean();
    this.logger.log(visit); // expect: ${ID}
  }

  async countToday(): Promise<void> {
    const count = await Visit.countDocuments({});
    this.logger.log(count);
  }
}
`,
      },
      ID,
    );
  });

  it('Koa (CommonJS): a config object with the gate daemon on loopback and the cloud elsewhere', async () => {
    await expectMarkedFindings(
      {
        'config/index.js': `module.exports = {
  gateDaemon: 'http://127.0.0.1:9300',
  cloudAlpr: 'https://alpr.example-cloud.com',
};
`,
        'src/services/yard.js': `const axios = require('axios');
const cv = require('@u4/opencv4nodejs');
const config = require('../../config');

const entryCamera = new cv.VideoCapture(0);

exports.showOnLedBoard = async () => {
  const frame = entryCamera.read();
  await axios.post(config.gateDaemon + '/led/frame', { image: cv.imencode('.jpg', frame).toString('base64') });
};

exports.recogniseInCloud = async () => {
  const frame = entryCamera.read();
  await axios.post(config.cloudAlpr + '/recognise', { image: cv.imencode('.jpg', frame).toString('base64') }); // expect: ${CAMERA}
};
`,
      },
      CAMERA,
    );
  });

  it('Egg.js-style plugin (CommonJS): `module.exports.create = { train() {…} }` and `exports.x = …` run with the callers\' checks', async () => {
    await expectMarkedFindings(
      {
        'lib/recognizer.js': `const fs = require('fs/promises');

module.exports.create = {
  async train(memberId, faceImage) {
    await fs.writeFile(\`/data/faces/\${memberId}.jpg\`, faceImage);
  },
};

exports.keepSnapshot = async (memberId, faceImage) => {
  await fs.writeFile(\`/data/snapshots/\${memberId}.jpg\`, faceImage); // expect: ${BIOMETRIC}
};
`,
        'app/service/member.js': `const recognizer = require('../../lib/recognizer');

module.exports = class MemberService {
  async enrol(member, faceImage) {
    if (!member.consents.faceRecognition) return;
    await recognizer.create.train(member.id, faceImage);
    await recognizer.keepSnapshot(member.id, faceImage);
  }

  async quickCheckIn(member, faceImage) {
    await recognizer.keepSnapshot(member.id, faceImage);
  }
};
`,
      },
      BIOMETRIC,
    );
  });
});

describe('namespace imports of project modules', () => {
  const frs = `import { writeFile } from 'node:fs/promises';

export async function addFace(personId: string, facePhoto: Buffer): Promise<void> {
  await writeFile(\`/srv/frs/\${personId}.jpg\`, facePhoto); // expect: ${BIOMETRIC}
}
`;

  it('Express: `frs.addFace` runs the module function, so the consent check of the route protects it; an unchecked route does not', async () => {
    const [finding] = await expectMarkedFindings(
      {
        'src/services/frs.ts': frs,
        'src/services/consent.ts': `export async function hasBiometricConsent(personId: string): Promise<boolean> {
  const response = await fetch(\`http://consent.local/persons/\${personId}/biometric\`);
  return response.ok;
}
`,
        'src/routes/visitors.ts': `import express from 'express';
import * as frs from '../services/frs';
import { hasBiometricConsent } from '../services/consent';

export const router = express.Router();

router.post('/visitors/:id/face', async (req, res) => {
  if (!(await hasBiometricConsent(req.params.id))) return res.sendStatus(403);
  await frs.addFace(req.params.id, req.body.facePhoto);
  res.sendStatus(201);
});

router.post('/visitors/:id/face/quick', async (req, res) => {
  await frs.addFace(req.params.id, req.body.facePhoto);
  res.sendStatus(201);
});
`,
      },
      BIOMETRIC,
    );
    // The path starts in the route that calls without a check (line 14), not in `addFace` as if nothing called it.
    expect(finding?.path.some((step) => step.range.file.endsWith('visitors.ts') && step.range.line === 14)).toBe(true);
  });

  it('Midway: the same through a namespace import in a service, every caller checked', async () => {
    const files = {
      'src/lib/frs.ts': frs.replace(` // expect: ${BIOMETRIC}`, ''),
      'src/service/tenant.service.ts': `import { Provide } from '@midwayjs/core';
import * as frs from '../lib/frs';

interface Tenant {
  tenantId: string;
  faceConsent: boolean;
}

@Provide()
export class TenantService {
  async enrolFace(tenant: Tenant, facePhoto: Buffer) {
    if (!tenant.faceConsent) throw new Error('no biometric consent');
    await frs.addFace(tenant.tenantId, facePhoto);
  }
}
`,
    };
    const result = await scanSources(files, allRules);
    expect(findingLines(result).filter((line) => line.endsWith(` ${BIOMETRIC}`))).toEqual([]);
    // The control: without the check, the write is reported.
    const unchecked = { ...files, 'src/service/tenant.service.ts': files['src/service/tenant.service.ts'].replace("    if (!tenant.faceConsent) throw new Error('no biometric consent');\n", '') };
    const reported = await scanSources(unchecked, allRules);
    expect(findingLines(reported).filter((line) => line.endsWith(` ${BIOMETRIC}`))).toEqual([`src/lib/frs.ts:4 ${BIOMETRIC}`]);
  });
});

describe('clients kept in static class fields', () => {
  it('Node (vehicle alert box): `AlertChannel.messenger = new TelegramBot(…)` is read by another static method; a blurred frame passes', async () => {
    await expectMarkedFindings(
      {
        'src/alert-channel.ts': `import TelegramBot from 'node-telegram-bot-api';
import { Camera } from 'v4l2camera';
import { blurFacesAndPlates } from './anonymise';

export class AlertChannel {
  static messenger: TelegramBot;

  static connect(token: string): void {
    AlertChannel.messenger = new TelegramBot(token);
  }

  static async sendRaw(chatId: number, camera: Camera): Promise<void> {
    const frame = Buffer.from(camera.frameRaw());
    await AlertChannel.messenger.sendPhoto(chatId, frame); // expect: ${CAMERA}
  }

  static async sendBlurred(chatId: number, camera: Camera): Promise<void> {
    const frame = await blurFacesAndPlates(Buffer.from(camera.frameRaw()));
    await AlertChannel.messenger.sendPhoto(chatId, frame);
  }
}
`,
        'src/anonymise.ts': `import sharp from 'sharp';

export async function blurFacesAndPlates(frame: Buffer): Promise<Buffer> {
  return sharp(frame).blur(40).jpeg().toBuffer();
}
`,
      },
      CAMERA,
    );
  });

  it('Electron (main process): a static field initialised with an OSS client, used through the class name elsewhere', async () => {
    await expectMarkedFindings(
      {
        'src/main/uploader.ts': `import OSS from 'ali-oss';

export class CabinUploader {
  static storage = new OSS({ region: 'oss-cn-hangzhou', bucket: 'cabin-snapshots' });
}
`,
        'src/main/cabin.ts': `import * as cv from '@u4/opencv4nodejs';
import { CabinUploader } from './uploader';

const cabinCamera = new cv.VideoCapture(0);

export async function uploadCabinSnapshot(tripId: string): Promise<void> {
  const frame = cabinCamera.read();
  await CabinUploader.storage.put(\`trips/\${tripId}.jpg\`, cv.imencode('.jpg', frame)); // expect: ${CAMERA}
}

export async function uploadTripSummary(tripId: string, km: number): Promise<void> {
  await CabinUploader.storage.put(\`trips/\${tripId}.json\`, Buffer.from(JSON.stringify({ tripId, km })));
}
`,
      },
      CAMERA,
    );
  });
});

describe('a client made with a base URL', () => {
  it('Node gate box: `axios.create({ baseURL })` on loopback keeps frames on the device; one for the cloud does not', async () => {
    await expectMarkedFindings(
      {
        'src/gate.ts': `import axios from 'axios';
import * as cv from '@u4/opencv4nodejs';

const laneCamera = new cv.VideoCapture(0);
const ledDaemon = axios.create({ baseURL: 'http://127.0.0.1:9300', timeout: 500 });
const cloud = axios.create({ baseURL: 'https://alpr.example-cloud.com/api' });

export async function showOnLed(): Promise<void> {
  const frame = laneCamera.read();
  await ledDaemon.post('/frames', cv.imencode('.jpg', frame));
}

export async function recognise(): Promise<void> {
  const frame = laneCamera.read();
  await cloud.post('/frames', cv.imencode('.jpg', frame)); // expect: ${CAMERA}
}
`,
      },
      CAMERA,
    );
  });

  it("Electron (main process): got's `prefixUrl` the same way", async () => {
    await expectMarkedFindings(
      {
        'src/main/dashcam.ts': `import got from 'got';
import * as cv from '@u4/opencv4nodejs';

const dashcam = new cv.VideoCapture(0);
const adas = got.extend({ prefixUrl: 'http://localhost:7070/adas' });
const fleet = got.extend({ prefixUrl: 'https://fleet.example-oem.com/v2' });

export async function feedAdas(): Promise<void> {
  const frame = dashcam.read();
  await adas.post('frames', { body: cv.imencode('.jpg', frame) });
}

export async function reportIncident(): Promise<void> {
  const frame = dashcam.read();
  await fleet.post('incidents', { body: cv.imencode('.jpg', frame) }); // expect: ${CAMERA}
}
`,
      },
      CAMERA,
    );
  });
});
