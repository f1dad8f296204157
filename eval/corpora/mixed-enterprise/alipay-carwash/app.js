App({
  globalData: {
    memberId: '',
    stationId: '',
    privacyAgreed: false,
  },

  onLaunch(options) {
    const { data: session } = my.getStorageSync({ key: 'session' });
    if (session) {
      this.globalData.memberId = session.memberId;
    }
    const { data: agreed } = my.getStorageSync({ key: 'privacyAgreed' });
    this.globalData.privacyAgreed = agreed === true;
    // 扫洗车机上的码进入，query 带站点编号
    if (options.query && options.query.station) {
      this.globalData.stationId = options.query.station;
    }
  },
});
