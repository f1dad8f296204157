import Fastify from 'fastify';
import { anprRoutes } from './routes/anpr.js';
import { driverRoutes } from './routes/drivers.js';
import { sessionRoutes } from './routes/sessions.js';

export function buildServer() {
  const app = Fastify({
    logger: {
      level: process.env.LOG_LEVEL ?? 'info',
      redact: {
        paths: ['plateNo', 'session.plateNo', 'req.headers.authorization'],
        censor: '***',
      },
    },
    bodyLimit: 5 * 1024 * 1024,
  });

  app.register(sessionRoutes, { prefix: '/v1' });
  app.register(anprRoutes, { prefix: '/v1' });
  app.register(driverRoutes, { prefix: '/v1' });
  return app;
}

const app = buildServer();
app.listen({ port: Number(process.env.PORT ?? 3000), host: '0.0.0.0' }).catch((err) => {
  app.log.error(err);
  process.exit(1);
});
