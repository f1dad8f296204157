const APP_VERSION = '1.9.3';

const COMMON = { app_version: APP_VERSION, platform: 'alipay' };

/** 埋点：支付宝小程序自定义分析，事件需先在开放平台配置 */
function track(event, props = {}) {
  const app = getApp();
  my.reportAnalytics(event, {
    ...COMMON,
    station_id: app.globalData.stationId,
    member_id: app.globalData.memberId,
    ...props,
  });
}

module.exports = { track };
