/**
 * Declared types that reach the sink (issue #16 §1, type-loss): a whole object is logged or stored, and its declared
 * type, not its fields as the code wrote them, says it holds an ID number or a face. The type arrives through an
 * assertion, a type argument, an array's element type, a rest pattern, a project declaration file, JSDoc in
 * JavaScript, or the declared type of a callback's parameter. Each case is a small project in the ecosystem it
 * comes from: lines marked `// expect: <rule>` are the findings, every other file is a valid twin.
 */
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index';
import { expectedLines, findingLines, scanSources } from '../support/scan-sources';

const ID = 'no-id-number-logging';
const BIOMETRIC = 'no-unconsented-biometric-storage';

/** Scans the project and checks that the rule reports exactly the marked lines (and that some are marked). */
async function expectMarkedFindings(files: Record<string, string>, rule: string): Promise<string[]> {
  const result = await scanSources(files, allRules);
  const expected = expectedLines(files).filter((line) => line.endsWith(` ${rule}`));
  expect(expected.length, 'the project marks its invalid cases').toBeGreaterThan(0);
  expect(findingLines(result).filter((line) => line.endsWith(` ${rule}`)).sort()).toEqual(expected);
  return result.findings.filter((finding) => finding.ruleId === rule).map((finding) => finding.message);
}

const FINANCE_TYPES = `export interface FinanceApplication {
  applicationNo: string;
  customerName: string;
  idCardNo: string;
  monthlyIncome: number;
}

export interface TradeInQuote {
  quoteNo: string;
  model: string;
  mileageKm: number;
  offerCny: number;
}
`;

describe('a type given by an assertion', () => {
  it('Koa dealer finance desk: `ctx.request.body as FinanceApplication` is logged whole; a trade-in quote is not an ID', async () => {
    const messages = await expectMarkedFindings(
      {
        'src/types/finance.ts': FINANCE_TYPES,
        'src/routes/finance.ts': `import Router from '@koa/router';
import pino from 'pino';
import type { FinanceApplication, TradeInQuote } from '../types/finance';

const logger = pino({ name: 'finance-desk' });
export const router = new Router();

router.post('/finance/applications', async (ctx) => {
  const application = ctx.request.body as FinanceApplication;
  logger.info({ application }, 'finance application received'); // expect: ${ID}
  ctx.status = 202;
});

router.post('/trade-in/quotes', async (ctx) => {
  const quote = ctx.request.body as TradeInQuote;
  logger.info({ quote }, 'trade-in quote received');
  ctx.status = 202;
});
`,
      },
      ID,
    );
    expect(messages[0]).toContain("field 'application.idCardNo'");
  });

  it('NestJS showroom sync: `<VehicleOwner>JSON.parse(…)` is logged whole; an owner written out field by field is judged by its fields', async () => {
    await expectMarkedFindings(
      {
        'src/owners/vehicle-owner.ts': `export interface VehicleOwner {
  ownerId: string;
  displayName: string;
  driverLicenseNo: string;
  dealerCode: string;
}
`,
        'src/owners/owner-sync.service.ts': `import { Injectable, Logger } from '@nestjs/common';
import { VehicleOwner } from './vehicle-owner';

@Injectable()
export class OwnerSyncService {
  private readonly logger = new Logger(OwnerSyncService.name);

  onDmsMessage(raw: string): void {
    const owner = <VehicleOwner>JSON.parse(raw);
    this.logger.log(owner); // expect: ${ID}
  }

  onDealerChange(ownerId: string, dealerCode: string): void {
    const change = { ownerId, dealerCode } as VehicleOwner;
    this.logger.log(change);
  }
}
`,
      },
      ID,
    );
  });
});

