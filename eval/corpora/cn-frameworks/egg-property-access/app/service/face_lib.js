'use strict';

const Service = require('egg').Service;

const TOKEN_URL = 'https://aip.baidubce.com/oauth/2.0/token';
const USER_ADD_URL = 'https://aip.baidubce.com/rest/2.0/face/v3/faceset/user/add';
const USER_DELETE_URL = 'https://aip.baidubce.com/rest/2.0/face/v3/faceset/user/delete';

class FaceLibService extends Service {
  async accessToken() {
    const cacheKey = 'baidu_face_token';
    const cached = this.app.faceTokenCache && this.app.faceTokenCache[cacheKey];
    if (cached && cached.exp > Date.now()) return cached.token;
    const { apiKey, secretKey } = this.config.baiduFace;
    const { data } = await this.ctx.curl(
      `${TOKEN_URL}?grant_type=client_credentials&client_id=${apiKey}&client_secret=${secretKey}`,
      { method: 'POST', dataType: 'json' }
    );
    this.app.faceTokenCache = { [cacheKey]: { token: data.access_token, exp: Date.now() + 25 * 24 * 3600 * 1000 } };
    return data.access_token;
  }

  groupOf(communityId) {
    return `${this.config.baiduFace.groupPrefix}${communityId}`;
  }

  /**
   * 注册到百度人脸库，user_id 用住户内部 id
   */
  async enroll(communityId, residentId, faceImage) {
    const token = await this.accessToken();
    const { data } = await this.ctx.curl(`${USER_ADD_URL}?access_token=${token}`, {
      method: 'POST',
      contentType: 'json',
      dataType: 'json',
      data: {
        image: faceImage,
        image_type: 'BASE64',
        group_id: this.groupOf(communityId),
        user_id: String(residentId),
        quality_control: 'NORMAL',
        liveness_control: 'LOW',
        action_type: 'REPLACE',
      },
    });
    if (data.error_code) {
      this.ctx.logger.warn('[faceLib] user/add failed resident=%s code=%s msg=%s', residentId, data.error_code, data.error_msg);
      throw new Error(data.error_msg);
    }
    return data.result.face_token;
  }

  async remove(communityId, residentId) {
    const token = await this.accessToken();
    await this.ctx.curl(`${USER_DELETE_URL}?access_token=${token}`, {
      method: 'POST',
      contentType: 'json',
      dataType: 'json',
      data: { group_id: this.groupOf(communityId), user_id: String(residentId) },
    });
  }
}

module.exports = FaceLibService;
