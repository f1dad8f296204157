// @ts-check
'use strict';
const fs = require('node:fs');
const path = require('node:path');
/**
 * The files every generated project has once: shared infrastructure (loggers, masking, anonymiser, Prisma,
 * consent, face engine, clients), the type shims that let `tsc` check the project without node_modules, and
 * the project's configuration files.
 */

const SHIMS = `/**
 * Stand-ins for the packages this service imports, so that \`tsc --noEmit\` checks the project's own code on a
 * checkout without node_modules. Packages whose types appear in signatures get small typed declarations.
 */
declare module '@nestjs/common';
declare module '@nestjs/core';
declare module '@nestjs/platform-express';
declare module '@nestjs/swagger';
declare module 'class-validator';
declare module '@prisma/client';
declare module '@sentry/node';
declare module 'axios';
declare module 'canvas';
declare module 'pino';
declare module 'winston';

declare module 'mqtt' {
  export interface IClientPublishOptions {
    qos?: 0 | 1 | 2;
    retain?: boolean;
  }
  export interface MqttClient {
    publish(topic: string, message: string | Uint8Array, options?: IClientPublishOptions): MqttClient;
    publishAsync(topic: string, message: string | Uint8Array, options?: IClientPublishOptions): Promise<void>;
    end(force?: boolean): MqttClient;
    on(event: 'connect' | 'close' | 'offline', listener: () => void): MqttClient;
    on(event: 'error', listener: (error: Error) => void): MqttClient;
  }
  export interface IClientOptions {
    clientId?: string;
    clean?: boolean;
    reconnectPeriod?: number;
  }
  export function connect(url: string, options?: IClientOptions): MqttClient;
  const mqtt: { connect: typeof connect };
  export default mqtt;
}

declare module '@u4/opencv4nodejs' {
  namespace cv {
    class Rect {
      constructor(x: number, y: number, width: number, height: number);
      readonly x: number;
      readonly y: number;
      readonly width: number;
      readonly height: number;
    }
    class Size {
      constructor(width: number, height: number);
    }
    class Mat {
      readonly rows: number;
      readonly cols: number;
      readonly empty: boolean;
      copy(): Mat;
      bgrToGray(): Mat;
      getRegion(rect: Rect): Mat;
      gaussianBlur(size: Size, sigma: number): Mat;
      copyTo(target: Mat): Mat;
      resize(rows: number, cols: number): Mat;
    }
    class VideoCapture {
      constructor(source: string | number);
      read(): Mat;
      release(): void;
    }
    class CascadeClassifier {
      constructor(model: string);
      detectMultiScale(image: Mat): { objects: Rect[] };
    }
    const HAAR_FRONTALFACE_ALT2: string;
    const HAAR_PROFILEFACE: string;
    const HAAR_RUSSIAN_PLATE_NUMBER: string;
    function imencode(extension: string, image: Mat): Buffer;
  }
  export default cv;
}

declare module 'face-api.js' {
  export interface FaceDetectionWithDescriptor {
    readonly descriptor: Float32Array;
  }
  export interface DetectSingleFaceTask {
    withFaceLandmarks(): { withFaceDescriptor(): Promise<FaceDetectionWithDescriptor | undefined> };
  }
  export function detectSingleFace(input: unknown): DetectSingleFaceTask;
  export function euclideanDistance(a: Float32Array | number[], b: Float32Array | number[]): number;
  export const env: { monkeyPatch(patch: Record<string, unknown>): void };
}

declare module '@aws-sdk/client-s3' {
  export class S3Client {
    constructor(config: { region: string });
    send(command: PutObjectCommand): Promise<{ ETag?: string }>;
  }
  export class PutObjectCommand {
    constructor(input: { Bucket: string; Key: string; Body: Uint8Array | string; ContentType?: string });
  }
}

declare module 'node:fs/promises' {
  export function writeFile(path: string, data: Uint8Array | string): Promise<void>;
  export function readFile(path: string): Promise<Buffer>;
}

declare module 'node:path' {
  export function join(...parts: string[]): string;
}

declare module 'node:crypto' {
  interface Hash {
    update(data: string | Uint8Array): Hash;
    digest(encoding: 'hex' | 'base64'): string;
  }
  export function createHash(algorithm: string): Hash;
  export function createHmac(algorithm: string, key: string): Hash;
  export function randomUUID(): string;
}

interface Buffer extends Uint8Array<ArrayBuffer> {
  toString(encoding?: 'utf8' | 'base64' | 'hex'): string;
}
declare const Buffer: {
  from(data: string | ArrayBufferLike | ArrayLike<number>, encoding?: 'utf8' | 'base64' | 'hex'): Buffer;
  concat(chunks: readonly Uint8Array[]): Buffer;
  isBuffer(value: unknown): value is Buffer;
};
declare const process: {
  env: Record<string, string | undefined>;
  exitCode: number | undefined;
  on(event: 'SIGTERM' | 'SIGINT', listener: () => void): void;
};
`;

