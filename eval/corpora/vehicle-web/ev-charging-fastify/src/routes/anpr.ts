import type { FastifyInstance } from 'fastify';
import { redis } from '../lib/clients.js';

export async function anprRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: AnprEvent }>('/anpr/events', async (request, reply) => {
    const event = request.body;
    if (event.confidence < 0.6) {
      request.log.debug({ bayId: event.bayId, confidence: event.confidence }, 'low-confidence read ignored');
      return reply.code(202).send();
    }
    const key = `bay:${event.bayId}`;
    if (event.direction === 'in') {
      await redis.hset(key, { plateNo: event.plateNo, since: event.capturedAt });
    } else {
      await redis.del(key);
    }
    request.log.info({ bayId: event.bayId, direction: event.direction, plateNo: event.plateNo }, 'ANPR event');
    return reply.code(202).send();
  });

  app.get<{ Params: { bayId: string } }>('/bays/:bayId', async (request) => {
    const bay = await redis.hgetall(`bay:${request.params.bayId}`);
    request.log.info(`bay ${request.params.bayId} occupied by ${bay.plateNo ?? 'nobody'}`);
    return { occupied: Boolean(bay.plateNo), since: bay.since ?? null };
  });
}
