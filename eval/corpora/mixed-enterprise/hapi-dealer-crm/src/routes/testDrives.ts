import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Boom from '@hapi/boom';
import Joi from 'joi';
import * as Sentry from '@sentry/node';
import { randomUUID } from 'node:crypto';
import { db } from '../lib/clients';
import { audit } from '../lib/audit';
import { maskIdNo, sha256Hex } from '../lib/masking';

interface BookingInput {
  customerId: number;
  driverName: string;
  driverLicenseNo: string;
  modelCode: string;
  slot: string;
}

interface TestDriveBooking {
  bookingNo: string;
  customerId: number;
  driverName: string;
  driverLicenseNo: string;
  demoCarPlate: string;
  slot: string;
}

interface DemoCar {
  stockNo: string;
  plateNo: string;
  vin: string;
  startMileage: number;
}

async function pickDemoCar(modelCode: string, slot: string): Promise<DemoCar> {
  const car = await db('demo_cars')
    .where({ model_code: modelCode, status: 'available' })
    .whereNotExists(db('test_drives').whereRaw('test_drives.demo_car_id = demo_cars.id').andWhere({ slot }))
    .first();
  if (!car) throw Boom.conflict('该时段无可用试驾车');
  return { stockNo: car.stock_no, plateNo: car.plate_no, vin: car.vin, startMileage: car.mileage };
}

const bookTestDrive = async (request: Request, h: ResponseToolkit) => {
  const input = request.payload as BookingInput;
  request.logger.info(`booking for customer ${input.customerId}, licence ${maskIdNo(input.driverLicenseNo)}`);
  const car = await pickDemoCar(input.modelCode, input.slot);

  const booking: TestDriveBooking = {
    bookingNo: `TD${Date.now().toString(36).toUpperCase()}`,
    customerId: input.customerId,
    driverName: input.driverName,
    driverLicenseNo: input.driverLicenseNo,
    demoCarPlate: car.plateNo,
    slot: input.slot,
  };
  await db('test_drives').insert({
    booking_no: booking.bookingNo,
    customer_id: booking.customerId,
    driver_license_no: booking.driverLicenseNo,
    demo_car_stock_no: car.stockNo,
    slot: booking.slot,
    start_mileage: car.startMileage,
  });

  request.logger.info({ booking }, 'test drive booked');
  audit.record('test_drive.booked', { bookingNo: booking.bookingNo, customerId: input.customerId, vin: car.vin });

  return h.response({ bookingNo: booking.bookingNo }).code(201);
};

const returnDemoCar = async (request: Request) => {
  const { bookingNo } = request.params;
  const { mileage } = request.payload as { mileage: number };
  const row = await db('test_drives')
    .join('demo_cars', 'demo_cars.stock_no', 'test_drives.demo_car_stock_no')
    .where({ booking_no: bookingNo })
    .first('test_drives.start_mileage', 'demo_cars.plate_no');
  if (!row) throw Boom.notFound();

  if (mileage - row.start_mileage > 50) {
    // 超出试驾路线，报给值班经理
    Sentry.setTag('demo_car', sha256Hex(row.plate_no));
    Sentry.captureMessage(`test drive ${bookingNo} exceeded 50 km`, 'warning');
  }
  await db('test_drives').where({ booking_no: bookingNo }).update({ end_mileage: mileage, returned_at: db.fn.now() });
  return { ok: true };
};

/** 试驾车无钥匙进入：登记驾驶人人脸，车机端比对 */
const registerDriverFace = async (request: Request, h: ResponseToolkit) => {
  const { bookingNo } = request.params;
  const payload = request.payload as { faceImageBase64: string; agreeFaceAuth: boolean };
  if (!payload.agreeFaceAuth) {
    throw Boom.badRequest('请先勾选人脸识别授权');
  }
  const faceImage = Buffer.from(payload.faceImageBase64, 'base64');
  await db('test_drive_driver_faces').insert({
    id: randomUUID(),
    booking_no: bookingNo,
    face_jpeg: faceImage,
    created_at: db.fn.now(),
  });
  return h.response().code(204);
};

export const testDriveRoutes: ServerRoute[] = [
  {
    method: 'POST',
    path: '/api/test-drives',
    options: {
      validate: {
        payload: Joi.object({
          customerId: Joi.number().integer().required(),
          driverName: Joi.string().max(32).required(),
          // 驾驶证号即身份证号
          driverLicenseNo: Joi.string().pattern(/^\d{17}[\dXx]$/).required(),
          modelCode: Joi.string().required(),
          slot: Joi.string().isoDate().required(),
        }),
      },
      handler: bookTestDrive,
    },
  },
  {
    method: 'POST',
    path: '/api/test-drives/{bookingNo}/return',
    options: {
      validate: { payload: Joi.object({ mileage: Joi.number().min(0).required() }) },
      handler: returnDemoCar,
    },
  },
  {
    method: 'POST',
    path: '/api/test-drives/{bookingNo}/driver-face',
    options: {
      payload: { maxBytes: 4 * 1024 * 1024 },
      handler: registerDriverFace,
    },
  },
];