describe('a type given as a type argument', () => {
  it('React dealer portal: `axios.get<BuyerProfile>()` gives its `data` that type; a stock item holds no ID', async () => {
    await expectMarkedFindings(
      {
        'src/api/types.ts': `export interface BuyerProfile {
  buyerId: string;
  fullName: string;
  passportNo: string;
}

export interface StockItem {
  stockNo: string;
  model: string;
  priceCny: number;
}
`,
        'src/pages/BuyerPanel.tsx': `import axios from 'axios';
import { useEffect, useState } from 'react';
import type { BuyerProfile, StockItem } from '../api/types';

export function BuyerPanel({ buyerId }: { buyerId: string }) {
  const [name, setName] = useState('');
  useEffect(() => {
    void (async () => {
      const { data } = await axios.get<BuyerProfile>(\`/api/buyers/\${buyerId}\`);
      console.debug('buyer loaded', data); // expect: ${ID}
      setName(data.fullName);
    })();
  }, [buyerId]);
  return <h2>{name}</h2>;
}

export function StockPanel({ stockNo }: { stockNo: string }) {
  useEffect(() => {
    void axios.get<StockItem>(\`/api/stock/\${stockNo}\`).then((response) => console.debug('stock loaded', response.data));
  }, [stockNo]);
  return null;
}
`,
      },
      ID,
    );
  });

  it('NestJS + TypeORM: what `Repository<Buyer>.findOneBy` returns is a Buyer; its count is no buyer', async () => {
    await expectMarkedFindings(
      {
        'src/buyers/buyer.entity.ts': `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
export class Buyer {
  @PrimaryGeneratedColumn() id: number;
  @Column() fullName: string;
  @Column() residentIdNo: string;
  @Column() preferredModel: string;
}
`,
        'src/buyers/buyers.service.ts': `import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Buyer } from './buyer.entity';

@Injectable()
export class BuyersService {
  private readonly logger = new Logger(BuyersService.name);

  constructor(@InjectRepository(Buyer) private readonly buyers: Repository<Buyer>) {}

  async reserve(id: number): Promise<void> {
    const buyer = await this.buyers.findOneBy({ id });
    this.logger.log(buyer); // expect: ${ID}
  }

  async stats(): Promise<void> {
    const total = await this.buyers.count();
    this.logger.log(total);
  }
}
`,
      },
      ID,
    );
  });

  it('NestJS HttpModule: `firstValueFrom(this.http.get<LeaseContract>(…))` gives `data` that type; a rate card holds no ID', async () => {
    await expectMarkedFindings(
      {
        'src/leasing/leasing.client.ts': `import { HttpService } from '@nestjs/axios';
import { Injectable, Logger } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';

interface LeaseContract {
  contractNo: string;
  lesseeName: string;
  residentIdNo: string;
}

interface RateCard {
  term: number;
  apr: number;
}

@Injectable()
export class LeasingClient {
  private readonly logger = new Logger(LeasingClient.name);

  constructor(private readonly http: HttpService) {}

  async contract(contractNo: string): Promise<void> {
    const { data } = await firstValueFrom(this.http.get<LeaseContract>(\`https://leasing.example-bank.cn/contracts/\${contractNo}\`));
    this.logger.debug(data); // expect: ${ID}
  }

  async rates(): Promise<void> {
    const { data } = await firstValueFrom(this.http.get<RateCard[]>('https://leasing.example-bank.cn/rates'));
    this.logger.debug(data);
  }
}
`,
      },
      ID,
    );
  });

  it('Fastify test-drive booking: `fastify.post<{ Body: TestDriveBooking }>` types `request.body`; a `Body` without IDs does not', async () => {
    await expectMarkedFindings(
      {
        'src/types.ts': `export interface TestDriveBooking {
  bookingNo: string;
  customerName: string;
  driverLicenseNo: string;
  slot: string;
}

export interface ShowroomVisit {
  visitNo: string;
  slot: string;
}
`,
        'src/server.ts': `import Fastify from 'fastify';
import type { ShowroomVisit, TestDriveBooking } from './types';

const app = Fastify({ logger: true });

app.post<{ Body: TestDriveBooking }>('/test-drives', async (request, reply) => {
  app.log.info({ booking: request.body }, 'test drive booked'); // expect: ${ID}
  return reply.code(201).send();
});

app.post<{ Body: ShowroomVisit }>('/visits', async (request, reply) => {
  app.log.info({ visit: request.body }, 'visit booked');
  return reply.code(201).send();
});

export default app;
`,
      },
      ID,
    );
  });

  it("a project's own `request<T>()` helper says what it returns; one whose return type does not use T says nothing", async () => {
    await expectMarkedFindings(
      {
        'src/http.ts': `export async function request<T>(url: string): Promise<T> {
  const response = await fetch(url);
  return (await response.json()) as T;
}

export async function ping<T>(url: string): Promise<number> {
  const response = await fetch(url);
  return response.status;
}
`,
        'src/plates.ts': `import { ping, request } from './http';

interface PlateRecord {
  plateNumber: string;
  lane: number;
}

export async function showPlate(id: string): Promise<void> {
  const record = await request<PlateRecord>(\`/api/plates/\${id}\`);
  console.log('plate record', record); // expect: ${ID}
  const status = await ping<PlateRecord>(\`/api/plates/\${id}\`);
  console.log('plate service', status);
}
`,
      },
      ID,
    );
  });

  it('Midway + TypeORM: a row read from a repository and written back is no new face data; a DTO with a face is', async () => {
    await expectMarkedFindings(
      {
        'src/entity/staff.ts': `import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity()
export class Staff {
  @PrimaryColumn() badgeNo: string;
  @Column() name: string;
  @Column() department: string;
  @Column({ nullable: true }) facePhoto?: string;
}

export interface StaffFaceDTO {
  badgeNo: string;
  facePhoto: string;
}
`,
        'src/service/staff.service.ts': `import { Provide } from '@midwayjs/core';
import { InjectEntityModel } from '@midwayjs/typeorm';
import { Repository } from 'typeorm';
import { Staff, StaffFaceDTO } from '../entity/staff';

@Provide()
export class StaffService {
  @InjectEntityModel(Staff)
  staff: Repository<Staff>;

  async moveToDepartment(badgeNo: string, department: string) {
    const member = await this.staff.findOneBy({ badgeNo });
    member.department = department;
    await this.staff.save(member);
  }

  async rename(badgeNo: string, name: string) {
    const member = this.staff.create({ badgeNo, name });
    await this.staff.save(member);
  }

  async importFace(dto: StaffFaceDTO) {
    await this.staff.save(dto); // expect: ${BIOMETRIC}
  }
}
`,
      },
      BIOMETRIC,
    );
  });
});

