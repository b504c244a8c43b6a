import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_NOW, generateCatalog, PRODUCT_ID_BASE } from './demoCatalog.ts';

const DAY = 86_400_000;

describe('generateCatalog', () => {
  it('is deterministic for a seed and differs for another seed', () => {
    const a = generateCatalog({ size: 300, seed: 1 });
    const b = generateCatalog({ size: 300, seed: 1 });
    const c = generateCatalog({ size: 300, seed: 2 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.map((p) => p.title), c.map((p) => p.title));
    assert.deepEqual(a.map((p) => p.id), c.map((p) => p.id), 'ids depend only on the position');
  });

  it('produces well-formed products with Shopify-like numeric ids and unique handles', () => {
    const products = generateCatalog({ size: 2000, seed: 42 });
    assert.equal(products.length, 2000);
    assert.equal(products[0]?.id, String(PRODUCT_ID_BASE));
    const handles = new Set<string>();
    const variantIds = new Set<string>();
    for (const p of products) {
      assert.match(p.id, /^\d{13}$/);
      assert.match(p.handle, new RegExp(`^[a-z0-9-]+-${p.id}$`));
      handles.add(p.handle);
      assert.ok(p.title.split(' ').length >= 3, p.title);
      assert.ok(p.vendor && p.productType && p.category.includes(' > ') && p.tags.length >= 3 && p.description.length > 20);
      assert.ok(p.images.length >= 1);
      assert.ok(p.variants.length >= 1);
      for (const v of p.variants) {
        assert.match(v.id, /^\d{14}$/);
        variantIds.add(v.id);
        assert.ok(Number.isInteger(v.price.amount) && v.price.amount > 0);
        assert.equal(v.price.currency, 'USD');
        if (v.compareAtPrice) assert.ok(v.compareAtPrice.amount > v.price.amount);
        for (const [name, value] of Object.entries(v.options)) assert.ok(p.options[name]?.includes(value), `${name}=${value}`);
      }
      const combos = new Set(p.variants.map((v) => JSON.stringify(v.options)));
      assert.equal(combos.size, p.variants.length, 'no duplicate variants');
      const created = Date.parse(p.createdAt ?? '');
      assert.ok(created <= DEMO_NOW && created >= DEMO_NOW - 731 * DAY);
    }
    assert.equal(handles.size, products.length);
    assert.equal(variantIds.size, products.reduce((n, p) => n + p.variants.length, 0));
  });

  it('spans several departments with plausible prices and a few unavailable or unpublished items', () => {
    const products = generateCatalog({ size: 2000, seed: 42 });
    const types = new Set(products.map((p) => p.productType));
    assert.ok(types.size >= 30, `${types.size} product types`);
    for (const t of ['Hiking Boots', 'Running Shoes', 'Dresses', 'Cookware', 'Necklaces', 'Serums', 'Chargers']) assert.ok(types.has(t), t);
    const boots = products.filter((p) => p.productType === 'Hiking Boots');
    assert.ok(boots.every((p) => /Boot$/.test(p.title) && p.options.size !== undefined));
    assert.ok(boots.every((p) => p.variants.every((v) => v.price.amount >= 10_000 && v.price.amount <= 30_000)));
    const unpublished = products.filter((p) => !p.published).length;
    const soldOut = products.filter((p) => !p.variants.some((v) => v.available)).length;
    assert.ok(unpublished > 0 && unpublished < products.length * 0.06, `${unpublished} unpublished`);
    assert.ok(soldOut > 0 && soldOut < products.length * 0.1, `${soldOut} sold out`);
    assert.ok(products.some((p) => p.variants.some((v) => v.compareAtPrice)) && products.some((p) => p.tags.includes('sale')));
  });

  it('honours currency and now', () => {
    const now = Date.UTC(2020, 0, 1);
    const products = generateCatalog({ size: 200, seed: 3, currency: 'jpy', now });
    for (const p of products) {
      for (const v of p.variants) {
        assert.equal(v.price.currency, 'JPY');
        assert.ok(Number.isInteger(v.price.amount) && v.price.amount >= 500, `${v.price.amount} yen`);
      }
      assert.ok(Date.parse(p.createdAt ?? '') <= now);
    }
  });

  it('generates a 10,000-product catalog with unique ids and handles', () => {
    const products = generateCatalog({ size: 10_000, seed: 9 });
    assert.equal(products.length, 10_000);
    assert.equal(new Set(products.map((p) => p.id)).size, 10_000);
    assert.equal(new Set(products.map((p) => p.handle)).size, 10_000);
  });
});
