/**
 * Engine stage: dataflow (issue #17 §5). A call that never returns ends the path it is on, as a `throw` does:
 * Koa's and Egg's `ctx.throw(403)`, `process.exit()`, a project helper whose every path throws; an assertion
 * (`ctx.assert(x, 403)`, `assert.ok(x)`) makes what it checks hold after it. Before, only a `throw` statement ended
 * a path, so the check was lost where the paths met and a checked write was reported as "checked on another branch
 * only". Each case is an invalid project (the path goes on to the write) and its valid twin.
 */
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index';
import { findingLines, scanSources } from '../support/scan-sources';

const BIOMETRIC = 'no-unconsented-biometric-storage';

async function scanBiometric(files: Record<string, string>): Promise<{ lines: string[]; messageIds: string[] }> {
  const result = await scanSources(files, allRules);
  const findings = result.findings.filter((finding) => finding.ruleId === BIOMETRIC);
  return {
    lines: findingLines(result).filter((line) => line.endsWith(` ${BIOMETRIC}`)).sort(),
    messageIds: findings.map((finding) => finding.messageId),
  };
}

const koaConsent = `import { knex } from './db';

export async function hasFaceConsent(residentId: string): Promise<boolean> {
  const row = await knex('face_consents').where({ resident_id: residentId }).whereNull('revoked_at').first();
  return !!row;
}
`;

const koaDb = `import Knex from 'knex';

export const knex = Knex({ client: 'mysql2', connection: process.env.BUILDING_DB_URL });
`;

function koaRoutes(denial: string): string {
  return `import Router from '@koa/router';
import { readFile } from 'node:fs/promises';
import OSS from 'ali-oss';
import { hasFaceConsent } from '../services/consent';

const oss = new OSS({ region: 'oss-cn-hangzhou', bucket: 'tower-b-access' });

export function residentFaceRoutes(router: Router): void {
  router.post('/buildings/:buildingId/residents/:residentId/face', async (ctx) => {
    const { residentId } = ctx.params;
    if (!(await hasFaceConsent(residentId))) ${denial}
    const upload = ctx.request.files?.face as { filepath: string };
    const faceImage = await readFile(upload.filepath);
    await oss.put(\`residents/\${residentId}.jpg\`, faceImage);
    ctx.status = 201;
  });
}
`;
}

function eggController(check: string): string {
  return `'use strict';

const { Controller } = require('egg');

class ResidentFaceController extends Controller {
  async upload() {
    const { ctx, app } = this;
    const { residentId } = ctx.params;
    const consent = await app.mysql.get('face_consents', { resident_id: residentId });
    ${check}
    const faceImage = ctx.request.body.faceImage;
    await app.mysql.insert('resident_faces', { resident_id: residentId, face_image: faceImage });
    ctx.body = { ok: true };
  }
}

module.exports = ResidentFaceController;
`;
}

