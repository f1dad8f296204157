import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { posthog, redis } from '../lib/clients.js';

const IDLE_FEE_PER_MIN = 0.4;

async function unpaidIdleFees(plateNo: string): Promise<number> {
  const cents = await redis.hget('idle-fees:unpaid', plateNo);
  return cents ? Number(cents) / 100 : 0;
}

function trackSessionStarted({ driverId, stationId, connectorId, plateNo }: ChargingSession): void {
  posthog.capture({
    distinctId: driverId ?? `station:${stationId}`,
    event: 'charging_session_started',
    properties: { stationId, connectorId, plateNo },
  });
}

export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: StartSessionBody }>('/sessions', async (request, reply) => {
    const { stationId, connectorId, plateNo, driverId } = request.body;
    request.log.info({ stationId, connectorId, plateNo }, 'session start requested');

    const owed = await unpaidIdleFees(plateNo);
    if (owed > 0) {
      request.log.warn(`plate ${plateNo} owes ${owed.toFixed(2)} EUR in idle fees, session refused`);
      return reply.code(402).send({ error: 'idle_fees_unpaid', owed });
    }

    const session: ChargingSession = {
      id: randomUUID(),
      stationId,
      connectorId,
      plateNo,
      driverId,
      startedAt: new Date().toISOString(),
      energyKwh: 0,
    };
    await redis.set(`session:${session.id}`, JSON.stringify(session), 'EX', 60 * 60 * 24);
    request.log.info({ session }, 'session started');

    trackSessionStarted(session);
    return reply.code(201).send({ sessionId: session.id });
  });

  app.post<{ Params: { id: string }; Body: { energyKwh: number; idleMinutes: number } }>(
    '/sessions/:id/stop',
    async (request, reply) => {
      const raw = await redis.get(`session:${request.params.id}`);
      if (!raw) return reply.code(404).send();
      const session = JSON.parse(raw) as ChargingSession;
      const idleFee = Math.max(0, request.body.idleMinutes - 10) * IDLE_FEE_PER_MIN;
      if (idleFee > 0) {
        await redis.hincrby('idle-fees:unpaid', session.plateNo, Math.round(idleFee * 100));
      }
      posthog.capture({
        distinctId: session.driverId ?? `station:${session.stationId}`,
        event: 'charging_session_stopped',
        properties: { sessionId: session.id, energyKwh: request.body.energyKwh, idleFee },
      });
      request.log.info({ sessionId: session.id, energyKwh: request.body.energyKwh }, 'session stopped');
      return { idleFee };
    },
  );
}
