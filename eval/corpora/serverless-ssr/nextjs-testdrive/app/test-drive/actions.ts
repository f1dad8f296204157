'use server';

import { revalidatePath } from 'next/cache';
import { prisma, logger } from '@/lib/server';

export interface ActionResult {
  ok: boolean;
  message?: string;
}

const LICENCE_CLASSES = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];

export async function verifyLicence(bookingNo: string, formData: FormData): Promise<ActionResult> {
  const driverLicenseNo = String(formData.get('driverLicenseNo') ?? '').trim().toUpperCase();
  const licenceClass = String(formData.get('licenceClass') ?? '');
  const validUntil = new Date(String(formData.get('validUntil') ?? ''));

  if (!LICENCE_CLASSES.includes(licenceClass) || Number.isNaN(validUntil.getTime()) || validUntil < new Date()) {
    logger.warn(`licence check failed for booking ${bookingNo}: ${driverLicenseNo} class ${licenceClass}`);
    return { ok: false, message: '驾驶证信息无效或已过期' };
  }

  await prisma.testDriveBooking.update({
    where: { bookingNo },
    data: { licenceClass, licenceValidUntil: validUntil, licenceVerifiedAt: new Date() },
  });
  revalidatePath(`/test-drive/${bookingNo}`);
  return { ok: true };
}

export async function assignDemoCar(bookingNo: string, modelCode: string): Promise<ActionResult> {
  const car = await prisma.demoCar.findFirst({
    where: { modelCode, status: 'AVAILABLE' },
    select: { id: true, stockNo: true, plateNo: true, vin: true },
  });
  if (!car) {
    return { ok: false, message: '暂无可用试驾车' };
  }

  console.log(`[demo-car] reserving ${car.stockNo} for ${bookingNo}, VIN ...${car.vin.slice(-4)}`);
  await prisma.$transaction([
    prisma.demoCar.update({ where: { id: car.id }, data: { status: 'RESERVED' } }),
    prisma.testDriveBooking.update({ where: { bookingNo }, data: { demoCarId: car.id, status: 'CONFIRMED' } }),
  ]);

  console.log('[demo-car] prepare keys and fuel card for plate', car.plateNo, 'booking', bookingNo);
  revalidatePath('/admin/test-drives');
  return { ok: true };
}

/** The accompanying driver (同乘人) is photographed at the desk so the sales consultant can recognise them. */
export async function saveCoDriverFace(bookingNo: string, formData: FormData): Promise<ActionResult> {
  const booking = await prisma.testDriveBooking.findUnique({
    where: { bookingNo },
    include: { customer: true, coDriver: true },
  });
  if (!booking?.coDriver) {
    return { ok: false, message: '未登记同乘人' };
  }
  if (!booking.customer.faceConsentAt || booking.customer.faceConsentRevokedAt) {
    return { ok: false, message: '客户未签署人脸信息单独授权' };
  }

  const facePhotoBase64 = String(formData.get('facePhotoBase64') ?? '');
  if (!facePhotoBase64.startsWith('data:image/jpeg;base64,')) {
    return { ok: false, message: '照片格式错误' };
  }

  await prisma.coDriver.update({
    where: { id: booking.coDriver.id },
    data: { facePhotoBase64, faceCapturedAt: new Date() },
  });
  revalidatePath(`/test-drive/${bookingNo}`);
  return { ok: true };
}