describe("an array's element type", () => {
  it('Egg.js (TypeScript) owner report: each `VehicleOwner` of a `VehicleOwner[]` in `for…of`; stock rows hold no ID', async () => {
    await expectMarkedFindings(
      {
        'app/typings/owner.ts': `export interface VehicleOwner {
  ownerNo: string;
  name: string;
  vin: string;
}

export interface StockRow {
  stockNo: string;
  colour: string;
}
`,
        'app/service/report.ts': `import { Service } from 'egg';
import type { StockRow, VehicleOwner } from '../typings/owner';

export default class ReportService extends Service {
  async nightly(owners: VehicleOwner[], stock: StockRow[]) {
    for (const owner of owners) {
      this.ctx.logger.info('owner in report %j', owner); // expect: ${ID}
    }
    for (const row of stock) {
      this.ctx.logger.info('stock in report %j', row);
    }
  }
}
`,
      },
      ID,
    );
  });

  it('Express fleet export: the callback of `owners.forEach` gets a `FleetDriver`; `vehicles.map` of parking slots does not', async () => {
    await expectMarkedFindings(
      {
        'src/fleet.ts': `import express from 'express';
import winston from 'winston';

interface FleetDriver {
  employeeNo: string;
  driverLicenseNo: string;
}

interface ParkingSlot {
  slotNo: string;
  level: number;
}

const logger = winston.createLogger();
export const router = express.Router();

export function exportDrivers(drivers: FleetDriver[]): void {
  drivers.forEach((driver) => logger.info('exporting driver', driver)); // expect: ${ID}
}

export function exportSlots(slots: ParkingSlot[]): void {
  const lines = slots.map((slot) => \`\${slot.slotNo}@\${slot.level}\`);
  logger.info('exporting slots', { lines });
}
`,
      },
      ID,
    );
  });
});

