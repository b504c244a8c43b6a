/**
 * Per-market retention, on top of the store's global TTL: a market with `retentionDays` shorter than
 * the global profile TTL has its shoppers' events and profiles removed once they have been inactive
 * that long. A shopper's market is read from their stored events (market handle, else country, else
 * the default market; a market-scoped id `<id>@<market>` is in that market by construction); a
 * shopper with events in several markets gets the shortest retention among them.
 *
 * Runs in the projector process with the hourly store sweep.
 */
import type { Market } from '../../core/markets/market.ts';
import { eventMarketHints, type MarketRegistry } from '../../core/markets/marketRegistry.ts';
import type { PrivacyStore, UserEventStore } from '../../core/ports.ts';
import { MARKET_SCOPE_SEPARATOR } from '../../core/privacy/consentPolicy.ts';

const DAY_MS = 86_400_000;
/** Users examined per page, and pages per shop per run (the next run continues). */
const PAGE = 500;
const MAX_PAGES = 100;

/** Options of a sweep. */
export interface MarketRetentionOptions {
  readonly store: UserEventStore & PrivacyStore;
  readonly markets: MarketRegistry;
  /** The store's global profile TTL, ms. */
  readonly globalTtlMs: number;
  /** Runs an erasure with local projection paused. */
  readonly exclusive?: <T>(fn: () => Promise<T>) => Promise<T>;
}

/** Retention of a market, ms (the global TTL when it sets none or a longer one). */
export function retentionMs(market: Market, globalTtlMs: number): number {
  return market.retentionDays === undefined ? globalTtlMs : Math.min(globalTtlMs, market.retentionDays * DAY_MS);
}

/** Removes shoppers inactive for longer than their market's retention. Returns how many were removed. */
export async function sweepMarketRetention(o: MarketRetentionOptions, now: number): Promise<number> {
  const strict = o.markets.all().filter((m) => retentionMs(m, o.globalTtlMs) < o.globalTtlMs);
  if (strict.length === 0) return 0;
  const shortest = Math.min(...strict.map((m) => retentionMs(m, o.globalTtlMs)));
  const exclusive = o.exclusive ?? (<T>(fn: () => Promise<T>) => fn());
  let removed = 0;
  for (const shop of await o.store.listShops()) {
    let offset = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const users = await o.store.usersLastSeenBefore(shop, now - shortest, PAGE, offset);
      let kept = 0;
      for (const userId of users) {
        const limit = await retentionOfUser(o, shop, userId);
        const profile = await o.store.getProfile(shop, userId);
        if (profile && profile.lastSeen < now - limit) {
          await exclusive(() => o.store.eraseUser(shop, userId));
          removed += 1;
        } else kept += 1;
      }
      if (users.length < PAGE) break;
      offset += kept;
    }
  }
  return removed;
}

async function retentionOfUser(o: MarketRetentionOptions, shop: string, userId: string): Promise<number> {
  const at = userId.lastIndexOf(MARKET_SCOPE_SEPARATOR);
  const scoped = at > 0 ? o.markets.byHandle(userId.slice(at + 1)) : undefined;
  if (scoped) return retentionMs(scoped, o.globalTtlMs);
  const events = await o.store.getUserEvents(shop, userId, 500);
  const markets = new Set<Market>(events.map((e) => o.markets.resolve(eventMarketHints(e))));
  if (markets.size === 0) markets.add(o.markets.default);
  return Math.min(...[...markets].map((m) => retentionMs(m, o.globalTtlMs)));
}
