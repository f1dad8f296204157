'use strict';

const axios = require('axios');
const OSS = require('ali-oss');
const sharp = require('sharp');
const dayjs = require('dayjs');
const config = require('../config');

const oss = new OSS(config.oss);

/** 入场抓拍原图留档到云端，收费争议时调取 */
async function archiveCapture(recordId, zhuapaiTu) {
  const key = `capture/${config.yardCode}/${dayjs().format('YYYYMMDD')}/${recordId}.jpg`;
  await oss.put(key, Buffer.from(zhuapaiTu, 'base64'), {
    headers: { 'Content-Type': 'image/jpeg' },
  });
  return key;
}

/**
 * 车位实景缩略图：整图重度模糊后给车主端展示空位情况
 */
async function publishBayThumbnail(bayCode, zhuapaiTu) {
  const thumb = await sharp(Buffer.from(zhuapaiTu, 'base64'))
    .resize(320)
    .blur(25)
    .jpeg({ quality: 60 })
    .toBuffer();
  await oss.put(`bay-thumb/${config.yardCode}/${bayCode}.jpg`, thumb, {
    headers: { 'Cache-Control': 'max-age=30' },
  });
}

// 车牌区域打马赛克（相机推送里带车牌坐标）
async function mosaicPlate(buf, rect) {
  const left = Math.max(rect.left, 0);
  const top = Math.max(rect.top, 0);
  const width = rect.right - left;
  const height = rect.bottom - top;
  const region = await sharp(buf)
    .extract({ left, top, width, height })
    .resize(8, 4)
    .resize(width, height, { kernel: 'nearest' })
    .toBuffer();
  return sharp(buf).composite([{ input: region, left, top }]).jpeg({ quality: 80 }).toBuffer();
}

/** 推送给物业平台的入场记录展示图 */
async function pushToPropertyPlatform(recordId, zhuapaiTu, plateRect) {
  const pic = await mosaicPlate(Buffer.from(zhuapaiTu, 'base64'), plateRect);
  await axios.post(`${config.propertyPlatformUrl}/api/yard/captures`, pic, {
    headers: { 'Content-Type': 'image/jpeg', 'x-record-id': String(recordId), 'x-yard': config.yardCode },
    timeout: 5000,
  });
}

module.exports = { archiveCapture, publishBayThumbnail, pushToPropertyPlatform };
