/**
 * Engine stage: dataflow within a function and across direct calls (issue #3). Each construct has an invalid case
 * (a finding at the line marked `// expect: <rule>`) and a valid twin of the same shape. The markers are read by
 * the test only; the engine never sees them as anything but comments.
 */
import { describe, expect, it } from 'vitest';
import { expectedLines, findingLines, scanSources } from '../support/scan-sources';
import { cameraRule, faceRule, idRule } from '../support/test-rules';

const rules = [idRule, faceRule, cameraRule];

interface Case {
  readonly name: string;
  readonly files: Record<string, string>;
}

const LOGGER = `import winston from 'winston';\nexport const logger = winston.createLogger({ level: 'info' });\n`;

const cases: Case[] = [
  {
    name: 'variable and reassignment',
    files: {
      'src/logger.ts': LOGGER,
      'src/booking.ts': `import { logger } from './logger';
export function confirmTestDrive(customer: { name: string; idCardNo: string }) {
  let reference = 'TD-' + customer.name;
  reference = customer.idCardNo;
  logger.info(reference); // expect: test-id
}
export function confirmTestDriveMasked(customer: { name: string; idCardNo: string }) {
  let reference = customer.idCardNo;
  reference = maskIdNumber(reference);
  logger.info(reference);
}
function maskIdNumber(value: string) { return value.slice(0, 3) + '***********' + value.slice(-4); }
`,
    },
  },
  {
    name: 'destructuring with renames and defaults',
    files: {
      'src/logger.ts': LOGGER,
      'src/checkin.ts': `import { logger } from './logger';
export function checkIn(visit: { idCardNo: string; plate?: string }) {
  const { idCardNo: document, plate = 'unknown' } = visit;
  logger.info(\`visitor \${document} arrived by \${plate}\`); // expect: test-id
}
export function checkInSafe(visit: { idCardNo: string; plate?: string }) {
  const { idCardNo: document, plate = 'unknown' } = visit;
  logger.info(\`visitor \${maskIdNumber(document)} arrived\`);
}
declare function maskIdNumber(value: string): string;
`,
    },
  },
  {
    name: 'spreads and rest',
    files: {
      'src/crm.ts': `export function audit(lead: { phone: string; idCardNo: string; source: string }) {
  const { idCardNo, ...rest } = lead;
  console.info({ ...rest, note: 'lead created' });
  const copy = { ...lead, status: 'new' };
  console.info(copy); // expect: test-id
}
`,
    },
  },
  {
    name: 'object and array literals',
    files: {
      'src/telematics.ts': `export function report(vehicle: { vin: string; mileage: number }) {
  const payload = { vehicle: { vin: vehicle.vin }, mileage: vehicle.mileage };
  const batch = [payload];
  console.log(batch); // expect: test-id
  const summary = { mileage: payload.mileage, vehicles: [1, 2, 3] };
  console.log(summary);
}
`,
    },
  },
  {
    name: 'field sensitivity two levels deep',
    files: {
      'src/visitors.ts': `import * as faceapi from 'face-api.js';
import { writeFileSync } from 'fs';
export async function recordVisit(frame: HTMLVideoElement, store: string) {
  const result = await faceapi.detectSingleFace(frame).withFaceLandmarks().withFaceDescriptor();
  const visit = { face: { crop: result, score: 0.9 }, arrivedAt: Date.now() };
  writeFileSync(store + '/visit.json', JSON.stringify(visit.face.crop)); // expect: test-face
  writeFileSync(store + '/arrival.txt', String(visit.arrivedAt));
}
`,
    },
  },
  {
    name: 'template literals and concatenation',
    files: {
      'src/fleet.ts': `export function dispatch(truck: { plateNo: string; driver: string }) {
  const line = 'dispatching ' + truck.plateNo + ' with ' + truck.driver;
  console.warn(line); // expect: test-id
  console.warn(\`dispatching truck of \${truck.driver}\`);
}
`,
    },
  },
  {
    name: 'parameters and returns across files',
    files: {
      'src/logger.ts': LOGGER,
      'src/id-utils.ts': `export function normaliseId(raw: string): string {
  return raw.trim().toUpperCase();
}
export function idLength(raw: string): number {
  return raw.length;
}
`,
      'src/registration.ts': `import { logger } from './logger';
import { normaliseId, idLength } from './id-utils';
export function register(form: { sfzh: string }) {
  const id = normaliseId(form.sfzh);
  logger.warn('normalised ' + id); // expect: test-id
  logger.warn('length ' + idLength(form.sfzh));
}
`,
    },
  },
  {
    name: 'API values through variables and module scope',
    files: {
      'src/uplink.ts': `import * as mqtt from 'mqtt';
import { grabFrame } from 'camera-hal';
const broker = mqtt.connect('mqtts://iot.example.com:8883');
export function sendFrame() {
  const frame = grabFrame('front');
  const client = broker;
  client.publish('vehicle/frames', frame); // expect: test-camera
  client.publish('vehicle/status', JSON.stringify({ online: true }));
}
`,
    },
  },
  {
    name: 'sink through a sink argument in a callee',
    files: {
      'src/storage.ts': `import { writeFileSync } from 'fs';
export function persist(path: string, bytes: unknown) {
  writeFileSync(path, bytes as string); // expect: test-face
}
`,
      'src/enrol.ts': `import * as faceapi from 'face-api.js';
import { persist } from './storage';
export async function enrolFromKiosk(image: HTMLImageElement) {
  const face = await faceapi.detectSingleFace(image).withFaceLandmarks().withFaceDescriptor();
  persist('/data/faces/latest.bin', face.descriptor);
  persist('/data/faces/count.txt', '1');
}
`,
    },
  },
  {
    name: 'loopback and allowed hosts are not off-device',
    files: {
      'src/preview.ts': `import { grabFrame } from 'camera-hal';
export async function preview() {
  const frame = grabFrame('rear');
  await fetch('http://127.0.0.1:9000/preview', { method: 'POST', body: frame });
  await fetch('http://tbox.local/frames', { method: 'POST', body: frame });
  await fetch('https://cloud.example.com/frames', { method: 'POST', body: frame }); // expect: test-camera
}
`,
    },
  },
];

describe('dataflow within functions and across direct calls', () => {
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const result = await scanSources(testCase.files, rules);
      expect(findingLines(result).sort()).toEqual(expectedLines(testCase.files));
    });
  }

  it('gives each finding the path from source to sink', async () => {
    const files = cases.find((testCase) => testCase.name === 'parameters and returns across files')!.files;
    const result = await scanSources(files, rules);
    const [finding] = result.findings;
    expect(finding?.path.map((step) => `${step.kind}:${step.range.file.split('/').pop()}:${step.range.line}`)).toEqual([
      'source:registration.ts:4',
      'call:registration.ts:4',
      'return:id-utils.ts:2',
      'step:registration.ts:4',
      'sink:registration.ts:5',
    ]);
  });
});
