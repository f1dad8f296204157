'use strict';

const Controller = require('egg').Controller;
const { QueryTypes } = require('sequelize');

class TestDriveController extends Controller {
  async recognizeIdCard() {
    const { ctx } = this;
    const { image } = ctx.request.body;
    if (!image) ctx.throw(422, '请上传身份证正面照片');
    const info = await ctx.service.customer.recognizeIdCard(image);
    ctx.logger.info('[testDrive] ocr done, sfzh=%s', ctx.helper.maskIdCard(info.sfzh));
    ctx.body = { code: 0, data: info };
  }

  async book() {
    const { ctx, app } = this;
    const body = ctx.request.body;
    ctx.validate({
      xm: 'string',
      sfzh: { type: 'string', format: /^\d{17}[\dXx]$/ },
      mobile: 'string',
      modelCode: 'string',
      bookTime: 'string',
    }, body);

    ctx.logger.info('[testDrive] 预约试驾 %s %s %s', body.xm, body.sfzh, body.modelCode);

    const customer = await ctx.service.customer.findOrCreate({ ...body, source: 'test_drive' });
    const [ bookingId ] = await ctx.model.query(
      'INSERT INTO crm_test_drive (customer_id, model_code, book_time, plate_no, status) VALUES (?, ?, ?, ?, \'booked\')',
      { replacements: [ customer.id, body.modelCode, body.bookTime, body.plateNo ], type: QueryTypes.INSERT }
    );

    app.sensors.track(String(customer.id), 'TestDriveBooked', {
      model_code: body.modelCode,
      channel: body.channel || 'showroom',
      booking_id: bookingId,
    });
    ctx.logger.info('[testDrive] booking %d created for customer %d', bookingId, customer.id);
    ctx.body = { code: 0, data: { bookingId } };
  }

  async start() {
    const { ctx } = this;
    const [ booking ] = await ctx.model.query(
      'SELECT id, plate_no AS plateNo, status FROM crm_test_drive WHERE id = ?',
      { replacements: [ ctx.params.id ], type: QueryTypes.SELECT }
    );
    if (!booking) ctx.throw(404);
    const { plateNo } = booking;
    ctx.logger.info(`[testDrive] 试驾车 ${ctx.helper.maskPlate(plateNo)} 出库, booking=${booking.id}`);
    await ctx.model.query(
      'UPDATE crm_test_drive SET status = \'driving\', started_at = NOW() WHERE id = ?',
      { replacements: [ booking.id ], type: QueryTypes.UPDATE }
    );
    ctx.body = { code: 0 };
  }
}

module.exports = TestDriveController;
