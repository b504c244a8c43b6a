import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogIndex } from '../core/catalog/catalogIndex.ts';
import { ProductIdentity } from '../core/catalog/productIdentity.ts';
import { newRecommendationId } from '../features/analytics/listAttribution.ts';
import { generateCatalog } from '../core/catalog/demoCatalog.ts';
import type { Product } from '../core/catalog/product.ts';
import type { RecommendedItem } from '../core/recommend/baseRecommender.ts';
import type { PersonalizedItem } from '../core/personalize/personalize.ts';
import { constraintsView } from '../core/personalize/constraints.ts';
import { mulberry32 } from '../core/random.ts';
import { present, presentJson, presentListInto, presentPersonalized, presentPersonalizedInto, round6Json, roundedJson } from './recommendationView.ts';
import { DEFAULT_MARKETS, type Market } from '../core/markets/market.ts';
import { product } from '../testing/productFixture.ts';

describe('recommendation view', () => {
  const products = generateCatalog({ size: 40, seed: 7, currency: 'EUR', now: Date.UTC(2026, 10, 1) });
  const odd: Product = { ...(products[0] as Product), id: 'odd "quoted" \u2028 id', url: 'https://shop.example/p/odd', images: [], variants: (products[0] as Product).variants.map((v) => ({ ...v, available: false })) };
  const index = CatalogIndex.build([...products, odd]);
  const [a, b, c] = products as [Product, Product, Product];
  const items: RecommendedItem[] = [
    { productId: a.id, score: 1.23456789, reasons: [{ source: 'cooc', score: 0.7000001, seed: b.id }, { source: 'affinity', score: 0.2, feature: 'tag:x' }, { source: 'popular', score: 0.1 }, { source: 'trending', score: 0.05 }, { source: 'revisit', score: 0.01, seed: c.id }] },
    { productId: odd.id, score: 0.5, reasons: [{ source: 'content', score: 0.5, seed: 'not-in-catalog' }] },
    { productId: 'unknown', score: 1e-9, reasons: [] },
  ];

  it('writes the same JSON as the object it presents (facts, rounded scores, at most four reasons, seed titles)', () => {
    for (const item of items) {
      assert.deepEqual(JSON.parse(presentJson(item, index)), present(item, index));
      // Byte for byte where the reasons are written by hand: the fields in their order, seed titles last.
      assert.ok(presentJson(item, index).endsWith(`"reasons":${JSON.stringify(present(item, index).reasons)}}`));
    }
    // Reasons of other shapes (an external recommender's) keep their fields, in order; undefined ones are left out.
    const odd2 = { productId: a.id, score: 1, reasons: [{ source: 'external', note: 'x "y"', score: 0.123456789, seed: b.id, extra: undefined, nested: { k: [1] } }] } as unknown as RecommendedItem;
    assert.ok(presentJson(odd2, index).endsWith(`"reasons":${JSON.stringify(present(odd2, index).reasons)}}`));
    const shown = present(items[0] as RecommendedItem, index);
    assert.equal(shown.score, 1.234568);
    assert.equal(shown.reasons.length, 4);
    assert.deepEqual(shown.reasons[0], { source: 'cooc', score: 0.7, seed: b.id, seedTitle: b.title });
    assert.equal(shown.title, a.title);
    assert.equal(JSON.parse(presentJson(items[1] as RecommendedItem, index)).available, false);
    assert.deepEqual(JSON.parse(presentJson(items[2] as RecommendedItem, index)), { productId: 'unknown', score: 0, reasons: [] });
  });

  it('writes every reason byte for byte as JSON.stringify of what present() shows, in the ranker\'s shapes and any other', () => {
    const rnd = mulberry32(3);
    const seeds = [b.id, c.id, odd.id, 'not-in-catalog', ''];
    const shapes: ((score: number) => Record<string, unknown>)[] = [
      (score) => ({ source: 'cooc', score, seed: seeds[Math.floor(rnd() * seeds.length)] }),
      (score) => ({ source: 'affinity', score, feature: rnd() < 0.5 ? 'tag:x' : 'cat:"odd" \u2028' }),
      (score) => ({ source: 'popular', score }),
      (score) => ({ score, source: 'trending' }),
      (score) => ({ source: 'revisit', score, seed: b.id, seedTitle: 'own title' }),
      (score) => ({ source: 'content', score, seed: undefined }),
      (score) => ({ source: 'cooc', score, seed: c.id, extra: 1 }),
      (score) => ({ source: 'buy_again', score, feature: 7 }),
      (score) => ({ source: 'catalog', score, createdAt: '2026-01-01T00:00:00Z' }),
    ];
    for (let k = 0; k < 500; k++) {
      const n = Math.floor(rnd() * 6);
      const reasons = Array.from({ length: n }, () => (shapes[Math.floor(rnd() * shapes.length)] as (s: number) => Record<string, unknown>)(rnd() < 0.05 ? Number.NaN : rnd() * 2));
      const item = { productId: k % 7 === 0 ? 'unknown' : (products[k % products.length] as Product).id, score: rnd(), reasons } as unknown as RecommendedItem;
      for (const recId of [undefined, 'rec_0123456789abcdef']) {
        assert.equal(presentJson(item, index, undefined, recId), JSON.stringify(present(item, index, undefined, undefined, recId)), `case ${k}`);
      }
    }
  });

  it('writes a list as the JSON array of its items, and a seed\'s title as the catalog it is given has it', () => {
    const out = ['['];
    presentListInto(out, items, index, undefined, 'rec_0123456789abcdef');
    out.push(']');
    assert.deepEqual(JSON.parse(out.join('')), items.map((i) => present(i, index, undefined, undefined, 'rec_0123456789abcdef')));
    // Seed ids and titles are quoted once per catalog index: a new catalog that retitles the seed shows the new title.
    const retitled = CatalogIndex.build([...products.map((p) => (p.id === b.id ? { ...p, title: 'Renamed "B"' } : p)), odd]);
    assert.equal(JSON.parse(presentJson(items[0] as RecommendedItem, index)).reasons[0].seedTitle, b.title);
    assert.equal(JSON.parse(presentJson(items[0] as RecommendedItem, retitled)).reasons[0].seedTitle, 'Renamed "B"');
  });

  it('links a product without aff_rec when the list has no recommendation id, an empty one included', () => {
    for (const recId of [undefined, '']) {
      assert.deepEqual(JSON.parse(presentJson(items[0] as RecommendedItem, index, undefined, recId)), present(items[0] as RecommendedItem, index, undefined, undefined, recId));
      assert.ok(!presentJson(items[0] as RecommendedItem, index, undefined, recId).includes('aff_rec'));
    }
  });

  it('shows a personalized item’s reasons strongest first, whichever layer gave them (reasons[0] is the one to quote)', () => {
    const item: PersonalizedItem = {
      productId: a.id,
      score: 0.6,
      baseScore: 1,
      components: { intent: 1, behaviour: 0.2, context: 0.5 },
      reasons: [
        { source: 'popular', score: 0.05 },
        { source: 'intent', term: 'Boots', field: 'category', score: 0.4 },
        { source: 'constraint', code: 'budget_currency_unknown', budgetCurrency: 'EUR', priceCurrency: 'USD', score: 0 },
        { source: 'season', season: 'winter', term: 'wool', score: 0.1 },
      ],
    };
    const shown = presentPersonalized(item, index);
    assert.deepEqual(shown.reasons.map((r) => r.source), ['intent', 'season', 'popular', 'constraint']);
    // Many personalization reasons: the constraint note, last in the item, is still shown.
    const many: PersonalizedItem = {
      ...item,
      reasons: [
        ...Array.from({ length: 8 }, (_, k) => ({ source: 'intent' as const, term: `t${k}`, field: 'title' as const, score: 0.3 - k / 100 })),
        { source: 'constraint', code: 'budget_currency_unknown', budgetCurrency: 'EUR', priceCurrency: 'USD', score: 0 },
      ],
    };
    const notes = presentPersonalized(many, index).reasons.filter((r) => (r.source as string) === 'constraint');
    assert.equal(notes.length, 1);
    assert.deepEqual(constraintsView({ satisfied: true }), { satisfied: true });
    assert.deepEqual(constraintsView({ satisfied: false, reason: 'r' }), { satisfied: false, relaxed: [], reason: 'r' });
  });

  it('writes the same JSON as present() with Shopify ids and aff_rec links, and follows ids learned later', () => {
    const framed: Product = { ...(products[3] as Product), id: 'framed', url: 'https://shop.example/p/framed?v=1#"top"' };
    const catalog = [...products, odd, framed];
    const idx = CatalogIndex.build(catalog);
    const identity = ProductIdentity.build(catalog);
    const recId = newRecommendationId();
    const all = [...items, { productId: framed.id, score: 0.3, reasons: [] }];
    for (const item of all) {
      for (const rec of [recId, undefined]) assert.deepEqual(JSON.parse(presentJson(item, idx, identity, rec)), present(item, idx, undefined, identity, rec));
    }
    assert.equal(JSON.parse(presentJson(all[3] as RecommendedItem, idx, identity, recId)).url, `https://shop.example/p/framed?v=1&aff_rec=${recId}#"top"`);
    // A CSV catalog keys products by handle: a numeric id learned after the first answer (a pixel
    // event links it to the handle) shows at once.
    const csv: Product = { ...(products[4] as Product), id: (products[4] as Product).handle };
    const csvIdx = CatalogIndex.build([csv]);
    const csvIdentity = ProductIdentity.build([csv]);
    const item: RecommendedItem = { productId: csv.id, score: 0.4, reasons: [] };
    const before = JSON.parse(presentJson(item, csvIdx, csvIdentity, recId));
    assert.equal(before.numericId, undefined);
    csvIdentity.addLinks([['p:987654321', csv.handle]]);
    const after = JSON.parse(presentJson(item, csvIdx, csvIdentity, recId));
    assert.equal(after.numericId, '987654321');
    assert.equal(after.gid, 'gid://shopify/Product/987654321');
    assert.deepEqual(after, present(item, csvIdx, undefined, csvIdentity, recId));
    assert.equal(before.url, after.url);
  });

  it('answers again from the memoised fragment, and a rebuilt catalog brings its own facts', () => {
    const first = presentJson(items[0] as RecommendedItem, index);
    assert.equal(presentJson(items[0] as RecommendedItem, index), first);
    const renamed = CatalogIndex.build(products.map((p) => (p.id === a.id ? { ...p, title: 'Renamed' } : p)));
    assert.equal(JSON.parse(presentJson(items[0] as RecommendedItem, renamed)).title, 'Renamed');
  });
});

