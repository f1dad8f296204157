import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import * as Sentry from '@sentry/node';
import { appLogger, audit } from '../shared/logger';
import { maskIdNumber } from '../shared/masking';
import { PrismaService } from '../shared/prisma.service';
import { CreateCustomerDto, CustomerRecord } from './customer.dto';

const RESIDENT_ID = /^[1-8]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dX]$/;

@Injectable()
export class CustomerService {
  constructor(private readonly prisma: PrismaService) {}

  async create(dto: CreateCustomerDto): Promise<CustomerRecord> {
    this.assertValidIdCard(dto);
    const customer = await this.prisma.customer.create({
      data: { name: dto.name, mobile: dto.mobile, idCardNo: dto.idCardNo, driverLicenseNo: dto.driverLicenseNo ?? null },
    });
    appLogger.info('customer created', { customerId: customer.id, idCardNo: maskIdNumber(dto.idCardNo) });
    Sentry.setUser({ id: customer.id });
    audit('customer.identity-verified', { customerId: customer.id, idCardNo: dto.idCardNo });
    return customer;
  }

  async findById(id: string): Promise<CustomerRecord> {
    const customer = await this.prisma.customer.findUnique({ where: { id } });
    if (!customer) throw new NotFoundException(`Customer ${id} not found`);
    return customer;
  }

  private assertValidIdCard(dto: CreateCustomerDto): void {
    if (!RESIDENT_ID.test(dto.idCardNo.toUpperCase())) {
      Sentry.captureMessage(`Rejected customer with malformed ID card number ${dto.idCardNo}`, 'warning');
      throw new BadRequestException('The ID card number is not valid');
    }
  }
}
