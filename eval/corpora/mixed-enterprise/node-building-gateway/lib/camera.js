'use strict';

const { EventEmitter } = require('events');
const axios = require('axios');
const config = require('./config');

const logger = config.getLogger('camera');

/**
 * 定时从 IPC 的 HTTP 抓图接口取 JPEG（海康 ISAPI / ONVIF snapshot URI）。
 * 事件：'frame' (jpeg: Buffer, meta: { cameraId, role, at })
 */
class CameraPoller extends EventEmitter {
  constructor(camera, intervalMs = 1000) {
    super();
    this.camera = camera;
    this.intervalMs = intervalMs;
    this.timer = null;
    this.failures = 0;
  }

  start() {
    this.timer = setInterval(() => this.grab(), this.intervalMs);
    return this;
  }

  stop() {
    clearInterval(this.timer);
  }

  async grab() {
    try {
      const res = await axios.get(this.camera.snapshotUrl, {
        responseType: 'arraybuffer',
        timeout: 3000,
        auth: config.cameraAuth,
      });
      this.failures = 0;
      const jpeg = Buffer.from(res.data);
      this.emit('frame', jpeg, { cameraId: this.camera.id, role: this.camera.role, at: Date.now() });
    } catch (err) {
      this.failures += 1;
      if (this.failures % 10 === 1) {
        logger.warn(`snapshot failed on ${this.camera.id} (${this.failures}x): ${err.message}`);
      }
    }
  }
}

module.exports = { CameraPoller };
