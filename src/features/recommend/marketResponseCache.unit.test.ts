/**
 * Anonymous lists are kept for their market's TTL, except a list with no behaviour in it (a shop with
 * no shopping activity yet), kept seconds only: the shop's first views must reach its anonymous lists
 * (an agent probe found catalog fillers served for an hour after the shop had popular products).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_MARKETS, type Market } from '../../core/markets/market.ts';
import type { RecommendedItem } from '../../core/recommend/baseRecommender.ts';
import { CACHED_DEPTH, COLD_LIST_TTL_MS, MarketResponseCache } from './marketResponseCache.ts';

const us = DEFAULT_MARKETS.markets[0] as Market;
const req = { shop: 'shop.myshopify.com', limit: 4 };

function cacheAt() {
  let now = 1_000_000;
  const cache = new MarketResponseCache({ catalogGeneration: () => 1, clock: () => now });
  return { cache, later: (ms: number) => (now += ms) };
}

describe('MarketResponseCache: how long a list is kept', () => {
  it("a list with behaviour in it: the market's TTL", () => {
    const { cache, later } = cacheAt();
    const warm: RecommendedItem[] = [{ productId: 'a', score: 1, reasons: [{ source: 'popular', score: 1 }] }, { productId: 'b', score: 0.001, reasons: [{ source: 'catalog', score: 0.001 }] }];
    cache.set(req, us, warm);
    later(COLD_LIST_TTL_MS * 2);
    assert.deepEqual(cache.get(req, us), warm);
    later(us.cacheTtlSeconds * 1000);
    assert.equal(cache.get(req, us), undefined);
  });

  it('a list of catalog fillers only (no shopping activity yet): seconds, then the next request ranks anew', () => {
    const { cache, later } = cacheAt();
    const cold: RecommendedItem[] = [{ productId: 'a', score: 0.001, reasons: [{ source: 'catalog', score: 0.001 }] }];
    cache.set(req, us, cold);
    assert.deepEqual(cache.get(req, us), cold);
    later(COLD_LIST_TTL_MS + 1);
    assert.equal(cache.get(req, us), undefined);
  });
});

describe('MarketResponseCache: one list for every limit', () => {
  it('keeps one list computed deep and serves each limit its first items, so that limit 3 is the top three of limit 10', () => {
    const { cache } = cacheAt();
    const deep = MarketResponseCache.deep({ ...req, limit: 3 });
    assert.equal(deep.limit, CACHED_DEPTH);
    const list: RecommendedItem[] = Array.from({ length: 12 }, (_, i) => ({ productId: `p${i}`, score: 1 - i / 20, reasons: [{ source: 'popular', score: 1 }] }));
    cache.set(deep, us, list);
    assert.deepEqual(cache.get({ ...req, limit: 3 }, us)?.map((i) => i.productId), ['p0', 'p1', 'p2']);
    assert.deepEqual(cache.get({ ...req, limit: 10 }, us)?.map((i) => i.productId), list.slice(0, 10).map((i) => i.productId));
    // Deeper than it was computed: ranked anew.
    assert.equal(cache.get({ ...req, limit: CACHED_DEPTH + 1 }, us), undefined);
  });
});
