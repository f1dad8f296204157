'use strict';

const axios = require('axios');
const crypto = require('crypto');
const ffmpeg = require('fluent-ffmpeg');
const OSS = require('ali-oss');
const config = require('./config');
const uplink = require('./uplink');
const { anonymizeFrame, detect } = require('./anonymize');

const logger = config.getLogger('garage');

const oss = new OSS({
  region: config.oss.region,
  bucket: config.oss.bucket,
  accessKeyId: process.env.OSS_AK,
  accessKeySecret: process.env.OSS_SK,
});

const lastSeen = new Map();

function plateRef(plate) {
  return crypto.createHmac('sha256', config.plateHmacKey).update(plate).digest('hex').slice(0, 16);
}

/** 本机 LPR：{ plateNo, plateColor, confidence, box } */
async function recognise(jpeg) {
  const { data } = await axios.post(config.lpr.url, jpeg, {
    headers: { 'Content-Type': 'image/jpeg' },
    timeout: 1500,
  });
  logger.debug('lpr result %j', data);
  return data;
}

async function onEntryFrame(jpeg, meta) {
  const result = await recognise(jpeg);
  if (!result.plateNo || result.confidence < 0.9) return;

  // 同一车道 30 秒内重复识别只报一次
  const prev = lastSeen.get(meta.cameraId);
  if (prev && prev.plateNo === result.plateNo && meta.at - prev.at < 30000) return;
  lastSeen.set(meta.cameraId, { plateNo: result.plateNo, at: meta.at });

  logger.info(`entry lane=${meta.cameraId} plate=${result.plateNo} color=${result.plateColor}`);

  // 物业云要求附入场抓拍原图，计费争议时调取
  uplink.cloud.publish(
    `bgw/${config.gatewayId}/parking/entry`,
    JSON.stringify({ lane: meta.cameraId, plateNo: result.plateNo, at: meta.at, image: jpeg.toString('base64') }),
    { qos: 1 },
  );
  logger.info(`entry reported lane=${meta.cameraId} ref=${plateRef(result.plateNo)}`);
}

/** 消防通道占用：留证到 OSS，消息只带对象键 */
async function onFireLaneFrame(jpeg, meta) {
  const { plates } = await detect(jpeg);
  if (!plates.length) return;

  const key = `firelane/${meta.cameraId}/${meta.at}.jpg`;
  await oss.put(key, jpeg, { headers: { 'x-oss-storage-class': 'IA' } });

  // 物业工单系统按对象键去 OSS 取图
  const event = {
    cameraId: meta.cameraId,
    at: meta.at,
    objectKey: key,
    vehicles: plates.length,
  };
  uplink.cloud.publish(`bgw/${config.gatewayId}/parking/firelane`, JSON.stringify(event));
}

/** 每 5 分钟给物业看板一张车库全景 */
async function publishOccupancySnapshot(jpeg, meta) {
  const safe = await anonymizeFrame(jpeg);
  uplink.cloud.publish(`bgw/${config.gatewayId}/garage/${meta.cameraId}/snapshot`, safe, { qos: 0 });
}

/** 云监控：车库入口实时流推到直播平台 */
function startLiveRelay(camera) {
  return ffmpeg(camera.rtspUrl)
    .inputOptions(['-rtsp_transport tcp']).videoCodec('copy').noAudio()
    .format('flv')
    .output(`${config.liveRelay}/${camera.id}`)
    .on('error', (err) => logger.error(`relay ${camera.id} stopped: ${err.message}`))
    .run();
}

module.exports = { onEntryFrame, onFireLaneFrame, publishOccupancySnapshot, startLiveRelay };
