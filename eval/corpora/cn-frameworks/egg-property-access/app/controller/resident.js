'use strict';

const Controller = require('egg').Controller;

class ResidentController extends Controller {
  async register() {
    const { ctx, app } = this;
    ctx.validate({
      communityId: 'int',
      houseId: 'int',
      xm: 'string',
      sfzh: 'string',
      mobile: 'string',
      residentType: ['owner', 'family', 'tenant'],
    });
    const { communityId, houseId, xm, sfzh, mobile, residentType } = ctx.request.body;
    ctx.logger.info('[resident] 登记住户 %s 身份证 %s 房屋 %d 类型 %s', xm, sfzh, houseId, residentType);

    const result = await app.mysql.insert('resident', {
      community_id: communityId,
      house_id: houseId,
      xm,
      sfzh,
      mobile,
      resident_type: residentType,
      agreed_privacy: 1,
      created_at: new Date(),
    });
    ctx.logger.info('[resident] resident %d created, id tail %s', result.insertId, String(sfzh).slice(-4));
    ctx.body = { code: 0, data: { residentId: result.insertId } };
  }

  async enrollFace() {
    const { ctx, app } = this;
    const residentId = Number(ctx.params.residentId);
    const { faceImage } = ctx.request.body;
    const resident = await app.mysql.get('resident', { id: residentId });
    if (!resident) ctx.throw(404);

    const ossKey = `face/${resident.community_id}/${residentId}.jpg`;
    await ctx.oss.put(ossKey, Buffer.from(faceImage, 'base64'));
    await ctx.service.faceLib.enroll(resident.community_id, residentId, faceImage);
    await ctx.service.faceRecord.markEnrolled(residentId);
    ctx.body = { code: 0 };
  }

  async enrollByHousekeeper() {
    const { ctx, app } = this;
    const houseId = Number(ctx.params.houseId);
    const { memberResidentId, faceImage } = ctx.request.body;
    const house = await app.mysql.get('house', { id: houseId });
    if (!house) ctx.throw(404);
    const member = await app.mysql.get('resident', { id: memberResidentId, house_id: houseId });
    if (!member) ctx.throw(404, '该房屋下无此成员');

    // 业主已授权即可代家庭成员登记
    const ownerAgreed = await ctx.service.consent.hasFaceConsent(house.owner_resident_id);
    if (!ownerAgreed) ctx.throw(403, '业主未授权人脸通行');

    await ctx.oss.put(`face/${member.community_id}/${member.id}.jpg`, Buffer.from(faceImage, 'base64'));
    await ctx.service.faceLib.enroll(member.community_id, member.id, faceImage);
    await ctx.service.faceRecord.markEnrolled(member.id);
    ctx.body = { code: 0 };
  }

  async syncFeature() {
    const { ctx, app } = this;
    const residentId = Number(ctx.params.residentId);
    const { rltz, deviceSn } = ctx.request.body;
    const resident = await app.mysql.get('resident', { id: residentId });
    if (!resident) ctx.throw(404);

    if (resident.resident_type === 'owner') {
      await ctx.service.faceRecord.saveFeature(residentId, rltz, deviceSn);
    } else {
      // 租户、家属：入住登记时已签隐私协议
      if (!resident.agreed_privacy) ctx.throw(403);
      await app.mysql.insert('face_feature', {
        resident_id: residentId,
        rltz,
        device_sn: deviceSn,
        created_at: new Date(),
      });
    }
    ctx.body = { code: 0 };
  }
}

module.exports = ResidentController;