/** @param {string} name */
function packageJson(name) {
  return `${JSON.stringify(
    {
      name,
      version: '2.3.0',
      private: true,
      description: 'Dealer, vehicle and building services (generated benchmark corpus for piilint).',
      license: 'UNLICENSED',
      scripts: { build: 'tsc -p tsconfig.json', start: 'node dist/main.js' },
      dependencies: {
        '@aws-sdk/client-s3': '^3.700.0',
        '@nestjs/common': '^11.1.0',
        '@nestjs/core': '^11.1.0',
        '@nestjs/platform-express': '^11.1.0',
        '@prisma/client': '^6.1.0',
        '@sentry/node': '^8.55.0',
        '@u4/opencv4nodejs': '^7.1.2',
        axios: '^1.7.9',
        canvas: '^2.11.2',
        'class-validator': '^0.14.1',
        '@nestjs/swagger': '^8.1.0',
        'face-api.js': '^0.22.2',
        mqtt: '^5.10.0',
        pino: '^9.5.0',
        winston: '^3.17.0',
      },
    },
    null,
    2,
  )}\n`;
}

const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      module: 'node16',
      moduleResolution: 'node16',
      lib: ['ES2022', 'DOM'],
      strict: true,
      noEmit: true,
      esModuleInterop: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      skipLibCheck: true,
      types: [],
    },
    include: ['src/**/*.ts', 'types/**/*.d.ts'],
  },
  null,
  2,
)}\n`;

const LOGGER = `import { createLogger, format, transports } from 'winston';

/** Application log: JSON lines to stdout, collected by the group's log platform and kept for 180 days. */
export const appLogger = createLogger({
  level: process.env.LOG_LEVEL ?? 'info',
  format: format.combine(format.timestamp(), format.errors({ stack: true }), format.json()),
  defaultMeta: { service: 'mobility-platform' },
  transports: [new transports.Console()],
});

/** Audit trail of staff actions, kept for three years for the brand's dealer audits. */
export const auditLogger = appLogger.child({ channel: 'audit' });

export function audit(action: string, details: Record<string, unknown>): void {
  auditLogger.info(action, details);
}

export function logDuration(operation: string, startedAt: number): void {
  const elapsedMs = Date.now() - startedAt;
  if (elapsedMs > 2_000) {
    appLogger.warn('slow operation', { operation, elapsedMs });
  } else {
    appLogger.debug('operation finished', { operation, elapsedMs });
  }
}
`;

const PINO = `import pino from 'pino';

/** Structured log for the high-volume paths (telemetry, access events). */
export const log = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: 'mobility-platform' },
  timestamp: pino.stdTimeFunctions.isoTime,
});
`;

const MASKING = `/**
 * Display and log masks. A resident ID keeps its first three and last four characters, so the birth date
 * (positions 7-14) is always hidden; plates keep the province and the last two characters; VINs keep the
 * manufacturer prefix (WMI) and the last four characters.
 */

