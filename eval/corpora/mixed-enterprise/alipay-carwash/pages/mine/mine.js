const { request } = require('../../utils/request');
const { normalizePlate, isValidPlate } = require('../../utils/util');

Page({
  data: {
    vehicles: [],
    form: { plateNo: '', vin: '', brand: '', model: '' },
  },

  async onShow() {
    const vehicles = await request('/members/vehicles', {}, 'GET');
    this.setData({ vehicles });
  },

  onInput(e) {
    const { field } = e.target.dataset;
    this.setData({ [`form.${field}`]: e.detail.value });
  },

  /** 绑定爱车：车架号用于保养提醒 */
  async onBindTap() {
    const { form } = this.data;
    const vehicle = {
      plateNo: normalizePlate(form.plateNo),
      vin: form.vin.trim().toUpperCase(),
      brand: form.brand,
      model: form.model,
    };
    if (!isValidPlate(vehicle.plateNo)) {
      my.showToast({ content: '车牌格式不正确' });
      return;
    }
    console.info('bind vehicle', vehicle);
    await request('/members/vehicles', vehicle);
    my.showToast({ type: 'success', content: '绑定成功' });
    this.onShow();
  },

  async onUnbindTap(e) {
    const { id } = e.target.dataset;
    await request(`/members/vehicles/${id}`, {}, 'DELETE');
    this.onShow();
  },
});
