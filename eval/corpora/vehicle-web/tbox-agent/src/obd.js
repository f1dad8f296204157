'use strict';

const { EventEmitter } = require('events');
const can = require('socketcan');

const OBD_BROADCAST = 0x7df;
const ECM_REQUEST = 0x7e0;
const ECM_RESPONSE = 0x7e8;

class ObdReader extends EventEmitter {
  constructor(opts = {}) {
    super();
    this.iface = opts.iface || 'can0';
    this.trace = opts.trace ?? console.log;
    this.channel = can.createRawChannel(this.iface, true);
    this.vinParts = [];
  }

  start() {
    this.channel.addListener('onMessage', (msg) => this.onFrame(msg));
    this.channel.start();
    this.trace(`OBD reader listening on ${this.iface}`);
  }

  stop() {
    this.channel.stop();
  }

  requestVin() {
    this.channel.send({ id: OBD_BROADCAST, ext: false, data: Buffer.from([0x02, 0x09, 0x02, 0, 0, 0, 0, 0]) });
  }

  requestSpeed() {
    this.channel.send({ id: OBD_BROADCAST, ext: false, data: Buffer.from([0x02, 0x01, 0x0d, 0, 0, 0, 0, 0]) });
  }

  onFrame(msg) {
    if (msg.id !== ECM_RESPONSE) return;
    const pci = msg.data[0] >> 4;
    if (pci === 0 && msg.data[1] === 0x41 && msg.data[2] === 0x0d) {
      this.emit('speed', msg.data[3]);
      return;
    }
    if (pci === 1) {
      this.vinParts = [msg.data.subarray(5)];
      this.channel.send({ id: ECM_REQUEST, ext: false, data: Buffer.from([0x30, 0, 0, 0, 0, 0, 0, 0]) });
      return;
    }
    if (pci === 2) {
      this.vinParts.push(msg.data.subarray(1));
      const raw = Buffer.concat(this.vinParts).toString('ascii').replace(/[^A-HJ-NPR-Z0-9]/g, '');
      if (raw.length >= 17) {
        const vin = raw.slice(0, 17);
        this.vinParts = [];
        this.trace(`VIN resolved: ${vin}`);
        this.emit('vin', vin);
      }
    }
  }
}

module.exports = { ObdReader };
