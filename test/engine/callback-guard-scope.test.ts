/**
 * Engine stage: dataflow guards across callbacks (issue #17 §5). A consent check inside a callback handed to a
 * library that keeps it for later (an Express route handler, a React `useCallback`) holds inside that callback
 * only: it must not flow back into the function that registered it, where every callback registered after it
 * would count as checked. A local helper and a synchronous callback (`forEach`) still make their check hold for
 * what follows. Each case is an invalid project and its valid twin.
 */
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index';
import { findingLines, scanSources } from '../support/scan-sources';

const BIOMETRIC = 'no-unconsented-biometric-storage';

async function biometricLines(files: Record<string, string>): Promise<string[]> {
  const result = await scanSources(files, allRules);
  return findingLines(result).filter((line) => line.endsWith(` ${BIOMETRIC}`)).sort();
}

const consentService = `const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DEALER_DB_URL });

async function assertFaceConsent(customerId) {
  const { rows } = await pool.query('SELECT face_consent_at, face_consent_revoked_at FROM consents WHERE customer_id = $1', [customerId]);
  const row = rows[0];
  if (!row || !row.face_consent_at || row.face_consent_revoked_at) {
    throw Object.assign(new Error('separate face consent missing'), { status: 403 });
  }
}

module.exports = { assertFaceConsent };
`;

function showroomRoutes(secondRouteChecks: boolean): string {
  return `const express = require('express');
const multer = require('multer');
const { assertFaceConsent } = require('../services/consents');

function createShowroomRouter({ oss }) {
  const router = express.Router();
  const upload = multer({ storage: multer.memoryStorage() });

  router.post('/customers/:customerId/face', upload.single('face'), async (req, res) => {
    await assertFaceConsent(req.params.customerId);
    const faceImage = req.file.buffer;
    await oss.put(\`customers/\${req.params.customerId}.jpg\`, faceImage);
    res.sendStatus(201);
  });

  router.post('/test-drives/:bookingId/companion-face', upload.single('face'), async (req, res) => {
${secondRouteChecks ? '    await assertFaceConsent(req.body.companionId);\n' : ''}    const faceImage = req.file.buffer;
    await oss.put(\`test-drives/\${req.params.bookingId}/companion.jpg\`, faceImage);
    res.sendStatus(201);
  });

  return router;
}

module.exports = { createShowroomRouter };
`;
}

const showroomApp = `const express = require('express');
const OSS = require('ali-oss');
const { createShowroomRouter } = require('./routes/showroom');

const oss = new OSS({ region: 'oss-cn-shanghai', bucket: 'showroom-faces', accessKeyId: process.env.OSS_KEY, accessKeySecret: process.env.OSS_SECRET });
const app = express();
app.use('/api', createShowroomRouter({ oss }));
app.listen(8080);
`;

function checkInComponent(secondCallbackChecks: boolean): string {
  return `import { useCallback, useRef } from 'react';
import { hasFaceConsent } from '../api/consents';

interface Props {
  customerId: string;
  bookingId: string;
}

function grabFrame(video: HTMLVideoElement): string {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d')!.drawImage(video, 0, 0);
  return canvas.toDataURL('image/jpeg');
}

export function TestDriveCheckIn({ customerId, bookingId }: Props) {
  const video = useRef<HTMLVideoElement>(null);

  const rememberCustomer = useCallback(async () => {
    if (!(await hasFaceConsent(customerId))) throw new Error('no separate face consent');
    const faceImage = grabFrame(video.current!);
    localStorage.setItem(\`face:\${customerId}\`, faceImage);
  }, [customerId]);

  const rememberCompanion = useCallback(async () => {
${secondCallbackChecks ? "    if (!(await hasFaceConsent(bookingId + ':companion'))) throw new Error('no separate face consent');\n" : ''}    const faceImage = grabFrame(video.current!);
    localStorage.setItem(\`face:\${bookingId}:companion\`, faceImage);
  }, [bookingId]);

  return (
    <div className="check-in">
      <video ref={video} autoPlay muted />
      <button onClick={rememberCustomer}>Save customer</button>
      <button onClick={rememberCompanion}>Save companion</button>
    </div>
  );
}
`;
}

