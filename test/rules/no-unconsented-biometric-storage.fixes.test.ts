/**
 * Fixes of `no-unconsented-biometric-storage` that are right by construction (issue #18): the consent check the fix
 * inserts is a call the project makes as a consent check, never a constructor taken from a `throw`; an injected
 * service's method is called on its field and awaited; and where the write's own function cannot reach a consent
 * check, the check goes into the caller on the path that holds the consent service. Refs #18.
 */
import { describe } from 'vitest';
import { biometricStorageRule } from '../../rules/no-unconsented-biometric-storage/rule';
import type { BiometricStorageMessageId } from '../../rules/no-unconsented-biometric-storage/messages';
import { runRuleTester } from '../support/rule-case-tester';

const RULE = 'no-unconsented-biometric-storage';

const consentService = `import { PrismaClient } from '@prisma/client';

export class KioskConsentService {
  constructor(private readonly prisma: PrismaClient) {}

  async hasFaceConsent(visitorId: string): Promise<boolean> {
    const record = await this.prisma.consentRecord.findFirst({ where: { visitorId, purpose: 'face_enrolment', revokedAt: null } });
    return record !== null;
  }
}
`;

const templateStore = `import { PrismaClient } from '@prisma/client';

export class VisitorFaceStore {
  constructor(private readonly prisma: PrismaClient) {}

  async save(visitorId: string, descriptor: Float32Array): Promise<void> {
    await this.prisma.visitorFace.create({ data: { visitorId, descriptor: Buffer.from(descriptor.buffer) } });
  }
}
`;

const enrolment = (walkIn: string) => `import * as faceapi from 'face-api.js';
import { KioskConsentService } from './kiosk-consent.service';
import { VisitorFaceStore } from './visitor-face.store';

class VisitorNotFound extends Error {}

export class KioskEnrolment {
  constructor(
    private readonly consent: KioskConsentService,
    private readonly faces: VisitorFaceStore,
  ) {}

  async enrolMember(visitorId: string, photo: HTMLImageElement): Promise<void> {
    if (!(await this.consent.hasFaceConsent(visitorId))) {
      throw new VisitorNotFound('No face-enrolment consent on record');
    }
    await this.faces.save(visitorId, await this.describe(photo));
  }

${walkIn}

  private async describe(photo: HTMLImageElement): Promise<Float32Array> {
    const result = await faceapi.detectSingleFace(photo).withFaceLandmarks().withFaceDescriptor();
    if (!result) throw new VisitorNotFound('No face found in the kiosk photo');
    return result.descriptor;
  }
}

export function startKiosk(enrolment: KioskEnrolment, visitorId: string, photo: HTMLImageElement): Promise<void> {
  return enrolment.enrolWalkIn(visitorId, photo);
}
`;

const walkInStoringHere = `  async enrolWalkIn(visitorId: string, photo: HTMLImageElement): Promise<void> {
    const descriptor = await this.describe(photo);
    localStorage.setItem(\`face:\${visitorId}\`, JSON.stringify(Array.from(descriptor))); // expect: ${RULE}
  }`;

const walkInThroughStore = `  async enrolWalkIn(visitorId: string, photo: HTMLImageElement): Promise<void> {
    const descriptor = await this.describe(photo);
    await this.faces.save(visitorId, descriptor);
  }`;

const ERROR = "      throw new Error('Separate consent to biometric processing is missing');";

describe(`${RULE} fixes right by construction`, () => {
  runRuleTester<BiometricStorageMessageId>(biometricStorageRule, {
    valid: [],
    invalid: [
      {
        name: 'the check is the injected service\'s method, awaited, for the visitor; never the exception thrown nearby',
        files: {
          'src/kiosk/kiosk-consent.service.ts': consentService,
          'src/kiosk/visitor-face.store.ts': templateStore.replace("await this.prisma.visitorFace", "await this.prisma.visitorFace"),
          'src/kiosk/kiosk-enrolment.ts': enrolment(walkInStoringHere),
        },
        findings: [{ file: 'src/kiosk/kiosk-enrolment.ts', line: 22, messageId: 'unconsentedStorage' }],
        fixes: [
          {
            title: 'Check separate consent with hasFaceConsent() before storing',
            output: {
              'src/kiosk/kiosk-enrolment.ts': enrolment(
                walkInStoringHere.replace(
                  '    localStorage.setItem',
                  `    if (!(await this.consent.hasFaceConsent(visitorId))) {\n${ERROR}\n    }\n    localStorage.setItem`,
                ),
              ),
            },
          },
          {
            title: `Suppress ${RULE} on this line and state the reason`,
            output: {
              'src/kiosk/kiosk-enrolment.ts': enrolment(
                walkInStoringHere.replace('    localStorage.setItem', `    // piilint-disable-next-line ${RULE} -- <reason>\n    localStorage.setItem`),
              ),
            },
          },
        ],
      },
      {
        name: 'the write\'s function cannot reach a consent check: the check goes into the caller on the path',
        files: {
          'src/kiosk/kiosk-consent.service.ts': consentService,
          'src/kiosk/visitor-face.store.ts': templateStore.replace('descriptor.buffer) } });', `descriptor.buffer) } }); // expect: ${RULE}`),
          'src/kiosk/kiosk-enrolment.ts': enrolment(walkInThroughStore),
        },
        findings: [{ file: 'src/kiosk/visitor-face.store.ts', line: 7, messageId: 'unconsentedStorage' }],
        fixes: [
          {
            title: 'Check separate consent with hasFaceConsent() in enrolWalkIn() before it hands the data on to be stored',
            output: {
              'src/kiosk/kiosk-enrolment.ts': enrolment(
                walkInThroughStore.replace(
                  '    await this.faces.save(visitorId, descriptor);',
                  `    if (!(await this.consent.hasFaceConsent(visitorId))) {\n${ERROR}\n    }\n    await this.faces.save(visitorId, descriptor);`,
                ),
              ),
            },
          },
          {
            title: `Suppress ${RULE} on this line and state the reason`,
            output: {
              'src/kiosk/visitor-face.store.ts': templateStore
                .replace('descriptor.buffer) } });', `descriptor.buffer) } }); // expect: ${RULE}`)
                .replace('    await this.prisma.visitorFace', `    // piilint-disable-next-line ${RULE} -- <reason>\n    await this.prisma.visitorFace`),
            },
          },
        ],
      },
    ],
  });
});
