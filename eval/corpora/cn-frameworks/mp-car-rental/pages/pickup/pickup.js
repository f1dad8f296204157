const { request, upload } = require('../../utils/request');

const POSITIONS = ['front', 'rear', 'left', 'right', 'interior', 'dashboard'];

Page({
  data: {
    orderId: '',
    order: null,
    photos: [],
    uploaded: 0,
  },

  async onLoad({ orderId }) {
    this.setData({ orderId });
    const order = await request(`/rental/orders/${orderId}`);
    console.log('[pickup] order loaded', order);
    this.setData({ order });
  },

  chooseInspectionPhotos() {
    wx.chooseMedia({
      count: POSITIONS.length,
      mediaType: ['image'],
      sourceType: ['camera'],
      camera: 'back',
      sizeType: ['compressed'],
      success: async res => {
        const files = res.tempFiles;
        const totalSize = files.reduce((sum, f) => sum + f.size, 0);
        // 先申请上传额度
        await request('/rental/pickup/precheck', {
          method: 'POST',
          data: { orderId: this.data.orderId, count: files.length, totalSize },
        });
        this.setData({ photos: files.map((f, i) => ({ path: f.tempFilePath, position: POSITIONS[i] })) });
        this.uploadAll();
      },
    });
  },

  async uploadAll() {
    const { orderId, photos } = this.data;
    let uploaded = 0;
    for (const p of photos) {
      await upload('/rental/pickup/photos', p.path, 'photo', { orderId, position: p.position });
      uploaded += 1;
      this.setData({ uploaded });
    }
    console.log('[pickup] order %s photos uploaded %d/%d', orderId, uploaded, photos.length);
  },

  async confirmPickup() {
    const { order } = this.data;
    await request(`/rental/orders/${order.orderId}/pickup`, { method: 'POST' });
    wx.reportAnalytics('pickup_confirm', {
      store_id: order.storeId,
      plate_no: order.plateNo,
      model_name: order.modelName,
    });
    wx.navigateTo({ url: `/pages/trip/trip?orderId=${order.orderId}` });
  },
});
