import { NextRequest, NextResponse } from 'next/server';
import { prisma, oss, logger } from '@/lib/server';

export const runtime = 'nodejs';

const MAX_SELFIE_BYTES = 4 * 1024 * 1024;
const ACCEPTED_TYPES = new Set(['image/jpeg', 'image/png']);

interface RouteContext {
  params: Promise<{ bookingId: string }>;
}

/**
 * Stores the customer's selfie used by the showroom to confirm identity at key handover.
 * The customer signs the separate face-processing consent in the booking flow.
 */
export async function POST(req: NextRequest, { params }: RouteContext) {
  const { bookingId } = await params;
  const booking = await prisma.testDriveBooking.findUnique({
    where: { bookingNo: bookingId },
    select: { bookingNo: true, customerId: true, status: true },
  });
  if (!booking) {
    return NextResponse.json({ error: 'booking_not_found' }, { status: 404 });
  }
  if (booking.status !== 'CONFIRMED') {
    return NextResponse.json({ error: 'booking_not_confirmed' }, { status: 409 });
  }

  const consent = await prisma.biometricConsent.findUnique({ where: { customerId: booking.customerId } });
  if (!consent?.faceConsentAt || consent.faceConsentRevokedAt) {
    logger.warn({ bookingNo: booking.bookingNo }, 'selfie rejected: no separate face consent');
    return NextResponse.json({ error: 'face_consent_required' }, { status: 403 });
  }

  const form = await req.formData();
  const file = form.get('selfie');
  if (!(file instanceof File) || !ACCEPTED_TYPES.has(file.type)) {
    return NextResponse.json({ error: 'selfie_required' }, { status: 400 });
  }
  if (file.size > MAX_SELFIE_BYTES) {
    return NextResponse.json({ error: 'selfie_too_large' }, { status: 413 });
  }

  const faceImage = Buffer.from(await file.arrayBuffer());
  const key = `selfies/${booking.customerId}/${booking.bookingNo}.jpg`;
  await oss.put(key, faceImage, { headers: { 'x-oss-server-side-encryption': 'KMS' } });
  await prisma.testDriveBooking.update({
    where: { bookingNo: booking.bookingNo },
    data: { selfieKey: key, selfieAt: new Date() },
  });

  logger.info({ bookingNo: booking.bookingNo, bytes: faceImage.length }, 'selfie stored');
  return NextResponse.json({ stored: true }, { status: 201 });
}
