import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SqliteStore } from '../../adapters/sqlite/sqliteStore.ts';
import type { IntentClassifier } from '../../core/intent/classifier.ts';
import type { BaseRecommender } from '../../core/recommend/baseRecommender.ts';
import { DEFAULT_COOC_PARAMS } from '../../core/recommend/cooccurrence.ts';
import { DEFAULT_EVENT_WEIGHTS } from '../../core/profile/fold.ts';
import { DEFAULT_SOURCE_WEIGHTS } from '../../core/recommend/rank.ts';
import { product } from '../../testing/productFixture.ts';
import { makeEvent } from '../../testing/userEventStoreContract.ts';
import { CatalogRegistry } from '../catalog/catalogRegistry.ts';
import { Projector } from '../projection/projector.ts';
import { HybridRecommender } from './hybridRecommender.ts';
import { loadIntentClassifier } from './intentClassifier.ts';
import { MCPAwareRecommender, type PersonalizeRequest } from './personalizedRecommender.ts';

const DAY = 86_400_000;
const SHOP = 'one-read.myshopify.com';
const NOW = Date.UTC(2026, 10, 2, 12);
const PROFILE = { halfLifeMs: 21 * DAY, sessionGapMs: 30 * 60_000 };

const dir = mkdtempSync(join(tmpdir(), 'affinity-one-read-'));
const store = new SqliteStore({ path: join(dir, 'a.db'), profileTtlMs: 400 * DAY });
const catalogs = new CatalogRegistry(store);
let classifier: IntentClassifier;

/** Profile reads of the store (the request path's `getProfiles`), counted. */
const reads = { calls: 0 };
const counted = new Proxy(store, {
  get(target, prop, receiver) {
    if (prop === 'getProfiles') {
      return (shop: string, ids: readonly string[]) => {
        reads.calls++;
        return target.getProfiles(shop, ids);
      };
    }
    const v: unknown = Reflect.get(target, prop, receiver);
    return typeof v === 'function' ? v.bind(target) : v;
  },
});

