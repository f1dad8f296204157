import { Redis } from 'ioredis';
import { Client as MinioClient } from 'minio';
import { PostHog } from 'posthog-node';

export const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

export const minio = new MinioClient({
  endPoint: process.env.MINIO_HOST ?? 'objects.chargehub.example.net',
  port: 443,
  useSSL: true,
  accessKey: process.env.MINIO_ACCESS_KEY ?? '',
  secretKey: process.env.MINIO_SECRET_KEY ?? '',
});

export const posthog = new PostHog(process.env.POSTHOG_KEY ?? '', { host: 'https://eu.posthog.com' });

export async function hasBiometricConsent(driverId: string): Promise<boolean> {
  const raw = await redis.hget(`consent:${driverId}`, 'face_login');
  if (!raw) return false;
  const record = JSON.parse(raw) as { grantedAt?: string; revokedAt?: string };
  return Boolean(record.grantedAt) && !record.revokedAt;
}