describe('a call that throws ends the path: Koa and Egg', () => {
  it('Koa: `ctx.status = 403` without a return lets the write run; reported as checked on another branch only', async () => {
    const files = { 'src/services/db.ts': koaDb, 'src/services/consent.ts': koaConsent, 'src/routes/residents.ts': koaRoutes("{ ctx.status = 403; ctx.body = { error: 'consent required' }; }") };
    expect(await scanBiometric(files)).toEqual({ lines: [`src/routes/residents.ts:14 ${BIOMETRIC}`], messageIds: ['consentNotOnEveryPath'] });
  });

  it("Koa: valid twin, `ctx.throw(403)` ends the path and the check holds at the write", async () => {
    const files = { 'src/services/db.ts': koaDb, 'src/services/consent.ts': koaConsent, 'src/routes/residents.ts': koaRoutes("ctx.throw(403, 'separate face consent required');") };
    expect(await scanBiometric(files)).toEqual({ lines: [], messageIds: [] });
  });

  it('Egg: a warning in the log does not stop the request; the write is reported', async () => {
    const files = { 'app/controller/resident_face.js': eggController("if (!consent || !consent.face_consent_at) ctx.logger.warn('resident %s uploads a face without consent', residentId);") };
    expect(await scanBiometric(files)).toEqual({ lines: [`app/controller/resident_face.js:12 ${BIOMETRIC}`], messageIds: ['consentNotOnEveryPath'] });
  });

  it('Egg: valid twin, `ctx.assert(…, 403)` returns only when the consent is there', async () => {
    const files = { 'app/controller/resident_face.js': eggController("ctx.assert(consent && consent.face_consent_at && !consent.revoked_at, 403);") };
    expect(await scanBiometric(files)).toEqual({ lines: [], messageIds: [] });
  });

  it("Egg: valid twin, `this.ctx.throw(403)` in the controller's own helper that never returns", async () => {
    const files = {
      'app/controller/resident_face.js': eggController('if (!consent || !consent.face_consent_at) this.forbid();').replace(
        '  async upload() {',
        "  forbid() {\n    this.ctx.throw(403, 'separate face consent required');\n  }\n\n  async upload() {",
      ),
    };
    expect(await scanBiometric(files)).toEqual({ lines: [], messageIds: [] });
  });
});

describe('assertions and process exits end the path: plain Node', () => {
  const job = (check: string) => `import assert from 'node:assert';
import { readFile } from 'node:fs/promises';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { loadConsent } from './consents';

const s3 = new S3Client({ region: 'eu-central-1' });

export async function migrateDealerStaffFace(staffId: string, photoPath: string): Promise<void> {
  const consent = await loadConsent(staffId);
  ${check}
  const faceImage = await readFile(photoPath);
  await s3.send(new PutObjectCommand({ Bucket: 'dealer-staff-badges', Key: \`\${staffId}.jpg\`, Body: faceImage }));
}
`;
  const consents = `export interface StaffConsent {
  biometricConsentAt?: Date;
}

export async function loadConsent(staffId: string): Promise<StaffConsent> {
  const response = await fetch(\`https://hr.example-dealer.de/api/staff/\${staffId}/consent\`);
  return (await response.json()) as StaffConsent;
}
`;

  it('a check whose result is only logged is reported', async () => {
    const files = { 'src/consents.ts': consents, 'src/jobs/migrate.ts': job("if (!consent.biometricConsentAt) console.warn('staff', staffId, 'has no biometric consent');") };
    expect(await scanBiometric(files)).toEqual({ lines: [`src/jobs/migrate.ts:12 ${BIOMETRIC}`], messageIds: ['consentNotOnEveryPath'] });
  });

  it('valid twin: `assert.ok(consent.biometricConsentAt)`', async () => {
    const files = { 'src/consents.ts': consents, 'src/jobs/migrate.ts': job("assert.ok(consent.biometricConsentAt, 'no biometric consent');") };
    expect(await scanBiometric(files)).toEqual({ lines: [], messageIds: [] });
  });

  it('valid twin: `process.exit(2)` when the consent is missing', async () => {
    const files = { 'src/consents.ts': consents, 'src/jobs/migrate.ts': job("if (!consent.biometricConsentAt) { console.error('no biometric consent'); process.exit(2); }") };
    expect(await scanBiometric(files)).toEqual({ lines: [], messageIds: [] });
  });

  it('valid twin: the check is `consent.biometricConsentAt || fail(…)` with a helper declared `never`', async () => {
    const files = {
      'src/consents.ts': consents,
      'src/jobs/migrate.ts': job("consent.biometricConsentAt || fail('no biometric consent');").replace(
        "const s3 = new S3Client({ region: 'eu-central-1' });",
        "const s3 = new S3Client({ region: 'eu-central-1' });\n\nfunction fail(reason: string): never {\n  throw new Error(reason);\n}",
      ),
    };
    expect(await scanBiometric(files)).toEqual({ lines: [], messageIds: [] });
  });
});
