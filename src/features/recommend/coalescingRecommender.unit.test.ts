import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BaseRecommender, RecommendedItem, RecommendRequest } from '../../core/recommend/baseRecommender.ts';
import { coalescingRecommender } from './coalescingRecommender.ts';

const SHOP = 'coalesce.myshopify.com';

/** A recommender that answers each request with one item named after its user, and records its calls. */
function recording() {
  const calls: string[] = [];
  const listOf = (r: RecommendRequest): RecommendedItem[] => [{ productId: `for-${r.userId}`, score: 1, reasons: [] }];
  const inner: BaseRecommender = {
    name: 'recording',
    async recommend(r, now) {
      calls.push(`one ${r.userId} @${now}`);
      return listOf(r);
    },
    async recommendBatch(rs, now) {
      calls.push(`batch ${rs.map((r) => r.userId).join(',')} @${now}`);
      return rs.map(listOf);
    },
    profileUserId: async (_shop, userId) => `${userId}@MX`,
  };
  return { inner, calls };
}

const req = (userId: string): RecommendRequest => ({ shop: SHOP, userId, limit: 10 });
const firstIds = (lists: readonly RecommendedItem[][]) => lists.map((l) => l[0]?.productId);

describe('coalescingRecommender', () => {
  it("answers one turn's single requests with one recommendBatch of the recommender", async () => {
    const { inner, calls } = recording();
    const c = coalescingRecommender(inner);
    assert.deepEqual(firstIds(await Promise.all([c.recommend(req('a'), 7), c.recommend(req('b'), 8)])), ['for-a', 'for-b']);
    assert.deepEqual(firstIds([await c.recommend(req('c'), 9)]), ['for-c']);
    assert.deepEqual(calls, ['batch a,b @8', 'one c @9']);
  });

  it('passes batches, its name and the profile id through', async () => {
    const { inner, calls } = recording();
    const c = coalescingRecommender(inner);
    assert.equal(c.name, 'recording');
    assert.deepEqual(firstIds(await c.recommendBatch([req('x'), req('y')], 9)), ['for-x', 'for-y']);
    assert.deepEqual(calls, ['batch x,y @9']);
    assert.equal(await c.profileUserId?.(SHOP, 'x'), 'x@MX');
    const { profileUserId: _none, ...without } = inner;
    assert.equal(coalescingRecommender(without).profileUserId, undefined);
  });
});
