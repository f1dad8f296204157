/**
 * Engine stage: dataflow (issue #17 §5). Guards that run before the handler count: middleware on the route
 * (Express, Koa), Fastify `preHandler` hooks, NestJS `@UseGuards` and Midway `@UseGuard` guard classes. The handler
 * starts with the guards that hold wherever every middleware hands on: its `next()`, a hook's return without a reply,
 * a guard's truthy `canActivate`. Each case is an invalid project (the middleware or guard lets the request through
 * unchecked on some path, or checks something else) and its valid twin.
 */
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index';
import { findingLines, scanSources } from '../support/scan-sources';

const BIOMETRIC = 'no-unconsented-biometric-storage';

async function biometricLines(files: Record<string, string>): Promise<string[]> {
  const result = await scanSources(files, allRules);
  return findingLines(result).filter((line) => line.endsWith(` ${BIOMETRIC}`)).sort();
}

describe('Express: middleware on the route', () => {
  const middleware = (onRefusal: string) => `const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.FLEET_DB_URL });

async function requireBiometricConsent(req, res, next) {
  const { rows } = await pool.query('SELECT face_consent_at, revoked_at FROM driver_consents WHERE driver_id = $1', [req.params.driverId]);
  const consent = rows[0];
  if (!consent || !consent.face_consent_at || consent.revoked_at) {
${onRefusal}
  }
  next();
}

module.exports = { requireBiometricConsent };
`;
  const routes = `const express = require('express');
const multer = require('multer');
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
const { requireBiometricConsent } = require('../middleware/consent');

const s3 = new S3Client({ region: 'eu-west-1' });
const upload = multer({ storage: multer.memoryStorage() });
const router = express.Router();

router.post('/drivers/:driverId/face', requireBiometricConsent, upload.single('face'), async (req, res) => {
  const faceImage = req.file.buffer;
  await s3.send(new PutObjectCommand({ Bucket: 'fleet-driver-faces', Key: \`\${req.params.driverId}.jpg\`, Body: faceImage }));
  res.sendStatus(201);
});

module.exports = router;
`;

  it('a middleware that logs the refusal and calls next() anyway lets the upload through unchecked', async () => {
    const files = {
      'src/middleware/consent.js': middleware("    console.warn('driver %s has no face consent', req.params.driverId);"),
      'src/routes/drivers.js': routes,
    };
    expect(await biometricLines(files)).toEqual([`src/routes/drivers.js:12 ${BIOMETRIC}`]);
  });

  it('valid twin: the middleware replies 403 and returns, and calls next() only when consent holds', async () => {
    const files = {
      'src/middleware/consent.js': middleware("    return res.status(403).json({ error: 'separate face consent required' });"),
      'src/routes/drivers.js': routes,
    };
    expect(await biometricLines(files)).toEqual([]);
  });
});

describe('Koa: middleware on the route, inside a router factory', () => {
  const routes = (middleware: string) => `import Router from '@koa/router';
import { writeFile } from 'node:fs/promises';
import { hasFaceConsent } from '../services/consent';

export function createGateRouter(): Router {
  const router = new Router({ prefix: '/api/tower-b' });

  const requireFaceConsent = async (ctx: any, next: () => Promise<void>) => {
${middleware}
  };

  router.post('/residents/:residentId/gate-face', requireFaceConsent, async (ctx) => {
    const faceImage = Buffer.from(ctx.request.body.faceImageBase64, 'base64');
    await writeFile(\`/var/lib/gate/faces/\${ctx.params.residentId}.jpg\`, faceImage);
    ctx.status = 201;
  });

  return router;
}
`;
  const consent = `export async function hasFaceConsent(residentId: string): Promise<boolean> {
  const response = await fetch(\`http://consent.tower-b.internal/residents/\${residentId}/face\`);
  return response.ok && (await response.json()).granted === true;
}
`;

  it('a middleware that checks the consent after handing on protects nothing', async () => {
    const files = {
      'src/services/consent.ts': consent,
      'src/routes/gate.ts': routes("    await next();\n    if (!(await hasFaceConsent(ctx.params.residentId))) ctx.status = 403;"),
    };
    expect(await biometricLines(files)).toEqual([`src/routes/gate.ts:15 ${BIOMETRIC}`]);
  });

  it('valid twin: `ctx.throw(403)` unless consent, then `await next()`', async () => {
    const files = {
      'src/services/consent.ts': consent,
      'src/routes/gate.ts': routes("    if (!(await hasFaceConsent(ctx.params.residentId))) ctx.throw(403, 'separate face consent required');\n    await next();"),
    };
    expect(await biometricLines(files)).toEqual([]);
  });
});

