import { Client as MinioClient } from 'minio';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { createConsola } from 'consola';

export const FACE_BUCKET = process.env.FACE_BUCKET ?? 'visitor-faces';

export const minio = new MinioClient({
  endPoint: process.env.MINIO_ENDPOINT ?? 'oss.tower-a.example-prop.com',
  port: Number(process.env.MINIO_PORT ?? 443),
  useSSL: true,
  accessKey: process.env.MINIO_ACCESS_KEY ?? '',
  secretKey: process.env.MINIO_SECRET_KEY ?? '',
});

export const db = mysql.createPool({
  uri: process.env.DATABASE_URL,
  connectionLimit: 10,
  timezone: '+08:00',
});

export const logger = createConsola({ level: Number(process.env.LOG_LEVEL ?? 3) }).withTag('visitor');

export type IdType = 'ID_CARD' | 'PASSPORT' | 'HK_MO_PERMIT' | 'TW_PERMIT';

export interface VisitRow extends RowDataPacket {
  id: number;
  visitNo: string;
  visitorId: number;
  hostEmployeeNo: string;
  visitDate: string;
}

export async function findVisit(visitNo: string): Promise<VisitRow | null> {
  const [rows] = await db.execute<VisitRow[]>(
    'SELECT id, visit_no AS visitNo, visitor_id AS visitorId, host_employee_no AS hostEmployeeNo, visit_date AS visitDate FROM visits WHERE visit_no = ?',
    [visitNo],
  );
  return rows[0] ?? null;
}

/** Separate, revocable consent to face registration, signed by the visitor on the kiosk or in the invitation link. */
export async function hasFaceConsent(visitorId: number): Promise<boolean> {
  const [rows] = await db.execute<RowDataPacket[]>(
    'SELECT face_consent_at, face_consent_revoked_at FROM visitor_consents WHERE visitor_id = ? ORDER BY id DESC LIMIT 1',
    [visitorId],
  );
  const row = rows[0];
  return Boolean(row?.face_consent_at) && !row?.face_consent_revoked_at;
}

export function maskDocument(value: string): string {
  if (value.length <= 4) return '****';
  return '*'.repeat(value.length - 4) + value.slice(-4);
}
