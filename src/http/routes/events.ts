/**
 * `POST /v1/events`: Web Pixel events exactly as a pixel sends them, or native events. Answers 202
 * only after every valid event is durably stored; events refused on their own are listed in `rejected`
 * (present only when there are any), and a batch with no valid event is a 400. The use case is
 * `features/ingest/recordEvents.ts`; this route reads the request (tenant, pixel or server) and presents
 * the outcome.
 */
import type { FastifyInstance } from 'fastify';
import { recordEvents, type ConsentRecorder } from '../../features/ingest/index.ts';
import type { AppContext } from '../context.ts';
import { isPixelRequest } from '../requestGuard.ts';

/** Registers the route; `consent` records the batches' consent signals (when privacy is wired). */
export function eventRoutes(app: FastifyInstance, ctx: AppContext, consent?: ConsentRecorder): void {
  // Up to MAX_BATCH_EVENTS pixel events of a few kilobytes each.
  app.post('/v1/events', { bodyLimit: 8 * 1024 * 1024 }, async (req, reply) => {
    // The envelope's `shop`, if any, was held to the tenant by the access hook.
    const r = await recordEvents(ctx, { shop: req.tenant, body: req.body, via: isPixelRequest(req) ? 'pixel' : 'server', ...(consent ? { consent } : {}) });
    return reply.status(202).send({ accepted: r.accepted, duplicates: r.duplicates, ignored: r.ignored, ...(r.rejected.length > 0 ? { rejected: r.rejected } : {}) });
  });
}
