/**
 * A shopper stored per market (`<id>@<market>`) is found from what the store holds when the consent
 * ledger of this process does not hold them (a restart, another worker): `storedProfileUserId`, and
 * the recommender wrapper that the profile route and MCP tools ask (`profileUserId`) and that
 * recommendations go through. Fake store: links, profiles and newest events per id.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UserEvent } from '../../core/events/userEvent.ts';
import { AffinityError } from '../../core/errors.ts';
import { DEFAULT_MARKETS } from '../../core/markets/market.ts';
import { MarketRegistry } from '../../core/markets/marketRegistry.ts';
import { decideConsent } from '../../core/privacy/consentPolicy.ts';
import type { RawProfile } from '../../core/profile/profileDelta.ts';
import type { RecommendRequest } from '../../core/recommend/baseRecommender.ts';
import { ConsentLedger } from './consentLedger.ts';
import { PrivacyAwareRecommender } from './privacyAwareRecommender.ts';
import { isMarketScopedIdOf } from '../../core/privacy/consentPolicy.ts';
import { storedProfileUserId, type ProfileKeyStore } from './storedProfileKey.ts';

/** A store holding `links` (both directions), profiles last seen at, and newest event times. */
function fakeStore(o: { links?: [string, string][]; profiles?: Record<string, number>; events?: Record<string, number>; down?: boolean }): ProfileKeyStore & { reads: string[] } {
  const reads: string[] = [];
  const links = new Map<string, Set<string>>();
  for (const [a, b] of o.links ?? []) {
    links.set(a, (links.get(a) ?? new Set()).add(b));
    links.set(b, (links.get(b) ?? new Set()).add(a));
  }
  return {
    reads,
    async directLinks(_shop, id) {
      reads.push(`links:${id}`);
      if (o.down) throw new AffinityError('STORE_UNAVAILABLE', 'Redis is unreachable; directLinks was not attempted.');
      return [...(links.get(id) ?? [])].sort();
    },
    async getProfiles(_shop, ids) {
      return ids.map((id) => (o.profiles?.[id] === undefined ? undefined : ({ lastSeen: o.profiles[id], firstSeen: 0 } as unknown as RawProfile)));
    },
    async getUserEvents(_shop, id) {
      return o.events?.[id] === undefined ? [] : [{ id: `e-${id}`, ts: o.events[id] } as unknown as UserEvent];
    },
  };
}

describe('storedProfileUserId: the market-scoped profile from what the store holds', () => {
  it('reads the market-scoped id that holds the newest activity', async () => {
    const store = fakeStore({ links: [['u', 'u@us']], profiles: { 'u@us': 2000 } });
    assert.equal(await storedProfileUserId(store, 's', 'u'), 'u@us');
    // Also with a plain profile from an earlier visit (merged then), the newer market profile wins.
    const both = fakeStore({ links: [['u', 'u@eu']], profiles: { u: 1000, 'u@eu': 2000 } });
    assert.equal(await storedProfileUserId(both, 's', 'u'), 'u@eu');
    // Events stored but not folded yet count as activity.
    const pending = fakeStore({ links: [['u', 'u@eu']], profiles: { u: 1000 }, events: { 'u@eu': 3000 } });
    assert.equal(await storedProfileUserId(pending, 's', 'u'), 'u@eu');
    // Two markets: the newest.
    const two = fakeStore({ links: [['u', 'u@eu'], ['u', 'u@us']], profiles: { 'u@eu': 5000, 'u@us': 4000 } });
    assert.equal(await storedProfileUserId(two, 's', 'u'), 'u@eu');
  });

  it('a tie goes to the market-scoped id (never the merged view when in doubt)', async () => {
    const store = fakeStore({ links: [['u', 'u@us']], profiles: { u: 2000, 'u@us': 2000 } });
    assert.equal(await storedProfileUserId(store, 's', 'u'), 'u@us');
  });

  it('near misses: the plain id', async () => {
    // Nothing linked (nearly every shopper): one link read, no profile read.
    const none = fakeStore({ profiles: { u: 1000 } });
    assert.equal(await storedProfileUserId(none, 's', 'u'), 'u');
    assert.deepEqual(none.reads, ['links:u']);
    // The shopper came back to a market that may merge: the plain profile is newer.
    assert.equal(await storedProfileUserId(fakeStore({ links: [['u', 'u@us']], profiles: { u: 3000, 'u@us': 2000 } }), 's', 'u'), 'u');
    // A market-scoped id whose data was erased (a withdrawal keeps the link): nothing newer than the plain id.
    assert.equal(await storedProfileUserId(fakeStore({ links: [['u', 'u@us']] }), 's', 'u'), 'u');
    // A customer id linked to a device's market-scoped id: that id is another id's, not this one's.
    assert.equal(await storedProfileUserId(fakeStore({ links: [['8800123', 'laptop@us']], profiles: { 'laptop@us': 5000 } }), 's', '8800123'), '8800123');
    // An id sharing a prefix is another shopper.
    assert.equal(await storedProfileUserId(fakeStore({ links: [['u', 'u-2@us']], profiles: { 'u-2@us': 5000 } }), 's', 'u'), 'u');
  });

  it('isMarketScopedIdOf: `<id>@<handle>` only', () => {
    assert.equal(isMarketScopedIdOf('u@eu', 'u'), true);
    assert.equal(isMarketScopedIdOf('a@b.com@eu', 'a@b.com'), true);
    for (const id of ['u', 'u@', 'u-2@eu', 'uu@eu', 'u@eu@x', 'x@u']) assert.equal(isMarketScopedIdOf(id, 'u'), false, id);
  });
});

