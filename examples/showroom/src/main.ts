import 'reflect-metadata';
import * as Sentry from '@sentry/node';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { appLogger } from './shared/logger';

async function bootstrap(): Promise<void> {
  Sentry.init({ dsn: process.env.SENTRY_DSN, environment: process.env.NODE_ENV ?? 'development' });
  const app = await NestFactory.create(AppModule);
  app.setGlobalPrefix('api');
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port);
  appLogger.info('showroom platform listening', { port });
}

bootstrap().catch((error: unknown) => {
  appLogger.error('showroom platform failed to start', { error });
  process.exit(1);
});
