'use strict';

module.exports = {
  canInterface: process.env.CAN_IF || 'can0',
  camera: {
    device: Number(process.env.DASHCAM_DEVICE || 0),
    width: 1920,
    height: 1080,
  },
  mqttUrl: process.env.TELEMATICS_MQTT || 'mqtts://telematics.example-oem.com:8883',
  iot: {
    endpoint: process.env.IOT_ENDPOINT || 'a1b2c3d4e5f6g7-ats.iot.eu-central-1.amazonaws.com',
    cert: '/etc/tbox/certs/device.pem.crt',
    key: '/etc/tbox/certs/private.pem.key',
    ca: '/etc/tbox/certs/AmazonRootCA1.pem',
  },
  yardKafkaBrokers: (process.env.YARD_KAFKA || 'kafka-1.depot.example-fleet.com:9093').split(','),
  adasUrl: 'http://127.0.0.1:8090/adas/frame',
  logRefKey: process.env.TBOX_LOG_KEY,
};
