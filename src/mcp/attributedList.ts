/**
 * Making an MCP answer attributable (docs/decisions/0002): the `recommendation_id` and `experiment`
 * fields, item links carrying `aff_rec=<id>` (the link the agent gives the shopper), and the record of
 * the served list (surface `mcp`, actor `agent`, the agent's name from `initialize`). The links an
 * answer carries are absolute, on the shop's storefront ({@link shopLink}): an agent hands them to a
 * shopper who is not on the shop's site.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { isPublicShopHost } from '../core/access/shopName.ts';
import type { ListStart } from '../features/analytics/index.ts';
import { recommendationUrl, type ServedList } from '../core/attribution/servedList.ts';
import type { IntentWant } from '../core/quality/listQuality.ts';
import type { ShopperMarket } from '../core/markets/shopperMarket.ts';
import type { ToolEnv } from './tool.ts';

/** Output fields of an attributable answer. */
export const AttributionOutShape = {
  recommendation_id: z
    .string()
    .optional()
    .describe("This list's id. Item urls carry it as aff_rec, so clicks and orders are attributed to this list; pass it on if you build links yourself."),
  experiment: z.object({ id: z.string(), variant: z.string() }).optional().describe("The shopper's experiment variant, when an experiment applies."),
};

/** The product with its link carrying the list's id (unchanged when there is no list or no link). */
export function attributedUrl<P extends { handle?: string | undefined; url?: string | undefined }>(p: P, start: ListStart | undefined): P {
  if (!start) return p;
  const url = recommendationUrl(p.handle, p.url, start.id);
  return url ? { ...p, url } : p;
}

/**
 * A storefront link as a shopper can follow it from a conversation: a path (`/products/<handle>?aff_rec=…`,
 * as a CSV import, a theme's `product.url` or the demo catalog gives it) is put on `https://<shop>` (a
 * `*.myshopify.com` domain redirects to the shop's primary domain, query and all); a URL with a scheme,
 * or protocol-relative, is the catalog's own and is kept as it is. `shop` must be a public host name
 * (see {@link withShopLinks}).
 */
export function shopLink(url: string, shop: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return url;
  return `https://${shop}${url.startsWith('/') ? '' : '/'}${url}`;
}

/** `value` with every string `url` field, at any depth, made a {@link shopLink}. */
function linked(value: unknown, shop: string): unknown {
  if (Array.isArray(value)) return value.map((v) => linked(v, shop));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = k === 'url' && typeof v === 'string' ? shopLink(v, shop) : linked(v, shop);
  return out;
}

/**
 * A tool result whose `structuredContent` links (each product's `url`) are absolute on `shop`'s
 * storefront. Unchanged when the shop's name is no public host name (`default`, `demo`: there is no
 * domain to put a path on) or the result has no structured content.
 */
export function withShopLinks(result: CallToolResult, shop: string): CallToolResult {
  if (!result.structuredContent || !isPublicShopHost(shop)) return result;
  return { ...result, structuredContent: linked(result.structuredContent, shop) as Record<string, unknown> };
}

/** Records a list an agent was served (buffered, no I/O on the request path). */
export function recordMcpList(env: ToolEnv, start: ListStart, l: Omit<ServedList, 'id' | 'ts' | 'experiment' | 'surface' | 'actor' | 'agent'>, want?: IntentWant): void {
  const agent = env.agentName();
  env.ctx.attribution?.served(start, { ...l, surface: 'mcp', actor: 'agent', ...(agent ? { agent } : {}) }, want);
}
