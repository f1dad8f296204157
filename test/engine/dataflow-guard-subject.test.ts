/**
 * Engine stage: dataflow guards. A consent check protects the write only when it tests the record of the person
 * whose data is written (issue #4: "tests another person's record does not guard").
 */
import { describe, expect, it } from 'vitest';
import { expectedLines, findingLines, scanSources } from '../support/scan-sources';
import { faceRule } from '../support/test-rules';

const repository = `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`;

describe('a guard tests the right person', () => {
  it("does not accept the manager's consent for a visitor's face", async () => {
    const files = {
      'src/db.ts': repository,
      'src/lobby.service.ts': `import * as faceapi from 'face-api.js';
import { prisma } from './db';
interface Person { id: string; faceConsent: boolean }
export async function enrolVisitor(manager: Person, visitor: Person, frame: HTMLVideoElement) {
  if (!manager.faceConsent) throw new Error('manager must consent to face login');
  const face = await faceapi.detectSingleFace(frame).withFaceLandmarks().withFaceDescriptor();
  await prisma.faceTemplate.create({ data: { visitorId: visitor.id, descriptor: face } }); // expect: test-face
}
export async function enrolSelf(visitor: Person, frame: HTMLVideoElement) {
  if (!visitor.faceConsent) throw new Error('visitor must consent');
  const face = await faceapi.detectSingleFace(frame).withFaceLandmarks().withFaceDescriptor();
  await prisma.faceTemplate.create({ data: { visitorId: visitor.id, descriptor: face } });
}
`,
    };
    const result = await scanSources(files, [faceRule]);
    expect(findingLines(result).sort()).toEqual(expectedLines(files));
    expect(result.findings[0]?.message).toContain('[weak: otherPerson]');
  });

  it('accepts a check by id for the same person, whatever the variable is called', async () => {
    const files = {
      'src/db.ts': repository,
      'src/consents.ts': `export const consents: any = { has: async (_id: string, _purpose: string) => true };\n`,
      'src/kiosk.ts': `import * as faceapi from 'face-api.js';
import { prisma } from './db';
import { consents } from './consents';
export async function enrolMember(memberId: string, photo: HTMLImageElement) {
  if (!(await consents.has(memberId, 'face_enrolment'))) return;
  const face = await faceapi.detectSingleFace(photo).withFaceLandmarks().withFaceDescriptor();
  await prisma.faceTemplate.create({ data: { memberId, descriptor: face } });
}
`,
    };
    const result = await scanSources(files, [faceRule]);
    expect(findingLines(result)).toEqual([]);
  });
});