describe('a rest pattern keeps the declared type', () => {
  const applicationType = `export interface LoanApplication {
  applicationNo: string;
  customerName: string;
  idCardNo: string;
  amountCny: number;
}
`;

  it('Midway: `const { customerName, ...rest }` still holds the ID number; `const { idCardNo, ...rest }` does not', async () => {
    const messages = await expectMarkedFindings(
      {
        'src/interface.ts': applicationType,
        'src/service/loan.service.ts': `import { ILogger, Logger, Provide } from '@midwayjs/core';
import { LoanApplication } from '../interface';

@Provide()
export class LoanService {
  @Logger()
  logger: ILogger;

  async submit(application: LoanApplication) {
    const { customerName, ...rest } = application;
    this.logger.info('loan submitted by %s', customerName.slice(0, 1), rest); // expect: ${ID}
  }

  async review(application: LoanApplication) {
    const { idCardNo, ...rest } = application;
    this.logger.info('loan under review', rest);
    return idCardNo.length === 18;
  }
}
`,
      },
      ID,
    );
    expect(messages[0]).toContain("field 'idCardNo'");
  });

  it('Express (TypeScript): the same in a route handler', async () => {
    await expectMarkedFindings(
      {
        'src/interface.ts': applicationType,
        'src/routes/loans.ts': `import express from 'express';
import type { LoanApplication } from '../interface';

export const router = express.Router();

router.post('/loans', (req, res) => {
  const { amountCny, ...applicant } = req.body as LoanApplication;
  console.info('loan applicant', applicant); // expect: ${ID}
  res.status(202).json({ amountCny });
});

router.post('/loans/preview', (req, res) => {
  const { idCardNo, ...preview } = req.body as LoanApplication;
  console.info('loan preview', preview);
  res.json({ ok: idCardNo.length > 0 });
});
`,
      },
      ID,
    );
  });
});

describe("a type declared in the project's own .d.ts", () => {
  it('NestJS: an interface from `types/dms.d.ts` is a project type; one without IDs is not reported', async () => {
    await expectMarkedFindings(
      {
        'src/types/dms.d.ts': `/** Payloads of the dealer-management system's webhooks (hand-written declarations). */
export interface DmsCustomer {
  customerNo: string;
  name: string;
  passportNo: string;
}

export interface DmsStockEvent {
  stockNo: string;
  status: string;
}
`,
        'src/dms/dms.controller.ts': `import { Body, Controller, Logger, Post } from '@nestjs/common';
import type { DmsCustomer, DmsStockEvent } from '../types/dms';

@Controller('dms')
export class DmsController {
  private readonly logger = new Logger(DmsController.name);

  @Post('customers')
  customer(@Body() payload: DmsCustomer) {
    this.logger.log(payload); // expect: ${ID}
  }

  @Post('stock')
  stock(@Body() payload: DmsStockEvent) {
    this.logger.log(payload);
  }
}
`,
      },
      ID,
    );
  });

  it('Electron (main process): a module `.d.ts` next to the code, imported by the IPC handlers', async () => {
    await expectMarkedFindings(
      {
        'src/main/kiosk-types.d.ts': `export interface KioskCheckIn {
  ticketNo: string;
  plateNumber: string;
}

export interface KioskHeartbeat {
  kioskId: string;
  uptimeSec: number;
}
`,
        'src/main/ipc.ts': `import { ipcMain } from 'electron';
import log from 'electron-log';
import type { KioskCheckIn, KioskHeartbeat } from './kiosk-types';

export function registerIpc(): void {
  ipcMain.handle('kiosk:check-in', (_event, checkIn: KioskCheckIn) => {
    log.info('check-in', checkIn); // expect: ${ID}
  });
  ipcMain.handle('kiosk:heartbeat', (_event, beat: KioskHeartbeat) => {
    log.info('heartbeat', beat);
  });
}
`,
      },
      ID,
    );
  });
});

