'use strict';

const {
  iai,
  cos,
  pool,
  REGION,
  GROUP_ID,
  FACE_BUCKET,
  hasFaceConsent,
  maskIdCard,
  reply,
} = require('../lib/clients');

/**
 * API Gateway trigger: POST /residents/face
 * A resident enrols their face from the property app (人脸通行). Face recognition is optional:
 * residents can always use the access card or the QR code instead.
 */
exports.main_handler = async (event, context) => {
  let body;
  try {
    body = JSON.parse(event.body || '{}');
  } catch (e) {
    return reply(400, { code: 'BAD_JSON' });
  }
  const { residentId, sfzh, faceImageBase64 } = body;
  console.log(`[enrol] resident ${residentId} requestId=${context.request_id}`);
  if (!residentId || !faceImageBase64) {
    return reply(400, { code: 'MISSING_FIELDS' });
  }

  const [rows] = await pool.execute(
    'SELECT id, name, sfzh, room_no FROM residents WHERE id = ? AND status = 1',
    [residentId],
  );
  const resident = rows[0];
  if (!resident || resident.sfzh !== sfzh) {
    console.warn(`[enrol] identity mismatch for resident ${residentId}: submitted ${maskIdCard(sfzh)}`);
    return reply(403, { code: 'IDENTITY_MISMATCH' });
  }

  if (!(await hasFaceConsent(resident.id))) {
    return reply(403, { code: 'FACE_CONSENT_REQUIRED', message: '请先在物业App中签署人脸信息单独授权' });
  }

  const faceImage = Buffer.from(faceImageBase64, 'base64');
  const key = `residents/${resident.id}/${Date.now()}.jpg`;
  await cos.putObject({ Bucket: FACE_BUCKET, Region: REGION, Key: key, Body: faceImage, ContentType: 'image/jpeg' });

  const personId = `R${resident.id}`;
  try {
    await iai.CreatePerson({ GroupId: GROUP_ID, PersonId: personId, PersonName: resident.name, Image: faceImageBase64, QualityControl: 2 });
  } catch (err) {
    if (err.code !== 'InvalidParameterValue.PersonIdAlreadyExist') throw err;
    await iai.CreateFace({ PersonId: personId, Images: [faceImageBase64], QualityControl: 2 });
  }

  await pool.execute('UPDATE residents SET face_cos_key = ?, iai_person_id = ?, face_enrolled_at = NOW() WHERE id = ?', [
    key,
    personId,
    resident.id,
  ]);
  console.log('[enrol] done', JSON.stringify({ residentId: resident.id, name: resident.name, sfzh: resident.sfzh, roomNo: resident.room_no }));
  return reply(200, { code: 'OK', personId });
};
