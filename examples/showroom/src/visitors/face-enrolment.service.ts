import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { Canvas, Image, ImageData, loadImage } from 'canvas';
import * as faceapi from 'face-api.js';
import { ConsentService } from '../consent/consent.service';
import { FaceTemplateStore } from './face-template.store';

faceapi.env.monkeyPatch({ Canvas, Image, ImageData } as unknown as Parameters<typeof faceapi.env.monkeyPatch>[0]);

const FACE_PHOTO_DIR = process.env.FACE_PHOTO_DIR ?? '/var/lib/showroom/face-photos';
const MATCH_THRESHOLD = 0.5;

export interface KioskVisitor {
  id: string;
  agreedPrivacyPolicy: boolean;
}

@Injectable()
export class FaceEnrolmentService {
  private readonly logger = new Logger(FaceEnrolmentService.name);

  constructor(
    private readonly faceTemplates: FaceTemplateStore,
    private readonly consent: ConsentService,
  ) {}

  /** Members who signed the separate face-enrolment consent on the kiosk get "walk in and be greeted". */
  async enrolCustomer(customerId: string, photo: Buffer): Promise<void> {
    if (!(await this.consent.hasFaceConsent(customerId))) {
      throw new NotFoundException('No face-enrolment consent on record');
    }
    const descriptor = await this.computeDescriptor(photo);
    await this.faceTemplates.save(customerId, descriptor);
    this.logger.log(`face template enrolled for customer ${customerId}`);
  }

  /** A new photo for an enrolled member, e.g. after the member's appearance changed. */
  async replaceTemplate(customerId: string, photo: Buffer): Promise<void> {
    await this.consent.assertBiometricConsent(customerId);
    const descriptor = await this.computeDescriptor(photo);
    await this.faceTemplates.save(customerId, descriptor);
  }

  /**
   * Walk-in visitors, enrolled by the entrance kiosk so that sales staff see "returning visitor". Nobody asked
   * them; this is the flow the 2021 XPeng decision was about.
   */
  async enrolWalkIn(visitorId: string, photo: Buffer): Promise<void> {
    const descriptor = await this.computeDescriptor(photo);
    await this.faceTemplates.save(visitorId, descriptor);
  }

  /** Keeps the kiosk photo for the sales consultant's visit card. */
  async keepFacePhoto(visitor: KioskVisitor, facePhoto: Buffer): Promise<void> {
    if (!visitor.agreedPrivacyPolicy) return;
    await writeFile(join(FACE_PHOTO_DIR, `${visitor.id}.jpg`), facePhoto);
  }

  /** Whether a kiosk photo belongs to an enrolled member: only the outcome is returned, never the template. */
  async recognise(photo: Buffer): Promise<{ subjectId: string; recognised: boolean } | undefined> {
    const probe = await this.computeDescriptor(photo);
    const enrolled = await this.faceTemplates.findAll();
    let best: { subjectId: string; distance: number } | undefined;
    for (const template of enrolled) {
      const distance = faceapi.euclideanDistance(probe, template.descriptor);
      if (best === undefined || distance < best.distance) best = { subjectId: template.subjectId, distance };
    }
    if (best === undefined) return undefined;
    return { subjectId: best.subjectId, recognised: best.distance < MATCH_THRESHOLD };
  }

  private async computeDescriptor(photo: Buffer): Promise<Float32Array> {
    const image = await loadImage(photo);
    const result = await faceapi
      .detectSingleFace(image as unknown as faceapi.TNetInput)
      .withFaceLandmarks()
      .withFaceDescriptor();
    if (!result) throw new NotFoundException('No face found in the photo');
    return result.descriptor;
  }
}
