'use strict';

const mqtt = require('mqtt');
const Sentry = require('@sentry/node');
const db = require('../db');
const { logger } = require('../logger');

const IGNITION_TOPIC = 'fleet/+/ignition';
const DTC_TOPIC = 'fleet/+/dtc';

function parse(buf) {
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    return null;
  }
}

async function onIgnition(evt) {
  await db.execute('INSERT INTO ignition_events (vin, state, ts, lat, lon) VALUES (?, ?, FROM_UNIXTIME(?), ?, ?)', [
    evt.vin,
    evt.state,
    Math.floor(evt.ts / 1000),
    evt.lat,
    evt.lon,
  ]);
  logger.debug({ vin: evt.vin, state: evt.state }, 'ignition event stored');
}

async function onDtc(evt) {
  const [[vehicle]] = await db.execute('SELECT id FROM vehicles WHERE vin = ?', [evt.vin]);
  if (!vehicle) {
    Sentry.withScope((scope) => {
      scope.setTag('vin', evt.vin);
      Sentry.captureMessage(`DTC ${evt.code} from unknown vehicle`, 'warning');
    });
    return;
  }
  Sentry.setTag('vehicle_id', String(vehicle.id));
  await db.execute('INSERT INTO dtc_events (vehicle_id, code, ts) VALUES (?, ?, FROM_UNIXTIME(?))', [
    vehicle.id,
    evt.code,
    Math.floor(evt.ts / 1000),
  ]);
}

function startVehicleEvents() {
  const client = mqtt.connect(process.env.FLEET_BROKER_URL, {
    username: process.env.FLEET_BROKER_USER,
    password: process.env.FLEET_BROKER_PASSWORD,
  });
  client.on('connect', () => client.subscribe([IGNITION_TOPIC, DTC_TOPIC], { qos: 1 }));
  client.on('message', (topic, payload) => {
    const evt = parse(payload);
    if (!evt) return;
    const handler = topic.endsWith('/ignition') ? onIgnition : onDtc;
    handler(evt).catch((err) => {
      console.error(`failed to handle ${topic} for ${evt.vin}:`, err.message);
    });
  });
  return client;
}

module.exports = { startVehicleEvents };
