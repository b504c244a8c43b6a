/**
 * Who may call what, and for which shop: API keys per shop and role, storefront origins for the pixel,
 * and a token bucket per pixel client and per IP (of each shop).
 *
 * - Keys come in `Authorization: Bearer <key>` or `X-Affinity-Key` and are compared in constant time.
 *   Admin endpoints need `admin`; recommendations, profiles, intent and MCP need `read`; server-to-server
 *   ingest needs `ingest` (an `admin` key may do everything).
 * - The tenant: a key scoped to a shop makes that shop the request's tenant, and a request that names
 *   any other shop anywhere (header, query, body, batch entry) is refused with 403 `TENANT_MISMATCH`.
 *   A `*` key, a pixel and open mode take the shop the request names (every name must agree) or the
 *   default shop. Every name must be a valid shop name (400 `INVALID_SHOP`); names are compared and used
 *   in lower case (`parseShopName`: Shopify domains are case-insensitive).
 * - A pixel cannot hold a secret. A request to an ingest endpoint (`POST /v1/events`, `POST /v1/consent`)
 *   that carries an `Origin` header and no key is a pixel request: its origin must be one of the
 *   shop's `AFFINITY_PIXEL_ORIGINS`, and it is rate-limited per client id and per IP (429
 *   `RATE_LIMITED` with `Retry-After`). Without an `Origin` header an ingest request needs a key.
 * - With no key configured the server runs open (development): every request passes, pixel origins
 *   are checked only for shops that have some configured, and `main.ts` says so loudly at start.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { grants, normalizeOrigin, type ApiKey, type Role } from '../core/access/apiKeys.ts';
import { fullBucket, take, type Bucket, type BucketParams } from '../core/access/tokenBucket.ts';
import { parseShopName } from '../core/access/shopName.ts';
import { AffinityError } from '../core/errors.ts';
import type { NamedShop } from './tenant.ts';

/** Who is calling: a configured key, a storefront pixel (keyless, from an allowed origin), or anyone (open mode). */
export type Principal =
  | { readonly kind: 'key'; readonly key: ApiKey }
  | { readonly kind: 'pixel'; readonly origin: string }
  /** A storefront request forwarded and signed by Shopify's app proxy (`logged_in_customer_id` when someone is logged in). */
  | { readonly kind: 'proxy'; readonly customerId?: string }
  | { readonly kind: 'open' }
  | { readonly kind: 'public' };

/** Whether `principal` may act as `role` on `shop` (the MCP tools ask this per tool). */
export function principalMay(principal: Principal, shop: string, role: Role): boolean {
  switch (principal.kind) {
    case 'key':
      return grants(principal.key, shop, role);
    case 'open':
      return true;
    case 'pixel':
      return role === 'ingest';
    case 'proxy':
      return role === 'read';
    case 'public':
      return false;
  }
}

/** What a route needs. */
export interface RouteAccess {
  readonly role: Role;
  /** Whether a keyless browser (pixel) request is acceptable from an allowed origin. */
  readonly pixel: boolean;
  /** Authenticated by Shopify's app proxy signature instead of a key; the tenant is the signed `shop`. */
  readonly proxy?: boolean;
}

