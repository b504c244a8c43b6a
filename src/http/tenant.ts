/**
 * The tenant of a request, for routes that are not given the shared `AppContext`: `shop` in the body,
 * the `X-Affinity-Shop` header, `?shop=`, or the default (the same order as `shopOf` in context.ts).
 */
import type { FastifyRequest } from 'fastify';

/** The shop a request is for. */
export function tenantOf(req: FastifyRequest, defaultShop: string): string {
  const body = req.body as Record<string, unknown> | undefined;
  if (body && typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body) && typeof body.shop === 'string' && body.shop.length > 0) return body.shop;
  const h = req.headers['x-affinity-shop'];
  if (typeof h === 'string' && h.length > 0) return h;
  const q = (req.query as Record<string, unknown> | undefined)?.shop;
  if (typeof q === 'string' && q.length > 0) return q;
  return defaultShop;
}
