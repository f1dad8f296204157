import { defineEventHandler, getRouterParam, readMultipartFormData, createError } from 'h3';
import { minio, db, logger, FACE_BUCKET, findVisit, hasFaceConsent, type IdType } from '../../../utils/clients';

interface CompanionInfo {
  name: string;
  idType: IdType;
  idNumber: string;
  mobile?: string;
}

/**
 * Group visits: the lead visitor registers up to 5 companions at the kiosk, each with a face photo
 * (multipart parts `companion_face_0` … `companion_face_4` plus a JSON part `companions`).
 */
export default defineEventHandler(async (event) => {
  const visitNo = getRouterParam(event, 'visitNo') ?? '';
  const visit = await findVisit(visitNo);
  if (!visit) {
    throw createError({ statusCode: 404, statusMessage: 'visit not found' });
  }

  // The lead visitor signs the face-registration consent for the whole group at reception.
  if (!(await hasFaceConsent(visit.visitorId))) {
    throw createError({ statusCode: 403, statusMessage: 'lead visitor has not consented to face registration' });
  }

  const parts = (await readMultipartFormData(event)) ?? [];
  const infoPart = parts.find((part) => part.name === 'companions');
  const companions: CompanionInfo[] = infoPart ? JSON.parse(infoPart.data.toString('utf8')) : [];
  if (companions.length === 0 || companions.length > 5) {
    throw createError({ statusCode: 400, statusMessage: 'between 1 and 5 companions' });
  }

  let stored = 0;
  for (const [index, info] of companions.entries()) {
    const facePart = parts.find((part) => part.name === `companion_face_${index}`);
    if (!facePart?.data?.length) {
      logger.warn(`visit ${visitNo}: companion #${index} has no face photo, skipped`);
      continue;
    }
    const companionFace = facePart.data;
    const objectName = `${visit.visitorId}/companions/${visitNo}-${index}.jpg`;
    await minio.putObject(FACE_BUCKET, objectName, companionFace, companionFace.length, { 'Content-Type': 'image/jpeg' });
    await db.execute(
      'INSERT INTO visit_companions (visit_id, name, id_type, id_number, mobile, face_object) VALUES (?, ?, ?, ?, ?, ?)',
      [visit.id, info.name, info.idType, info.idNumber, info.mobile ?? null, objectName],
    );
    logger.debug(`visit ${visitNo}: companion ${info.name} ${info.idType} ${info.idNumber} stored`);
    stored += 1;
  }

  return { visitNo, stored };
});
