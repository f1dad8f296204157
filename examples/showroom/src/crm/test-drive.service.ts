import { createHash, createHmac } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { appLogger, audit } from '../shared/logger';
import { maskIdNumber, maskPlate } from '../shared/masking';
import { PrismaService } from '../shared/prisma.service';
import { BookTestDriveDto } from './customer.dto';
import { CustomerService } from './customer.service';

const LOG_PSEUDONYM_KEY = process.env.LOG_PSEUDONYM_KEY ?? '';

@Injectable()
export class TestDriveService {
  private readonly logger = new Logger(TestDriveService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly customers: CustomerService,
  ) {}

  async book(dto: BookTestDriveDto): Promise<{ id: string }> {
    const customer = await this.customers.findById(dto.customerId);
    // The insurer's test-drive policy needs the driving licence on file; the log does not.
    this.logger.log(`Test drive for ${customer.id}: licence ${customer.driverLicenseNo ?? 'missing'}`);
    appLogger.info('test drive booked', { customerId: customer.id, idCardNo: maskIdNumber(customer.idCardNo) });

    if (dto.tradeInPlateNo) {
      appLogger.info('trade-in appraisal requested', { customerId: customer.id, plate: dto.tradeInPlateNo });
      appLogger.info('trade-in appraisal queued', { plate: maskPlate(dto.tradeInPlateNo) });
    }

    // "Anonymous" key to find duplicate bookings across stores in the log platform.
    const dedupeKey = createHash('sha256').update(customer.idCardNo).digest('hex');
    this.logger.log(`dedupe key ${dedupeKey}`);

    // The same idea done right: a keyed HMAC whose key is not in the logs.
    const customerRef = createHmac('sha256', LOG_PSEUDONYM_KEY).update(customer.idCardNo).digest('hex');
    this.logger.log(`customer ref ${customerRef}`);

    const testDrive = await this.prisma.testDrive.create({
      data: { customerId: customer.id, modelCode: dto.modelCode, scheduledAt: new Date(dto.scheduledAt) },
    });
    audit('test-drive.booked', { testDriveId: testDrive.id, customerId: customer.id, modelCode: dto.modelCode });
    return { id: testDrive.id };
  }
}
