import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogIndex, featureKeysOf, tokenize } from './catalogIndex.ts';
import { generateCatalog } from './demoCatalog.ts';
import type { Product } from './product.ts';
import { profileAffinity } from '../profile/affinity.ts';
import type { ProfileView } from '../profile/profileView.ts';

interface Spec {
  id: string;
  title: string;
  type: string;
  vendor: string;
  category: string;
  tags: string[];
  prices?: [number, boolean][];
}

function product(s: Spec): Product {
  const prices = s.prices ?? [[50, true]];
  return {
    id: s.id,
    handle: s.id,
    title: s.title,
    description: '',
    vendor: s.vendor,
    productType: s.type,
    category: s.category,
    tags: s.tags,
    options: {},
    variants: prices.map(([major, available], i) => ({
      id: `${s.id}-${i}`,
      title: 'Default Title',
      price: { amount: major * 100, currency: 'USD' },
      available,
      options: {},
    })),
    images: [],
    published: true,
  };
}

const BOOTS = 'Apparel & Accessories > Shoes > Boots > Hiking Boots';
const CATALOG: Product[] = [
  product({ id: 'boot-1', title: 'Trailblazer Waterproof Hiking Boot', type: 'Hiking Boots', vendor: 'Northpeak', category: BOOTS, tags: ['hiking', 'waterproof', 'Boots'], prices: [[140, false], [120, true], [180, true]] }),
  product({ id: 'boot-2', title: 'Summit Leather Hiking Boot', type: 'Hiking Boots', vendor: 'Cairn', category: BOOTS, tags: ['hiking', 'leather'] }),
  product({ id: 'boot-3', title: 'Ridgeline Trekking Boots', type: 'Hiking Boots', vendor: 'Northpeak', category: BOOTS, tags: ['trekking', 'hiking'] }),
  product({ id: 'pack-1', title: 'Basecamp 35L Hiking Backpack', type: 'Backpacks', vendor: 'Northpeak', category: 'Luggage & Bags > Backpacks', tags: ['hiking', 'backpack'] }),
  product({ id: 'run-1', title: 'Tempo Cushioned Running Shoe', type: 'Running Shoes', vendor: 'Strideline', category: 'Apparel & Accessories > Shoes > Athletic Shoes > Running Shoes', tags: ['running', 'road'] }),
  product({ id: 'dress-1', title: 'Sienna Linen Wrap Dress', type: 'Dresses', vendor: 'Loomhouse', category: 'Apparel & Accessories > Clothing > Dresses', tags: ['women', 'linen'] }),
  product({ id: 'knife-1', title: 'Hearth Damascus Chef Knife', type: 'Kitchen Knives', vendor: 'Kiln Street', category: 'Home & Garden > Kitchen & Dining > Kitchen Knives', tags: ['cooking'] }),
  product({ id: 'candle-1', title: 'Ember Fig Leaf Scented Candle', type: 'Candles', vendor: 'Bramble House', category: 'Home & Garden > Decor > Candles', tags: ['gift', 'decor'] }),
  product({ id: 'neck-1', title: 'Luna Sterling Silver Pendant Necklace', type: 'Necklaces', vendor: 'Silver Tide', category: 'Apparel & Accessories > Jewelry > Necklaces', tags: ['gift', 'silver'], prices: [[80, false], [60, false]] }),
];

describe('tokenize', () => {
  it('lower-cases, strips diacritics, drops stop words and 1-char tokens, folds plurals', () => {
    assert.deepEqual(tokenize('Las Botas de Montaña para Niños'), ['bota', 'montana', 'nino']);
    assert.deepEqual(tokenize('The Boots & Dresses for a 3-Person Tent!'), ['boot', 'dress', 'person', 'tent']);
    assert.deepEqual(tokenize('Accessories, glass, 35L'), ['accessory', 'glass', '35l']);
  });
});

