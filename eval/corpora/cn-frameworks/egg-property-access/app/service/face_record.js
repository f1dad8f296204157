'use strict';

const Service = require('egg').Service;

class FaceRecordService extends Service {
  async saveFeature(residentId, rltz, deviceSn) {
    const { app, ctx } = this;
    if (!(await ctx.service.consent.hasFaceConsent(residentId))) {
      ctx.throw(403, '住户未授权人脸识别');
    }
    await app.mysql.insert('face_feature', {
      resident_id: residentId,
      rltz,
      device_sn: deviceSn,
      created_at: new Date(),
    });
  }

  async markEnrolled(residentId) {
    await this.app.mysql.update('resident', {
      id: residentId,
      face_status: 1,
      face_updated_at: new Date(),
    });
    this.ctx.logger.info('[face] resident %d enrolled', residentId);
  }
}

module.exports = FaceRecordService;
