/**
 * Redaction configured where a framework makes its request loggers (issue #17 §1): Fastify's `logger.redact` (or a
 * pino instance given as its logger) masks `request.log` and `fastify.log`; pino-http and its Koa wrapper mask
 * `req.log` and `ctx.log` with their own `redact` or with that of the pino instance they are given. A field the
 * paths do not list is still reported.
 */
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index';
import { findingLines, scanSources } from '../support/scan-sources';

const ID = 'no-id-number-logging';

async function linesOf(files: Record<string, string>): Promise<string[]> {
  const result = await scanSources(files, allRules);
  return findingLines(result).filter((line) => line.endsWith(` ${ID}`)).sort();
}

describe('request loggers masked by the redaction of the app that makes them', () => {
  it('Koa parking service (JS): koa-pino-logger given a pino instance that redacts the plate; the VIN is not redacted', async () => {
    const files = {
      'src/app.js': `const Koa = require('koa');
const bodyParser = require('koa-bodyparser');
const pino = require('pino');
const pinoLogger = require('koa-pino-logger');
const entries = require('./entries');

const logger = pino({ level: 'info', redact: { paths: ['plateNo', 'entry.plateNo'], censor: '***' } });

const app = new Koa();
app.use(pinoLogger({ logger }));
app.use(bodyParser());
app.use(entries.routes());

module.exports = app;
`,
      'src/entries.js': `const Router = require('@koa/router');

const router = new Router({ prefix: '/gate' });

router.post('/entries', async (ctx) => {
  const { plateNo, vin, lane } = ctx.request.body;
  ctx.log.info({ plateNo, lane }, 'vehicle entered');
  ctx.log.info({ entry: { plateNo, lane } }, 'entry recorded');
  ctx.log.warn({ vin, lane }, 'vin read by the lane camera');
  ctx.body = { ok: true };
});

module.exports = router;
`,
    };
    expect(await linesOf(files)).toEqual(['src/entries.js:9 no-id-number-logging']);
  });

  it('Fastify showroom API (TS): redact paths as an object; request.log and app.log are masked, an unlisted ID card is not', async () => {
    const files = {
      'src/server.ts': `import Fastify from 'fastify';

interface TestDriveBody {
  customerName: string;
  licenseNo: string;
  idCardNo: string;
}

export function buildServer() {
  const app = Fastify({ logger: { level: 'info', redact: { paths: ['licenseNo', 'booking.licenseNo'], remove: true } } });

  app.post<{ Body: TestDriveBody }>('/test-drives', async (request, reply) => {
    const { customerName, licenseNo, idCardNo } = request.body;
    request.log.info({ customerName, licenseNo }, 'test drive booked');
    app.log.info({ booking: { licenseNo } }, 'booking stored');
    request.log.info({ customerName, idCardNo }, 'identity checked');
    return reply.code(201).send({ ok: true });
  });

  return app;
}
`,
    };
    expect(await linesOf(files)).toEqual(['src/server.ts:16 no-id-number-logging']);
  });
});
