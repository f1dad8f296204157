'use strict';

const axios = require('axios');
const mysql = require('mysql2/promise');
const config = require('../config');
const getLogger = require('../logger');

const logger = getLogger('yard');
const pool = mysql.createPool({ ...config.mysql, connectionLimit: 5 });
const daemon = axios.create({ baseURL: config.gateDaemon, timeout: 1500 });

async function findValidCard(plateNo) {
  const [rows] = await pool.execute(
    'SELECT id, hphm, owner_name, card_type, expire_at FROM monthly_card WHERE hphm = ? LIMIT 1',
    [plateNo]
  );
  const row = rows[0];
  if (!row) return null;
  if (new Date(row.expire_at) < new Date()) {
    logger.warn(`月卡已过期: ${row.hphm} ${row.owner_name} 到期 ${row.expire_at}`);
    return null;
  }
  logger.info('月卡有效 cardId=%s cardType=%s', row.id, row.card_type);
  return row;
}

async function openGate(channel) {
  await daemon.post('/gate/open', { channel });
}

// 出入口 LED 屏显示车牌和抓拍小图
async function showOnLed(channel, cph, zhuapaiTu, text) {
  await daemon.post('/led/show', { channel, plate: cph, pic: zhuapaiTu, text });
}

module.exports = { findValidCard, openGate, showOnLed };