describe('Fastify: preHandler hooks', () => {
  const plugin = (refusal: string) => `import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const redis = new Redis(process.env.REDIS_URL!);

type DriverRequest = FastifyRequest<{ Params: { driverId: string }; Body: { faceEmbedding: number[] } }>;

async function requireBiometricConsent(request: DriverRequest, reply: FastifyReply): Promise<void> {
  const consent = await prisma.biometricConsent.findUnique({ where: { driverId: request.params.driverId } });
  if (!consent?.faceConsentAt || consent.faceConsentRevokedAt) {
${refusal}
  }
}

export async function chargingDriverRoutes(app: FastifyInstance): Promise<void> {
  app.post('/drivers/:driverId/face-template', { preHandler: requireBiometricConsent }, async (request: DriverRequest, reply: FastifyReply) => {
    const { faceEmbedding } = request.body;
    await redis.set(\`driver:\${request.params.driverId}:face\`, JSON.stringify(faceEmbedding));
    return reply.code(204).send();
  });
}
`;

  it('a hook that sends 403 but does not return lets the request on to the handler', async () => {
    const files = { 'src/routes/drivers.ts': plugin("    reply.code(403).send({ error: 'separate face consent required' });") };
    expect(await biometricLines(files)).toEqual([`src/routes/drivers.ts:20 ${BIOMETRIC}`]);
  });

  it('valid twin: the hook sends 403 and returns', async () => {
    const files = { 'src/routes/drivers.ts': plugin("    reply.code(403).send({ error: 'separate face consent required' });\n    return;") };
    expect(await biometricLines(files)).toEqual([]);
  });

  it('valid twin: the hook returns the reply (`return reply.code(403).send()`), in the options of `app.route`', async () => {
    const files = {
      'src/routes/drivers.ts': plugin("    return reply.code(403).send({ error: 'separate face consent required' });").replace(
        "app.post('/drivers/:driverId/face-template', { preHandler: requireBiometricConsent }, async (request: DriverRequest, reply: FastifyReply) => {",
        "app.route({ method: 'POST', url: '/drivers/:driverId/face-template', preHandler: [requireBiometricConsent], handler: async (request: DriverRequest, reply: FastifyReply) => {",
      ).replace('    return reply.code(204).send();\n  });', '    return reply.code(204).send();\n  } });'),
    };
    expect(await biometricLines(files)).toEqual([]);
  });
});

