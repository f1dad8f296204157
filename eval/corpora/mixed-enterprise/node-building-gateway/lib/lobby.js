'use strict';

const WebSocket = require('ws');
const config = require('./config');
const uplink = require('./uplink');
const { detect, anonymize } = require('./anonymize');

const logger = config.getLogger('lobby');

let socSocket = null;

/** 安防中心长连接，断了就重连 */
function soc() {
  if (!socSocket || socSocket.readyState === WebSocket.CLOSED) {
    socSocket = new WebSocket(config.securityCenterWs, { headers: { 'X-Gateway': config.gatewayId } });
    socSocket.on('error', (err) => logger.warn(`soc socket: ${err.message}`));
  }
  return socSocket;
}

async function onLobbyFrame(jpeg, meta) {
  const det = await detect(jpeg);

  // 客流统计：只报人数和框
  uplink.cloud.publish(
    `bgw/${config.gatewayId}/lobby/footfall`,
    JSON.stringify({
      cameraId: meta.cameraId,
      at: meta.at,
      people: det.faces.length,
      boxes: det.faces.map((f) => [f.x, f.y, f.w, f.h]),
    }),
  );

  // 大堂信息屏预览，走楼内总线
  uplink.local.publish(`display/${meta.cameraId}/preview`, jpeg);

  if (det.tailgating) {
    anonymize(jpeg, (err, blurred) => {
      if (err) {
        logger.error(`anonymize failed: ${err.message}`);
        return;
      }
      uplink.local.publish('display/alarm/tailgating', blurred);
      uplink.sendToKafka('building.lobby.tailgating', meta.cameraId, jpeg, { at: String(meta.at) }).catch((e) =>
        logger.error(`kafka send failed: ${e.message}`),
      );
    });
  }

  if (det.intrusion) {
    // 非工作时段闯入，安防中心要原图
    const ws = soc();
    const alarm = JSON.stringify({
      type: 'intrusion',
      cameraId: meta.cameraId,
      at: meta.at,
      snapshot: jpeg.toString('base64'),
    });
    const send = () => ws.send(alarm);
    if (ws.readyState === WebSocket.OPEN) send();
    else ws.once('open', send);
  }
}

module.exports = { onLobbyFrame };
