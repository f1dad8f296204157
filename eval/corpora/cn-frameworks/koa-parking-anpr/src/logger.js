'use strict';

const log4js = require('log4js');

log4js.configure({
  appenders: {
    out: { type: 'stdout' },
    file: {
      type: 'dateFile',
      filename: 'logs/yard.log',
      pattern: 'yyyy-MM-dd',
      numBackups: 30,
      compress: true,
    },
  },
  categories: {
    default: { appenders: ['out', 'file'], level: process.env.LOG_LEVEL || 'info' },
  },
});

module.exports = name => log4js.getLogger(name);