describe('JSDoc types in JavaScript', () => {
  const ownerTypes = `export interface CarOwner {
  ownerNo: string;
  name: string;
  plateNumber: string;
}

export interface ServiceSlot {
  slotNo: string;
  bay: number;
}
`;

  it('Egg.js (JavaScript) controller: `@param {import(…).CarOwner}` and `@type {CarOwner}`; a `ServiceSlot` holds no ID', async () => {
    await expectMarkedFindings(
      {
        'typings/owner.d.ts': ownerTypes,
        'app/controller/owner.js': `'use strict';

const { Controller } = require('egg');

/** @typedef {import('../../typings/owner').CarOwner} CarOwner */
/** @typedef {import('../../typings/owner').ServiceSlot} ServiceSlot */

class OwnerController extends Controller {
  async create() {
    /** @type {CarOwner} */
    const owner = this.ctx.request.body;
    this.ctx.logger.info('owner created %j', owner); // expect: ${ID}
    this.ctx.body = { ok: true };
  }

  async book() {
    /** @type {ServiceSlot} */
    const slot = this.ctx.request.body;
    this.ctx.logger.info('slot booked %j', slot);
    this.ctx.body = { ok: true };
  }
}

module.exports = OwnerController;
`,
      },
      ID,
    );
  });

  it('Express (JavaScript): `@param` on a helper, and a JSDoc cast', async () => {
    await expectMarkedFindings(
      {
        'src/types/owner.ts': ownerTypes,
        'src/audit.js': `const log4js = require('log4js');

const logger = log4js.getLogger('service-desk');

/** @param {import('./types/owner').CarOwner} owner */
function auditOwner(owner) {
  logger.info('owner at service desk', owner); // expect: ${ID}
}

/** @param {import('./types/owner').ServiceSlot} slot */
function auditSlot(slot) {
  logger.info('slot at service desk', slot);
}

function onWebhook(req, res) {
  const owner = /** @type {import('./types/owner').CarOwner} */ (req.body);
  logger.info('owner from webhook', owner); // expect: ${ID}
  res.sendStatus(204);
}

module.exports = { auditOwner, auditSlot, onWebhook };
`,
      },
      ID,
    );
  });
});

describe('JSDoc typedefs in JavaScript', () => {
  it('Koa (JavaScript) service desk: `@typedef {Object}` with `@property` tags is a type of its own', async () => {
    await expectMarkedFindings(
      {
        'src/service-desk.js': `const Router = require('@koa/router');
const logger = require('pino')();

/**
 * @typedef {Object} ServiceBooking
 * @property {string} bookingNo
 * @property {string} plateNumber
 * @property {string} bay
 */

/**
 * @typedef {Object} BayStatus
 * @property {string} bay
 * @property {boolean} occupied
 */

const router = new Router();

/** @param {ServiceBooking} booking */
function logBooking(booking) {
  logger.info({ booking }, 'service booked'); // expect: ${ID}
}

/** @param {BayStatus} status */
function logBay(status) {
  logger.info({ status }, 'bay status');
}

router.post('/bookings', (ctx) => {
  logBooking(ctx.request.body);
  logBay({ bay: ctx.request.body.bay, occupied: true });
  ctx.status = 201;
});

module.exports = router;
`,
      },
      ID,
    );
  });
});

describe("the declared type of a callback's parameter", () => {
  it('Electron main process: `onProfile(handler: (p: DriverProfile) => void)` types `p`; a seat status does not', async () => {
    await expectMarkedFindings(
      {
        'src/main/telematics.ts': `import { EventEmitter } from 'node:events';

export interface DriverProfile {
  vin: string;
  displayName: string;
}

export interface SeatStatus {
  position: number;
  heated: boolean;
}

export class TelematicsBridge {
  private readonly events = new EventEmitter();

  onProfile(handler: (profile: DriverProfile) => void): void {
    this.events.on('profile', handler);
  }

  onSeat(handler: (status: SeatStatus) => void): void {
    this.events.on('seat', handler);
  }
}
`,
        'src/main/index.ts': `import log from 'electron-log';
import { TelematicsBridge } from './telematics';

const bridge = new TelematicsBridge();
bridge.onProfile((profile) => log.info('driver profile', profile)); // expect: ${ID}
bridge.onSeat((status) => log.info('seat status', status));
`,
      },
      ID,
    );
  });

  it('React hook options: `{ onProfile: (p) => … }` given where `TelematicsOptions` declares `onProfile`', async () => {
    await expectMarkedFindings(
      {
        'src/hooks/useTelematics.ts': `export interface DriverProfile {
  vin: string;
  displayName: string;
}

export interface CabinClimate {
  celsius: number;
}

export interface TelematicsOptions {
  onProfile: (profile: DriverProfile) => void;
  onClimate?: (climate: CabinClimate) => void;
}

export function useTelematics(options: TelematicsOptions): void {
  void options;
}
`,
        'src/components/Cabin.tsx': `import { useTelematics } from '../hooks/useTelematics';

export function Cabin() {
  useTelematics({
    onProfile: (profile) => console.log('profile', profile), // expect: ${ID}
    onClimate: (climate) => console.log('climate', climate),
  });
  return null;
}
`,
      },
      ID,
    );
  });
});
