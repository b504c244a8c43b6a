/**
 * Cross-cutting privacy hooks of the HTTP app: access control on every route (API keys, pixel
 * origins, rate limits; see `requestGuard.ts`), CORS answers that only name allowed storefront origins,
 * and the consent signals of `POST /v1/events`, read before the events are gated and stored.
 */
import type { FastifyInstance } from 'fastify';
import { isAffinityError } from '../core/errors.ts';
import type { PrivacyHttpContext } from './privacyContext.ts';
import { clientIdsOf, routeAccess } from './requestGuard.ts';
import { onEventsConsent } from './routes/consent.ts';
import { tenantOf } from './tenant.ts';

/** The path of a request URL (without the query). */
function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/** Installs the hooks (call before the routes are registered). */
export function installPrivacyHooks(app: FastifyInstance, ctx: PrivacyHttpContext, allOrigins: readonly string[]): void {
  const pixelPaths = new Set(['/v1/events', '/v1/consent']);
  app.addHook('onRequest', (req, reply, done) => {
    if (!pixelPaths.has(pathOf(req.url))) return done();
    const origin = req.headers.origin;
    // The shop is only known once the body is read; here an origin of any shop is answered, the
    // access check then holds it to the request's shop.
    if (typeof origin === 'string' && !ctx.guard.open && !allOrigins.includes(origin.toLowerCase().replace(/\/$/, ''))) {
      reply.removeHeader('access-control-allow-origin');
    } else {
      reply.header('access-control-allow-origin', origin ?? '*');
    }
    reply.header('vary', 'origin');
    reply.header('access-control-allow-methods', 'POST, OPTIONS');
    reply.header('access-control-allow-headers', 'content-type, x-affinity-shop, authorization, x-affinity-key');
    reply.header('access-control-max-age', '86400');
    done();
  });
  app.options('/v1/consent', async (_req, reply) => reply.status(204).send());

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
