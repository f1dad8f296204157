const { request } = require('../../utils/request');
const { track } = require('../../utils/tracker');

const OSS_HOST = 'https://jiejing-inspect.oss-cn-hangzhou.aliyuncs.com';

function chooseFromCamera(count) {
  return new Promise((resolve, reject) => {
    my.chooseImage({ count, sourceType: ['camera'], success: resolve, fail: reject });
  });
}

/** 表单直传 OSS，policy 由后台签发 */
function uploadToOss(policy, key, filePath) {
  return new Promise((resolve, reject) => {
    my.uploadFile({
      url: OSS_HOST,
      fileType: 'image',
      fileName: 'file',
      filePath,
      formData: {
        key,
        policy: policy.policy,
        OSSAccessKeyId: policy.accessId,
        signature: policy.signature,
        success_action_status: '200',
      },
      success: () => resolve(key),
      fail: reject,
    });
  });
}

Page({
  data: {
    orderNo: '',
    order: null,
    photos: [],
    inspecting: false,
  },

  async onLoad(query) {
    const order = await request('/orders/detail', { orderNo: query.orderNo });
    this.setData({ orderNo: query.orderNo, order });
    track('wash_order_view', { order_no: order.orderNo, plate_no: order.plateNo, package_id: order.packageId });
  },

  /** 洗前四角拍照留证，避免刮擦纠纷 */
  async onInspectTap() {
    this.setData({ inspecting: true });
    try {
      const { tempFilePaths } = await chooseFromCamera(4);
      const policy = await request('/oss/policy', { dir: 'inspect' });
      const keys = await Promise.all(
        tempFilePaths.map((path, i) => uploadToOss(policy, `${policy.dir}${this.data.orderNo}_${i}.jpg`, path)),
      );
      await request('/orders/inspection', { orderNo: this.data.orderNo, photoKeys: keys, photoCount: keys.length });
      this.setData({ photos: tempFilePaths });
    } catch (err) {
      my.showToast({ type: 'fail', content: '验车照片上传失败' });
    } finally {
      this.setData({ inspecting: false });
    }
  },

  async onStartTap() {
    await request('/orders/start', { orderNo: this.data.orderNo });
    track('wash_started', { order_no: this.data.orderNo });
    my.redirectTo({ url: `/pages/wash/progress?orderNo=${this.data.orderNo}` });
  },
});
