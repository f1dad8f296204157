'use strict';

/**
 * 人脸信息单独授权校验
 * 住户须在小程序"人脸通行授权"页单独签署，且未撤回
 */
module.exports = () => {
  return async function faceConsent(ctx, next) {
    const residentId = Number(ctx.params.residentId);
    const ok = await ctx.service.consent.hasFaceConsent(residentId);
    if (!ok) {
      ctx.status = 403;
      ctx.body = { code: 40301, msg: '请先在"人脸通行授权"中完成单独授权' };
      return;
    }
    await next();
  };
};
