'use strict';

const Koa = require('koa');
const { koaBody } = require('koa-body');
const mongoose = require('mongoose');
const config = require('./config');
const getLogger = require('./logger');
const cameraRouter = require('./routes/camera');

const logger = getLogger('app');
const app = new Koa();

app.use(koaBody({ jsonLimit: '8mb', formLimit: '8mb', multipart: true }));
app.use(async (ctx, next) => {
  const start = Date.now();
  await next();
  logger.info('%s %s %d %dms', ctx.method, ctx.path, ctx.status, Date.now() - start);
});
app.use(cameraRouter.routes()).use(cameraRouter.allowedMethods());

mongoose.connect(config.mongoUrl).then(() => {
  app.listen(config.port, () => logger.info('yard %s listening on %d', config.yardCode, config.port));
});
