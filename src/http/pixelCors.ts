/**
 * CORS for the pixel endpoints (`POST /v1/events`, `POST /v1/consent`), which a storefront's pixel calls
 * from the shop's own pages. A preflight grants exactly what the POST will accept: an origin the access
 * check (`RequestGuard.originAllowed`, per shop, `AFFINITY_PIXEL_ORIGINS`) would refuse gets no
 * `Access-Control-Allow-Origin`, and no other CORS header either.
 *
 * - The shop: a preflight carries no body and no header values, so the shop is known only when the URL
 *   names it (`?shop=`; the POST also reads `X-Affinity-Shop`). Then only that shop's origins are
 *   granted. Otherwise an origin some shop accepts is granted, and the POST holds it to the shop its
 *   body names (403 `ORIGIN_NOT_ALLOWED`, readable by the page so a misconfigured pixel stops retrying).
 * - `Origin: null` is never echoed: every sandboxed frame, `file:` page and `data:` document sends it,
 *   so `Access-Control-Allow-Origin: null` grants them all while looking like one origin. A shop that
 *   lists `null` (custom pixels run in a sandboxed frame, docs/security.md) is granted `*` instead:
 *   the same reach, said plainly, and never with credentials (this API sends no
 *   `Access-Control-Allow-Credentials`).
 * - A request without `Origin` is not a CORS request: it gets `*` (nothing to protect from a reader that
 *   is not a browser page).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { normalizeOrigin } from '../core/access/apiKeys.ts';
import { parseShopName } from '../core/access/shopName.ts';
import { pathOf } from './requestGuard.ts';

/** Endpoints a storefront pixel posts to from the shop's pages (cross-origin). */
export const PIXEL_PATHS: ReadonlySet<string> = new Set(['/v1/events', '/v1/consent']);

/** Which origins the pixel endpoints accept: the access check's own rule. */
export interface PixelOriginPolicy {
  /** Whether a pixel of `shop` may post from `origin` (`RequestGuard.originAllowed`). */
  accepts(shop: string, origin: string): boolean;
  /** Whether a pixel of some shop may post from `origin` (the request's shop is not known yet). */
  acceptsForSomeShop(origin: string): boolean;
}

/**
 * The policy of a guard and the configured origins of every shop. Without a guard (no privacy wiring)
 * the API is open and every origin is accepted, as the access check then accepts it. In open mode a
 * shop with no configured origin accepts any, so some shop accepts every origin.
 */
export function pixelOriginPolicy(guard: { readonly open: boolean; originAllowed(shop: string, origin: string): boolean } | undefined, allOrigins: readonly string[]): PixelOriginPolicy {
  if (!guard) return { accepts: () => true, acceptsForSomeShop: () => true };
  const configured = new Set(allOrigins);
  return {
    accepts: (shop, origin) => guard.originAllowed(shop, origin),
    acceptsForSomeShop: (origin) => {
      if (guard.open) return true;
      const n = origin === 'null' ? 'null' : normalizeOrigin(origin);
      return n !== undefined && configured.has(n);
    },
  };
}

/**
 * The `Access-Control-Allow-Origin` for a pixel endpoint's answer to a request from `origin` (the header
 * as sent) naming `shop` (when its URL or headers do), or `undefined` for no grant.
 */
export function pixelAllowOrigin(policy: PixelOriginPolicy, origin: string | undefined, shop: string | undefined): string | undefined {
  if (origin === undefined) return '*';
  const accepted = shop !== undefined ? policy.accepts(shop, origin) : policy.acceptsForSomeShop(origin);
  if (!accepted) return undefined;
  return origin === 'null' ? '*' : origin;
}

/**
 * The one shop a request names before its body is read (`?shop=`, `X-Affinity-Shop`), lower-cased; none
 * when it names none, names several that differ, or names one that is not a shop (the access check
 * answers those).
 */
export function shopNamedBeforeBody(req: FastifyRequest): string | undefined {
  const values: unknown[] = [];
  const h = req.headers['x-affinity-shop'];
  if (h !== undefined) values.push(...(Array.isArray(h) ? h : [h]));
  const q = (req.query as Record<string, unknown> | undefined)?.shop;
  if (q !== undefined) values.push(...(Array.isArray(q) ? q : [q]));
  const shops = new Set<string>();
  for (const v of values) {
    const parsed = parseShopName(v);
    if (!('shop' in parsed)) return undefined;
    shops.add(parsed.shop);
  }
  return shops.size === 1 ? [...shops][0] : undefined;
}

/** Answers CORS on the pixel endpoints: the headers on every request to them, and their preflights (204). */
export function installPixelCors(app: FastifyInstance, policy: PixelOriginPolicy): void {
  // Callback form: no promise per request on the hot path.
  app.addHook('onRequest', (req, reply, done) => {
    if (!PIXEL_PATHS.has(pathOf(req.url))) return done();
    reply.header('vary', 'origin');
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    const allow = pixelAllowOrigin(policy, origin, shopNamedBeforeBody(req));
    if (allow === undefined) return done();
    reply.header('access-control-allow-origin', allow);
    reply.header('access-control-allow-methods', 'POST, OPTIONS');
    reply.header('access-control-allow-headers', 'content-type, x-affinity-shop, authorization, x-affinity-key');
    reply.header('access-control-max-age', '86400');
    // The pixel waits as long as a 429 or 503 asks (a browser hides other headers from a cross-origin script).
    reply.header('access-control-expose-headers', 'retry-after');
    done();
  });
  for (const path of PIXEL_PATHS) app.options(path, async (_req, reply) => reply.status(204).send());
}
