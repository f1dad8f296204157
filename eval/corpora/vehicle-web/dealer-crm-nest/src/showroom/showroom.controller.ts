import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { CameraSighting, KioskCaptureDto, TestDriveParty } from '../buyers/dto';
import { FaceConsentGuard } from './biometric-consent';
import { ShowroomFacesService } from './showroom-faces.service';

@Controller('showroom')
export class ShowroomController {
  constructor(private readonly faces: ShowroomFacesService) {}

  @Post('buyers/:buyerId/kiosk-capture')
  @UseGuards(FaceConsentGuard)
  async kioskCapture(@Param('buyerId') buyerId: string, @Body() body: KioskCaptureDto) {
    await this.faces.storeKioskCapture(buyerId, Buffer.from(body.faceImageBase64, 'base64'));
    return { stored: true };
  }

  @Post('buyers/:buyerId/face')
  async enrolFace(@Param('buyerId') buyerId: string, @Body() body: { faceDescriptor: number[] }) {
    await this.faces.enrolBuyerFace(buyerId, body.faceDescriptor);
    return { enrolled: true };
  }

  @Post('test-drives/:bookingId/party')
  async enrolParty(@Param('bookingId') bookingId: string, @Body() party: TestDriveParty) {
    await this.faces.enrolTestDriveParty({ ...party, bookingId });
    return { enrolled: true };
  }

  @Post('stores/:storeId/sightings')
  @HttpCode(202)
  async sightings(@Param('storeId') storeId: string, @Body() batch: { sightings: CameraSighting[]; keepSnapshots?: boolean }) {
    if (batch.keepSnapshots) {
      for (const sighting of batch.sightings) {
        await this.faces.recordSighting(storeId, sighting);
      }
    }
    await this.faces.recordFootfall(storeId, batch.sightings);
    return { accepted: batch.sightings.length };
  }
}
