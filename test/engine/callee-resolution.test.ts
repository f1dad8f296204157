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
        'src/anonymise.ts': `export async function blurFacesAndPlates(frame: Buffer): Promise<Buffer> {
  return frame;
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
