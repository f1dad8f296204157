import { NextRequest, NextResponse } from 'next/server';
import { z } from 'zod';
import * as Sentry from '@sentry/nextjs';
import { prisma, oss, logger, maskIdNumber, isValidResidentId } from '@/lib/server';

export const runtime = 'nodejs';

const MAX_SCAN_BYTES = 6 * 1024 * 1024;

const BookingSchema = z.object({
  customerName: z.string().min(1).max(40),
  mobile: z.string().regex(/^1[3-9]\d{9}$/),
  idCardNo: z.string().length(18),
  driverLicenseNo: z.string().length(18),
  modelCode: z.string().min(2),
  storeCode: z.string().min(2),
  slotStart: z.coerce.date(),
  memberId: z.string().optional(),
});

type BookingInput = z.infer<typeof BookingSchema>;

async function readScan(form: FormData, field: string): Promise<Buffer | null> {
  const file = form.get(field);
  if (!(file instanceof File) || file.size === 0 || file.size > MAX_SCAN_BYTES) return null;
  return Buffer.from(await file.arrayBuffer());
}

export async function POST(req: NextRequest) {
  const form = await req.formData();
  const parsed = BookingSchema.safeParse(Object.fromEntries(form.entries()));
  if (!parsed.success) {
    return NextResponse.json({ error: 'invalid_booking', issues: parsed.error.issues }, { status: 400 });
  }
  const input: BookingInput = parsed.data;
  if (!isValidResidentId(input.idCardNo)) {
    return NextResponse.json({ error: 'invalid_id_card' }, { status: 422 });
  }

  console.info(`[test-drive] booking request from ${input.customerName} (${input.idCardNo}) for ${input.modelCode}`);

  const idCardFront = await readScan(form, 'idCardFront');
  const licenceScan = await readScan(form, 'licenceScan');
  if (!idCardFront || !licenceScan) {
    return NextResponse.json({ error: 'documents_required' }, { status: 400 });
  }

  const bookingNo = `TD${input.storeCode}${Date.now().toString(36).toUpperCase()}`;
  try {
    await oss.put(`id-cards/${bookingNo}/front.jpg`, idCardFront);
    await oss.put(`licences/${bookingNo}/main.jpg`, licenceScan);

    const booking = await prisma.testDriveBooking.create({
      data: {
        bookingNo,
        customerName: input.customerName,
        mobile: input.mobile,
        idCardNo: input.idCardNo,
        driverLicenseNo: input.driverLicenseNo,
        modelCode: input.modelCode,
        storeCode: input.storeCode,
        slotStart: input.slotStart,
        memberId: input.memberId,
        status: 'PENDING',
      },
      select: { bookingNo: true, orderId: true },
    });

    logger.info(
      { booking: { bookingNo, idCardNo: input.idCardNo, driverLicenseNo: input.driverLicenseNo, modelCode: input.modelCode } },
      'test drive booked',
    );
    logger.info({ bookingNo, memberId: input.memberId ?? null, orderId: booking.orderId }, 'deposit order linked');

    return NextResponse.json({ bookingNo: booking.bookingNo }, { status: 201 });
  } catch (err) {
    Sentry.captureException(err, {
      extra: { idCardNo: input.idCardNo, driverLicenseNo: input.driverLicenseNo, storeCode: input.storeCode },
    });
    // correlate with the store's support ticket without exposing the number
    logger.error({ err, bookingNo, idRef: maskIdNumber(input.idCardNo) }, 'booking failed');
    return NextResponse.json({ error: 'booking_failed' }, { status: 500 });
  }
}
