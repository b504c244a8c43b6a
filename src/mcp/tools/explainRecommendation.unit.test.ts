/**
 * `explain_recommendation` checks a price said relative to the product discussed ("cheaper than
 * that", "that's too expensive") as `recommend_products` holds it: against the request's
 * `current_product_id`, else the product the conversation said it of. Minimal context: the real
 * personalization layer over a stub base recommender, no markets, no profiles.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import { ProductIdentity } from '../../core/catalog/productIdentity.ts';
import { extractEntities } from '../../core/intent/entities.ts';
import type { IntentExtractor } from '../../core/intent/intentExtractor.ts';
import { emptyIntent } from '../../core/personalize/intentInput.ts';
import type { UserEventStore } from '../../core/ports.ts';
import type { BaseRecommender, RecommendRequest } from '../../core/recommend/baseRecommender.ts';
import { MCPAwareRecommender } from '../../features/recommend/personalizedRecommender.ts';
import { product } from '../../testing/productFixture.ts';
import type { McpContext } from '../context.ts';
import type { ToolEnv } from '../tool.ts';
import { explainRecommendation, relativeCheck } from './explainRecommendation.ts';

const NOW = Date.UTC(2026, 5, 1, 12);
const SHOP = 'jewel.myshopify.com';
const products = [
  product({ id: 'galaxy', title: 'Galaxy Earrings', productType: 'Earrings', price: 37.99 }),
  product({ id: 'elephant', title: 'Gold Elephant Earrings', productType: 'Earrings', price: 54.99 }),
  product({ id: 'angel', title: 'Guardian Angel Earrings', productType: 'Earrings', price: 19.99 }),
  product({ id: 'anchor', title: 'Anchor Bracelet', productType: 'Bracelet', variants: [[69.99, true, { color: 'Gold' }], [29.99, true, { color: 'Silver' }]] }),
];
const index = CatalogIndex.build(products);
const catalog = { index, identity: ProductIdentity.build(products) };
const base: BaseRecommender = {
  name: 'stub',
  recommend: async () => [],
  recommendBatch: async (reqs: readonly RecommendRequest[]) => reqs.map(() => products.map((p, i) => ({ productId: p.id, score: 4 - i, reasons: [{ source: 'popular', score: 4 - i }] }))),
};
const extractor: IntentExtractor = { extract: async (text) => ({ ...emptyIntent('en'), entities: extractEntities(text, 'en'), source: 'local', fallbackUsed: false }) };

function envOf(): { env: ToolEnv; layer: MCPAwareRecommender } {
  const layer = new MCPAwareRecommender({ base, extractor, catalogs: { get: () => catalog }, store: { getProfiles: async () => [] } as Pick<UserEventStore, 'getProfiles'>, profile: { halfLifeMs: 30 * 86_400_000, sessionGapMs: 30 * 60_000 } });
  const ctx = {
    catalogs: { get: () => catalog, canonical: (_: string, id: string | undefined) => id, ensure: () => undefined },
    recommender: base,
    personalizer: layer,
    store: { getProfile: async () => undefined, getUserEvents: async () => [] },
    logError: (err: unknown) => {
      throw err;
    },
    clock: () => NOW,
    profileView: { halfLifeMs: 86_400_000, sessionGapMs: 1_800_000 },
  } as unknown as McpContext;
  return { env: { ctx, shop: SHOP, may: () => true, agentName: () => undefined }, layer };
}

type Check = { kind: string; term: string; ok: boolean; detail: string };
async function checks(env: ToolEnv, args: Record<string, unknown>): Promise<{ checks: Check[]; summary: string }> {
  const r = await explainRecommendation.call(args, env);
  assert.ok(!r.isError, JSON.stringify(r.content));
  const out = r.structuredContent as { intent_checks: Check[]; summary: string };
  return { checks: out.intent_checks, summary: out.summary };
}

describe('explain_recommendation: a price relative to the product discussed', () => {
  it('checks "cheaper than that" against current_product_id', async () => {
    const { env } = envOf();
    const dear = await checks(env, { product_id: 'elephant', text: 'cheaper than that', current_product_id: 'galaxy' });
    assert.deepEqual(dear.checks, [{ kind: 'budget', term: 'cheaper than Galaxy Earrings at 37.99 USD', ok: false, detail: 'Not cheaper than Galaxy Earrings at 37.99 USD (54.99 USD)' }]);
    assert.match(dear.summary, /Against it: Not cheaper than Galaxy Earrings at 37\.99 USD/);
    const fits = await checks(env, { product_id: 'angel', text: "that's too expensive", current_product_id: 'galaxy' });
    assert.deepEqual(fits.checks, [{ kind: 'budget', term: 'cheaper than Galaxy Earrings at 37.99 USD', ok: true, detail: 'Cheaper than Galaxy Earrings at 37.99 USD, as asked (19.99 USD)' }]);
  });

  it("holds a later explanation to the product the conversation said it of (the session's anchor)", async () => {
    const { env, layer } = envOf();
    await layer.personalize({ shop: SHOP, sessionId: 'c1', text: 'cheaper than that', productId: 'galaxy', limit: 5 }, NOW);
    const later = await checks(env, { product_id: 'elephant', session_id: 'c1' });
    assert.deepEqual(later.checks.map((c) => [c.term, c.ok]), [['cheaper than Galaxy Earrings at 37.99 USD', false]]);
  });

  it('says nothing of it when no product anchors it, or nothing relative was said', async () => {
    const { env } = envOf();
    assert.deepEqual((await checks(env, { product_id: 'elephant', text: 'cheaper than that' })).checks, []);
    assert.deepEqual((await checks(env, { product_id: 'elephant', text: 'earrings', current_product_id: 'galaxy' })).checks.filter((c) => c.kind === 'budget'), []);
  });

  it('prices the variant the shopper wished for (relativeCheck)', () => {
    const e = extractEntities('a gold one cheaper than that', 'en');
    assert.equal(e.priceRelative, 'below');
    const gold = relativeCheck(products[3] as never, e, 'galaxy', index, undefined, undefined);
    assert.deepEqual(gold && [gold.ok, gold.detail], [false, 'Not cheaper than Galaxy Earrings at 37.99 USD (69.99 USD)']);
    const any = relativeCheck(products[3] as never, extractEntities('cheaper than that', 'en'), 'galaxy', index, undefined, undefined);
    assert.deepEqual(any && [any.ok, any.detail], [true, 'Cheaper than Galaxy Earrings at 37.99 USD, as asked (29.99 USD)']);
    assert.equal(relativeCheck(products[3] as never, e, 'unknown', index, undefined, undefined), undefined);
  });
});

describe('explain_recommendation: the look and the audience asked for', () => {
  const look = [
    product({ id: 'gold-bird', title: 'Gold Bird Necklace', productType: 'Necklace', tags: ['Gold'], price: 79.99 }),
    product({ id: 'silver-heart', title: 'Silver Heart Necklace', productType: 'Necklace', tags: ['Silver'], price: 39.99 }),
    product({ id: 'leather-cord', title: 'Leather Cord Necklace', productType: 'Necklace', tags: ['men'], price: 25 }),
  ];
  const lookIndex = CatalogIndex.build(look);
  const lookCatalog = { index: lookIndex, identity: ProductIdentity.build(look) };
  function lookEnv(): ToolEnv {
    const { env } = envOf();
    const ctx = env.ctx as unknown as Record<string, unknown>;
    const lookBase: BaseRecommender = { name: 'stub', recommend: async () => [], recommendBatch: async (reqs) => reqs.map(() => look.map((p, i) => ({ productId: p.id, score: 3 - i, reasons: [{ source: 'popular', score: 3 - i }] }))) };
    const layer = new MCPAwareRecommender({ base: lookBase, extractor, catalogs: { get: () => lookCatalog }, store: { getProfiles: async () => [] } as Pick<UserEventStore, 'getProfiles'>, profile: { halfLifeMs: 30 * 86_400_000, sessionGapMs: 30 * 60_000 } });
    return { ...env, ctx: { ...ctx, catalogs: { get: () => lookCatalog, canonical: (_: string, id: string | undefined) => id, ensure: () => undefined }, recommender: lookBase, personalizer: layer } as unknown as McpContext };
  }

  it('says a gold necklace is not the silver one asked for, as recommend_products holds it', async () => {
    const r = await checks(lookEnv(), { product_id: 'gold-bird', text: 'a silver necklace under 100' });
    assert.deepEqual(r.checks.find((c) => c.kind === 'colour'), { kind: 'colour', term: 'silver', ok: false, detail: 'Not in silver' });
    assert.match(r.summary, /Against it: Not in silver/);
    const silver = await checks(lookEnv(), { product_id: 'silver-heart', text: 'a silver necklace under 100' });
    assert.equal(silver.checks.find((c) => c.kind === 'colour')?.ok, true);
  });

  it('checks materials and whom the product is made for', async () => {
    const leather = await checks(lookEnv(), { product_id: 'gold-bird', text: 'a leather necklace' });
    assert.deepEqual(leather.checks.find((c) => c.kind === 'material'), { kind: 'material', term: 'leather', ok: false, detail: 'Not made of or set with leather' });
    const forHer = await checks(lookEnv(), { product_id: 'leather-cord', text: "a women's necklace" });
    assert.deepEqual(forHer.checks.find((c) => c.kind === 'audience'), { kind: 'audience', term: 'women', ok: false, detail: 'Made for someone other than women' });
    const forHim = await checks(lookEnv(), { product_id: 'gold-bird', text: "a men's necklace" });
    assert.equal(forHim.checks.find((c) => c.kind === 'audience')?.ok, true, 'says nothing of its audience: for anyone');
    const husband = await checks(lookEnv(), { product_id: 'gold-bird', text: 'a necklace for my husband' });
    assert.equal(husband.checks.find((c) => c.kind === 'audience')?.ok, true, "a kind for a man's recipient is held as recommend_products holds it: this one says nothing of its audience");
    const leatherForWife = await checks(lookEnv(), { product_id: 'leather-cord', text: 'a necklace for my wife' });
    assert.deepEqual(leatherForWife.checks.find((c) => c.kind === 'audience'), { kind: 'audience', term: 'women', ok: false, detail: 'Made for someone other than women' });
    const gift = await checks(lookEnv(), { product_id: 'leather-cord', text: 'a gift for my wife' });
    // With no kind asked, her audience is held too (decision 0016), so checked as recommend_products holds it.
    assert.deepEqual(gift.checks.find((c) => c.kind === 'audience'), { kind: 'audience', term: 'women', ok: false, detail: 'Made for someone other than women' });
  });
});
