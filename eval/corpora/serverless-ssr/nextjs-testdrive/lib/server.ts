import 'server-only';
import OSS from 'ali-oss';
import pino from 'pino';
import { PrismaClient } from '@prisma/client';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const prisma = globalForPrisma.prisma ?? new PrismaClient();
if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;

export const oss = new OSS({
  region: process.env.OSS_REGION ?? 'oss-cn-shanghai',
  bucket: process.env.OSS_BUCKET ?? 'dealer-testdrive-docs',
  accessKeyId: process.env.OSS_ACCESS_KEY_ID ?? '',
  accessKeySecret: process.env.OSS_ACCESS_KEY_SECRET ?? '',
  secure: true,
});

/**
 * Shared server logger. Booking payloads are logged as objects under `booking`;
 * pino censors the document fields before the line is written.
 */
export const logger = pino({
  name: 'testdrive-portal',
  level: process.env.LOG_LEVEL ?? 'info',
  redact: {
    paths: ['booking.idCardNo', 'booking.driverLicenseNo', 'booking.mobile'],
    censor: '[REDACTED]',
  },
  formatters: {
    level(label) {
      return { level: label };
    },
  },
});

/** 310104********123X: keeps the region code and the last four characters, hides the birth date. */
export function maskIdNumber(idCardNo: string | null | undefined): string {
  if (!idCardNo) return '';
  return idCardNo.replace(/^(.{6}).*(.{4})$/, '$1********$2');
}

export function maskMobile(mobile: string): string {
  return mobile.replace(/^(\d{3})\d{4}(\d{4})$/, '$1****$2');
}

const RESIDENT_ID = /^[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]$/;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11643-1999 MOD 11-2 check. The driving-licence number is the holder's resident ID number. */
export function isValidResidentId(value: string): boolean {
  if (!RESIDENT_ID.test(value)) return false;
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(value[i]), 0);
  return '10X98765432'[sum % 11] === value[17].toUpperCase();
}
