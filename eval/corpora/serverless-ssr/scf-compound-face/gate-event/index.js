'use strict';

const { iai, cos, pool, REGION, GROUP_ID, CAPTURE_BUCKET, SECURITY_BUCKET } = require('../lib/clients');

const MATCH_THRESHOLD = 80;

/**
 * COS trigger on the capture bucket. Door terminals upload a capture for every passage attempt
 * (pedestrian/<gate>/<ts>.jpg); the ANPR barrier uploads plate captures (vehicle-gate/<gate>/<ts>.jpg)
 * with the recognised plate in the object metadata.
 */
exports.main_handler = async (event) => {
  let processed = 0;
  for (const record of event.Records || []) {
    const cosObject = record.cos.cosObject;
    const key = decodeURIComponent(cosObject.key.replace(/^\/\d+\/[^/]+\//, ''));
    const gate = key.split('/')[1];
    const meta = cosObject.meta || {};

    if (key.startsWith('vehicle-gate/')) {
      const hphm = meta['x-cos-meta-hphm'];
      const [cars] = await pool.execute('SELECT id FROM resident_vehicles WHERE hphm = ? AND status = 1', [hphm]);
      if (cars.length === 0) {
        console.log(`[gate] ${gate}: vehicle ${hphm} not on the resident whitelist, visitor billing applies`);
      }
      processed += 1;
      continue;
    }

    const capture = await cos.getObject({ Bucket: CAPTURE_BUCKET, Region: REGION, Key: key });
    const zhuapaiTu = capture.Body.toString('base64');
    const search = await iai.SearchPersons({
      GroupIds: [GROUP_ID],
      Image: zhuapaiTu,
      MaxFaceNum: 1,
      MaxPersonNum: 1,
      FaceMatchThreshold: MATCH_THRESHOLD,
    });
    const best = search.Results && search.Results[0] && search.Results[0].Candidates[0];

    await pool.execute('INSERT INTO gate_passages (gate_code, person_id, score, passed_at) VALUES (?, ?, ?, NOW())', [
      gate,
      best ? best.PersonId : null,
      best ? best.Score : null,
    ]);

    if (!best) {
      // unknown face: keep the capture for the security office's stranger review
      await cos.putObject({
        Bucket: SECURITY_BUCKET,
        Region: REGION,
        Key: `strangers/${gate}/${Date.now()}.jpg`,
        Body: Buffer.from(zhuapaiTu, 'base64'),
        ContentType: 'image/jpeg',
      });
    }
    processed += 1;
  }
  return { processed };
};
