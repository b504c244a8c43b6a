/**
 * One retention sweep (hourly, where the `project` role runs): the store's own TTLs, then the markets
 * that keep data for less than the global TTL (`features/privacy/marketRetention.ts`). Each half reports
 * its failure and the other still runs.
 */
import type { PrivacyStore, UserEventStore } from '../../core/ports.ts';
import type { MarketRegistry } from '../../core/markets/marketRegistry.ts';
import { sweepMarketRetention } from './marketRetention.ts';

/** What a sweep needs. */
export interface RetentionSweepOptions {
  readonly store: UserEventStore & PrivacyStore & { sweep(now: number): Promise<unknown> };
  readonly markets: MarketRegistry;
  /** The store's global profile TTL, ms. */
  readonly globalTtlMs: number;
  /** Runs an erasure with local projection paused. */
  readonly exclusive: <T>(fn: () => Promise<T>) => Promise<T>;
  readonly onError: (what: 'retention sweep' | 'market retention sweep', err: unknown) => void;
}

/** Runs one sweep at `now`; never rejects. */
export async function sweepRetention(o: RetentionSweepOptions, now: number): Promise<void> {
  await Promise.all([
    o.store.sweep(now).catch((err) => o.onError('retention sweep', err)),
    sweepMarketRetention({ store: o.store, markets: o.markets, globalTtlMs: o.globalTtlMs, exclusive: o.exclusive }, now).catch((err) => o.onError('market retention sweep', err)),
  ]);
}
