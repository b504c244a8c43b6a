import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Strategy } from '../../core/attribution/experiments.ts';
import type { BaseRecommender, RecommendedItem, RecommendRequest } from '../../core/recommend/baseRecommender.ts';
import type { MCPAwareRecommender, PersonalizedResult, PersonalizeRequest } from './personalizedRecommender.ts';
import { recommend, recommendBatch } from './recommendations.ts';

/** A base recommender that records what it was asked. */
function recordingBase(): BaseRecommender & { asked: RecommendRequest[] } {
  const asked: RecommendRequest[] = [];
  const list = (r: RecommendRequest): RecommendedItem[] => [{ productId: `p-${r.userId ?? 'anon'}`, score: 1, reasons: [{ source: 'popular', score: 1 }] }];
  return {
    name: 'hybrid',
    asked,
    recommend: async (r) => (asked.push(r), list(r)),
    recommendBatch: async (rs) => rs.map((r) => (asked.push(r), list(r))),
  };
}

/** A personalization layer that records what it was asked. */
function recordingLayer(): MCPAwareRecommender & { asked: PersonalizeRequest[] } {
  const asked: PersonalizeRequest[] = [];
  const result = (_r: PersonalizeRequest): PersonalizedResult => ({
    items: [],
    constraints: { satisfied: true },
    temporal: { season: 'winter', hemisphere: 'north', holidays: [] } as never,
    market: {},
  });
  return {
    name: 'hybrid+personalized',
    asked,
    personalize: async (r: PersonalizeRequest) => (asked.push(r), result(r)),
    personalizeBatch: async (rs: readonly PersonalizeRequest[]) => rs.map((r) => (asked.push(r), result(r))),
  } as unknown as MCPAwareRecommender & { asked: PersonalizeRequest[] };
}

const req: PersonalizeRequest = { shop: 's', userId: 'ana', productId: 'p1', cart: ['p2'], limit: 5, excludeSeen: true, text: 'red boots', market: { country: 'MX' }, sessionId: 'c1' };

describe('the recommend use case: one entry point for every transport', () => {
  it('answers a personalized variant from the layer when the request is conversational, else from the base', async () => {
    const base = recordingBase();
    const layer = recordingLayer();
    assert.equal((await recommend({ recommender: base, personalizer: layer }, req, 'personalized', 0, 'conversational')).route, 'personalized');
    const plain = await recommend({ recommender: base, personalizer: layer }, { shop: 's', userId: 'ana', limit: 5 }, 'personalized', 0, 'conversational');
    assert.equal(plain.route, 'base');
    // An agent is always a conversation.
    assert.equal((await recommend({ recommender: base, personalizer: layer }, { shop: 's', limit: 5 }, 'personalized', 0, 'always')).route, 'personalized');
    // Without a layer the base answers.
    assert.equal((await recommend({ recommender: base }, req, 'personalized', 0, 'always')).route, 'base');
  });

  it('keeps the market on the base routes, so control variants leave out products not sold there', async () => {
    const base = recordingBase();
    await recommend({ recommender: base, personalizer: recordingLayer() }, req, 'hybrid', 0, 'conversational');
    await recommend({ recommender: base, personalizer: recordingLayer() }, req, 'popular', 0, 'conversational');
    assert.deepEqual(base.asked, [
      { shop: 's', userId: 'ana', productId: 'p1', cart: ['p2'], limit: 5, excludeSeen: true, market: { country: 'MX' } },
      // Two more than the list's length: the page's product and the cart item are left out after.
      { shop: 's', limit: 7, market: { country: 'MX' } },
    ]);
  });

  it("a popular (control) list never shows the page's product or the cart back, and still fills its length", async () => {
    const popular: BaseRecommender = {
      name: 'hybrid',
      recommend: async (r) => ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'].slice(0, r.limit).map((productId) => ({ productId, score: 1, reasons: [{ source: 'popular', score: 1 }] })),
      recommendBatch: async (rs) => Promise.all(rs.map((r) => popular.recommend(r, 0))),
    };
    for (const answer of [
      await recommend({ recommender: popular }, req, 'popular', 0, 'conversational'),
      ...(await recommendBatch({ recommender: popular }, [req], ['popular'], 0, 'conversational')),
    ]) {
      assert.equal(answer.route, 'base');
      assert.deepEqual(answer.route === 'base' && answer.items.map((i) => i.productId), ['p3', 'p4', 'p5', 'p6', 'p7']);
    }
    const noPage = await recommend({ recommender: popular }, { shop: 's', limit: 3 }, 'popular', 0, 'conversational');
    assert.deepEqual(noPage.route === 'base' && noPage.items.map((i) => i.productId), ['p1', 'p2', 'p3']);
  });

  it('answers a batch in order, one base batch and one layer batch, and nothing for a holdout', async () => {
    const base = recordingBase();
    const layer = recordingLayer();
    const reqs: PersonalizeRequest[] = [req, { shop: 's', userId: 'bo', limit: 3 }, { ...req, userId: 'cy' }];
    const strategies: Strategy[] = ['personalized', 'hybrid', 'none'];
    const answers = await recommendBatch({ recommender: base, personalizer: layer }, reqs, strategies, 0, 'conversational');
    assert.deepEqual(answers.map((a) => a.route), ['personalized', 'base', 'none']);
    assert.deepEqual(base.asked.map((r) => r.userId), ['bo']);
    assert.deepEqual(layer.asked.map((r) => r.userId), ['ana']);
    assert.equal(answers[1]?.route === 'base' && answers[1].degraded, false);
  });
});
