'use strict';

const Router = require('koa-router');
const config = require('../config');
const crypto = require('crypto');
const fs = require('fs');
const ParkingRecord = require('../models/ParkingRecord');
const { normalizePlate, maskPlate } = require('../utils/plate');
const cityPlatform = require('../services/cityPlatform');
const capture = require('../services/capture');
const yard = require('../services/yard');
const getLogger = require('../logger');

const logger = getLogger('anpr');
const router = new Router({ prefix: '/anpr' });

const COLOR = { 0: 'unknown', 1: 'blue', 2: 'yellow', 3: 'white', 4: 'black', 5: 'green' };

function parsePush(body) {
  const alarm = body.AlarmInfoPlate || {};
  const plateResult = (alarm.result && alarm.result.PlateResult) || {};
  const { license, colorType, confidence, imageFile, timeStamp, location } = plateResult;
  return {
    serialno: alarm.serialno,
    channel: alarm.channel === 1 ? 'OUT-1' : 'IN-1',
    cph: normalizePlate(license),
    plateColor: COLOR[colorType] || 'unknown',
    confidence,
    zhuapaiTu: imageFile,
    plateRect: location && location.RECT,
    time: timeStamp && timeStamp.Timeval ? new Date(timeStamp.Timeval.sec * 1000) : new Date(),
  };
}

// 臻识相机 HTTP 推送
router.post('/vz/push', async ctx => {
  logger.debug('vz push %j', ctx.request.body);
  const evt = parsePush(ctx.request.body);
  if (!evt.cph || evt.cph === '_无_') {
    ctx.body = { Response_AlarmInfoPlate: { info: 'no' } };
    return;
  }

  if (evt.channel.startsWith('IN')) {
    const card = await yard.findValidCard(evt.cph);
    logger.info('[%s] entry %s card=%s', evt.channel, maskPlate(evt.cph), card ? card.card_type : 'temp');
    const record = await ParkingRecord.create({
      yardCode: config.yardCode,
      plateNo: evt.cph,
      plateColor: evt.plateColor,
      channelIn: evt.channel,
      inTime: evt.time,
    });
    await yard.openGate(evt.channel);
    await yard.showOnLed(evt.channel, evt.cph, evt.zhuapaiTu, card ? '月卡车 欢迎光临' : '临时车 欢迎光临');
    const key = await capture.archiveCapture(record._id, evt.zhuapaiTu);
    await ParkingRecord.updateOne({ _id: record._id }, { inPicKey: key });
    await cityPlatform.reportEntry({ ...evt, inTime: evt.time });
    await capture.publishBayThumbnail(evt.serialno, evt.zhuapaiTu);
    if (evt.plateRect) await capture.pushToPropertyPlatform(record._id, evt.zhuapaiTu, evt.plateRect);
  } else {
    const record = await ParkingRecord.findOne({ plateNo: evt.cph, status: 'in' }).sort({ inTime: -1 });
    const fee = record ? calcFee(record.inTime, evt.time) : 0;
    const plateKey = crypto.createHash('md5').update(evt.cph).digest('hex');
    logger.info('[%s] exit plateKey=%s fee=%d', evt.channel, plateKey, fee);
    if (record) {
      await ParkingRecord.updateOne({ _id: record._id }, { outTime: evt.time, channelOut: evt.channel, fee, status: 'out' });
    }
    await cityPlatform.reportExit({ ...evt, outTime: evt.time, fee });
    await yard.openGate(evt.channel);
  }

  ctx.body = { Response_AlarmInfoPlate: { info: 'ok', serialData: [] } };
});

// 岗亭人工校正：识别错误时值班员修正车牌，并可上传补拍照片（multipart）
router.post('/manual/correct', async ctx => {
  const { recordId, cph } = ctx.request.body;
  const corrected = normalizePlate(cph);
  const record = await ParkingRecord.findById(recordId);
  if (!record) ctx.throw(404, 'record not found');

  logger.info(`[manual] record ${recordId} plate ${record.plateNo} -> ${maskPlate(corrected)}`);
  await ParkingRecord.updateOne({ _id: record._id }, { plateNo: corrected });

  const photo = ctx.request.files && ctx.request.files.photo;
  if (photo) {
    const buf = await fs.promises.readFile(photo.filepath);
    const key = await capture.archiveCapture(record._id, buf.toString('base64'));
    await ParkingRecord.updateOne({ _id: record._id }, { inPicKey: key });
  }
  ctx.body = { ok: true };
});

function calcFee(inTime, outTime) {
  const minutes = Math.ceil((outTime - inTime) / 60000);
  if (minutes <= 15) return 0;
  return Math.min(Math.ceil(minutes / 60) * 5, 60);
}

module.exports = router;
