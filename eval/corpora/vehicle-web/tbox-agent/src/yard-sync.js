'use strict';

const crypto = require('crypto');
const fs = require('fs/promises');
const path = require('path');
const debug = require('debug');
const { Kafka } = require('kafkajs');

const log = debug('tbox:yard');
const CLIP_DIR = process.env.SENTRY_CLIP_DIR || '/data/sentry';

async function listClips() {
  const entries = await fs.readdir(CLIP_DIR);
  return entries.filter((name) => name.endsWith('.mp4')).sort();
}

async function syncSentryClips({ brokers, vin, vehicleRef }) {
  const kafka = new Kafka({ clientId: 'tbox-yard-sync', brokers, ssl: true });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const names = await listClips();
    log('yard sync for vehicle …%s: %d clips', vin.slice(-4), names.length);
    const manifest = [];
    for (const name of names) {
      const dashcamClip = await fs.readFile(path.join(CLIP_DIR, name));
      manifest.push({
        name,
        bytes: dashcamClip.length,
        sha256: crypto.createHash('sha256').update(dashcamClip).digest('hex'),
      });
      await producer.send({
        topic: 'sentry-clips',
        messages: [{ key: `${vehicleRef}/${name}`, value: dashcamClip }],
      });
    }
    await producer.send({
      topic: 'sentry-manifests',
      messages: [{ key: vehicleRef, value: JSON.stringify({ vehicleRef, manifest, syncedAt: Date.now() }) }],
    });
    for (const name of names) await fs.unlink(path.join(CLIP_DIR, name));
    return manifest.length;
  } finally {
    await producer.disconnect();
  }
}

module.exports = { syncSentryClips };
