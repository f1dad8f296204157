'use strict';

const mqtt = require('mqtt');
const { Kafka, CompressionTypes } = require('kafkajs');
const config = require('./config');

const logger = config.getLogger('uplink');

// 云端物联网平台
const cloud = mqtt.connect(config.cloudMqtt.url, {
  clientId: config.gatewayId,
  username: config.cloudMqtt.username,
  password: config.cloudMqtt.password,
  reconnectPeriod: 5000,
  clean: false,
});

// 楼内总线：门禁终端、大屏都挂在本机 broker 上
const local = mqtt.connect(config.localMqtt.url, { clientId: `${config.gatewayId}-local` });

const kafka = new Kafka({
  clientId: config.kafka.clientId,
  brokers: config.kafka.brokers,
  ssl: true,
  sasl: config.kafka.sasl,
});
const producer = kafka.producer({ allowAutoTopicCreation: false });
const producerReady = producer.connect().catch((err) => logger.error(`kafka connect failed: ${err.message}`));

async function sendToKafka(topic, key, value, headers = {}) {
  await producerReady;
  await producer.send({
    topic,
    compression: CompressionTypes.GZIP,
    messages: [{ key, value, headers: { gateway: config.gatewayId, ...headers } }],
  });
}

cloud.on('connect', () => logger.info('cloud mqtt connected'));
cloud.on('error', (err) => logger.error(`cloud mqtt: ${err.message}`));
local.on('connect', () => logger.info('local bus connected'));

module.exports = { cloud, local, sendToKafka };
