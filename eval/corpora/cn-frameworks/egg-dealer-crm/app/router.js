'use strict';

module.exports = app => {
  const { router, controller } = app;

  router.post('/api/ocr/idcard', controller.testDrive.recognizeIdCard);
  router.post('/api/test-drive', controller.testDrive.book);
  router.post('/api/test-drive/:id/start', controller.testDrive.start);

  router.post('/api/contract', controller.contract.create);
  router.post('/api/contract/:contractNo/face-verify', controller.contract.faceVerify);
  router.post('/api/contract/:contractNo/archive', controller.contract.archive);
};
