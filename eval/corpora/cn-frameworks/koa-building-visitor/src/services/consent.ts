import { db } from '../db'

/** 访客在 H5 授权页单独勾选"同意人脸识别通行"，可随时撤回 */
export async function hasFaceConsent(visitorId: number): Promise<boolean> {
  const row = await db('visitor_face_consent')
    .where({ visitor_id: visitorId })
    .whereNull('revoked_at')
    .first('agreed_at')
  return Boolean(row?.agreed_at)
}