describe('round6Json and roundedJson', () => {
  it('writes what JSON.stringify writes for the score rounded to 6 decimals, for scores of every size', () => {
    const r = mulberry32(6);
    const xs = [0, -0, 1, 0.5, 1e-6, 4e-7, 6e-7, 0.1 + 0.2, 123.4567894, -2.5e-6, 1e9 + 0.1234565, 8.99e9, 1e12, Number.NaN, Infinity, -Infinity];
    for (let i = 0; i < 20_000; i++) xs.push((r() - 0.2) * 10 ** Math.floor(r() * 14 - 8));
    // Around 2³³ (8.59·10⁹), where millionths stop having a double each.
    for (let i = 0; i < 20_000; i++) xs.push(8e9 + r() * 1.2e9);
    for (const x of xs) assert.equal(round6Json(x), JSON.stringify(Math.round(x * 1e6) / 1e6), String(x));
  });

  it('writes the components to four decimals as JSON.stringify writes them rounded (roundedJson)', () => {
    const r = mulberry32(4);
    const xs = [0, 1, 0.5, 1e-4, 4e-5, 6e-5, 0.1 + 0.2, 0.91235, -0.00005, 8.4e9 + 0.12345, 9e9 + 0.5, Number.NaN];
    for (let i = 0; i < 20_000; i++) xs.push((r() - 0.2) * 10 ** Math.floor(r() * 12 - 6));
    for (const x of xs) assert.equal(roundedJson(x, 4), JSON.stringify(Math.round(x * 1e4) / 1e4), String(x));
  });
});

