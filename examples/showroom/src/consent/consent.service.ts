import { ForbiddenException, Injectable } from '@nestjs/common';
import { PrismaService } from '../shared/prisma.service';

export type ConsentPurpose = 'face_enrolment' | 'marketing_sms' | 'test_drive_recording';

/**
 * Per-person consent records. Face enrolment has its own purpose and its own signature on the kiosk, separate
 * from the privacy policy (PIPL 29; SPC 法释〔2021〕15号 art. 4).
 */
@Injectable()
export class ConsentService {
  constructor(private readonly prisma: PrismaService) {}

  async record(subjectId: string, purpose: ConsentPurpose, channel: 'kiosk' | 'app' | 'paper'): Promise<void> {
    await this.prisma.consentRecord.create({ data: { subjectId, purpose, channel } });
  }

  async revoke(subjectId: string, purpose: ConsentPurpose): Promise<void> {
    await this.prisma.consentRecord.updateMany({
      where: { subjectId, purpose, revokedAt: null },
      data: { revokedAt: new Date() },
    });
  }

  async hasFaceConsent(subjectId: string): Promise<boolean> {
    const record = await this.prisma.consentRecord.findFirst({
      where: { subjectId, purpose: 'face_enrolment', revokedAt: null },
      orderBy: { grantedAt: 'desc' },
    });
    return record !== null;
  }

  async assertBiometricConsent(subjectId: string): Promise<void> {
    if (!(await this.hasFaceConsent(subjectId))) {
      throw new ForbiddenException('No separate consent to face enrolment on record for this person');
    }
  }
}
