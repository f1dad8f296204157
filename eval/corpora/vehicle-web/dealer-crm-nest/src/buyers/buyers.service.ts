import { HttpService } from '@nestjs/axios';
import { ForbiddenException, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as Sentry from '@sentry/node';
import { WINSTON_MODULE_PROVIDER } from 'nest-winston';
import { firstValueFrom } from 'rxjs';
import { Repository } from 'typeorm';
import { Logger as WinstonLogger } from 'winston';
import { documentRef, maskDocumentNo } from '../common/masking';
import { ExportBuyer } from './buyer.entity';
import { CreateExportBuyerDto, PassportCheckResult } from './dto';

@Injectable()
export class BuyersService {
  private readonly logger = new Logger(BuyersService.name);

  constructor(
    @InjectRepository(ExportBuyer) private readonly buyers: Repository<ExportBuyer>,
    @Inject(WINSTON_MODULE_PROVIDER) private readonly audit: WinstonLogger,
    private readonly http: HttpService,
  ) {}

  async register(dto: CreateExportBuyerDto): Promise<ExportBuyer> {
    this.audit.info('export buyer registration received', { dto });
    const existing = await this.buyers.findOne({ where: { passportNo: dto.passportNo } });
    if (existing) return existing;

    const check = await this.screenPassport(dto.passportNo, dto.nationality);
    if (check.status === 'rejected') {
      this.logger.warn(
        `screening rejected buyer for advisor ${dto.salesAdvisorId}, document ${maskDocumentNo(check.documentNumber)}`,
      );
      throw new ForbiddenException('Buyer failed export screening');
    }
    const saved = await this.buyers.save(this.buyers.create({ ...dto }));
    this.logger.log(`export buyer ${saved.id} created by advisor ${dto.salesAdvisorId}`);
    return saved;
  }

  private async screenPassport(passportNo: string, nationality: string): Promise<PassportCheckResult> {
    const { data } = await firstValueFrom(
      this.http.get<PassportCheckResult>(
        `https://kyc.example-screening.com/v2/passports/${encodeURIComponent(nationality)}/${encodeURIComponent(passportNo)}`,
        { headers: { 'x-api-key': process.env.KYC_API_KEY ?? '' } },
      ),
    );
    if (data.watchlistHits > 0) {
      Sentry.setContext('passport_screening', {
        documentNumber: data.documentNumber,
        hits: data.watchlistHits,
        checkedAt: data.checkedAt,
      });
      Sentry.captureMessage('export buyer on watchlist', 'warning');
    }
    return data;
  }

  async importBatch(rows: CreateExportBuyerDto[]): Promise<number> {
    let created = 0;
    for (const { driverLicenseNo, ...rest } of rows) {
      const existing = await this.buyers.findOne({ where: { passportNo: rest.passportNo } });
      if (existing) {
        this.logger.warn(`skipping duplicate buyer ${existing.id}, licence ${driverLicenseNo ?? 'n/a'}`);
        continue;
      }
      await this.buyers.save(this.buyers.create({ ...rest, driverLicenseNo }));
      created++;
    }
    this.audit.info('buyer import finished', { created, total: rows.length });
    return created;
  }

  async reserveVehicle(buyerId: string, reservedVin: string): Promise<void> {
    await this.buyers.update({ id: buyerId }, { reservedVin });
    this.audit.info('vehicle reserved for export', { buyerId, vehicleRef: documentRef(reservedVin) });
  }

  async transferAdvisor(buyer: ExportBuyer, newAdvisorId: string): Promise<void> {
    await this.buyers.update({ id: buyer.id }, { salesAdvisorId: newAdvisorId });
    this.logger.log({ message: 'advisor changed', buyer });
  }
}
