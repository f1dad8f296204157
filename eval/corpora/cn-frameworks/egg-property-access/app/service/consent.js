'use strict';

const Service = require('egg').Service;

class ConsentService extends Service {
  /**
   * 住户本人的人脸识别单独同意记录（未撤回）
   * @param {number} residentId 住户内部 id
   */
  async hasFaceConsent(residentId) {
    const row = await this.app.mysql.get('resident_face_consent', { resident_id: residentId });
    return !!(row && row.agreed_at && !row.revoked_at);
  }
}

module.exports = ConsentService;
