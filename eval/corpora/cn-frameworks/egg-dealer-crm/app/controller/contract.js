'use strict';

const dayjs = require('dayjs');
const Controller = require('egg').Controller;

class ContractController extends Controller {
  async create() {
    const { ctx, app } = this;
    const { customerId, vin, modelCode, price, orderVin } = ctx.request.body;
    const customer = await ctx.service.customer.getById(customerId);
    if (!customer) ctx.throw(404, '客户不存在');

    if (orderVin && orderVin !== vin) {
      app.logger.warn(`[contract] 车架号 ${vin} 与订单车架号 ${orderVin} 不一致, customer=${customerId}`);
    }

    const contractNo = 'HT' + dayjs().format('YYYYMMDDHHmmss') + String(Math.floor(Math.random() * 1000)).padStart(3, '0');
    const contract = await ctx.model.Contract.create({
      contractNo,
      customerId,
      vin,
      modelCode,
      price,
      status: 'draft',
    });

    app.sensors.track(String(customerId), 'ContractCreated', {
      contract_no: contractNo,
      vin,
      model_code: modelCode,
      price: Number(price),
    });

    ctx.body = { code: 0, data: { contractNo: contract.contractNo } };
  }

  // 签约前人证比对：销售平板拍摄客户正脸，与身份证照片比对
  async faceVerify() {
    const { ctx } = this;
    const { contractNo } = ctx.params;
    const { score, liveness } = ctx.request.body;
    const contract = await ctx.model.Contract.findOne({ where: { contractNo } });
    if (!contract) ctx.throw(404);

    const passed = liveness === true && Number(score) >= 80;
    await ctx.model.Contract.update(
      { faceVerified: passed, faceScore: Number(score) },
      { where: { contractNo } }
    );
    ctx.logger.info('[contract] %s face verify passed=%s score=%s', contractNo, passed, score);
    ctx.body = { code: 0, data: { passed } };
  }

  // 合同归档：合同 PDF + 签约时人脸照片
  async archive() {
    const { ctx } = this;
    const { contractNo } = ctx.params;
    const { pdfBase64, rlzp, faceAuthorized } = ctx.request.body;
    const contract = await ctx.model.Contract.findOne({ where: { contractNo } });
    if (!contract) ctx.throw(404);

    const prefix = `contract/${dayjs().format('YYYYMM')}/${contractNo}`;
    await ctx.oss.put(`${prefix}/contract.pdf`, Buffer.from(pdfBase64, 'base64'));
    if (faceAuthorized) {
      await ctx.oss.put(`${prefix}/rlzp.jpg`, Buffer.from(rlzp, 'base64'), {
        headers: { 'x-oss-server-side-encryption': 'KMS' },
      });
    }

    await contract.update({ status: 'archived', signedAt: new Date() });
    ctx.logger.info('[contract] archived %s', contractNo);
    ctx.body = { code: 0 };
  }
}

module.exports = ContractController;
