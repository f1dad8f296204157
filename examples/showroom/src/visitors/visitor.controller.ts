import { Body, Controller, Param, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { FaceEnrolmentService, KioskVisitor } from './face-enrolment.service';

@Controller()
export class VisitorController {
  constructor(private readonly enrolment: FaceEnrolmentService) {}

  @Post('customers/:customerId/face')
  @UseInterceptors(FileInterceptor('photo'))
  async enrolCustomer(@Param('customerId') customerId: string, @UploadedFile() photo: Express.Multer.File): Promise<{ ok: true }> {
    await this.enrolment.enrolCustomer(customerId, photo.buffer);
    return { ok: true };
  }

  @Post('kiosk/walk-ins/:visitorId/face')
  @UseInterceptors(FileInterceptor('photo'))
  async enrolWalkIn(@Param('visitorId') visitorId: string, @UploadedFile() photo: Express.Multer.File): Promise<{ ok: true }> {
    await this.enrolment.enrolWalkIn(visitorId, photo.buffer);
    return { ok: true };
  }

  @Post('kiosk/visitors/:visitorId/photo')
  @UseInterceptors(FileInterceptor('photo'))
  async keepPhoto(
    @Param('visitorId') visitorId: string,
    @Body() body: { agreedPrivacyPolicy?: string },
    @UploadedFile() photo: Express.Multer.File,
  ): Promise<{ ok: true }> {
    const visitor: KioskVisitor = { id: visitorId, agreedPrivacyPolicy: body.agreedPrivacyPolicy === 'true' };
    await this.enrolment.keepFacePhoto(visitor, photo.buffer);
    return { ok: true };
  }

  @Post('kiosk/recognise')
  @UseInterceptors(FileInterceptor('photo'))
  async recognise(@UploadedFile() photo: Express.Multer.File): Promise<{ subjectId: string; recognised: boolean } | { recognised: false }> {
    return (await this.enrolment.recognise(photo.buffer)) ?? { recognised: false };
  }
}
