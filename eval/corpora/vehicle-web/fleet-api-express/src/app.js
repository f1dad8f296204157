'use strict';

const Sentry = require('@sentry/node');
require('dd-trace').init({ service: 'fleet-portal-api', logInjection: true });
const express = require('express');
const morgan = require('morgan');
const pinoHttp = require('pino-http');
const { logger } = require('./logger');
const vehiclesRouter = require('./routes/vehicles');
const driversRouter = require('./routes/drivers');
const { startVehicleEvents } = require('./services/vehicle-events');

Sentry.init({ dsn: process.env.SENTRY_DSN, tracesSampleRate: 0.1 });

const app = express();
app.use(Sentry.Handlers.requestHandler());
app.use(morgan('tiny'));
app.use(pinoHttp({ logger, autoLogging: false }));
app.use(express.json({ limit: '1mb' }));

app.use('/api/vehicles', vehiclesRouter);
app.use('/api/drivers', driversRouter);

app.use(Sentry.Handlers.errorHandler());
app.use((err, req, res, _next) => {
  req.log.error({ err }, 'unhandled error');
  res.status(500).json({ error: 'internal_error' });
});

const port = Number(process.env.PORT || 8080);
app.listen(port, () => {
  logger.info({ port }, 'fleet portal API listening');
  startVehicleEvents();
});
