'use strict';

const axios = require('axios');
const sharp = require('sharp');
const config = require('./config');

/** 本机检测服务：返回所有人脸框和车牌框 */
async function detect(jpeg) {
  const { data } = await axios.post(config.detector.url, jpeg, {
    headers: { 'Content-Type': 'image/jpeg' },
    timeout: 2000,
  });
  return {
    faces: data.faces || [],
    plates: data.plates || [],
    tailgating: Boolean(data.events && data.events.tailgating),
    intrusion: Boolean(data.events && data.events.intrusion),
  };
}

async function blurBoxes(jpeg, boxes) {
  if (!boxes.length) return jpeg;
  const image = sharp(jpeg);
  const { width, height } = await image.metadata();
  const overlays = await Promise.all(
    boxes.map(async (b) => {
      // 外扩 15%，避免边缘露出
      const padX = Math.round(b.w * 0.15);
      const padY = Math.round(b.h * 0.15);
      const left = Math.max(0, Math.round(b.x) - padX);
      const top = Math.max(0, Math.round(b.y) - padY);
      const w = Math.min(width - left, Math.round(b.w) + 2 * padX);
      const h = Math.min(height - top, Math.round(b.h) + 2 * padY);
      const patch = await sharp(jpeg).extract({ left, top, width: w, height: h }).blur(40).toBuffer();
      return { input: patch, left, top };
    }),
  );
  return image.composite(overlays).jpeg({ quality: 80 }).toBuffer();
}

/** 模糊画面中的全部人脸和车牌 */
async function anonymizeFrame(jpeg) {
  const { faces, plates } = await detect(jpeg);
  return blurBoxes(jpeg, [...faces, ...plates]);
}

/** 老模块用的回调风格 */
function anonymize(jpeg, callback) {
  anonymizeFrame(jpeg).then((out) => callback(null, out), (err) => callback(err));
}

module.exports = { detect, anonymizeFrame, anonymize };
