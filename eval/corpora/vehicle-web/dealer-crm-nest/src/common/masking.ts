import { createHmac } from 'node:crypto';

export function maskDocumentNo(value: string | null | undefined): string {
  if (!value) return '';
  if (value.length <= 4) return '*'.repeat(value.length);
  return '*'.repeat(value.length - 4) + value.slice(-4);
}

export function documentRef(value: string): string {
  const key = process.env.LOG_REF_KEY;
  if (!key) throw new Error('LOG_REF_KEY is not configured');
  return createHmac('sha256', key).update(value).digest('hex').slice(0, 16);
}
