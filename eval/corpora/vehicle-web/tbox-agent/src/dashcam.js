'use strict';

const http = require('http');
const cv = require('@u4/opencv4nodejs');
const debug = require('debug');
const { blurFacesAndPlates, redactFrame } = require('./anonymise');

const log = debug('tbox:dashcam');
const RING_SIZE = 45;

class Dashcam {
  constructor({ device, width, height, mqttClient, adasUrl }) {
    this.cap = new cv.VideoCapture(device);
    this.cap.set(cv.CAP_PROP_FRAME_WIDTH, width);
    this.cap.set(cv.CAP_PROP_FRAME_HEIGHT, height);
    this.mqtt = mqttClient;
    this.adasUrl = adasUrl;
    this.ring = [];
    this.fps = 0;
  }

  async grab() {
    const frame = await this.cap.readAsync();
    if (frame.empty) throw new Error('dashcam returned an empty frame');
    this.ring.push({ frame, at: Date.now() });
    if (this.ring.length > RING_SIZE) this.ring.shift();
    return frame;
  }

  async onCrash(vin, gForce) {
    const recent = this.ring.slice(-15);
    const frames = recent.map(({ frame, at }) => ({
      at,
      jpeg: cv.imencode('.jpg', blurFacesAndPlates(frame)).toString('base64'),
    }));
    this.mqtt.publish(`vehicles/${vin}/incident`, JSON.stringify({ kind: 'crash', gForce, frames }), { qos: 1 });
    log('crash incident published, %d frames', frames.length);
  }

  async onParkingBump(vin, sensor) {
    const frame = await this.grab();
    const redacted = redactFrame(frame);
    const jpeg = cv.imencode('.jpg', redacted, [cv.IMWRITE_JPEG_QUALITY, 70]);
    this.mqtt.publish(`vehicles/${vin}/parking-bump`, jpeg, { qos: 1, properties: { userProperties: { sensor } } });
  }

  async liveView(vin, requestId) {
    const frame = await this.grab();
    const jpeg = cv.imencode('.jpg', frame.resize(540, 960));
    this.mqtt.publish(`vehicles/${vin}/live/${requestId}`, jpeg, { qos: 0 });
  }

  reportHealth(vin) {
    const last = this.ring[this.ring.length - 1];
    if (!last) return;
    const stats = { width: last.frame.cols, height: last.frame.rows, fps: this.fps, lastFrameAt: last.at };
    this.mqtt.publish(`vehicles/${vin}/camera-health`, JSON.stringify(stats), { qos: 0 });
  }

  async sendToAdas() {
    const frame = await this.grab();
    const jpeg = cv.imencode('.jpg', frame);
    await new Promise((resolve, reject) => {
      const req = http.request(this.adasUrl, { method: 'POST', headers: { 'content-type': 'image/jpeg' } }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end(jpeg);
    });
  }
}

module.exports = { Dashcam };