describe('featureKeysOf', () => {
  it('builds namespaced lower-case keys from the category leaf, type, vendor and tags, skipping empty values', () => {
    assert.deepEqual(
      featureKeysOf({ category: 'Apparel & Accessories > Shoes > Hiking Boots ', productType: 'Hiking Boots', vendor: 'North  Peak', tags: ['Hiking', 'hiking', ' ', 'Gore Tex'] }),
      ['cat:hiking boots', 'type:hiking boots', 'vendor:north peak', 'tag:hiking', 'tag:gore tex'],
    );
    assert.deepEqual(featureKeysOf({ productType: '', vendor: 'Acme' }), ['vendor:acme']);
    assert.deepEqual(featureKeysOf({}), []);
  });
});

describe('CatalogIndex', () => {
  const index = CatalogIndex.build(CATALOG);

  it('looks products up by id', () => {
    assert.equal(index.size, CATALOG.length);
    assert.equal(index.get('boot-2')?.title, 'Summit Leather Hiking Boot');
    assert.equal(index.has('boot-2'), true);
    assert.equal(index.has('nope'), false);
    assert.equal(index.get('nope'), undefined);
    assert.deepEqual(index.all().map((p) => p.id), CATALOG.map((p) => p.id));
    assert.deepEqual(index.featureKeys('boot-1'), ['cat:hiking boots', 'type:hiking boots', 'vendor:northpeak', 'tag:hiking', 'tag:waterproof', 'tag:boots']);
    assert.deepEqual(index.featureKeys('nope'), []);
  });

  it('gives the lowest available price in major units (lowest overall when nothing is available)', () => {
    assert.equal(index.priceMajor('boot-1'), 120);
    assert.equal(index.priceMajor('neck-1'), 60);
    assert.equal(index.priceMajor('nope'), undefined);
  });

  it('says which products may be recommended (published and in stock)', () => {
    assert.equal(index.isRecommendable('boot-1'), true);
    assert.equal(index.isRecommendable('neck-1'), false, 'no variant in stock');
    assert.equal(index.isRecommendable('nope'), false);
    assert.equal(index.isRecommendableAt(index.indexOf('boot-1')), true, 'by position');
    assert.equal(index.isRecommendableAt(index.indexOf('neck-1')), false, 'by position');
    assert.equal(index.indexOf('nope'), -1);
    assert.deepEqual(CATALOG.map((c) => index.all()[index.indexOf(c.id)]?.id), CATALOG.map((c) => c.id), 'indexOf is the position in all()');
  });

  it('scores products against a profile exactly as profileAffinity does, strongest feature included', () => {
    const profile: ProfileView = {
      userId: 'u',
      affinities: new Map([['tag:hiking', 0.5], ['vendor:northpeak', 0.3], ['cat:dresses', 0.9], ['tag:unknown', 0.4], ['type:candles', 0]]),
      priceBand: { center: 100, low: 70, high: 140 },
      recent: [],
      session: [],
      purchased: new Set(),
      eventCount: 3,
      lastSeen: 0,
    };
    for (const p of [profile, { ...profile, priceBand: undefined }, { ...profile, affinities: new Map() }]) {
      const scorer = index.affinityScorer(p);
      for (const id of [...CATALOG.map((c) => c.id), 'nope']) {
        const expected = profileAffinity(p, index.featureKeys(id), index.priceMajor(id), (key) => index.featureSpecificity(key));
        assert.equal(scorer.score(index.indexOf(id)), expected.score, id);
        assert.equal(scorer.strongest(index.indexOf(id)), expected.feature, id);
      }
    }
    assert.ok(index.affinityScorer(profile).score(index.indexOf('dress-1')) > 0.9, 'category and price band add up');
  });

  it("counts a shopper's liking for what every product shares as nothing (a shop's only vendor)", () => {
    // A one-brand shop as its CSV export names it: every product by the same vendor, tags on some.
    const shop = CatalogIndex.build([
      product({ id: 'shirt', title: 'Ocean Blue Shirt', type: '', vendor: 'partners-demo', category: '', tags: ['men'] }),
      product({ id: 'top', title: 'Classic Varsity Top', type: '', vendor: 'partners-demo', category: '', tags: ['women'] }),
      product({ id: 'dress', title: 'Floral White Top', type: '', vendor: 'partners-demo', category: '', tags: ['women'] }),
      product({ id: 'jacket', title: 'Olive Green Jacket', type: '', vendor: 'partners-demo', category: '', tags: ['women'] }),
      product({ id: 'jumper', title: 'Yellow Wool Jumper', type: '', vendor: 'partners-demo', category: '', tags: ['women'] }),
    ]);
    assert.equal(shop.featureSpecificity('vendor:partners-demo'), 0, 'on every product');
    assert.equal(shop.featureSpecificity('tag:men'), 1, 'on one product');
    assert.equal(shop.featureSpecificity('tag:women'), 0.25, 'on four of five');
    assert.equal(shop.featureSpecificity('tag:nowhere'), 1);
    const profile: ProfileView = {
      userId: 'u',
      affinities: new Map([['vendor:partners-demo', 0.9], ['tag:women', 0.4]]),
      recent: [],
      session: [],
      purchased: new Set(),
      eventCount: 6,
      lastSeen: 0,
    };
    const scorer = shop.affinityScorer(profile);
    assert.equal(scorer.strongest(shop.indexOf('top')), 'tag:women', 'the reason is what sets the product apart, not the vendor');
    assert.equal(scorer.score(shop.indexOf('top')), 0.1);
    assert.equal(scorer.strongest(shop.indexOf('shirt')), undefined, 'nothing this shopper likes sets the shirt apart');
    assert.equal(scorer.score(shop.indexOf('shirt')), 0);
  });

  it('keeps the last of duplicate ids', () => {
    const dup = CatalogIndex.build([...CATALOG, { ...(CATALOG[0] as Product), title: 'Renamed' }]);
    assert.equal(dup.size, CATALOG.length);
    assert.equal(dup.get('boot-1')?.title, 'Renamed');
    assert.equal(dup.all()[0]?.id, 'boot-1');
  });

  it('finds content neighbours: boots nearest to a boot, then hiking gear, never itself', () => {
    const n = index.contentNeighbours('boot-1', 10);
    assert.deepEqual(n.slice(0, 2).map((x) => x.productId).sort(), ['boot-2', 'boot-3']);
    assert.equal(n[2]?.productId, 'pack-1');
    assert.ok(!n.some((x) => x.productId === 'boot-1'));
    assert.ok(!n.some((x) => x.productId === 'knife-1' || x.productId === 'candle-1'), 'unrelated products share no term');
    for (let i = 0; i < n.length; i++) {
      const w = n[i]?.weight as number;
      assert.ok(w > 0 && w <= 1, `weight ${w} in (0,1]`);
      if (i > 0) assert.ok((n[i - 1]?.weight as number) >= w, 'strongest first');
    }
    assert.deepEqual(index.contentNeighbours('boot-1', 1), n.slice(0, 1));
    assert.deepEqual(index.contentNeighbours('boot-1', 0), []);
    assert.deepEqual(index.contentNeighbours('nope', 5), []);
    assert.deepEqual(index.contentNeighbours('boot-1', 10), n, 'worked out once, read again the same');
    assert.deepEqual(index.contentNeighbours('boot-1', 2.7), n.slice(0, 2), 'a fractional k is floored');
    assert.deepEqual(index.contentNeighbours('boot-1', 0.5), []);
  });

  it('reads the same content neighbours by position, from its own arrays (no list per product)', () => {
    const doc = index.indexOf('boot-1');
    const { docs, weights, from, to } = index.contentNeighboursAt(doc, 10);
    const spans = Array.from({ length: to - from }, (_, i) => ({ productId: index.idAt(docs[from + i] as number), weight: weights[from + i] as number }));
    assert.deepEqual(spans, index.contentNeighbours('boot-1', 10));
    const two = index.contentNeighboursAt(doc, 2.7);
    assert.equal(two.to - two.from, 2, 'a fractional k is floored');
    for (const [d, k] of [[-1, 5], [index.size, 5], [doc, 0], [doc, 0.5]] as const) {
      const none = index.contentNeighboursAt(d, k);
      assert.equal(none.to - none.from, 0, `position ${d}, k ${k}`);
    }
  });

  it('reads a weighted list once per list object: positions (indexOf) and weights in list order, the largest and the sum of the positive weights', () => {
    const list = [
      { productId: 'boot-2', weight: 3 },
      { productId: 'nope', weight: 5 },
      { productId: 'candle-1', weight: 0 },
      { productId: 'boot-2', weight: -2 },
      { productId: 'boot-1', weight: Number.NaN },
    ];
    const r = index.resolveList(list);
    assert.deepEqual([...r.docs], list.map((x) => index.indexOf(x.productId)));
    assert.equal(r.docs[1], -1);
    assert.deepEqual([...r.weights], [3, 5, 0, -2, Number.NaN]);
    assert.equal(r.max, 5, 'an item the catalog does not have still counts: the list is normalised as the store gave it');
    assert.equal(r.sum, 8);
    assert.equal(index.resolveList(list), r, 'memoised per list');
    assert.deepEqual(index.resolveList([]), { docs: new Int32Array(0), weights: new Float64Array(0), max: 0, sum: 0 });
  });

  it('gives identical products similarity 1', () => {
    const twin = CatalogIndex.build([CATALOG[1] as Product, { ...(CATALOG[1] as Product), id: 'twin' }]);
    const [n] = twin.contentNeighbours('twin', 5);
    assert.equal(n?.productId, 'boot-2');
    assert.ok(Math.abs((n?.weight as number) - 1) < 1e-9);
  });

  it('ranks keyword search results by TF-IDF', () => {
    const hits = index.search('waterproof hiking boots', 5);
    assert.equal(hits[0]?.productId, 'boot-1');
    assert.deepEqual(hits.slice(1, 3).map((h) => h.productId).sort(), ['boot-2', 'boot-3']);
    assert.ok(hits.every((h) => h.weight > 0 && h.weight <= 1));
    assert.equal(index.search('chef knife', 3)[0]?.productId, 'knife-1');
    assert.equal(index.search('Northpeak backpack', 3)[0]?.productId, 'pack-1');
    assert.equal(index.search('hiking', 2).length, 2);
    assert.deepEqual(index.search('unicorn', 5), []);
    assert.deepEqual(index.search('the and for', 5), []);
    assert.deepEqual(index.search('hiking', 0), []);
  });

  it('a rebuild that keeps most product objects answers as a build from fresh copies (a changed product’s new words count, its old ones do not)', () => {
    const first = CatalogIndex.build(CATALOG);
    first.search('hiking', 3);
    const renamed = { ...(CATALOG[6] as Product), title: 'Hearth Damascus Bread Knife', tags: ['baking'] };
    const next = CATALOG.map((p, i) => (i === 6 ? renamed : p));
    const rebuilt = CatalogIndex.build(next);
    const fresh = CatalogIndex.build(next.map((p) => structuredClone(p)));
    for (const q of ['bread knife', 'chef knife', 'baking', 'cooking', 'hiking boots', 'silver gift']) assert.deepEqual(rebuilt.search(q, 5), fresh.search(q, 5), q);
    for (const p of next) assert.deepEqual(rebuilt.contentNeighbours(p.id, 5), fresh.contentNeighbours(p.id, 5), p.id);
    assert.equal(rebuilt.search('bread', 1)[0]?.productId, 'knife-1');
    assert.deepEqual(rebuilt.search('cooking', 5), []);
    assert.deepEqual(rebuilt.featureKeys('knife-1'), fresh.featureKeys('knife-1'));
    assert.ok(rebuilt.featureKeys('knife-1').includes('tag:baking'));
  });

  it('handles an empty catalog', () => {
    const empty = CatalogIndex.build([]);
    assert.equal(empty.size, 0);
    assert.deepEqual(empty.search('boot', 5), []);
    assert.deepEqual(empty.contentNeighbours('x', 5), []);
  });

  // Speed is measured in bench/, not here; this checks the answers on a realistic 10k catalog.
  it('answers sensible neighbours on a 10,000-product catalog', () => {
    const products = generateCatalog({ size: 10_000, seed: 7 });
    const big = CatalogIndex.build(products);
    const boots = products.filter((p) => p.productType === 'Hiking Boots').slice(0, 20);
    assert.ok(boots.length > 0);

    for (const b of boots) {
      const near = big.contentNeighbours(b.id, 10).map((n) => big.get(n.productId) as Product);
      assert.equal(near.length, 10);
      for (const p of near) assert.ok(p.productType === 'Hiking Boots' || p.tags.includes('hiking'), `${p.title} is near ${b.title}`);
    }
  });
});