/** The path of a request URL (without the query), percent-decoded as the router reads it. */
export function pathOf(url: string): string {
  const q = url.indexOf('?');
  const raw = q < 0 ? url : url.slice(0, q);
  // The router matches the decoded path (`/v1/%61dmin/…` is `/v1/admin/…`): access is judged on the
  // same one. Decoding `%2F` too only ever makes a path look more privileged than the route it reaches;
  // a path that is not valid percent-encoding never reaches a route (400 before any hook).
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The dashboard's page and assets (public: its data comes from the keyed JSON APIs). */
function isDashboardAsset(path: string): boolean {
  return path === '/dashboard' || path.startsWith('/dashboard/');
}

/** The access a request needs, or `undefined` for public routes (health, metrics, docs, dashboard assets, webhooks with their own HMAC). */
export function routeAccess(method: string, url: string): RouteAccess | undefined {
  const path = pathOf(url);
  if (method === 'OPTIONS') return undefined;
  // HEAD is answered by the GET handler (it tells whether a resource exists): the same access as GET.
  if (method === 'HEAD') return routeAccess('GET', url);
  if (path.startsWith('/webhooks/') || path.startsWith('/health/') || path === '/metrics' || path === '/openapi.json' || path === '/' || isDashboardAsset(path)) return undefined;
  if (method === 'POST' && (path === '/v1/events' || path === '/v1/consent')) return { role: 'ingest', pixel: true };
  // Every path Shopify forwards is signed as the proxy signs it: an unknown one is then a 404, not a 401.
  if (path === '/shopify/proxy' || path.startsWith('/shopify/proxy/')) return { role: 'read', pixel: false, proxy: true };
  // Catalog writes (an import, a product removal) need the key the import needs.
  if (path.startsWith('/v1/admin/') || (method === 'POST' && path === '/v1/catalog/products') || (method === 'DELETE' && path.startsWith('/v1/catalog/products/'))) return { role: 'admin', pixel: false };
  return { role: 'read', pixel: false };
}

/** Options of the guard. */
export interface RequestGuardOptions {
  readonly keys: readonly ApiKey[];
  /** Shop → allowed pixel origins. */
  readonly pixelOrigins: Readonly<Record<string, readonly string[]>>;
  /** Bucket per pixel client id; the per-IP bucket allows ten times as much (many shoppers share an IP). */
  readonly rate: BucketParams;
  readonly clock: () => number;
  readonly onLimited?: (scope: 'client' | 'ip') => void;
}

/** Applies keys, origins and rate limits to requests. */
export class RequestGuard {
  readonly #o: RequestGuardOptions;
  readonly #keys: { key: ApiKey; bytes: Buffer }[];
  readonly #buckets = new LRUCache<string, Bucket>({ max: 200_000, ttl: 3_600_000 });
  readonly #ipRate: BucketParams;

  constructor(opts: RequestGuardOptions) {
    this.#o = opts;
    this.#keys = opts.keys.map((key) => ({ key, bytes: Buffer.from(key.key) }));
    this.#ipRate = { ratePerSecond: opts.rate.ratePerSecond * 10, burst: opts.rate.burst * 10 };
  }

  /** A guard with no key and no origin: every request passes (development; tests of one route). */
  static open(clock: () => number = Date.now): RequestGuard {
    return new RequestGuard({ keys: [], pixelOrigins: {}, rate: { ratePerSecond: 1e9, burst: 1e9 }, clock });
  }

  /** True when no key is configured (development mode). */
  get open(): boolean {
    return this.#keys.length === 0;
  }

  /**
   * Authenticates a request, resolves its one tenant from the shops it names, and checks that the
   * caller may act as `access.role` there. `clientIds` are the pixel client ids in its body.
   * @returns the tenant and the principal
   * @throws AffinityError `INVALID_SHOP`, `TENANT_MISMATCH`, `UNAUTHORIZED`, `FORBIDDEN`, `ORIGIN_NOT_ALLOWED`
   *   or `RATE_LIMITED` (with `retryAfterS`)
   */
  authorize(
    req: FastifyRequest,
    access: RouteAccess,
    named: readonly NamedShop[],
    defaultShop: string,
    clientIds: readonly string[] = [],
  ): { tenant: string; principal: Principal } {
    const asked = oneShop(named);
    const presented = presentedKey(req);
    if (presented !== undefined && !this.open) {
      // Two credentials that disagree: which one the caller meant is not for the server to guess.
      const other = req.headers['x-affinity-key'];
      if (typeof other === 'string' && other.length > 0 && other !== presented) {
        throw new AffinityError('UNAUTHORIZED', 'The request presents two different API keys (Authorization and X-Affinity-Key); send one.');
      }
      // Node keeps the first of two Authorization headers and drops the other: a proxy reading the
      // second would see another caller than the one acted for.
      if (headerCount(req, 'authorization') > 1) throw new AffinityError('UNAUTHORIZED', 'The request presents two Authorization headers; send one.');
      const k = this.#match(presented);
      if (!k) throw new AffinityError('UNAUTHORIZED', 'The API key is not valid.');
      if (k.shop !== '*' && asked !== undefined && asked.shop !== k.shop) {
        throw new AffinityError('TENANT_MISMATCH', `This API key belongs to shop ${k.shop}; the request names shop ${asked.shop} (${asked.where}).`);
      }
      const tenant = k.shop !== '*' ? k.shop : (asked?.shop ?? defaultShop);
      if (!grants(k, tenant, access.role)) throw new AffinityError('FORBIDDEN', `The API key may not ${access.role} for shop ${tenant}.`);
      return { tenant, principal: { kind: 'key', key: k } };
    }
    const tenant = asked?.shop ?? defaultShop;
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    if (access.pixel && origin !== undefined) {
      if (!this.originAllowed(tenant, origin)) throw new AffinityError('ORIGIN_NOT_ALLOWED', `Origin ${origin} is not a storefront origin of shop ${tenant}.`);
      this.#limit(tenant, clientIds, req.ip);
      return { tenant, principal: { kind: 'pixel', origin } };
    }
    if (!this.open) throw new AffinityError('UNAUTHORIZED', `This endpoint needs an API key with the ${access.role} role (Authorization: Bearer <key> or X-Affinity-Key).`);
    return { tenant, principal: { kind: 'open' } };
  }

  /** Whether a pixel of `shop` may post from `origin` (open mode: shops without configured origins accept any). */
  originAllowed(shop: string, origin: string): boolean {
    const list = this.#o.pixelOrigins[shop];
    if (!list || list.length === 0) return this.open;
    const n = origin === 'null' ? 'null' : normalizeOrigin(origin);
    return n !== undefined && list.includes(n);
  }

  #match(presented: string): ApiKey | undefined {
    const p = Buffer.from(presented);
    let found: ApiKey | undefined;
    // Every key is compared (no early exit); unequal lengths compare against themselves to keep the time flat.
    for (const { key, bytes } of this.#keys) {
      const same = bytes.length === p.length ? timingSafeEqual(bytes, p) : (timingSafeEqual(bytes, bytes), false);
      if (same) found = key;
    }
    return found;
  }

  #limit(shop: string, clientIds: readonly string[], ip: string): void {
    const now = this.#o.clock();
    const client = clientIds[0];
    // Per shop too: one address flooding a shop does not starve its shoppers (a carrier NAT, an office) on another.
    const checks: ['client' | 'ip', string, BucketParams][] = [['ip', `ip\u0000${shop}\u0000${ip}`, this.#ipRate]];
    if (client) checks.unshift(['client', `c\u0000${shop}\u0000${client}`, this.#o.rate]);
    for (const [scope, key, params] of checks) {
      const r = take(this.#buckets.get(key) ?? fullBucket(params, now), params, now);
      this.#buckets.set(key, r.bucket);
      if (!r.allowed) {
        this.#o.onLimited?.(scope);
        const err = new AffinityError('RATE_LIMITED', `Too many requests from this ${scope === 'client' ? 'client' : 'address'}; retry in ${Math.ceil(r.retryAfterMs / 1000)} s.`);
        (err as AffinityError & { retryAfterS?: number }).retryAfterS = Math.max(1, Math.ceil(r.retryAfterMs / 1000));
        throw err;
      }
    }
  }
}

/**
 * The one shop a request names, or `undefined` when it names none.
 * @throws AffinityError `INVALID_SHOP` for a malformed name, `TENANT_MISMATCH` when the names disagree
 */
function oneShop(named: readonly NamedShop[]): { shop: string; where: string } | undefined {
  let first: { shop: string; where: string } | undefined;
  for (const n of named) {
    // The one parse of a shop name (`parseShopName`): validated, and lower case (domains are case-insensitive).
    const parsed = parseShopName(n.value);
    if ('problem' in parsed) {
      throw new AffinityError('INVALID_SHOP', `The shop named in ${n.where} ${parsed.problem}.`, [{ path: n.where.replace(/^(header|query) /, ''), message: parsed.problem }]);
    }
    const shop = parsed.shop;
    if (!first) first = { shop, where: n.where };
    else if (first.shop !== shop) throw new AffinityError('TENANT_MISMATCH', `A request is for one shop; it names ${first.shop} (${first.where}) and ${shop} (${n.where}).`);
  }
  return first;
}

/** The key a request presents, if any: `Authorization: Bearer <key>` or a non-empty `X-Affinity-Key`. */
export function presentedKey(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
    if (m) return m[1]!.trim();
  }
  const k = req.headers['x-affinity-key'];
  return typeof k === 'string' && k.length > 0 ? k : undefined;
}

/**
 * Whether a request comes from a storefront (a pixel, or anything else without a secret) rather than
 * a server: what the access hook decided (`req.principal`: only a key or the open development mode
 * count as a server) when it ran, else the documented rule (an `Origin` header and no API key).
 */
export function isPixelRequest(req: FastifyRequest): boolean {
  const kind = (req as { principal?: Partial<Principal> | null }).principal?.kind;
  if (kind === 'key' || kind === 'open') return false;
  if (typeof kind === 'string') return true;
  return typeof req.headers.origin === 'string' && presentedKey(req) === undefined;
}

/** Client ids of a pixel or native events body (for per-client rate limits). */
export function clientIdsOf(body: unknown): string[] {
  const out = new Set<string>();
  const list: unknown[] = Array.isArray(body) ? body : body && typeof body === 'object' ? (Array.isArray((body as { events?: unknown }).events) ? ((body as { events: unknown[] }).events) : [body]) : [];
  for (const e of list) {
    if (!e || typeof e !== 'object') continue;
    const o = e as Record<string, unknown>;
    const id = typeof o.clientId === 'string' ? o.clientId : typeof o.userId === 'string' ? o.userId : undefined;
    if (id) out.add(id);
    if (out.size >= 10) break;
  }
  return [...out];
}

/** How many times the request carries a header (any letter case), as sent: Node folds or drops repeats. */
export function headerCount(req: { readonly raw: { readonly rawHeaders: readonly string[] } }, name: string): number {
  const raw = req.raw.rawHeaders;
  let n = 0;
  for (let i = 0; i < raw.length; i += 2) if ((raw[i] as string).length === name.length && (raw[i] as string).toLowerCase() === name) n += 1;
  return n;
}
