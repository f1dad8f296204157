'use strict';

const log4js = require('log4js');

log4js.configure({
  appenders: {
    out: { type: 'stdout', layout: { type: 'pattern', pattern: '%d %p %c %m' } },
    file: { type: 'dateFile', filename: '/var/log/bgw/gateway.log', numBackups: 14, compress: true },
  },
  categories: { default: { appenders: ['out', 'file'], level: process.env.LOG_LEVEL || 'info' } },
});

const gatewayId = process.env.GATEWAY_ID || 'BGW-SZ-NS-0012';

module.exports = {
  gatewayId,
  projectCode: 'SZ-NANSHAN-T3',
  getLogger: (category) => log4js.getLogger(category),

  cameras: [
    { id: 'garage-in-1', role: 'anpr', snapshotUrl: 'http://192.168.10.21/ISAPI/Streaming/channels/101/picture', rtspUrl: 'rtsp://192.168.10.21:554/Streaming/Channels/101' },
    { id: 'garage-in-2', role: 'anpr', snapshotUrl: 'http://192.168.10.22/ISAPI/Streaming/channels/101/picture', rtspUrl: 'rtsp://192.168.10.22:554/Streaming/Channels/101' },
    { id: 'garage-b2-firelane', role: 'firelane', snapshotUrl: 'http://192.168.10.31/ISAPI/Streaming/channels/101/picture', rtspUrl: 'rtsp://192.168.10.31:554/Streaming/Channels/101' },
    { id: 'lobby-1', role: 'lobby', snapshotUrl: 'http://192.168.20.11/onvif-http/snapshot?Profile_1', rtspUrl: 'rtsp://192.168.20.11:554/Streaming/Channels/101' },
  ],
  cameraAuth: { username: process.env.CAM_USER || 'admin', password: process.env.CAM_PASS || '' },

  // 本机 NPU 推理服务
  lpr: { url: 'http://127.0.0.1:9090/v1/lpr' },
  detector: { url: 'http://127.0.0.1:9091/v1/detect' },

  cloudMqtt: {
    url: 'mqtts://iot.lingyun-building.com:8883',
    username: gatewayId,
    password: process.env.CLOUD_MQTT_TOKEN,
  },
  localMqtt: { url: 'mqtt://127.0.0.1:1883' },
  kafka: {
    clientId: `bgw-${gatewayId}`,
    brokers: ['kafka-1.lingyun-building.com:9093', 'kafka-2.lingyun-building.com:9093'],
    sasl: { mechanism: 'scram-sha-256', username: gatewayId, password: process.env.KAFKA_PASSWORD },
  },
  securityCenterWs: 'wss://soc.lingyun-building.com/ws/alarm',
  liveRelay: 'rtmp://live.lingyun-building.com/garage',
  oss: { region: 'oss-cn-shenzhen', bucket: 'lingyun-parking-evidence' },
  plateHmacKey: process.env.PLATE_HMAC_KEY || '',
  faceDbPath: '/data/bgw/faces.db',
  strangerDir: '/data/bgw/strangers',
};