before(async () => {
  classifier = await loadIntentClassifier();
  const colours = ['black', 'brown', 'tan'];
  await catalogs.upsert(SHOP, [
    ...colours.map((c, i) => product({ id: `boot-${c}`, title: `Hiking boots ${c}`, productType: 'Hiking Boots', category: 'Shoes > Boots', vendor: 'Peak', price: 80 + 10 * i })),
    ...colours.map((c, i) => product({ id: `jacket-${c}`, title: `Leather jacket ${c}`, productType: 'Jackets', category: 'Apparel > Jackets', vendor: 'Hide', tags: ['leather'], price: 150 + 10 * i })),
    ...['a', 'b', 'c'].map((x) => product({ id: `mug-${x}`, title: `Coffee mug ${x}`, productType: 'Mugs', category: 'Kitchen', vendor: 'Brew', price: 12 })),
  ]);
  const projector = new Projector({
    store,
    catalogs,
    params: { fold: { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: 21 * DAY }, cooc: DEFAULT_COOC_PARAMS, popularHalfLifeMs: 7 * DAY, trendingHalfLifeMs: DAY },
  });
  // A shopper who looked at boots and mugs and bought a mug; others who tie boots to jackets.
  const events = [
    makeEvent({ shop: SHOP, userId: 'alice', ts: NOW - 3 * DAY, items: [{ productId: 'boot-black', quantity: 1 }] }),
    makeEvent({ shop: SHOP, userId: 'alice', ts: NOW - 3 * DAY + 60_000, items: [{ productId: 'mug-a', quantity: 1 }] }),
    makeEvent({ shop: SHOP, userId: 'alice', ts: NOW - 3 * DAY + 120_000, type: 'purchase', name: 'checkout_completed', items: [{ productId: 'mug-a', quantity: 1 }] }),
    makeEvent({ shop: SHOP, userId: 'alice', ts: NOW - 10 * 60_000, items: [{ productId: 'boot-brown', quantity: 1 }] }),
    ...['bob', 'carol', 'dan'].flatMap((u, k) => [
      makeEvent({ shop: SHOP, userId: u, ts: NOW - DAY + k * 60_000, items: [{ productId: 'boot-brown', quantity: 1 }] }),
      makeEvent({ shop: SHOP, userId: u, ts: NOW - DAY + k * 60_000 + 1000, items: [{ productId: `jacket-${['black', 'brown', 'tan'][k] as string}`, quantity: 1 }] }),
    ]),
  ];
  await store.append(events);
  await projector.flush();
});
after(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The hybrid base and the layer over it, as a node wires them, both reading the counted store. */
function wired(wrap: (hybrid: HybridRecommender) => BaseRecommender = (h) => h): MCPAwareRecommender {
  const hybrid = new HybridRecommender({ store: counted, catalogs, profile: PROFILE, weights: DEFAULT_SOURCE_WEIGHTS, popularHalfLifeMs: 7 * DAY, trendingHalfLifeMs: DAY, allowRepeat: false });
  return new MCPAwareRecommender({ base: wrap(hybrid), catalogs, store: counted, profile: PROFILE, classifier });
}

/** A base that passes the hybrid's lists on as copies (as an external recommender's own lists would be): it does not say which profile it ranked with. */
const copying = (h: HybridRecommender): BaseRecommender => ({
  name: h.name,
  recommend: async (req, now) => [...(await h.recommend(req, now))],
  recommendBatch: async (reqs, now) => (await h.recommendBatch(reqs, now)).map((l) => [...l]),
});

const REQUESTS: PersonalizeRequest[] = [
  { shop: SHOP, userId: 'alice', text: 'show me some hiking boots', limit: 5 },
  { shop: SHOP, userId: 'alice', text: 'a jacket, nothing in leather', limit: 5 },
  { shop: SHOP, userId: 'alice', intent: { categories: ['Mugs'] }, limit: 5 },
  { shop: SHOP, userId: 'alice', text: 'busco botas de montaña', sessionId: 's1', limit: 5 },
  { shop: SHOP, userId: 'nobody-yet', text: 'show me some hiking boots', limit: 5 },
  { shop: SHOP, text: 'show me some hiking boots', limit: 5 },
];

describe('MCPAwareRecommender over the hybrid: the shopper profile is read once per request', () => {
  it('reads the store for profiles once for a conversational request (the base and the layer share the read)', async () => {
    const layer = wired();
    for (const req of REQUESTS.filter((r) => r.userId)) {
      reads.calls = 0;
      await layer.personalize(req, NOW);
      assert.equal(reads.calls, 1, `${req.userId}: ${JSON.stringify(req.text ?? req.intent)}`);
    }
    reads.calls = 0;
    await layer.personalizeBatch(REQUESTS.filter((r) => r.userId), NOW);
    assert.equal(reads.calls, 1, 'a batch of one shop: one read');
  });

  it('answers exactly as when the layer reads the profile itself (items, order, scores, reasons, constraints)', async () => {
    const shared = wired();
    const own = wired(copying);
    for (const req of REQUESTS) {
      reads.calls = 0;
      const theirs = await own.personalize(req, NOW);
      assert.equal(reads.calls, req.userId ? 2 : 0, 'a base that does not tell: the layer reads the profile itself');
      const ours = await shared.personalize(req, NOW);
      assert.deepEqual(ours, theirs, JSON.stringify(req));
    }
    const alice = await shared.personalize(REQUESTS[2] as PersonalizeRequest, NOW);
    assert.ok(alice.items.length > 0 && !alice.items.some((i) => i.productId === 'mug-a'), 'the bought mug stays out (the profile was used)');
  });
});

describe('MCPAwareRecommender: a present for someone else', () => {
  it("is not chosen by the shopper's own history: the list a stranger gets, with no reason from it (the profile read only for what was bought)", async () => {
    const layer = wired();
    reads.calls = 0;
    const forMum = await layer.personalize({ shop: SHOP, userId: 'alice', text: 'a gift for my mother', limit: 5 }, NOW);
    assert.equal(reads.calls, 1, 'one read: what she bought is not offered again');
    const stranger = await layer.personalize({ shop: SHOP, userId: 'someone-new', text: 'a gift for my mother', limit: 6 }, NOW);
    // The stranger's list, less the mug she bought (it was offered again: MCP probe).
    assert.deepEqual(forMum.items.map((i) => i.productId), stranger.items.map((i) => i.productId).filter((id) => id !== 'mug-a').slice(0, 5));
    assert.ok(stranger.items.some((i) => i.productId === 'mug-a'));
    const personal = new Set(['revisit', 'affinity', 'buy_again', 'cooc', 'content']);
    assert.ok(!forMum.items.some((i) => i.reasons.some((r) => personal.has(r.source))), JSON.stringify(forMum.items.map((i) => i.reasons)));
    // For herself, her history still counts.
    const own = await layer.personalize({ shop: SHOP, userId: 'alice', text: 'something for me', limit: 5 }, NOW);
    assert.ok(own.items.some((i) => i.reasons.some((r) => personal.has(r.source))));
  });
});

describe('MCPAwareRecommender: a present with excludeSeen', () => {
  it('still leaves out what the shopper has just seen when the caller asks (the profile is read for that alone)', async () => {
    const layer = wired();
    const ask = { shop: SHOP, userId: 'alice', text: 'a gift for my mother', limit: 9 };
    const all = await layer.personalize(ask, NOW);
    assert.ok(all.items.some((i) => i.productId === 'boot-brown'), 'seen just now, and in the list when not excluded');
    const unseen = await layer.personalize({ ...ask, excludeSeen: true }, NOW);
    assert.ok(unseen.items.length > 0 && !unseen.items.some((i) => i.productId === 'boot-brown'));
  });
});
