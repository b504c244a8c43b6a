/**
 * How the MCP tools name a shopper. Profiles are keyed by user id; an anonymous conversation that
 * only has a session id gets the key `session:<id>` (core/profile/sessionKey.ts), so it can never
 * collide with a pixel clientId or a customer id.
 */
import { AffinityError } from '../core/errors.ts';
import { shopperIdOf } from '../core/ids.ts';
import type { MarketInput } from '../core/markets/shopperMarket.ts';
import { sessionKey } from '../core/profile/sessionKey.ts';
import type { McpContext } from './context.ts';

/** The shopper fields of a tool call. */
export interface ShopperRef {
  readonly user_id?: string | undefined;
  readonly session_id?: string | undefined;
}

/** The profile key of a shopper (a customer GID as its numeric id: `shopperIdOf`), or `undefined` when the call names none. */
export function shopperKey(ref: ShopperRef): string | undefined {
  if (ref.user_id) return shopperIdOf(ref.user_id);
  if (ref.session_id) return sessionKey(ref.session_id);
  return undefined;
}

/**
 * The profile key of a shopper, required.
 * @throws AffinityError `VALIDATION_FAILED` when neither id is given.
 */
export function requireShopperKey(ref: ShopperRef): string {
  const key = shopperKey(ref);
  if (!key) {
    throw new AffinityError('VALIDATION_FAILED', 'Pass user_id (a known shopper) or session_id (an anonymous conversation).', [
      { path: 'user_id', message: 'user_id or session_id is required' },
    ]);
  }
  return key;
}

/**
 * A call that names both a shopper and a conversation says the conversation is theirs: its profile key
 * (`session:<id>`, where calls naming only the conversation store their events and lists) is linked to
 * the shopper, where the shopper's consent allows linking (`MCPAwareRecommender.linkConversation`), so a
 * redaction or data request of the shopper reaches it. Nothing happens for a call naming only one, nor
 * in a process without the personalization layer.
 */
export async function linkConversation(ctx: Pick<McpContext, 'personalizer'>, shop: string, ref: ShopperRef, market?: MarketInput): Promise<void> {
  if (!ref.user_id || !ref.session_id) return;
  await ctx.personalizer?.linkConversation(shop, ref.session_id, shopperIdOf(ref.user_id), market);
}
