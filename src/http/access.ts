/**
 * Access control on every route, in one place: the caller is authenticated, the request's one tenant
 * is resolved from every shop it names, and the role the route needs is checked (see
 * `requestGuard.ts`). Handlers read the result as `req.tenant` and `req.principal`; none of them reads a
 * shop from the request itself.
 *
 * App proxy routes (`/shopify/proxy/…`) are the storefront's: Shopify signs the query (see
 * `adapters/shopify/appProxySignature.ts`) and the tenant is the signed `shop`, never anything else.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseProxyQuery, verifyProxyParams, type ProxyRefusal } from '../adapters/shopify/appProxySignature.ts';
import { parseShopName } from '../core/access/shopName.ts';
import { AffinityError } from '../core/errors.ts';
import { normalizeId } from '../core/ids.ts';
import { clientIdsOf, presentedKey, routeAccess, type Principal, type RequestGuard } from './requestGuard.ts';
import { namedShops } from './tenant.ts';
import { PROXY_QUERY_NAMES } from './routes/appProxy.ts';

const PUBLIC: Principal = Object.freeze({ kind: 'public' });

/** What the access hook needs. */
export interface AccessOptions {
  readonly guard: RequestGuard;
  readonly defaultShop: string;
  /** The Shopify app's client secrets (several during a rotation): verify app proxy signatures. */
  readonly proxySecrets?: readonly string[];
  /** Epoch ms (proxy timestamps). */
  readonly clock?: () => number;
  /** Told about every refused app proxy request (for a log line). */
  readonly onProxyRefused?: (why: ProxyRefusal | 'shop', req: FastifyRequest) => void;
}

const PROXY_MESSAGES: Record<ProxyRefusal | 'shop', string> = {
  'no-secret': 'App proxy requests cannot be verified: SHOPIFY_API_SECRET is not configured.',
  unsigned: 'The app proxy request carries no valid signature.',
  'bad-signature': 'The app proxy signature does not match the query.',
  stale: 'The app proxy timestamp is too far from now (replayed or clock skew).',
  shop: 'The signed shop is not a valid shop domain.',
  ambiguous:
    "The app proxy query names a parameter the route does not take, repeats one of Shopify's, or has a value holding \"=\": Shopify's signature does not separate parameters, so such a query could be read as other parameters, and is not trusted.",
};

/**
 * The tenant and principal of an app proxy request.
 * @throws AffinityError `PROXY_UNAUTHORIZED`; `TENANT_MISMATCH` (another shop named, or an API key of another shop), `UNAUTHORIZED`
 */
function proxyAccess(req: FastifyRequest, opts: AccessOptions): { tenant: string; principal: Principal } {
  const q = req.url.indexOf('?');
  const params = parseProxyQuery(q < 0 ? '' : req.url.slice(q + 1));
  const shop = params.get('shop');
  const signed = shop?.length === 1 ? parseShopName(shop[0]) : undefined;
  const tenant = signed && 'shop' in signed ? signed.shop : undefined;
  const why: ProxyRefusal | 'shop' | undefined = verifyProxyParams(params, opts.proxySecrets ?? [], (opts.clock ?? Date.now)(), PROXY_QUERY_NAMES) ?? (tenant === undefined ? 'shop' : undefined);
  if (why !== undefined || tenant === undefined) {
    opts.onProxyRefused?.(why ?? 'shop', req);
    throw new AffinityError('PROXY_UNAUTHORIZED', PROXY_MESSAGES[why ?? 'shop']);
  }
  // Nothing else may name another shop (the X-Affinity-Shop header; `?shop=` is the signed one), in any case.
  for (const n of namedShops(req)) {
    const named = parseShopName(n.value);
    if (!('shop' in named) || named.shop !== tenant) throw new AffinityError('TENANT_MISMATCH', `The app proxy request is signed for shop ${tenant}; ${n.where} names another.`);
  }
  // An API key sent along is held to the rule of every key: one for another shop is refused, not ignored.
  if (presentedKey(req) !== undefined && !opts.guard.open) opts.guard.authorize(req, { role: 'read', pixel: false }, [{ where: 'the signed shop', value: tenant }], tenant);
  const customerId = normalizeId(params.get('logged_in_customer_id')?.[0]);
  return { tenant, principal: { kind: 'proxy', ...(customerId ? { customerId } : {}) } };
}

/** Installs the access hook (before any route or other preHandler). */
export function installAccess(app: FastifyInstance, opts: AccessOptions): void {
  app.decorateRequest('tenant', '');
  app.decorateRequest('principal', null as never);
  // Callback form: no promise per request on the hot paths.
  app.addHook('preHandler', (req, _reply, done) => {
    const access = routeAccess(req.method, req.url);
    if (!access) {
      // Health, metrics, documents, and webhooks (signed by Shopify; they name their shop in a signed header).
      req.tenant = opts.defaultShop;
      req.principal = PUBLIC;
      return done();
    }
    try {
      const r = access.proxy
        ? proxyAccess(req, opts)
        : opts.guard.authorize(req, access, namedShops(req), opts.defaultShop, access.pixel ? clientIdsOf(req.body) : []);
      req.tenant = r.tenant;
      req.principal = r.principal;
    } catch (err) {
      // The error handler answers it (and sets Retry-After for RATE_LIMITED).
      return done(err as Error);
    }
    done();
  });
}
