/**
 * What a storefront pixel may name when it withdraws consent. A pixel request carries no secret (any
 * page on an allowed origin can send one), so it may act only for a pixel client id, the anonymous
 * id Shopify gives a browser (`clientId`, e.g. `df1007bb-…`). It may never name:
 *
 * - a customer id: Shopify customer ids are numeric (`8800123`) or GIDs (`gid://shopify/Customer/…`);
 *   a customer's consent is withdrawn server to server, with an ingest key;
 * - a market-scoped storage id (`<clientId>@<market>`, see `consentPolicy.ts`) or an order node
 *   (`order:<id>`, see `orderNode.ts`), or an agent conversation (`session:<id>`, see
 *   `../profile/sessionKey.ts`): Affinity's own bookkeeping ids.
 *
 * The gate also refuses an id the store knows as a customer (a linked profile names it as its
 * customer), whatever its shape. Whatever a withdrawal names, it never removes identity links: a
 * later redaction must still find every device.
 */
import { ORDER_NODE_PREFIX } from './orderNode.ts';
import { MARKET_SCOPE_SEPARATOR } from './consentPolicy.ts';
import { SESSION_KEY_PREFIX } from '../profile/sessionKey.ts';

/**
 * Why `id` cannot be a pixel client id, or `undefined` when it can.
 * @returns a human reason (for the error message)
 */
export function pixelClientIdProblem(id: string): string | undefined {
  if (/^\d+$/.test(id)) return 'it has the form of a Shopify customer id (digits only)';
  if (/^gid:\/\//i.test(id)) return 'it is a Shopify GID, not a pixel client id';
  if (id.includes(MARKET_SCOPE_SEPARATOR)) return `it contains "${MARKET_SCOPE_SEPARATOR}" (a market-scoped storage id or an email address)`;
  if (id.startsWith(ORDER_NODE_PREFIX)) return `"${ORDER_NODE_PREFIX}" ids are order nodes`;
  if (id.startsWith(SESSION_KEY_PREFIX)) return `"${SESSION_KEY_PREFIX}" ids are agent conversations (an MCP session_id)`;
  return undefined;
}
