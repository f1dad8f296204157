import {BootMixin} from '@loopback/boot';
import {ApplicationConfig} from '@loopback/core';
import {LoggingBindings, LoggingComponent} from '@loopback/logging';
import {RepositoryMixin} from '@loopback/repository';
import {RestApplication} from '@loopback/rest';
import {ServiceMixin} from '@loopback/service-proxy';
import Redis from 'ioredis';
import * as Minio from 'minio';
import {FaceConsentInterceptor} from './interceptors/face-consent.interceptor';

export class AccessControlApplication extends BootMixin(ServiceMixin(RepositoryMixin(RestApplication))) {
  constructor(options: ApplicationConfig = {}) {
    super(options);

    this.configure(LoggingBindings.COMPONENT).to({enableFluent: false, enableHttpAccessLog: true});
    this.configure(LoggingBindings.WINSTON_LOGGER).to({level: process.env.LOG_LEVEL ?? 'info', defaultMeta: {app: 'access'}});
    this.component(LoggingComponent);

    this.bind('datasources.redis.client').to(
      new Redis({host: process.env.REDIS_HOST, port: 6379, password: process.env.REDIS_PASSWORD, db: 3}),
    );
    this.bind('clients.minio').to(
      new Minio.Client({
        endPoint: 'oss.zhiyu-cloud.com',
        useSSL: true,
        accessKey: process.env.MINIO_AK as string,
        secretKey: process.env.MINIO_SK as string,
      }),
    );
    this.interceptor(FaceConsentInterceptor);

    this.projectRoot = __dirname;
    this.bootOptions = {
      controllers: {dirs: ['controllers'], extensions: ['.controller.js'], nested: true},
    };
  }
}
