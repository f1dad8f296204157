import knex from 'knex';
import OSS from 'ali-oss';

export const db = knex({
  client: 'mysql2',
  connection: {
    host: process.env.DB_HOST,
    port: Number(process.env.DB_PORT ?? 3306),
    user: process.env.DB_USER,
    password: process.env.DB_PASSWORD,
    database: 'dealer_crm',
  },
  pool: { min: 2, max: 10 },
});

export const oss = new OSS({
  region: 'oss-cn-hangzhou',
  bucket: 'huaxin-crm-private',
  accessKeyId: process.env.OSS_AK as string,
  accessKeySecret: process.env.OSS_SK as string,
  secure: true,
});

/**
 * 人脸识别单独授权：客户在小程序/平板上单独签署，撤回后立即失效。
 * 与《隐私政策》的勾选无关。
 */
export async function hasFaceConsent(customerId: number): Promise<boolean> {
  const row = await db('customer_biometric_consents')
    .where({ customer_id: customerId, purpose: 'face_recognition' })
    .orderBy('id', 'desc')
    .first();
  return Boolean(row && row.signed_at && !row.revoked_at);
}
