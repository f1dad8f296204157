'use strict';

const crypto = require('crypto');
const cv = require('@u4/opencv4nodejs');
const debug = require('debug');
const mqtt = require('mqtt');
const config = require('./config');
const { Dashcam } = require('./dashcam');
const { ObdReader } = require('./obd');
const { connectIot, createUplink } = require('./uplink');
const { syncSentryClips } = require('./yard-sync');

const log = debug('tbox:main');

function vehicleRefOf(vin) {
  return crypto.createHmac('sha256', config.logRefKey).update(vin).digest('hex').slice(0, 12);
}

function waitForVin(obd) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no VIN response from ECM')), 5000);
    obd.once('vin', (vin) => {
      clearTimeout(timer);
      resolve(vin);
    });
    obd.requestVin();
  });
}

async function main() {
  const obd = new ObdReader({ iface: config.canInterface, trace: debug('tbox:obd') });
  obd.start();
  const vin = await waitForVin(obd);
  log('agent starting for %s', vin);

  const vehicleRef = vehicleRefOf(vin);
  const cloud = mqtt.connect(config.mqttUrl, { clientId: `tbox-${vehicleRef}`, clean: false });
  const bus = mqtt.connect('mqtt://127.0.0.1:1883', { clientId: 'tbox-agent' });
  const dashcam = new Dashcam({ ...config.camera, mqttClient: cloud, adasUrl: config.adasUrl });
  const uplink = createUplink(await connectIot(config.iot, vin), vehicleRef);
  log('agent ready, vehicle ref %s', vehicleRef);

  bus.subscribe(['body/alarm', 'body/crash', 'body/bump', 'hmi/dashcam/request']);
  bus.on('message', async (topic, payload) => {
    const evt = JSON.parse(payload.toString('utf8'));
    try {
      if (topic === 'body/alarm') {
        const frame = await dashcam.grab();
        await uplink.tamperSnapshot(cv.imencode('.jpg', frame), evt.reason || 'alarm');
      } else if (topic === 'body/crash') {
        await dashcam.onCrash(vin, evt.gForce);
      } else if (topic === 'body/bump') {
        await dashcam.onParkingBump(vin, evt.sensor);
      } else if (topic === 'hmi/dashcam/request') {
        const frame = await dashcam.grab();
        bus.publish('hmi/dashcam/preview', cv.imencode('.jpg', frame.resize(360, 640)));
      }
    } catch (err) {
      log('handling %s failed: %s', topic, err.message);
    }
  });

  cloud.subscribe(`vehicles/${vin}/commands/#`, { qos: 1 });
  cloud.on('message', async (topic, payload) => {
    const cmd = JSON.parse(payload.toString('utf8'));
    if (cmd.type === 'live-view') {
      await dashcam.liveView(vin, cmd.requestId);
    } else if (cmd.type === 'yard-sync') {
      const count = await syncSentryClips({ brokers: config.yardKafkaBrokers, vin, vehicleRef });
      log('yard sync finished: %d clips', count);
    }
  });

  obd.on('speed', (kmh) => uplink.telemetry({ kmh, at: Date.now() }).catch((err) => log('telemetry: %s', err.message)));
  setInterval(() => dashcam.grab().catch((err) => log('grab: %s', err.message)), 100);
  setInterval(() => dashcam.sendToAdas().catch((err) => log('adas: %s', err.message)), 250);
  setInterval(() => dashcam.reportHealth(vin), 60_000);
  setInterval(() => obd.requestSpeed(), 1000);
}

main().catch((err) => {
  console.error('tbox agent failed to start:', err);
  process.exit(1);
});
