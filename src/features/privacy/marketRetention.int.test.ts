import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SqliteStore } from '../../adapters/sqlite/sqliteStore.ts';
import { DEFAULT_MARKETS } from '../../core/markets/market.ts';
import { MarketRegistry } from '../../core/markets/marketRegistry.ts';
import { makeEvent } from '../../testing/userEventStoreContract.ts';
import { retentionMs, sweepMarketRetention } from './marketRetention.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 24);

describe('per-market retention', () => {
  it('removes shoppers inactive for longer than their market keeps data, on top of the global TTL', async () => {
    const markets = new MarketRegistry({ ...DEFAULT_MARKETS, markets: DEFAULT_MARKETS.markets.map((m) => (m.handle === 'eu' ? { ...m, retentionDays: 30 } : m)) });
    assert.equal(retentionMs(markets.byHandle('eu')!, 90 * DAY), 30 * DAY);
    assert.equal(retentionMs(markets.byHandle('us')!, 90 * DAY), 90 * DAY);
    const store = new SqliteStore({ path: ':memory:', profileTtlMs: 90 * DAY });
    const users: [string, string | undefined, number][] = [
      ['eu-old', 'eu', 40],
      ['eu-recent', 'eu', 10],
      ['us-old', 'us', 40],
      ['mixed-old', undefined, 40], // events in the US and in Germany: the shorter (EU) retention applies
      ['scoped-old@eu', undefined, 40],
    ];
    for (const [userId, market, daysAgo] of users) {
      const ts = NOW - daysAgo * DAY;
      const events = userId === 'mixed-old' ? [makeEvent({ shop: 'r', userId, ts, market: 'us' }), makeEvent({ shop: 'r', userId, ts, country: 'DE' })] : [makeEvent({ shop: 'r', userId, ts, ...(market ? { market } : {}) })];
      await store.append(events);
      await store.applyProjection({ seqs: [], profiles: [{ shop: 'r', userId, features: {}, recent: [], purchased: [], events: events.length, firstTs: ts, lastTs: ts }], stats: [] });
    }
    const removed = await sweepMarketRetention({ store, markets, globalTtlMs: 90 * DAY }, NOW);
    assert.equal(removed, 3);
    for (const gone of ['eu-old', 'mixed-old', 'scoped-old@eu']) {
      assert.equal(await store.getProfile('r', gone), undefined, gone);
      assert.deepEqual(await store.getUserEvents('r', gone, 5), [], gone);
    }
    for (const kept of ['eu-recent', 'us-old']) assert.ok(await store.getProfile('r', kept), kept);
    // Nothing stricter than the global TTL: nothing to do.
    assert.equal(await sweepMarketRetention({ store, markets: new MarketRegistry(DEFAULT_MARKETS), globalTtlMs: 90 * DAY }, NOW), 0);
    await store.close();
  });
});
