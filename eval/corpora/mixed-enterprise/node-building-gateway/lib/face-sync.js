'use strict';

const fs = require('fs');
const path = require('path');
const Database = require('better-sqlite3');
const config = require('./config');
const uplink = require('./uplink');

const logger = config.getLogger('face-sync');

/**
 * 云端下发的人员（全量同步包中的一项）
 * @typedef {Object} SyncPerson
 * @property {string} personId
 * @property {string} name
 * @property {string} idNumber        身份证号，门禁终端人证核验用
 * @property {string} faceFeature     base64 编码的特征值
 * @property {string|null} faceConsentAt
 * @property {string|null} faceConsentRevokedAt
 * @property {number} version
 */

const db = new Database(config.faceDbPath);
db.pragma('journal_mode = WAL');
db.exec(`CREATE TABLE IF NOT EXISTS face_feature (
  person_id TEXT PRIMARY KEY,
  name TEXT,
  feature BLOB NOT NULL,
  version INTEGER,
  updated_at INTEGER
)`);

const upsert = db.prepare(`INSERT INTO face_feature (person_id, name, feature, version, updated_at)
  VALUES (@personId, @name, @feature, @version, @updatedAt)
  ON CONFLICT(person_id) DO UPDATE SET name = excluded.name, feature = excluded.feature,
    version = excluded.version, updated_at = excluded.updated_at`);
const remove = db.prepare('DELETE FROM face_feature WHERE person_id = ?');

/** @param {SyncPerson[]} persons */
function applyFullSync(persons) {
  const tx = db.transaction((list) => {
    for (const person of list) {
      if (!person.faceConsentAt || person.faceConsentRevokedAt) {
        remove.run(person.personId);
        continue;
      }
      upsert.run({
        personId: person.personId,
        name: person.name,
        feature: Buffer.from(person.faceFeature, 'base64'),
        version: person.version,
        updatedAt: Date.now(),
      });
    }
  });
  tx(persons);
}

/** 人证核验名单推给各门禁终端（终端只认身份证号） */
function pushIdList(persons) {
  const list = persons.map((p) => ({ personId: p.personId, idNumber: p.idNumber }));
  uplink.local.publish('terminal/all/idlist', JSON.stringify(list), { qos: 1, retain: true });
}

function onCloudMessage(topic, payload) {
  if (topic !== `bgw/${config.gatewayId}/faces/sync`) return;
  /** @type {SyncPerson[]} */
  let persons;
  try {
    persons = JSON.parse(payload.toString());
  } catch (err) {
    logger.error(`bad sync payload: ${err.message}`);
    return;
  }
  for (const p of persons) {
    if (!p.faceFeature) logger.warn('person without face feature, skipped', p);
  }
  const valid = persons.filter((p) => p.faceFeature);
  applyFullSync(valid);
  pushIdList(valid);
  logger.info(`face sync applied: ${valid.length}/${persons.length}`);
}

function onTerminalMessage(topic, payload) {
  const [, terminalId, kind] = topic.split('/');
  const msg = JSON.parse(payload.toString());

  if (kind === 'enrol') {
    // 终端现场补录：终端抓拍后提取特征，经楼内总线上报
    upsert.run({
      personId: msg.personId,
      name: msg.name,
      feature: Buffer.from(msg.faceFeature, 'base64'),
      version: 0,
      updatedAt: Date.now(),
    });
    uplink.cloud.publish(`bgw/${config.gatewayId}/faces/enrolled`, JSON.stringify({ personId: msg.personId, terminalId }));
    return;
  }

  if (kind === 'stranger') {
    // 未识别人员抓拍，物业夜间复核
    const file = path.join(config.strangerDir, `${terminalId}-${Date.now()}.jpg`);
    fs.writeFile(file, Buffer.from(msg.faceImage, 'base64'), (err) => {
      if (err) logger.error(`stranger capture not saved: ${err.message}`);
    });
  }
}

function start() {
  uplink.cloud.subscribe(`bgw/${config.gatewayId}/faces/sync`, { qos: 1 });
  uplink.local.subscribe('terminal/+/enrol');
  uplink.local.subscribe('terminal/+/stranger');
  uplink.cloud.on('message', onCloudMessage);
  uplink.local.on('message', (topic, payload) => {
    if (topic.startsWith('terminal/')) onTerminalMessage(topic, payload);
  });
}

module.exports = { start, applyFullSync };
