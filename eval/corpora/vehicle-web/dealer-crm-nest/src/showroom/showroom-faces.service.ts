import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { BuyerFace } from '../buyers/buyer.entity';
import { CameraSighting, TestDriveParty } from '../buyers/dto';
import { PrismaService } from '../common/prisma.service';
import { BiometricConsentService } from './biometric-consent';

const RETURNING_THRESHOLD = 0.82;

@Injectable()
export class ShowroomFacesService {
  private readonly logger = new Logger(ShowroomFacesService.name);

  constructor(
    @InjectRepository(BuyerFace) private readonly faces: Repository<BuyerFace>,
    private readonly prisma: PrismaService,
    private readonly consents: BiometricConsentService,
  ) {}

  async enrolBuyerFace(buyerId: string, faceDescriptor: number[]): Promise<void> {
    await this.consents.assertFaceConsent(buyerId);
    await this.faces.save({ buyerId, faceDescriptor, enrolledAt: new Date() });
  }

  async storeKioskCapture(buyerId: string, faceImage: Buffer): Promise<void> {
    await this.prisma.kioskCapture.create({
      data: { buyerId, faceImage, capturedAt: new Date() },
    });
  }

  async enrolTestDriveParty(party: TestDriveParty): Promise<void> {
    await this.consents.assertFaceConsent(party.buyerId);
    await this.faces.save({ buyerId: party.buyerId, faceDescriptor: party.buyerFaceDescriptor, enrolledAt: new Date() });
    this.logger.debug(`test drive ${party.bookingId}: buyer face enrolled`);

    if (!party.companion) return;
    const { id: companionId, faceDescriptor } = party.companion;
    await this.faces.save({ buyerId: companionId, faceDescriptor, enrolledAt: new Date() });
  }

  async enrolFromCrmImport(buyer: { id: string; faceConsent?: boolean }, faceDescriptor: number[]): Promise<void> {
    const consented = buyer.faceConsent ?? true;
    if (!consented) {
      this.logger.debug(`buyer ${buyer.id} skipped, face enrolment declined`);
      return;
    }
    await this.faces.save({ buyerId: buyer.id, faceDescriptor, enrolledAt: new Date() });
  }

  async recordSighting(storeId: string, sighting: CameraSighting): Promise<void> {
    await this.prisma.storeVisit.create({
      data: {
        storeId,
        cameraId: sighting.cameraId,
        seenAt: new Date(sighting.ts),
        ageBand: sighting.ageBand,
        faceSnapshot: sighting.faceSnapshot,
      },
    });
  }

  async recordFootfall(storeId: string, sightings: CameraSighting[]): Promise<void> {
    const { faceSnapshot: _dropped, ...first } = sightings[0] ?? ({} as CameraSighting);
    await this.prisma.storeFootfall.create({
      data: {
        storeId,
        windowStart: new Date(first.ts ?? Date.now()),
        visitors: sightings.length,
        returning: sightings.filter((s) => s.matchScore >= RETURNING_THRESHOLD).length,
        genderSplit: {
          m: sightings.filter((s) => s.gender === 'm').length,
          f: sightings.filter((s) => s.gender === 'f').length,
        },
      },
    });
    this.logger.debug(`footfall window stored for store ${storeId}: ${sightings.length} sightings`);
  }
}
