const { request } = require('../../utils/request');
const { takePhoto, readAsBase64 } = require('../../utils/util');

// 人脸服务单独部署，签名校验
const FACE_API = 'https://face.jiejing-xiche.com/v1';

function sign(memberId, ts) {
  const { data: session } = my.getStorageSync({ key: 'session' });
  return `${memberId}.${ts}.${session ? session.faceSignKey : ''}`;
}

Page({
  data: {
    enrolled: false,
    busy: false,
  },

  onLoad() {
    const { data: meta } = my.getStorageSync({ key: 'faceEnrolled' });
    this.setData({ enrolled: Boolean(meta) });
  },

  onReady() {
    this.camera = my.createCameraContext('faceCamera');
  },

  /** 首次开通刷脸洗车：须先签署《人脸信息处理单独授权书》 */
  async onEnrolTap() {
    const { memberId } = getApp().globalData;
    const consent = await request('/members/consents/face', { memberId }, 'GET');
    if (!consent || !consent.grantedAt || consent.revokedAt) {
      my.navigateTo({ url: '/pages/member/consent' });
      return;
    }
    this.setData({ busy: true });
    const { tempImagePath } = await takePhoto(this.camera, 'normal');
    const faceBase64 = await readAsBase64(tempImagePath);
    await this.postFace('enrol', memberId, faceBase64);
    this.saveLocalFace(memberId, faceBase64);
    my.setStorageSync({ key: 'faceEnrolled', data: { memberId, cachedAt: Date.now() } });
    this.setData({ enrolled: true, busy: false });
  },

  /** 更新人脸照片（妆容、发型变化后识别率下降） */
  async onUpdateTap() {
    const app = getApp();
    if (!app.globalData.privacyAgreed) {
      my.showToast({ content: '请先阅读并同意隐私政策' });
      return;
    }
    const { memberId } = app.globalData;
    const { tempImagePath } = await takePhoto(this.camera, 'normal');
    const faceBase64 = await readAsBase64(tempImagePath);
    await this.postFace('update', memberId, faceBase64);
    this.saveLocalFace(memberId, faceBase64);
  },

  /** 会员自检：识别不通过时引导更新照片 */
  async onVerifyTap() {
    const { memberId } = getApp().globalData;
    const { tempImagePath } = await takePhoto(this.camera, 'normal');
    const faceBase64 = await readAsBase64(tempImagePath);
    const res = await this.postFace('verify', memberId, faceBase64);
    my.setStorageSync({ key: 'faceVerify', data: { passed: res.passed, score: res.score, at: Date.now() } });
    my.showToast({ type: res.passed ? 'success' : 'fail', content: res.passed ? '验证通过' : '验证未通过' });
  },

  postFace(action, memberId, faceBase64) {
    const ts = Date.now();
    return new Promise((resolve, reject) => {
      my.request({
        url: `${FACE_API}/members/${memberId}/face/${action}`,
        method: 'POST',
        data: { image: faceBase64, imageType: 'BASE64', ts },
        headers: { 'content-type': 'application/json', 'X-Sign': sign(memberId, ts) },
        dataType: 'json',
        success: (res) => resolve(res.data),
        fail: reject,
      });
    });
  },

  saveLocalFace(memberId, faceBase64) {
    const fs = my.getFileSystemManager();
    fs.writeFile({
      filePath: `${my.env.USER_DATA_PATH}/face_${memberId}.jpg`,
      data: faceBase64,
      encoding: 'base64',
      fail: (err) => console.warn('face cache write failed', err.errorMessage),
    });
  },
});
