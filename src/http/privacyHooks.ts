/**
 * Cross-cutting privacy hooks of the HTTP app: access control on every route (API keys, pixel
 * origins, rate limits; see `requestGuard.ts`) and the consent signals of `POST /v1/events`, read
 * before the events are gated and stored. (The CORS answers to the pixel are in `app.ts`.)
 */
import type { FastifyInstance } from 'fastify';
import { isAffinityError } from '../core/errors.ts';
import type { PrivacyHttpContext } from './privacyContext.ts';
import { clientIdsOf, pathOf, routeAccess } from './requestGuard.ts';
import { onEventsConsent } from './routes/consent.ts';
import { tenantOf } from './tenant.ts';

/** Installs the hooks (call before the routes are registered). */
export function installPrivacyHooks(app: FastifyInstance, ctx: PrivacyHttpContext): void {
  app.addHook('preHandler', (req, reply, done) => {
    const access = routeAccess(req.method, req.url);
    if (!access) return done();
    const shop = tenantOf(req, ctx.defaultShop);
    try {
      ctx.guard.check(req, shop, access, access.pixel ? clientIdsOf(req.body) : []);
    } catch (err) {
      const retry = isAffinityError(err) ? (err as { retryAfterS?: number }).retryAfterS : undefined;
      if (retry !== undefined) reply.header('retry-after', String(retry));
      return done(err as Error);
    }
    if (req.method === 'POST' && pathOf(req.url) === '/v1/events') onEventsConsent(req, ctx).then(() => done(), done);
    else done();
  });
}
