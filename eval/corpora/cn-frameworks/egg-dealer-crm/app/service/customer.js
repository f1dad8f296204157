'use strict';

const crypto = require('crypto');
const Service = require('egg').Service;

const TOKEN_URL = 'https://aip.baidubce.com/oauth/2.0/token';
const IDCARD_URL = 'https://aip.baidubce.com/rest/2.0/ocr/v1/idcard';

let cachedToken = null;

class CustomerService extends Service {
  idRef(sfzh) {
    return crypto.createHmac('sha256', this.config.idRefSecret).update(String(sfzh)).digest('hex').slice(0, 24);
  }

  async ocrToken() {
    if (cachedToken && cachedToken.expireAt > Date.now()) return cachedToken.value;
    const { apiKey, secretKey } = this.config.baiduOcr;
    const res = await this.ctx.curl(TOKEN_URL, {
      method: 'POST',
      dataType: 'json',
      data: { grant_type: 'client_credentials', client_id: apiKey, client_secret: secretKey },
    });
    cachedToken = { value: res.data.access_token, expireAt: Date.now() + (res.data.expires_in - 60) * 1000 };
    return cachedToken.value;
  }

  /**
   * 身份证人像面识别（百度 OCR）
   * @param {string} imageBase64 身份证照片 base64
   */
  async recognizeIdCard(imageBase64) {
    const token = await this.ocrToken();
    const res = await this.ctx.curl(`${IDCARD_URL}?access_token=${token}`, {
      method: 'POST',
      dataType: 'json',
      contentType: 'application/x-www-form-urlencoded',
      data: { id_card_side: 'front', image: imageBase64, detect_risk: 'true' },
      timeout: 10000,
    });
    const words = res.data.words_result || {};
    if (res.data.image_status !== 'normal') {
      this.ctx.logger.warn('[ocr] idcard image_status=%s risk=%s', res.data.image_status, res.data.risk_type);
    }
    const info = {
      xm: words['姓名'] && words['姓名'].words,
      sfzh: words['公民身份号码'] && words['公民身份号码'].words,
      address: words['住址'] && words['住址'].words,
      birth: words['出生'] && words['出生'].words,
    };
    this.ctx.logger.debug('[ocr] idcard result %j', info);
    return info;
  }

  async findOrCreate(data) {
    const { ctx } = this;
    if (ctx.app.config.env === 'prod' && data.sfzh === '11010519491231002X') {
      ctx.logger.warn('[customer] 生产环境收到联调证件号 11010519491231002X，来源 %s', data.source);
    }
    const existed = await ctx.model.Customer.findOne({ where: { sfzh: data.sfzh } });
    if (existed) {
      ctx.logger.info('[customer] hit existing customer id=%d ref=%s', existed.id, this.idRef(data.sfzh));
      return existed;
    }
    const customer = await ctx.model.Customer.create({
      xm: data.xm,
      sfzh: data.sfzh,
      mobile: data.mobile,
      jszh: data.jszh || data.sfzh,
      address: data.address,
      source: data.source || 'showroom',
      advisorId: ctx.state.user && ctx.state.user.id,
      privacyAgreed: !!data.privacyAgreed,
    });
    ctx.logger.info('[customer] created %j', { ...data, id: customer.id });
    return customer;
  }

  async getById(id) {
    return this.ctx.model.Customer.findByPk(id);
  }
}

module.exports = CustomerService;
