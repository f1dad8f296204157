import { defineEventHandler, getRouterParam, readMultipartFormData, createError } from 'h3';
import { minio, db, logger, FACE_BUCKET, hasFaceConsent } from '../../../utils/clients';

const ACCEPTED_TYPES = ['image/jpeg', 'image/png'];
const MAX_FACE_BYTES = 3 * 1024 * 1024;

/**
 * Face registration for turnstile access on the day of the visit.
 * Called by the lobby kiosk (composables/useVisitorCamera.ts) after the visitor signed the face consent.
 */
export default defineEventHandler(async (event) => {
  const visitorId = Number(getRouterParam(event, 'id'));
  if (!Number.isInteger(visitorId) || visitorId <= 0) {
    throw createError({ statusCode: 400, statusMessage: 'invalid visitor id' });
  }

  if (!(await hasFaceConsent(visitorId))) {
    throw createError({ statusCode: 403, statusMessage: 'separate consent to face registration is missing' });
  }

  const parts = await readMultipartFormData(event);
  const facePart = parts?.find((part) => part.name === 'face');
  if (!facePart?.data?.length || !ACCEPTED_TYPES.includes(facePart.type ?? '')) {
    throw createError({ statusCode: 400, statusMessage: 'face image required' });
  }
  if (facePart.data.length > MAX_FACE_BYTES) {
    throw createError({ statusCode: 413, statusMessage: 'face image too large' });
  }

  const faceImage = facePart.data;
  const objectName = `${visitorId}/${Date.now()}.jpg`;
  await minio.putObject(FACE_BUCKET, objectName, faceImage, faceImage.length, {
    'Content-Type': facePart.type ?? 'image/jpeg',
  });
  await db.execute('UPDATE visitors SET face_object = ?, face_registered_at = NOW() WHERE id = ?', [
    objectName,
    visitorId,
  ]);

  logger.info(`face registered for visitor #${visitorId} (${faceImage.length} bytes)`);
  return { ok: true, objectName };
});
