'use strict';

const pino = require('pino');

const logger = pino({
  level: process.env.LOG_LEVEL || 'info',
  redact: {
    paths: ['vin', 'plateNo', '*.vin', '*.plateNo', '*.driverLicenseNo', 'req.headers.authorization'],
    censor: '[redacted]',
  },
});

const auditLog = pino(
  { name: 'fleet-audit', level: 'info' },
  pino.destination({ dest: process.env.AUDIT_LOG_FILE || '/var/log/fleet/audit.log', sync: false }),
);

module.exports = { logger, auditLog };
