/**
 * Access control on every route, in one place: the caller is authenticated, the request's one tenant
 * is resolved from every shop it names, and the role the route needs is checked (see
 * `requestGuard.ts`). Handlers read the result as `req.tenant` and `req.principal`; none of them reads a
 * shop from the request itself.
 */
import type { FastifyInstance } from 'fastify';
import { isAffinityError } from '../core/errors.ts';
import { clientIdsOf, routeAccess, type Principal, type RequestGuard } from './requestGuard.ts';
import { namedShops } from './tenant.ts';

const PUBLIC: Principal = Object.freeze({ kind: 'public' });

/** Installs the access hook (before any route or other preHandler). */
export function installAccess(app: FastifyInstance, opts: { readonly guard: RequestGuard; readonly defaultShop: string }): void {
  app.decorateRequest('tenant', '');
  app.decorateRequest('principal', null as never);
  // Callback form: no promise per request on the hot paths.
  app.addHook('preHandler', (req, reply, done) => {
    const access = routeAccess(req.method, req.url);
    if (!access) {
      // Health, metrics, documents, and webhooks (signed by Shopify; they name their shop in a signed header).
      req.tenant = opts.defaultShop;
      req.principal = PUBLIC;
      return done();
    }
    try {
      const r = opts.guard.authorize(req, access, namedShops(req), opts.defaultShop, access.pixel ? clientIdsOf(req.body) : []);
      req.tenant = r.tenant;
      req.principal = r.principal;
    } catch (err) {
      const retry = isAffinityError(err) ? (err as { retryAfterS?: number }).retryAfterS : undefined;
      if (retry !== undefined) reply.header('retry-after', String(retry));
      return done(err as Error);
    }
    done();
  });
}
