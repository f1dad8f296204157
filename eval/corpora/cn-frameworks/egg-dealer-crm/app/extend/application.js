'use strict';

const SensorsAnalytics = require('sa-sdk-node');

const SENSORS = Symbol('Application#sensors');

module.exports = {
  get sensors() {
    if (!this[SENSORS]) {
      const sa = new SensorsAnalytics();
      sa.submitTo(this.config.sensors.serverUrl);
      this[SENSORS] = sa;
    }
    return this[SENSORS];
  },
};