describe('NestJS: @UseGuards', () => {
  const project = (guardOnUpload: string): Record<string, string> => ({
    'src/prisma.service.ts': `import { Injectable } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';

@Injectable()
export class PrismaService extends PrismaClient {}
`,
    'src/consent/consent.service.ts': `import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';

@Injectable()
export class ConsentService {
  constructor(private readonly prisma: PrismaService) {}

  async hasFaceConsent(buyerId: string): Promise<boolean> {
    const row = await this.prisma.biometricConsent.findFirst({ where: { buyerId, revokedAt: null } });
    return row !== null;
  }
}
`,
    'src/consent/face-consent.guard.ts': `import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ConsentService } from './consent.service';

@Injectable()
export class FaceConsentGuard implements CanActivate {
  constructor(private readonly consents: ConsentService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest();
    return this.consents.hasFaceConsent(request.params.buyerId);
  }
}
`,
    'src/auth/jwt.guard.ts': `import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';

@Injectable()
export class JwtGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest();
    return typeof request.headers.authorization === 'string';
  }
}
`,
    'src/showroom/buyer-face.controller.ts': `import { Controller, Param, Post, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { JwtGuard } from '../auth/jwt.guard';
import { FaceConsentGuard } from '../consent/face-consent.guard';
import { PrismaService } from '../prisma.service';

@Controller('showroom/buyers')
@UseGuards(JwtGuard)
export class BuyerFaceController {
  constructor(private readonly prisma: PrismaService) {}

  @Post(':buyerId/face')
  ${guardOnUpload}
  @UseInterceptors(FileInterceptor('face'))
  async upload(@Param('buyerId') buyerId: string, @UploadedFile() file: { buffer: Buffer }) {
    const faceImage = file.buffer;
    await this.prisma.buyerFace.create({ data: { buyerId, faceImage } });
  }
}
`,
  });

  it('a controller behind a JWT guard only stores the face unchecked', async () => {
    expect(await biometricLines(project('// face consent is checked by the mobile app'))).toEqual([`src/showroom/buyer-face.controller.ts:17 ${BIOMETRIC}`]);
  });

  it("valid twin: @UseGuards(FaceConsentGuard) on the method, whose canActivate returns the buyer's consent", async () => {
    expect(await biometricLines(project('@UseGuards(FaceConsentGuard)'))).toEqual([]);
  });

  it('valid twin: the guard inherits canActivate from a base class of the project', async () => {
    const files = project('@UseGuards(FaceConsentGuard)');
    files['src/consent/consent-guard.base.ts'] = files['src/consent/face-consent.guard.ts']
      .replace('@Injectable()\nexport class FaceConsentGuard implements CanActivate {', 'export abstract class ConsentGuardBase implements CanActivate {')
      .replace("import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';", "import { CanActivate, ExecutionContext } from '@nestjs/common';");
    files['src/consent/face-consent.guard.ts'] = `import { Injectable } from '@nestjs/common';
import { ConsentGuardBase } from './consent-guard.base';

@Injectable()
export class FaceConsentGuard extends ConsentGuardBase {}
`;
    expect(files['src/consent/consent-guard.base.ts']).toContain('export abstract class ConsentGuardBase');
    expect(await biometricLines(files)).toEqual([]);
  });
});

describe('Midway: @UseGuard', () => {
  const project = (controllerGuard: string) => ({
    'src/service/consent.service.ts': `import { Provide } from '@midwayjs/core';
import { InjectRepository } from '@midwayjs/typeorm';
import { Repository } from 'typeorm';
import { OwnerConsent } from '../entity/owner-consent.entity';

@Provide()
export class ConsentService {
  @InjectRepository(OwnerConsent)
  consentRepo: Repository<OwnerConsent>;

  async findFaceConsent(ownerId: string): Promise<OwnerConsent | null> {
    return this.consentRepo.findOne({ where: { ownerId } });
  }
}
`,
    'src/entity/owner-consent.entity.ts': `export class OwnerConsent {
  ownerId: string;
  grantedAt: Date;
  revokedAt?: Date;
}
`,
    'src/guard/face-consent.guard.ts': `import { Guard, IGuard, Inject } from '@midwayjs/core';
import { Context } from '@midwayjs/koa';
import { ConsentService } from '../service/consent.service';

@Guard()
export class FaceConsentGuard implements IGuard<Context> {
  @Inject()
  consentService: ConsentService;

  async canActivate(context: Context): Promise<boolean> {
    const faceConsent = await this.consentService.findFaceConsent(context.params.ownerId);
    return !!faceConsent && !faceConsent.revokedAt;
  }
}
`,
    'src/controller/owner-face.controller.ts': `import { Body, Controller, Param, Post, UseGuard } from '@midwayjs/core';
import { writeFile } from 'node:fs/promises';
import { FaceConsentGuard } from '../guard/face-consent.guard';

interface FaceUpload {
  faceImage: string;
}

${controllerGuard}
@Controller('/api/vehicles/owners')
export class OwnerFaceController {
  @Post('/:ownerId/face')
  async enrol(@Param('ownerId') ownerId: string, @Body() body: FaceUpload) {
    await writeFile(\`/data/parking/owner-faces/\${ownerId}.jpg\`, Buffer.from(body.faceImage, 'base64'));
    return { ok: true };
  }
}
`,
  });

  it('a controller without the guard stores the owner face unchecked', async () => {
    expect(await biometricLines(project('// guarded at the gateway'))).toEqual([`src/controller/owner-face.controller.ts:14 ${BIOMETRIC}`]);
  });

  it('valid twin: @UseGuard(FaceConsentGuard) on the controller class covers its methods', async () => {
    expect(await biometricLines(project('@UseGuard([FaceConsentGuard])'))).toEqual([]);
  });
});
