'use strict';

const crypto = require('crypto');
const debug = require('debug');
const { iot, mqtt } = require('aws-iot-device-sdk-v2');

const log = debug('tbox:uplink');

async function connectIot(cfg, vin) {
  const clientId = 'tbox-' + crypto.createHash('sha256').update(vin).digest('hex').slice(0, 16);
  log('connecting to IoT Core as %s', clientId);
  const builder = iot.AwsIotMqttConnectionConfigBuilder.new_mtls_builder_from_path(cfg.cert, cfg.key)
    .with_certificate_authority_from_path(undefined, cfg.ca)
    .with_clean_session(false)
    .with_client_id(clientId)
    .with_endpoint(cfg.endpoint);
  const client = new mqtt.MqttClient();
  const connection = client.new_connection(builder.build());
  await connection.connect();
  return connection;
}

function createUplink(connection, thingName) {
  return {
    async telemetry(sample) {
      const payload = JSON.stringify(sample);
      log('telemetry sample %d bytes', payload.length);
      await connection.publish(`dt/tbox/${thingName}/telemetry`, payload, mqtt.QoS.AtMostOnce);
    },

    async tamperSnapshot(jpeg, reason) {
      await connection.publish(`dt/tbox/${thingName}/tamper/${reason}`, jpeg, mqtt.QoS.AtLeastOnce);
    },
  };
}

module.exports = { connectIot, createUplink };