const consentApi = `export async function hasFaceConsent(personId: string): Promise<boolean> {
  const response = await fetch(\`/api/consents/\${encodeURIComponent(personId)}/face\`);
  const body = await response.json();
  return body.faceConsentGranted === true && !body.revokedAt;
}
`;

describe('a check inside a callback kept for later does not guard the callbacks registered after it', () => {
  it('Express: the second route writes the companion face unchecked, whatever the first route checked', async () => {
    const files = { 'src/services/consents.js': consentService, 'src/routes/showroom.js': showroomRoutes(false), 'src/app.js': showroomApp };
    expect(await biometricLines(files)).toEqual([`src/routes/showroom.js:18 ${BIOMETRIC}`]);
  });

  it('Express: valid twin, each route checks its own person', async () => {
    const files = { 'src/services/consents.js': consentService, 'src/routes/showroom.js': showroomRoutes(true), 'src/app.js': showroomApp };
    expect(await biometricLines(files)).toEqual([]);
  });

  it('React: the second useCallback stores the companion face unchecked, whatever the first callback checked', async () => {
    const files = { 'src/api/consents.ts': consentApi, 'src/components/TestDriveCheckIn.tsx': checkInComponent(false) };
    expect(await biometricLines(files)).toEqual([`src/components/TestDriveCheckIn.tsx:28 ${BIOMETRIC}`]);
  });

  it('React: valid twin, each callback checks before it stores', async () => {
    const files = { 'src/api/consents.ts': consentApi, 'src/components/TestDriveCheckIn.tsx': checkInComponent(true) };
    expect(await biometricLines(files)).toEqual([]);
  });
});

describe('a check in a local helper or a synchronous callback still holds for what follows', () => {
  it('Node service: a local asserting helper guards the write after it; without the call the write is reported', async () => {
    const service = (callsHelper: boolean) => `import { writeFile } from 'node:fs/promises';
import { consentRegistry } from './registry';

export async function archiveGateFaces(residentIds: string[], faceImages: Map<string, Buffer>): Promise<void> {
  const requireConsent = async (residentId: string) => {
    if (!(await consentRegistry.hasFaceConsent(residentId))) throw new Error('resident ' + residentId + ' has no face consent');
  };
  for (const residentId of residentIds) {
${callsHelper ? '    await requireConsent(residentId);\n' : ''}    await writeFile(\`/var/lib/gate/faces/\${residentId}.jpg\`, faceImages.get(residentId)!);
  }
}
`;
    const registry = `export const consentRegistry = {
  async hasFaceConsent(residentId: string): Promise<boolean> {
    return residentId.length > 0;
  },
};
`;
    expect(await biometricLines({ 'src/registry.ts': registry, 'src/gate/archive.ts': service(true) })).toEqual([]);
    expect(await biometricLines({ 'src/registry.ts': registry, 'src/gate/archive.ts': service(false) })).toEqual([`src/gate/archive.ts:9 ${BIOMETRIC}`]);
  });

  it('Node service: a check made in a forEach callback holds after it', async () => {
    const service = (checks: boolean) => `import { writeFile } from 'node:fs/promises';
import { assertBiometricConsent } from './consents';

interface PassPhoto {
  holderId: string;
  faceImage: Buffer;
}

export async function storeBuildingPasses(passes: PassPhoto[]): Promise<void> {
  passes.forEach((pass) => {
${checks ? '    assertBiometricConsent(pass.holderId);\n' : ''}    console.info('pass photo for', pass.holderId);
  });
  for (const pass of passes) {
    await writeFile(\`/srv/building/passes/\${pass.holderId}.jpg\`, pass.faceImage);
  }
}
`;
    const consents = `export function assertBiometricConsent(holderId: string): void {
  if (!holderId) throw new Error('no biometric consent');
}
`;
    expect(await biometricLines({ 'src/consents.ts': consents, 'src/passes.ts': service(true) })).toEqual([]);
    expect(await biometricLines({ 'src/consents.ts': consents, 'src/passes.ts': service(false) })).toEqual([`src/passes.ts:14 ${BIOMETRIC}`]);
  });
});