describe('presentPersonalized', () => {
  it('shows what present() shows for the base reasons, plus components and the layer reasons, in the same field order', () => {
    const products = generateCatalog({ size: 12, seed: 3, currency: 'USD', now: Date.UTC(2026, 10, 1) });
    const index = CatalogIndex.build(products);
    const identity = ProductIdentity.build(products);
    identity.addLinks([['p:123456789', (products[2] as Product).handle]]);
    const recId = newRecommendationId();
    const [a, b] = products as [Product, Product];
    const item: PersonalizedItem = {
      productId: (products[2] as Product).id,
      score: 0.987654321,
      baseScore: 0.4444444,
      components: { intent: 0.91234, behaviour: 0.5, context: 0.33333 },
      reasons: [
        { source: 'cooc', score: 0.31, seed: a.id },
        { source: 'intent', score: 0.5123456789, match: 'category' },
        { source: 'popular', score: 0.02 },
        { source: 'season', season: 'winter', term: 'wool', score: 0.1 },
        { source: 'content', score: 0.05, seed: b.id },
        { source: 'affinity', score: 0.04, feature: 'tag:x' },
        { source: 'revisit', score: 0.01, seed: b.id },
        { source: 'constraint', score: 0, note: 'budget' },
      ],
    } as unknown as PersonalizedItem;
    // How it was composed before: present() of the base reasons, spread, with this layer's fields.
    const was = (it: PersonalizedItem, rec?: string) => {
      const base = it.reasons.filter((r) => ['cooc', 'content', 'affinity', 'popular', 'trending', 'buy_again', 'revisit', 'external', 'catalog'].includes(r.source));
      const extra = it.reasons.filter((r) => !base.includes(r)).slice(0, 6);
      const shown = present({ productId: it.productId, score: it.score, reasons: base as RecommendedItem['reasons'] }, index, undefined, identity, rec);
      return {
        ...shown,
        baseScore: Number(it.baseScore.toFixed(6)),
        components: { intent: Number(it.components.intent.toFixed(4)), behaviour: Number(it.components.behaviour.toFixed(4)), context: Number(it.components.context.toFixed(4)) },
        reasons: [...shown.reasons, ...extra.map((r) => ({ ...r, score: Number(r.score.toFixed(6)) }))].sort((x, y) => y.score - x.score),
      };
    };
    for (const rec of [recId, undefined]) {
      for (const it of [item, { ...item, productId: 'not-in-catalog' }]) {
        assert.equal(JSON.stringify(presentPersonalized(it, index, undefined, identity, rec)), JSON.stringify(was(it, rec)));
      }
    }
  });

  it('is written, byte for byte, as its object serialises: in a market, as sold in the variants asked for, with links, odd ids and odd reasons', () => {
    const products = generateCatalog({ size: 12, seed: 5, currency: 'USD', now: Date.UTC(2026, 10, 1) });
    const bracelet = product({ id: 'anchor "bracelet"', title: 'Anchor Bracelet Mens', productType: 'Bracelet', variants: [[69.99, true, { color: 'Gold', size: 'M' }], [55, true, { color: 'Silver', size: 'L' }], [61, false, { color: 'Silver', size: 'M' }]] });
    const framed = { ...(products[3] as Product), id: 'framed', url: 'https://shop.example/p/framed?v=1#"top"' };
    const catalog = [...products, bracelet, framed];
    const index = CatalogIndex.build(catalog);
    const identity = ProductIdentity.build(catalog);
    identity.addLinks([['p:123456789', (products[2] as Product).handle]]);
    const eu = (DEFAULT_MARKETS.markets as readonly Market[]).find((m) => m.currency === 'EUR') as Market;
    const [a, b] = products as [Product, Product];
    const rnd = mulberry32(11);
    const reasons = [
      { source: 'cooc', score: 0.31, seed: a.id },
      { source: 'intent', score: 0.5123456789, term: 'gold "x"', field: 'title' },
      { source: 'popular', score: 0.02 },
      { source: 'season', season: 'winter', term: 'wool', score: 0.1000004 },
      { source: 'content', score: 0.05, seed: b.id },
      { source: 'affinity', score: 0.04, feature: 'tag:x', seedTitle: 'own' },
      { source: 'revisit', score: 0.01, seed: 'unknown-seed' },
      { source: 'catalog', score: 0.9 },
      { source: 'holiday', holiday: 'Christmas', daysUntil: 23, via: { tag: 'xmas' }, score: 0.07, unset: undefined },
      { source: 'constraint', code: 'size_not_listed', sizes: ['M'], detail: 'Its sizes are not listed\u2028', score: 0 },
      { source: 'intent', term: 'many', field: 'tags', score: Number.NaN },
      ...Array.from({ length: 7 }, (_, k) => ({ source: 'intent', term: `t${k}`, field: 'description', score: rnd() })),
    ];
    const recId = newRecommendationId();
    const ids = [bracelet.id, (products[2] as Product).id, framed.id, 'not-in-catalog'];
    const wishes = [undefined, { colours: ['silver'], sizes: [] }, { colours: [], sizes: ['M'] }, { colours: ['gold'], sizes: ['L'], rejections: [{ kind: 'colour' as const, value: 'silver' }] }];
    let checked = 0;
    for (const productId of ids) {
      for (const market of [undefined, eu]) {
        for (const rec of [recId, undefined, 'not url safe/ü']) {
          for (const wanted of wishes) {
            for (let n = 0; n <= reasons.length; n += 5) {
              const item = { productId, score: rnd() * 3, baseScore: rnd(), components: { intent: rnd(), behaviour: rnd(), context: rnd() }, reasons: reasons.slice(0, n) } as unknown as PersonalizedItem;
              const out: string[] = [];
              presentPersonalizedInto(out, item, index, market, identity, rec, wanted);
              assert.equal(out.join(''), JSON.stringify(presentPersonalized(item, index, market, identity, rec, wanted)));
              checked++;
            }
          }
        }
      }
    }
    assert.equal(checked, 4 * 2 * 3 * 4 * 4);
    // It does show the silver variant's price for "silver", and the market's currency in a market.
    const silver: string[] = [];
    presentPersonalizedInto(silver, { productId: bracelet.id, score: 1, baseScore: 1, components: { intent: 1, behaviour: 0, context: 0 }, reasons: [] }, index, undefined, identity, undefined, { colours: ['silver'], sizes: [] });
    assert.equal(JSON.parse(silver.join('')).price.amount, 5500);
  });
});
