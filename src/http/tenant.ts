/**
 * The tenant of a request, resolved once (by the access hook, `access.ts`) and read by every route as
 * `req.tenant`. A request may name its shop in several places: the `X-Affinity-Shop` header, `?shop=`,
 * `shop` in a JSON body, and `shop` in each entry of a batch. {@link namedShops} collects them all, as
 * sent, so the access check can hold every one of them to the credential's shop; it reads each with
 * `parseShopName` (`core/access/shopName.ts`), the one parse of a shop name: validated (400
 * `INVALID_SHOP`) and lower case, so `HX-A.myshopify.com` and `hx-a.myshopify.com` are one tenant.
 */
import type { FastifyRequest } from 'fastify';
import type { Role } from '../core/access/apiKeys.ts';
import { AffinityError } from '../core/errors.ts';
import { principalMay, type Principal } from './requestGuard.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The one shop this request may touch (set by the access hook before any handler runs). */
    tenant: string;
    /** Who is calling (a key, a storefront pixel, or anyone in open mode). */
    principal: Principal;
  }
}

/** One place a request names a shop. */
export interface NamedShop {
  /** Where: `header`, `query`, `body.shop`, `body.requests.3.shop`. */
  readonly where: string;
  readonly value: unknown;
}

/** A query parameter that means the shop but is not spelled `shop` (`shop[]`, `shop[0]`, `Shop`, `SHOP`). */
const SHOP_LOOKALIKE = /^shop(?:\[.*\])?$/i;

/**
 * Every shop a request names, wherever it names it.
 * @throws AffinityError `INVALID_SHOP` for a query parameter that means the shop under another spelling
 *   (`?shop[]=`, as PHP and Rails clients write arrays, or `?Shop=`): read as absent, it sent the request
 *   to the key's or the default shop.
 */
export function namedShops(req: FastifyRequest): NamedShop[] {
  const out: NamedShop[] = [];
  const h = req.headers['x-affinity-shop'];
  if (h !== undefined) for (const v of Array.isArray(h) ? h : [h]) out.push({ where: 'header X-Affinity-Shop', value: v });
  const query = req.query as Record<string, unknown> | undefined;
  for (const key in query) {
    if (key !== 'shop' && SHOP_LOOKALIKE.test(key)) {
      throw new AffinityError('INVALID_SHOP', `Query parameter "${key}" is not read: name the shop with ?shop=<shop>.myshopify.com (once), or the X-Affinity-Shop header.`);
    }
  }
  const q = query?.shop;
  if (q !== undefined) for (const v of Array.isArray(q) ? q : [q]) out.push({ where: 'query shop', value: v });
  const body = req.body;
  if (body && typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body)) {
    const b = body as Record<string, unknown>;
    if ('shop' in b && b.shop !== undefined) out.push({ where: 'body.shop', value: b.shop });
    if (Array.isArray(b.requests)) {
      b.requests.forEach((r, i) => {
        if (r && typeof r === 'object' && 'shop' in r && (r as { shop?: unknown }).shop !== undefined) out.push({ where: `body.requests.${i}.shop`, value: (r as { shop: unknown }).shop });
      });
    }
  }
  return out;
}

/** Who a request is from, as the access hook resolved it: its one shop, and what the caller may do there. */
export interface RequestCaller {
  readonly shop: string;
  may(role: Role): boolean;
}

/** The caller of a request (read after the access hook: plugins such as `/mcp` take it from here, never from the request). */
export function callerOf(req: FastifyRequest): RequestCaller {
  const shop = req.tenant;
  const principal = req.principal;
  return { shop, may: (role) => principalMay(principal, shop, role) };
}
