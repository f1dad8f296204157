/**
 * Stores handed over between functions (issue #16 §4): module variables and the fields of module objects written in
 * one function and read in another, whatever order the file declares them in; and when the passes run out, what the
 * last pass found stays reported. Each in two ecosystems, with a valid twin.
 */
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index';
import { findingLines, ruleFindingLines as linesOf, scanSources } from '../support/scan-sources';

const ID = 'no-id-number-logging';
const CAMERA = 'no-unanonymized-camera-egress';

describe('data handed over through module slots, readers declared before writers', () => {
  it('Koa check-in service (JS): a Map and a module object carry the guest ID card to the audit log; the room number does not', async () => {
    const files = {
      'src/services/checkin.js': `const logger = require('../lib/logger');

const pending = new Map();
const last = { guest: null, room: null };

async function flushAudit() {
  for (const entry of pending.values()) logger.info('check-in audit', entry);
  logger.info('last check-in room', last.room);
  pending.clear();
}

function rememberLast() {
  last.guest = pending.get('latest');
  last.room = pending.get('latest').room;
}

async function checkIn(ctx) {
  const { name, idCardNo, room } = ctx.request.body;
  pending.set('latest', { name, idCardNo, room });
  rememberLast();
  ctx.body = { ok: true };
}

module.exports = { flushAudit, rememberLast, checkIn };
`,
      'src/lib/logger.js': `const pino = require('pino');

module.exports = pino({ level: 'info' });
`,
    };
    expect(await linesOf(files, ID)).toEqual(['src/services/checkin.js:7 no-id-number-logging']);
  });

  it('dashcam relay (TS): a frame passed through four `let` slots in reverse order reaches the upload; the thumbnail size does not', async () => {
    const files = {
      'src/relay.ts': `import cv from '@u4/opencv4nodejs';
import got from 'got';

const cam = new cv.VideoCapture(0);
let grabbed: Buffer | undefined;
let scaled: Buffer | undefined;
let stamped: Buffer | undefined;
let outbox: Buffer | undefined;
let outboxBytes = 0;

export async function flushOutbox(): Promise<void> {
  if (!outbox) return;
  await got.post('https://fleet.example-oem.cn/api/dashcam/frames', { body: outbox });
  await got.post('https://fleet.example-oem.cn/api/dashcam/stats', { json: { bytes: outboxBytes } });
}

export function queue(): void {
  outbox = stamped;
  outboxBytes = stamped ? stamped.length : 0;
}

export function stamp(): void {
  stamped = scaled;
}

export function scale(): void {
  scaled = grabbed;
}

export function grab(): void {
  grabbed = cv.imencode('.jpg', cam.read());
}
`,
    };
    expect(await linesOf(files, CAMERA)).toEqual(['src/relay.ts:13 no-unanonymized-camera-egress']);
  });
});

describe('when the passes run out, the last pass is kept', () => {
  it('parking gate (TS, one stage per file): the direct heartbeat upload stays reported, with the budget notice', async () => {
    const stage = (name: string, from: string, to: string) => `import { slots } from './slots';

export function ${name}(): void {
  slots.${to} = slots.${from};
}
`;
    const files = {
      'src/a-heartbeat.ts': `import axios from 'axios';
import { Camera } from 'v4l2camera';
import { promote } from './b-promote';
import { slots } from './slots';

const cam = new Camera('/dev/video0');

export async function heartbeat(): Promise<void> {
  await axios.post('https://ops.example-park.cn/api/gate/heartbeat', Buffer.from(cam.frameRaw()));
  promote();
  if (slots.outgoing) await axios.post('https://ops.example-park.cn/api/gate/frames', slots.outgoing);
}
`,
      'src/b-promote.ts': stage('promote', 'queued', 'outgoing'),
      'src/c-enqueue.ts': stage('enqueue', 'tagged', 'queued'),
      'src/d-tag.ts': stage('tag', 'cropped', 'tagged'),
      'src/e-crop.ts': stage('crop', 'raw', 'cropped'),
      'src/f-grab.ts': `import { Camera } from 'v4l2camera';
import { slots } from './slots';

const cam = new Camera('/dev/video1');

export function grab(): void {
  slots.raw = Buffer.from(cam.frameRaw());
}
`,
      'src/slots.ts': `export const slots: { raw?: Buffer; cropped?: Buffer; tagged?: Buffer; queued?: Buffer; outgoing?: Buffer } = {};
`,
    };
    const result = await scanSources(files, allRules);
    const lines = findingLines(result).filter((line) => line.endsWith(` ${CAMERA}`));
    expect(lines).toContain('src/a-heartbeat.ts:9 no-unanonymized-camera-egress');
    expect(result.stats.budgetsHit).toEqual(["passes (1×)"]);
  });
});
