import Hapi from '@hapi/hapi';
import HapiPino from 'hapi-pino';
import * as Sentry from '@sentry/node';
import { customerRoutes } from './routes/customers';
import { testDriveRoutes } from './routes/testDrives';
import { faceRoutes } from './routes/faces';

Sentry.init({
  dsn: process.env.SENTRY_DSN,
  environment: process.env.NODE_ENV ?? 'development',
  tracesSampleRate: 0.1,
});

export async function createServer(): Promise<Hapi.Server> {
  const server = Hapi.server({
    port: Number(process.env.PORT ?? 3000),
    host: '0.0.0.0',
    routes: {
      cors: { origin: ['https://crm.huaxin-auto.cn'] },
      payload: { maxBytes: 8 * 1024 * 1024 },
    },
  });

  await server.register({
    plugin: HapiPino,
    options: {
      level: process.env.LOG_LEVEL ?? 'info',
      logEvents: ['response', 'request-error'],
      // 客户对象里的证件号、手机号不落日志
      redact: {
        paths: ['req.headers.authorization', 'customer.idCardNo', 'customer.mobile'],
        censor: '***',
      },
    },
  });

  server.route([...customerRoutes, ...testDriveRoutes, ...faceRoutes]);
  return server;
}

async function start(): Promise<void> {
  const server = await createServer();
  await server.start();
  server.logger.info(`dealer-crm listening on ${server.info.uri}`);
}

process.on('unhandledRejection', (err) => {
  console.error(err);
  process.exit(1);
});

start();
