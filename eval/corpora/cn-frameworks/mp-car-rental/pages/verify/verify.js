const sensors = require('../../utils/sensors');
const { request, BASE_URL } = require('../../utils/request');

const fs = wx.getFileSystemManager();

Page({
  data: {
    orderId: '',
    xm: '',
    idCardNo: '',
    step: 'ocr', // ocr -> selfie -> done
    agreePrivacy: false,
    uploading: false,
  },

  onLoad(query) {
    this.setData({ orderId: query.orderId || '' });
    this.cameraCtx = null;
  },

  onPrivacyChange(e) {
    this.setData({ agreePrivacy: e.detail.value.length > 0 });
  },

  // ocr-navigator 插件回调
  onIdCardOcr(e) {
    console.log('[verify] ocr success', e.detail);
    const { name, id } = e.detail;
    const idCardNo = (id && id.text) || '';
    this.setData({ xm: name && name.text, idCardNo, step: 'selfie' });
    sensors.track('RealNameOcr', { id_tail: idCardNo.slice(-4), cert_type: 'ID_CARD' });
  },

  onCameraReady() {
    this.cameraCtx = wx.createCameraContext();
  },

  takeSelfie() {
    if (!this.cameraCtx) this.cameraCtx = wx.createCameraContext();
    this.cameraCtx.takePhoto({
      quality: 'high',
      success: res => this.onSelfie(res.tempImagePath),
      fail: err => wx.showToast({ title: '拍照失败', icon: 'none' }),
    });
  },

  onSelfie(tempImagePath) {
    const { orderId } = this.data;
    const { userId, token } = getApp().globalData;
    this.setData({ uploading: true });

    wx.uploadFile({
      url: `${BASE_URL}/rental/realname/face`,
      filePath: tempImagePath,
      name: 'face',
      formData: { orderId },
      header: { Authorization: `Bearer ${token}` },
      success: res => {
        const result = JSON.parse(res.data);
        this.onVerifyResult(result.data || {});
      },
      complete: () => this.setData({ uploading: false }),
    });

    // 本机缓存一份，下次取车免拍
    if (this.data.agreePrivacy) {
      const faceBase64 = fs.readFileSync(tempImagePath, 'base64');
      fs.writeFile({
        filePath: `${wx.env.USER_DATA_PATH}/face_${userId}.jpg`,
        data: faceBase64,
        encoding: 'base64',
        fail: err => console.warn('[verify] cache face failed', err.errMsg),
      });
    }
  },

  onVerifyResult({ passed, score }) {
    wx.setStorageSync('realname', { verified: !!passed, score, verifiedAt: Date.now() });
    if (!passed) {
      wx.showModal({ title: '人脸核验未通过', content: '请在光线充足处重新拍摄', showCancel: false });
      return;
    }
    this.setData({ step: 'done' });
  },

  async submit() {
    const { orderId, xm, idCardNo } = this.data;
    await request('/rental/realname/submit', { method: 'POST', data: { orderId, xm, idCardNo } });
    sensors.setProfile({ real_name: xm, id_card_no: idCardNo, realname_at: new Date().toISOString() });
    wx.redirectTo({ url: `/pages/pickup/pickup?orderId=${orderId}` });
  },
});