describe('PrivacyAwareRecommender without the shopper in its ledger (a restart, another worker)', () => {
  const markets = new MarketRegistry(DEFAULT_MARKETS);
  const recorder = () => {
    const seen: { via: string; userId?: string }[] = [];
    const fake = (name: string) => ({
      name,
      recommend: async () => [],
      recommendBatch: async (reqs: readonly RecommendRequest[]) => reqs.map((r) => (seen.push({ via: name, ...(r.userId ? { userId: r.userId } : {}) }), [])),
    });
    return { seen, fake };
  };

  it('reads the market profile the store holds, for the profile readers and for recommendations alike, and keeps the id from other parties', async () => {
    const { seen, fake } = recorder();
    const stored = fakeStore({ links: [['optout', 'optout@us']], profiles: { 'optout@us': 2000, plain: 1000 } });
    const rec = new PrivacyAwareRecommender({ inner: fake('external'), local: fake('hybrid'), ledger: new ConsentLedger({ ttlMs: 60_000 }), stored, markets });
    assert.equal(await rec.profileUserId('s', 'optout'), 'optout@us');
    assert.equal(await rec.profileUserId('s', 'plain'), 'plain');
    await rec.recommendBatch([{ shop: 's', userId: 'optout', limit: 3 }, { shop: 's', userId: 'plain', limit: 3 }], 0);
    assert.deepEqual(seen, [
      { via: 'external', userId: 'plain' },
      { via: 'hybrid', userId: 'optout@us' },
    ]);
  });

  it('the ledger, when it holds the shopper, still decides (no store read)', async () => {
    const { seen, fake } = recorder();
    const stored = fakeStore({ links: [['u', 'u@us']], profiles: { 'u@us': 2000 } });
    const ledger = new ConsentLedger({ ttlMs: 60_000 });
    // The shopper has since allowed everything in the US: the merged profile is theirs to read.
    ledger.set('s', 'u', { market: 'us', regime: 'ccpa', decision: decideConsent({ regime: 'ccpa', consent: { analytics: true, saleOfData: true } }), at: 0 });
    const rec = new PrivacyAwareRecommender({ inner: fake('external'), local: fake('hybrid'), ledger, stored, markets });
    assert.equal(await rec.profileUserId('s', 'u'), 'u');
    await rec.recommendBatch([{ shop: 's', userId: 'u', limit: 3 }], 0);
    assert.deepEqual(seen, [{ via: 'external', userId: 'u' }]);
    assert.deepEqual(stored.reads, []);
  });

  it('a store that does not answer: recommendations go on under the id itself; the profile readers are told', async () => {
    const { seen, fake } = recorder();
    const rec = new PrivacyAwareRecommender({ inner: fake('hybrid'), ledger: new ConsentLedger({ ttlMs: 60_000 }), stored: fakeStore({ down: true }), markets });
    await rec.recommendBatch([{ shop: 's', userId: 'u', limit: 3 }], 0);
    assert.deepEqual(seen, [{ via: 'hybrid', userId: 'u' }]);
    await assert.rejects(rec.profileUserId('s', 'u'), /unreachable/);
  });
});
