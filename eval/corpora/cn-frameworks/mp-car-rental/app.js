const sensors = require('./utils/sensors');

App({
  globalData: {
    userId: null,
    token: '',
  },
  onLaunch() {
    const session = wx.getStorageSync('session') || {};
    this.globalData.userId = session.userId || null;
    this.globalData.token = session.token || '';
    if (session.userId) sensors.login(String(session.userId));
    sensors.init();
  },
});
