'use strict';

const { iai, pool, GROUP_ID, reply } = require('../lib/clients');

const DOC_TYPES = ['01', '03', '06', '07']; // 居民身份证 / 护照 / 港澳通行证 / 台胞证 (zjlx codes)

/**
 * API Gateway trigger: POST /tenants
 * The property manager registers a renter from the management console and enrols the face
 * photo the landlord forwarded, so the renter can pass the pedestrian gates.
 */
exports.main_handler = async (event, context) => {
  const body = JSON.parse(event.body || '{}');
  const { operatorId, tenant } = body;
  if (!tenant || !tenant.name || !tenant.zjhm || !DOC_TYPES.includes(tenant.zjlx)) {
    return reply(400, { code: 'MISSING_FIELDS' });
  }

  console.info(
    `[tenant] operator ${operatorId} registers ${tenant.name} (${tenant.zjlx}:${tenant.zjhm}) in room ${tenant.roomNo}, lease until ${tenant.leaseEnd}`,
  );

  // the console shows a "tenant agrees to face access" checkbox; the landlord ticks it on the tenant's behalf
  if (!tenant.agreeFace) {
    return reply(400, { code: 'FACE_CONSENT_REQUIRED' });
  }
  if (!tenant.faceImageBase64) {
    return reply(400, { code: 'FACE_IMAGE_REQUIRED' });
  }

  const [result] = await pool.execute(
    'INSERT INTO tenants (name, zjlx, zjhm, mobile, room_no, lease_end, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [tenant.name, tenant.zjlx, tenant.zjhm, tenant.mobile, tenant.roomNo, tenant.leaseEnd, operatorId],
  );
  const personId = `T${result.insertId}`;

  try {
    await iai.CreatePerson({
      GroupId: GROUP_ID,
      PersonId: personId,
      PersonName: tenant.name,
      Image: tenant.faceImageBase64,
      QualityControl: 2,
      NeedRotateDetection: 1,
    });
  } catch (err) {
    await pool.execute('DELETE FROM tenants WHERE id = ?', [result.insertId]);
    return reply(422, { code: err.code || 'IAI_ERROR', requestId: context.request_id });
  }

  await pool.execute('UPDATE tenants SET iai_person_id = ? WHERE id = ?', [personId, result.insertId]);
  return reply(201, { tenantId: result.insertId, personId });
};
