import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasBiometricConsent, redis } from '../lib/clients.js';

type DriverParams = { driverId: string };

async function requireBiometricConsent(request: FastifyRequest<{ Params: DriverParams }>, reply: FastifyReply) {
  if (!(await hasBiometricConsent(request.params.driverId))) {
    return reply.code(403).send({ error: 'biometric_consent_required' });
  }
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / (Math.sqrt(na) * Math.sqrt(nb));
}

export async function driverRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Params: DriverParams; Body: EnrolBody }>(
    '/drivers/:driverId/face',
    { preHandler: requireBiometricConsent },
    async (request, reply) => {
      await redis.set(`face:${request.params.driverId}`, JSON.stringify(request.body.faceEmbedding));
      request.log.info({ driverId: request.params.driverId, kioskId: request.body.kioskId }, 'face login enrolled');
      return reply.code(204).send();
    },
  );

  app.put<{ Params: DriverParams; Body: EnrolBody & { channel: 'app' | 'kiosk' } }>(
    '/drivers/:driverId/face',
    async (request, reply) => {
      const { driverId } = request.params;
      if (request.body.channel === 'app' && !(await hasBiometricConsent(driverId))) {
        return reply.code(403).send({ error: 'biometric_consent_required' });
      }
      await redis.hset(`face-meta:${driverId}`, { kioskId: request.body.kioskId, channel: request.body.channel });
      await redis.set(`face:${driverId}`, JSON.stringify(request.body.faceEmbedding));
      return reply.code(204).send();
    },
  );

  app.post<{ Body: { fleetId: string; drivers: Array<{ driverId: string; faceEmbedding: number[] }> } }>(
    '/fleets/face-import',
    async (request, reply) => {
      const { fleetId, drivers } = request.body;
      await Promise.all(
        drivers.map(({ driverId, faceEmbedding }) =>
          redis.set(`face:${driverId}`, JSON.stringify(faceEmbedding)),
        ),
      );
      request.log.info({ fleetId, imported: drivers.length }, 'fleet face import done');
      return reply.code(202).send({ imported: drivers.length });
    },
  );

  app.post<{ Params: DriverParams; Body: EnrolBody }>('/drivers/:driverId/face-login', async (request, reply) => {
    const stored = await redis.get(`face:${request.params.driverId}`);
    if (!stored) return reply.code(404).send({ error: 'not_enrolled' });
    const score = cosine(JSON.parse(stored) as number[], request.body.faceEmbedding);
    await redis.lpush(
      `face-login:${request.params.driverId}`,
      JSON.stringify({ at: Date.now(), kioskId: request.body.kioskId, score, accepted: score > 0.72 }),
    );
    return { accepted: score > 0.72 };
  });
}
