import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import { Repository } from 'typeorm';
import { BiometricConsent } from '../buyers/buyer.entity';

@Injectable()
export class BiometricConsentService {
  constructor(@InjectRepository(BiometricConsent) private readonly consents: Repository<BiometricConsent>) {}

  async hasFaceConsent(buyerId: string): Promise<boolean> {
    const record = await this.consents.findOne({ where: { buyerId } });
    return !!record?.faceConsentAt && !record.faceConsentRevokedAt;
  }

  async assertFaceConsent(buyerId: string): Promise<void> {
    if (!(await this.hasFaceConsent(buyerId))) {
      throw new ForbiddenException('Separate consent to face enrolment is missing');
    }
  }
}

@Injectable()
export class FaceConsentGuard implements CanActivate {
  constructor(private readonly consents: BiometricConsentService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const buyerId = request.params.buyerId;
    if (!buyerId) return false;
    return this.consents.hasFaceConsent(buyerId);
  }
}
