const { request, upload } = require('../../utils/request');
const { normalizePlate, isValidPlate, maskPlate, takePhoto } = require('../../utils/util');
const { track } = require('../../utils/tracker');

Page({
  data: {
    station: null,
    plateNo: '',
    confidence: 0,
    packageId: 'STD',
    recognising: false,
  },

  async onLoad() {
    const { stationId } = getApp().globalData;
    const station = await request('/stations/detail', { stationId });
    this.setData({ station });
  },

  onReady() {
    this.camera = my.createCameraContext('plateCamera');
  },

  /** 对准车头拍照识别车牌 */
  async onShootTap() {
    if (this.data.recognising) return;
    this.setData({ recognising: true });
    try {
      const { tempImagePath } = await takePhoto(this.camera, 'high');
      const result = await upload('/ocr/plate', tempImagePath, { stationId: this.data.station.id });
      const plateNo = normalizePlate(result.plateNo);
      console.log('[scan] plate recognised', plateNo, result.confidence);
      this.setData({ plateNo, confidence: result.confidence });
    } catch (err) {
      my.showToast({ type: 'fail', content: '识别失败，请手动输入车牌' });
    } finally {
      this.setData({ recognising: false });
    }
  },

  onPlateInput(e) {
    this.setData({ plateNo: normalizePlate(e.detail.value) });
  },

  onPackageChange(e) {
    this.setData({ packageId: e.detail.value });
  },

  async onConfirmTap() {
    const { plateNo, station, packageId } = this.data;
    if (!isValidPlate(plateNo)) {
      my.showToast({ content: '车牌格式不正确' });
      return;
    }
    console.log('[scan] confirm', maskPlate(plateNo), 'station', station.id);
    const order = await request('/orders', { plateNo, stationId: station.id, packageId });
    console.log('[order] created', order.orderNo, 'member', getApp().globalData.memberId);
    track('wash_order_created', { order_no: order.orderNo, package_id: packageId });
    my.navigateTo({ url: `/pages/wash/wash?orderNo=${order.orderNo}` });
  },
});
