/**
 * Weak evidence and what describes data rather than carries it (issues #16 §5, #17 §4): a camera name (`faceImage`,
 * `snapshot`, `jpeg`) classifies only a value of unknown origin; what a client sent, an object built in the code, or
 * what every caller anonymised is not a frame leaving a camera. Analyses, statistics and scalar fields of a frame
 * carry none of it, and `Promise.all` keeps its elements apart. Each class is tested in two ecosystems, with an
 * invalid case and its valid twin.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from '../support/scan-sources';

const CAMERA = 'no-unanonymized-camera-egress';
const BIOMETRIC = 'no-unconsented-biometric-storage';

const linesOf = (files: Record<string, string>, rule = CAMERA): Promise<string[]> => ruleFindingLines(files, rule);

describe('a camera name on what a client sent is no camera frame', () => {
  it('Express + multer: an uploaded badge photo named faceImage is stored (biometric) but is no camera egress', async () => {
    const files = {
      'src/routes/badges.js': `const express = require('express');
const multer = require('multer');
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');

const router = express.Router();
const s3 = new S3Client({ region: 'cn-north-1' });

router.post('/staff/:id/badge', multer().single('photo'), async (req, res) => {
  const faceImage = req.file.buffer;
  await s3.send(new PutObjectCommand({ Bucket: 'hr-badges', Key: req.params.id + '.jpg', Body: faceImage }));
  res.sendStatus(204);
});

module.exports = router;
`,
    };
    expect(await linesOf(files)).toEqual([]);
    expect(await linesOf(files, BIOMETRIC)).toEqual(['src/routes/badges.js:10 no-unconsented-biometric-storage']);
  });

  it('Midway: a face image in the request body (@Body) sent to Tencent COS is no camera egress; the kiosk capture that takes one is', async () => {
    const controller = `import { Body, Controller, Inject, Post } from '@midwayjs/core';
import COS from 'cos-nodejs-sdk-v5';

interface PunchDTO {
  employeeNo: string;
  faceImage: string;
}

const cos = new COS({ SecretId: process.env.COS_ID, SecretKey: process.env.COS_KEY });

@Controller('/punch')
export class PunchController {
  @Post('/')
  async punch(@Body() dto: PunchDTO) {
    await cos.putObject({ Bucket: 'punch-1250000000', Region: 'ap-shanghai', Key: dto.employeeNo + '.jpg', Body: Buffer.from(dto.faceImage, 'base64') });
  }
}
`;
    expect(await linesOf({ 'src/controller/punch.controller.ts': controller })).toEqual([]);
    const kiosk = `export async function sendPunchPhoto(video: HTMLVideoElement, employeeNo: string): Promise<void> {
  const canvas = document.createElement('canvas');
  canvas.getContext('2d')!.drawImage(video, 0, 0);
  const faceImage = canvas.toDataURL('image/jpeg');
  await fetch('https://attendance.example-plant.cn/api/punch', { method: 'POST', body: JSON.stringify({ employeeNo, faceImage }) });
}
`;
    expect(await linesOf({ 'src/kiosk/punch.ts': kiosk })).toEqual(['src/kiosk/punch.ts:5 no-unanonymized-camera-egress']);
  });
});

describe('a parameter named like a frame is decided by what its callers pass', () => {
  const uplink = `import mqtt from 'mqtt';

const client = mqtt.connect('mqtts://iot.example-oem.com:8883');

export function pushToOps(vin: string, jpeg: Buffer): void {
  client.publish('ops/' + vin + '/exit-camera', jpeg);
}
`;

  it('T-Box (Node): every caller anonymises the frame, so the upload of `jpeg` is no finding', async () => {
    const caller = `import cv from '@u4/opencv4nodejs';
import { anonymizeFrame } from './privacy';
import { pushToOps } from './uplink';

const camera = new cv.VideoCapture(0);

export async function onExitGate(vin: string): Promise<void> {
  const frame = camera.read();
  pushToOps(vin, await anonymizeFrame(cv.imencode('.jpg', frame)));
}
`;
    const privacy = `import sharp from 'sharp';

export function anonymizeFrame(jpeg: Buffer): Promise<Buffer> {
  return sharp(jpeg).blur(40).jpeg().toBuffer();
}
`;
    expect(await linesOf({ 'src/uplink.ts': uplink, 'src/exit.ts': caller, 'src/privacy.ts': privacy })).toEqual([]);
  });

  it('T-Box (Node): one caller passes the raw frame, so the upload is reported where the frame enters', async () => {
    const caller = `import cv from '@u4/opencv4nodejs';
import { pushToOps } from './uplink';

const camera = new cv.VideoCapture(0);

export function onExitGate(vin: string): void {
  const frame = camera.read();
  pushToOps(vin, cv.imencode('.jpg', frame));
}
`;
    expect(await linesOf({ 'src/uplink.ts': uplink, 'src/exit.ts': caller })).toEqual(['src/uplink.ts:6 no-unanonymized-camera-egress']);
  });

  it('browser SDK (an exported function nobody calls): the parameter name decides', async () => {
    const sdk = `export async function shareSnapshot(endpoint: string, snapshot: Blob): Promise<void> {
  await fetch(endpoint, { method: 'POST', body: snapshot });
}
`;
    expect(await linesOf({ 'src/share.ts': sdk })).toEqual(['src/share.ts:2 no-unanonymized-camera-egress']);
  });
});

describe('names that say the data is no longer raw, or is not a frame at all', () => {
  it('an object built in the code called `snapshot` is no camera frame; a variable `h` is no H.264 stream', async () => {
    const files = {
      'src/occupancy.ts': `import axios from 'axios';

interface LevelCounter {
  level: string;
  carsIn: number;
  carsOut: number;
}

export async function sendOccupancy(reportUrl: string, counters: LevelCounter[], uptimeMs: number): Promise<void> {
  const snapshot = counters.map((c) => ({ level: c.level, occupied: c.carsIn - c.carsOut }));
  const h = Math.floor(uptimeMs / 3_600_000);
  await axios.post(reportUrl, { snapshot, uptimeHours: h });
}
`,
      'src/stream.ts': `import WebSocket from 'ws';

const socket = new WebSocket('wss://live.example-oem.com/cabin');

export function forwardChunk(h264Chunk: Buffer): void {
  socket.send(h264Chunk);
}
`,
    };
    expect(await linesOf(files)).toEqual(['src/stream.ts:6 no-unanonymized-camera-egress']);
  });

  it('Electron main process: a `mosaicJpeg` says it was anonymised; a `cabinJpeg` does not', async () => {
    const files = {
      'src/main/live-wall.ts': `import OSS from 'ali-oss';

const oss = new OSS({ region: 'oss-cn-shanghai', bucket: 'showroom-live' });

export async function publishLiveWall(mosaicJpeg: Buffer): Promise<void> {
  await oss.put('live/wall.jpg', mosaicJpeg);
}

export async function archiveCabin(cabinJpeg: Buffer): Promise<void> {
  await oss.put('archive/cabin.jpg', cabinJpeg);
}
`,
    };
    expect(await linesOf(files)).toEqual(['src/main/live-wall.ts:10 no-unanonymized-camera-egress']);
  });
});

describe('what describes a frame does not carry it', () => {
  it("edge box (Node): an unknown model's estimate, frame statistics and `Promise.all` results", async () => {
    const files = {
      'src/crowding.ts': `import cv from '@u4/opencv4nodejs';
import mqtt from 'mqtt';

declare const model: { estimate(jpeg: Buffer): Promise<{ waitingPassengers: number; level: string }> };

const broker = mqtt.connect('mqtts://bus.example-city.cn:8883');
const shelterCam = new cv.VideoCapture('rtsp://10.0.0.21/stream1');
const platformCam = new cv.VideoCapture('rtsp://10.0.0.22/stream1');

async function grab(cameraName: string, cap: cv.VideoCapture) {
  const mat = cap.read();
  return { cameraName, jpeg: cv.imencode('.jpg', mat), frameWidth: mat.cols, brightness: mat.mean() };
}

export async function publishCrowding(stopId: string): Promise<void> {
  const shot = await grab('shelter', shelterCam);
  const analysis = await model.estimate(shot.jpeg);
  broker.publish('stops/' + stopId + '/crowding', JSON.stringify({ waiting: analysis.waitingPassengers, level: analysis.level, light: shot.brightness }));
}

export async function publishCameraHealth(stopId: string): Promise<void> {
  const shots = await Promise.all([grab('shelter', shelterCam), grab('platform', platformCam)]);
  broker.publish('stops/' + stopId + '/health', JSON.stringify(shots.map((s) => ({ camera: s.cameraName, width: s.frameWidth }))));
}

export async function publishEvidence(stopId: string): Promise<void> {
  const shots = await Promise.all([grab('shelter', shelterCam)]);
  broker.publish('stops/' + stopId + '/evidence', shots[0].jpeg);
}
`,
    };
    expect(await linesOf(files)).toEqual(['src/crowding.ts:28 no-unanonymized-camera-egress']);
  });

  it('React Native dashcam: declared number and boolean fields of an incident carry no frame', async () => {
    const files = {
      'src/incidents.ts': `import { Camera } from 'react-native-vision-camera';

interface Shot {
  path: string;
  width: number;
  height: number;
  isMirrored: boolean;
}

export async function reportIncident(camera: Camera, vehicleId: string): Promise<void> {
  const photo: Shot = await camera.takePhoto();
  await fetch('https://fleet.example-oem.com/api/incidents', { method: 'POST', body: JSON.stringify({ vehicleId, frameWidth: photo.width, mirrored: photo.isMirrored }) });
  await fetch('https://fleet.example-oem.com/api/incidents/photo', { method: 'POST', body: JSON.stringify({ vehicleId, uri: photo.path }) });
}
`,
    };
    expect(await linesOf(files)).toEqual(['src/incidents.ts:13 no-unanonymized-camera-egress']);
  });
});

describe('consent words of every modality (issue #17 §3)', () => {
  it('in-vehicle voice assistant (Node): a voice-enrolment consent guards the voiceprint; its absence does not', async () => {
    const files = {
      'src/voice/enrol.ts': `import { writeFile } from 'node:fs/promises';

interface Occupant {
  id: string;
  voiceEnrolmentConsent: boolean;
}

export async function enrolVoice(occupant: Occupant, voiceprint: Float32Array): Promise<void> {
  if (!occupant.voiceEnrolmentConsent) throw new Error('voice enrolment needs the occupant\\'s consent');
  await writeFile('/data/voice/' + occupant.id + '.bin', Buffer.from(voiceprint.buffer));
}

export async function refreshVoice(occupant: Occupant, voiceprint: Float32Array): Promise<void> {
  await writeFile('/data/voice/' + occupant.id + '.bin', Buffer.from(voiceprint.buffer));
}
`,
    };
    expect(await linesOf(files, BIOMETRIC)).toEqual(['src/voice/enrol.ts:14 no-unconsented-biometric-storage']);
  });

  it('office turnstile (Express): a finger-scan or palm-vein consent guards the template', async () => {
    const files = {
      'src/routes/turnstile.js': `const express = require('express');
const { PrismaClient } = require('@prisma/client');

const prisma = new PrismaClient();
const router = express.Router();

router.post('/staff/:id/finger', async (req, res) => {
  const staff = await prisma.staff.findUnique({ where: { id: req.params.id } });
  if (!staff.fingerScanConsentAt) return res.status(403).end();
  await prisma.fingerTemplate.create({ data: { staffId: staff.id, zhiwen: req.body.zhiwen } });
  res.sendStatus(204);
});

router.post('/staff/:id/vein', async (req, res) => {
  const staff = await prisma.staff.findUnique({ where: { id: req.params.id } });
  if (!staff.veinConsentAt) return res.status(403).end();
  await prisma.veinTemplate.create({ data: { staffId: staff.id, palmVein: req.body.palmVein } });
  res.sendStatus(204);
});

router.post('/staff/:id/finger-refresh', async (req, res) => {
  await prisma.fingerTemplate.update({ where: { staffId: req.params.id }, data: { zhiwen: req.body.zhiwen } });
  res.sendStatus(204);
});

module.exports = router;
`,
    };
    expect(await linesOf(files, BIOMETRIC)).toEqual(['src/routes/turnstile.js:22 no-unconsented-biometric-storage']);
  });
});