export function maskIdNumber(idNumber: string): string {
  const value = idNumber.trim();
  if (value.length <= 7) return '*'.repeat(value.length);
  return \`\${value.slice(0, 3)}\${'*'.repeat(value.length - 7)}\${value.slice(-4)}\`;
}

export function maskPlate(plateNo: string): string {
  const value = plateNo.replace(/[·•\\s-]/g, '');
  if (value.length < 4) return '*'.repeat(value.length);
  return \`\${value.slice(0, 2)}\${'*'.repeat(value.length - 4)}\${value.slice(-2)}\`;
}

export function maskVin(vin: string): string {
  const value = vin.trim().toUpperCase();
  if (value.length !== 17) return '*'.repeat(value.length);
  return \`\${value.slice(0, 3)}**********\${value.slice(-4)}\`;
}

export function maskMobile(mobile: string): string {
  return mobile.length === 11 ? \`\${mobile.slice(0, 3)}****\${mobile.slice(-4)}\` : '*'.repeat(mobile.length);
}

export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  return \`\${chars[0]}\${'*'.repeat(chars.length - 1)}\`;
}
`;

/** The showroom example's own anonymiser and consent service: the generated projects use them as they are. */
const SHOWROOM = path.join(__dirname, '..', '..', 'examples', 'showroom', 'src');
const ANONYMIZER = fs.readFileSync(path.join(SHOWROOM, 'shared', 'anonymizer.ts'), 'utf8');

const PRISMA = `import { Injectable } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';

@Injectable()
export class PrismaService extends PrismaClient {
  async onModuleInit(): Promise<void> {
    await this.$connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
`;

// Generated projects keep it next to the Prisma service, in shared/.
const CONSENT = fs.readFileSync(path.join(SHOWROOM, 'consent', 'consent.service.ts'), 'utf8').replace("'../shared/prisma.service'", "'./prisma.service'");

const FACE_ENGINE = `import { Canvas, Image, ImageData, loadImage } from 'canvas';
import * as faceapi from 'face-api.js';

faceapi.env.monkeyPatch({ Canvas, Image, ImageData });

export class FaceNotFoundError extends Error {
  constructor() {
    super('No face found in the photo; ask the person to face the camera without glasses or mask');
    this.name = 'FaceNotFoundError';
  }
}

/** 128-dimensional face descriptor of the single face in a photo. */
export async function computeDescriptor(photo: Buffer): Promise<Float32Array> {
  const image = await loadImage(photo);
  const result = await faceapi.detectSingleFace(image).withFaceLandmarks().withFaceDescriptor();
  if (result === undefined) throw new FaceNotFoundError();
  return result.descriptor;
}

export function descriptorDistance(a: Float32Array, b: Float32Array): number {
  return faceapi.euclideanDistance(a, b);
}
`;

const S3 = `import { S3Client } from '@aws-sdk/client-s3';

export const EVIDENCE_BUCKET = process.env.EVIDENCE_BUCKET ?? 'mobility-evidence-cn-east-2';

export const s3 = new S3Client({ region: process.env.AWS_REGION ?? 'cn-northwest-1' });

export function evidenceKey(prefix: string, id: string, at: Date = new Date()): string {
  const day = at.toISOString().slice(0, 10);
  return \`\${prefix}/\${day}/\${id}.jpg\`;
}
`;

const MQTT = `import mqtt, { MqttClient } from 'mqtt';
import { appLogger } from './logger';

const BROKER_URL = process.env.MQTT_BROKER_URL ?? 'mqtts://iot.example-oem.com:8883';

/** One client per component; the broker keeps its session (clean: false) across reconnects. */
export function connectTelemetry(clientId: string): MqttClient {
  const client = mqtt.connect(BROKER_URL, { clientId, clean: false, reconnectPeriod: 5_000 });
  client.on('error', (error: Error) => appLogger.warn('mqtt error', { clientId, message: error.message }));
  client.on('offline', () => appLogger.info('mqtt offline', { clientId }));
  return client;
}
`;

const HTTP = `import axios from 'axios';

/** The group cloud's API gateway. */
export const CLOUD_API = process.env.CLOUD_API ?? 'https://api.mobility-cloud.example.com';

export const http = axios.create({
  baseURL: CLOUD_API,
  timeout: 10_000,
  headers: { 'X-Client': 'mobility-platform' },
});

export const EDGE_ANALYTICS_URL = 'http://127.0.0.1:8090/edge/frames';
`;

const ERRORS = `export class DomainError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class ConflictError extends DomainError {
  constructor(entity: string, id: string) {
    super(\`\${entity} \${id} was changed by someone else; reload and try again\`, 'conflict');
  }
}

export class QuotaExceededError extends DomainError {
  constructor(resource: string, limit: number) {
    super(\`Quota for \${resource} exceeded (limit \${limit})\`, 'quota_exceeded');
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
`;

const PAGINATION = `export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  hasNext: boolean;
}

export function paginate<T>(items: T[], total: number, page: number, pageSize: number): Page<T> {
  const safePage = Math.max(1, Math.floor(page));
  const safeSize = Math.min(200, Math.max(1, Math.floor(pageSize)));
  return { items, total, page: safePage, pageSize: safeSize, hasNext: safePage * safeSize < total };
}

export function emptyPage<T>(pageSize = 20): Page<T> {
  return { items: [], total: 0, page: 1, pageSize, hasNext: false };
}
`;

const DATES = `const DAY_MS = 24 * 60 * 60 * 1000;

export function daysAgo(days: number, now: Date = new Date()): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}

export function isSameShanghaiDay(a: Date, b: Date): boolean {
  const offset = 8 * 60 * 60 * 1000;
  return Math.floor((a.getTime() + offset) / DAY_MS) === Math.floor((b.getTime() + offset) / DAY_MS);
}

export function toShanghaiDate(date: Date): string {
  return new Date(date.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
`;

const MONEY = `export function formatCents(cents: number, currency = 'CNY'): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return \`\${sign}\${currency} \${Math.floor(abs / 100)}.\${String(abs % 100).padStart(2, '0')}\`;
}

export function applyDiscount(cents: number, percent: number): number {
  if (percent <= 0) return cents;
  return Math.round(cents * (1 - Math.min(percent, 100) / 100));
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
`;

/** @param {{ import: string, name: string }[]} moduleImports the context modules: import line and class name */
function mainFile(moduleImports) {
  return `import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { appLogger } from './shared/logger';
${moduleImports.map((line) => line.import).join('\n')}

@Module({
  imports: [
${moduleImports.map((line) => `    ${line.name},`).join('\n')}
  ],
})
export class AppModule {}

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule);
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 3000));
  appLogger.info('mobility platform listening', { port: process.env.PORT ?? 3000 });
}

bootstrap().catch((error: unknown) => {
  appLogger.error('bootstrap failed', { message: String(error) });
  process.exitCode = 1;
});
`;
}

/** @type {Record<string, string>} paths under src/shared */
const SHARED_FILES = {
  'logger.ts': LOGGER,
  'pino.ts': PINO,
  'masking.ts': MASKING,
  'anonymizer.ts': ANONYMIZER,
  'prisma.service.ts': PRISMA,
  'consent.service.ts': CONSENT,
  'face-engine.ts': FACE_ENGINE,
  's3.ts': S3,
  'mqtt.ts': MQTT,
  'http.ts': HTTP,
  'errors.ts': ERRORS,
  'pagination.ts': PAGINATION,
  'dates.ts': DATES,
  'money.ts': MONEY,
};

module.exports = { SHIMS, TSCONFIG, SHARED_FILES, packageJson, mainFile };
