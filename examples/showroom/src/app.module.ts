import { Module } from '@nestjs/common';
import { ConsentService } from './consent/consent.service';
import { CustomerController } from './crm/customer.controller';
import { CustomerService } from './crm/customer.service';
import { TestDriveService } from './crm/test-drive.service';
import { PrismaService } from './shared/prisma.service';
import { CameraGateway } from './visitors/camera-gateway';
import { FaceEnrolmentService } from './visitors/face-enrolment.service';
import { FaceTemplateStore } from './visitors/face-template.store';
import { VisitorController } from './visitors/visitor.controller';

@Module({
  controllers: [CustomerController, VisitorController],
  providers: [
    PrismaService,
    ConsentService,
    CustomerService,
    TestDriveService,
    CameraGateway,
    FaceEnrolmentService,
    FaceTemplateStore,
  ],
})
export class AppModule {}
