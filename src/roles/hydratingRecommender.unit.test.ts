import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_MARKETS } from '../core/markets/market.ts';
import { MarketRegistry } from '../core/markets/marketRegistry.ts';
import { decideConsent } from '../core/privacy/consentPolicy.ts';
import type { BaseRecommender, RecommendRequest } from '../core/recommend/baseRecommender.ts';
import { ConsentLedger } from '../features/privacy/consentLedger.ts';
import { PrivacyAwareRecommender } from '../features/privacy/privacyAwareRecommender.ts';
import { hydratingRecommender } from './hydratingRecommender.ts';
import type { SharedSessionState } from './sharedSessionState.ts';

const NOW = Date.UTC(2026, 10, 24, 12);

/** A stateless node: its ledger learns a shopper's consent only when it hydrates from Redis (here: a fake). */
function statelessNode() {
  const ledger = new ConsentLedger({ ttlMs: 3_600_000 });
  const hydrated: string[] = [];
  const shared = {
    async hydrate(shoppers: readonly { shop: string; userId: string }[]) {
      for (const s of shoppers) {
        hydrated.push(s.userId);
        // What the ingest node recorded: a US shopper who refused the sale of their data.
        if (s.userId === 'us-optout') ledger.set(s.shop, s.userId, { market: 'us', regime: 'ccpa', decision: decideConsent({ regime: 'ccpa', consent: { saleOfData: false } }), at: NOW });
      }
    },
  } as unknown as SharedSessionState;
  const seen: string[] = [];
  const inner: BaseRecommender = {
    name: 'hybrid',
    recommend: async () => [],
    recommendBatch: async (reqs: readonly RecommendRequest[]) => reqs.map((r) => (seen.push(r.userId ?? '-'), [])),
  };
  const guarded = new PrivacyAwareRecommender({ inner, ledger, markets: new MarketRegistry(DEFAULT_MARKETS) });
  return { rec: hydratingRecommender(guarded, shared), hydrated, seen };
}

describe('the profile id a recommender reads', () => {
  it('is the market-scoped id of a shopper whose markets may not be merged, as recommendations read it, after hydrating', async () => {
    const { rec, hydrated, seen } = statelessNode();
    assert.equal(await rec.profileUserId?.('s', 'us-optout'), 'us-optout@us');
    assert.deepEqual(hydrated, ['us-optout']);
    await rec.recommend({ shop: 's', userId: 'us-optout', limit: 3 }, NOW);
    assert.deepEqual(seen, ['us-optout@us']);
  });

  it('is the id itself for a shopper with no consent state, or one whose behaviour may be merged', async () => {
    const { rec } = statelessNode();
    assert.equal(await rec.profileUserId?.('s', 'someone'), 'someone');
    const ledger = new ConsentLedger({ ttlMs: 3_600_000 });
    ledger.set('s', 'merged', { market: 'us', regime: 'ccpa', decision: decideConsent({ regime: 'ccpa', consent: { saleOfData: true } }), at: NOW });
    ledger.set('s', 'session-only', { market: 'us', regime: 'ccpa', decision: decideConsent({ regime: 'ccpa', consent: { analytics: false } }), at: NOW });
    const plain = new PrivacyAwareRecommender({ inner: { name: 'x', recommend: async () => [], recommendBatch: async () => [] }, ledger, markets: new MarketRegistry(DEFAULT_MARKETS) });
    assert.equal(await plain.profileUserId('s', 'merged'), 'merged');
    // Nothing is stored for a session-only shopper: their session memory is keyed by the plain id.
    assert.equal(await plain.profileUserId('s', 'session-only'), 'session-only');
  });

  it('is absent when the wrapped recommender does not say (the id itself is read)', () => {
    const bare: BaseRecommender = { name: 'x', recommend: async () => [], recommendBatch: async () => [] };
    assert.equal(hydratingRecommender(bare, { hydrate: async () => {} } as unknown as SharedSessionState).profileUserId, undefined);
  });
});
