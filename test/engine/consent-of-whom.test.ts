/**
 * Engine stage: dataflow guards (issue #17 §5). Consent of the wrong person is not consent. The subject of a check
 * (the argument of a consent call, the object that holds a consent field, what a consent record was fetched with)
 * is compared with the owner of the data at the write (the key or row it is written under, the object it is read
 * from), as places in the code rather than person words: `primary.memberId` and `family.memberId` are two people,
 * though both are members. The same holds where a caller's check discharges a write in a callee. Each case is an
 * invalid project, reported with the message for another person's consent, and its valid twin.
 */
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index';
import { findingLines, scanSources } from '../support/scan-sources';

const BIOMETRIC = 'no-unconsented-biometric-storage';

async function scanBiometric(files: Record<string, string>): Promise<{ lines: string[]; messageIds: string[] }> {
  const result = await scanSources(files, allRules);
  return {
    lines: findingLines(result).filter((line) => line.endsWith(` ${BIOMETRIC}`)).sort(),
    messageIds: result.findings.filter((finding) => finding.ruleId === BIOMETRIC).map((finding) => finding.messageId),
  };
}

const NONE = { lines: [], messageIds: [] };

describe('Express: the primary member checked, the family member stored', () => {
  const routes = (checked: string) => `const express = require('express');
const multer = require('multer');
const OSS = require('ali-oss');
const { hasFaceConsent } = require('../services/consent');

const store = new OSS({ region: 'oss-cn-shenzhen', bucket: 'dealer-family-faces' });
const upload = multer({ storage: multer.memoryStorage() });
const router = express.Router();

router.post('/test-drives/:bookingId/family-face', upload.single('familyFace'), async (req, res) => {
  const { primary, family } = req.body;
  if (!(await hasFaceConsent(${checked}.memberId))) return res.status(403).json({ error: 'separate face consent required' });
  const familyFacePhoto = req.file.buffer;
  await store.put(family.memberId + '.jpg', familyFacePhoto);
  res.sendStatus(201);
});

module.exports = router;
`;
  const consent = `async function hasFaceConsent(memberId) {
  const response = await fetch('https://consent.example-dealer.cn/members/' + memberId + '/face');
  return response.ok;
}

module.exports = { hasFaceConsent };
`;

  it("the primary member's consent does not cover the family member's face", async () => {
    expect(await scanBiometric({ 'src/services/consent.js': consent, 'src/routes/family.js': routes('primary') })).toEqual({
      lines: [`src/routes/family.js:14 ${BIOMETRIC}`],
      messageIds: ['consentOfAnotherPerson'],
    });
  });

  it('valid twin: the family member is the one checked', async () => {
    expect(await scanBiometric({ 'src/services/consent.js': consent, 'src/routes/family.js': routes('family') })).toEqual(NONE);
  });
});

describe('Egg: the house owner consented, the family member is stored', () => {
  const controller = (checked: string) => `'use strict';

const { Controller } = require('egg');

class FamilyFaceController extends Controller {
  async upload() {
    const { ctx, app } = this;
    const { ownerId, memberId } = ctx.params;
    const consent = await app.mysql.get('face_consents', { resident_id: ${checked} });
    if (!consent || !consent.face_consent_at || consent.revoked_at) ctx.throw(403, 'separate face consent required');
    const faceImage = ctx.request.body.faceImage;
    await app.mysql.insert('family_faces', { owner_id: ownerId, member_id: memberId, face_image: faceImage });
    ctx.body = { ok: true };
  }
}

module.exports = FamilyFaceController;
`;

  it("the owner's consent record does not cover the family member's face", async () => {
    expect(await scanBiometric({ 'app/controller/family_face.js': controller('ownerId').replace('owner_id: ownerId, ', '') })).toEqual({
      lines: [`app/controller/family_face.js:12 ${BIOMETRIC}`],
      messageIds: ['consentOfAnotherPerson'],
    });
  });

  it("valid twin: the family member's own consent record", async () => {
    expect(await scanBiometric({ 'app/controller/family_face.js': controller('memberId') })).toEqual(NONE);
  });
});

describe("NestJS: the buyer's consent asserted, the companion's descriptor saved by a service", () => {
  const project = (asserted: string) => ({
    'src/consent/consent.service.ts': `import { ForbiddenException, Injectable } from '@nestjs/common';

@Injectable()
export class ConsentService {
  private readonly granted = new Set<string>();

  async assertFaceConsent(personId: string): Promise<void> {
    if (!this.granted.has(personId)) throw new ForbiddenException('separate face consent required');
  }
}
`,
    'src/faces/face-template.service.ts': `import { Injectable } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';

@Injectable()
export class FaceTemplateService {
  private readonly prisma = new PrismaClient();

  async save(personId: string, faceDescriptor: number[]): Promise<void> {
    await this.prisma.faceTemplate.create({ data: { personId, faceDescriptor } });
  }
}
`,
    'src/test-drive/test-drive.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';
import { ConsentService } from '../consent/consent.service';
import { FaceTemplateService } from '../faces/face-template.service';

interface TestDriveParty {
  buyerId: string;
  companion: { id: string; name: string };
}

@Controller('test-drives')
export class TestDriveController {
  constructor(private readonly consents: ConsentService, private readonly templates: FaceTemplateService) {}

  @Post('companion-face')
  async enrolCompanion(@Body() body: { party: TestDriveParty; companionDescriptor: number[] }) {
    const { party, companionDescriptor } = body;
    await this.consents.assertFaceConsent(${asserted});
    await this.templates.save(party.companion.id, companionDescriptor);
  }
}
`,
  });

  it("the buyer's consent does not discharge the companion's write in the service", async () => {
    expect(await scanBiometric(project('party.buyerId'))).toEqual({
      lines: [`src/faces/face-template.service.ts:9 ${BIOMETRIC}`],
      messageIds: ['consentOfAnotherPerson'],
    });
  });

  it("valid twin: the companion's consent is asserted before the service writes", async () => {
    expect(await scanBiometric(project('party.companion.id'))).toEqual(NONE);
  });
});

describe("browser kiosk: another person's consent field", () => {
  const kiosk = (holder: string) => `interface Occupant {
  id: string;
  seat: 'front' | 'rear';
  faceConsent: boolean;
}

export async function rememberSeatFace(occupant: Occupant, other: Occupant, faceImage: string): Promise<void> {
  if (!${holder}.faceConsent) return;
  localStorage.setItem(\`cabin-face:\${occupant.seat}:\${occupant.id}\`, faceImage);
}
`;

  it("the other occupant's consent flag does not cover this occupant's face", async () => {
    expect(await scanBiometric({ 'src/cabin/faces.ts': kiosk('other') })).toEqual({
      lines: [`src/cabin/faces.ts:9 ${BIOMETRIC}`],
      messageIds: ['consentOfAnotherPerson'],
    });
  });

  it("valid twin: the occupant's own consent flag", async () => {
    expect(await scanBiometric({ 'src/cabin/faces.ts': kiosk('occupant') })).toEqual(NONE);
  });
});
