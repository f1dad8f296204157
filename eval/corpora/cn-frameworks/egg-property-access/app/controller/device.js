'use strict';

const dayjs = require('dayjs');
const Controller = require('egg').Controller;

class DeviceController extends Controller {
  /**
   * 门口机通行事件推送
   * body: { deviceSn, eventId, residentId, score, rlzp, ts }
   */
  async pushEvent() {
    const { ctx, app } = this;
    if (ctx.get('x-device-token') !== app.config.deviceToken) ctx.throw(401);

    const { deviceSn, eventId, residentId, score, rlzp, ts } = ctx.request.body;
    const matched = !!residentId && Number(score) >= 80;

    await app.mysql.insert('access_log', {
      event_id: eventId,
      device_sn: deviceSn,
      resident_id: matched ? residentId : null,
      score: Number(score) || 0,
      passed: matched ? 1 : 0,
      happened_at: new Date(ts),
    });

    if (!matched && rlzp) {
      // 陌生人抓拍留档，供物业核查
      const key = `stranger/${dayjs(ts).format('YYYYMMDD')}/${deviceSn}_${eventId}.jpg`;
      await ctx.oss.put(key, Buffer.from(rlzp, 'base64'));
    }

    ctx.logger.info('[door] %s event=%s resident=%s passed=%s score=%s', deviceSn, eventId, residentId, matched, score);
    ctx.body = { code: 0, open: matched };
  }
}

module.exports = DeviceController;
