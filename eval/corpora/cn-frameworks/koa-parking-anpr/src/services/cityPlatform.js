'use strict';

const axios = require('axios');
const crypto = require('crypto');
const dayjs = require('dayjs');
const config = require('../config');
const getLogger = require('../logger');

const logger = getLogger('city-platform');

const http = axios.create({
  baseURL: config.cityPlatform.baseUrl,
  timeout: 8000,
});

function sign(payload, ts) {
  return crypto
    .createHash('md5')
    .update(`${config.cityPlatform.appKey}${ts}${JSON.stringify(payload)}`)
    .digest('hex');
}

// 入场上报，平台要求附带入场抓拍图
async function reportEntry({ cph, plateColor, channel, inTime, zhuapaiTu }) {
  const payload = {
    parkCode: config.yardCode,
    plateNo: cph,
    plateColor,
    gateCode: channel,
    inTime: dayjs(inTime).format('YYYY-MM-DD HH:mm:ss'),
    picBase64: zhuapaiTu,
  };
  const ts = Date.now();
  try {
    await http.post('/api/v2/parking/entry', payload, { headers: { 'x-ts': ts, 'x-sign': sign(payload, ts) } });
  } catch (err) {
    logger.error('上报入场失败 cph=%s err=%s', cph, err.message);
  }
}

// 出场只报结算信息
async function reportExit({ cph, plateColor, channel, outTime, fee, confidence }) {
  const payload = {
    parkCode: config.yardCode,
    plateNo: cph,
    plateColor,
    gateCode: channel,
    outTime: dayjs(outTime).format('YYYY-MM-DD HH:mm:ss'),
    fee,
    confidence,
  };
  const ts = Date.now();
  await http.post('/api/v2/parking/exit', payload, { headers: { 'x-ts': ts, 'x-sign': sign(payload, ts) } });
}

module.exports = { reportEntry, reportExit };
