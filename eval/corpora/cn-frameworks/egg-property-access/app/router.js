'use strict';

module.exports = app => {
  const { router, controller, middleware } = app;
  const faceConsent = middleware.faceConsent();

  // 住户本人在物业小程序里登记人脸
  router.post('/api/residents/:residentId/face', faceConsent, controller.resident.enrollFace);
  // 管家代录（老人、小孩）
  router.post('/api/houses/:houseId/members/face', controller.resident.enrollByHousekeeper);
  // 住户信息登记
  router.post('/api/residents', controller.resident.register);
  // 特征值同步（门口机本地识别用）
  router.post('/api/residents/:residentId/feature', controller.resident.syncFeature);

  // 门口机推送通行事件
  router.post('/api/device/events', controller.device.pushEvent);
};
