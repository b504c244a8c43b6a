/**
 * `POST /v1/events`: Web Pixel events exactly as a pixel sends them, or native events. Answers 202
 * only after every event is durably stored.
 */
import type { FastifyInstance } from 'fastify';
import { AffinityError, isAffinityError } from '../../core/errors.ts';
import { parseIngest } from '../../core/events/ingest.ts';
import { isMCPAware } from '../../app/personalizedRecommender.ts';
import type { AppContext } from '../context.ts';

export function eventRoutes(app: FastifyInstance, ctx: AppContext): void {
  // Up to MAX_BATCH_EVENTS pixel events of a few kilobytes each.
  app.post('/v1/events', { bodyLimit: 8 * 1024 * 1024 }, async (req, reply) => {
    let parsed;
    try {
      // The envelope's `shop`, if any, was held to the tenant by the access hook.
      parsed = parseIngest(req.body, { shop: req.tenant, now: ctx.clock() });
    } catch (err) {
      if (isAffinityError(err)) ctx.metrics.eventsRejected.inc({ code: err.code });
      throw err;
    }
    let result = { accepted: 0, duplicates: 0 };
    if (parsed.events.length > 0) {
      try {
        // Events of a gift conversation are marked so they do not teach the shopper's own tastes.
        const events = isMCPAware(ctx.personalizer) ? ctx.personalizer.markEvents(parsed.events, ctx.clock()) : parsed.events;
        result = await ctx.store.append(events);
      } catch (err) {
        // Nothing was acknowledged: the sender keeps the events and retries.
        ctx.logError(err, 'append failed');
        // Retry-After: the store is probed every 250 ms and reconnects within a second of coming back.
        throw Object.assign(new AffinityError('STORE_UNAVAILABLE', 'The event store did not accept the events; retry later.', [], { cause: err }), { retryAfterS: 1 });
      }
    }
    for (const e of parsed.events) ctx.metrics.eventsIngested.inc({ type: e.type, source: e.source });
    if (result.duplicates > 0) ctx.metrics.eventsDuplicate.inc(result.duplicates);
    if (parsed.ignored > 0) ctx.metrics.eventsIgnored.inc(parsed.ignored);
    if (result.accepted > 0) ctx.projector.kick();
    return reply.status(202).send({ accepted: result.accepted, duplicates: result.duplicates, ignored: parsed.ignored });
  });
}
