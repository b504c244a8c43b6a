import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32 } from '../random.ts';
import { product as fixture } from '../../testing/productFixture.ts';
import type { Product } from './product.ts';
import { ProductIdentity } from './productIdentity.ts';

/** A product known by `handle` and by these variant ids and SKUs (the shared fixture, with its ids given). */
function product(id: string, handle: string, variants: { id: string; sku?: string }[], price = 10): Product {
  const base = fixture({ id, title: handle, price });
  const v0 = base.variants[0] as Product['variants'][number];
  return { ...base, handle, variants: variants.map((v) => ({ ...v0, id: v.id, ...(v.sku ? { sku: v.sku } : {}) })) };
}

/** What an identity answers for every id of these products, and a few it must not know. */
function answers(identity: ProductIdentity, products: readonly Product[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of products) {
    for (const x of [p.id, p.handle, p.handle.toUpperCase(), ...p.variants.flatMap((v) => [v.id, v.sku ?? ''])]) if (x) out[x] = identity.resolve(x) ?? null;
    out[`ids:${p.id}`] = identity.idsOf(p.id);
    out[`aliases:${p.id}`] = identity.aliasesOf(p.id);
  }
  for (const x of ['9001', '9002', 'nope', 'SKU-GONE']) out[x] = identity.resolve(x) ?? null;
  return out;
}

// A CSV export names variants by SKU (no numeric variant ids); a learned link names one product's numeric id.
const csv = [
  product('red-scarf', 'red-scarf', [{ id: 'RS-1', sku: 'RS-1' }, { id: 'RS-2', sku: 'RS-2' }]),
  product('blue-hat', 'blue-hat', [{ id: 'BH-1', sku: 'BH-1' }]),
];
const links = new Map([['p:9001', 'red-scarf']]);

describe('ProductIdentity.withProducts (a rebuild that keeps every product’s ids)', () => {
  it('a price change: resolves exactly as a fresh build, sharing the tables', () => {
    const before = ProductIdentity.build(csv, links);
    const cheaper = [product('red-scarf', 'red-scarf', [{ id: 'RS-1', sku: 'RS-1' }, { id: 'RS-2', sku: 'RS-2' }], 500), csv[1] as Product];
    const after = before.withProducts(cheaper);
    assert.ok(after);
    assert.deepEqual(answers(after, cheaper), answers(ProductIdentity.build(cheaper, links), cheaper));
    // Shared: a link learned by the new identity is known to the one it replaced too.
    after.addLinks([['p:9002', 'blue-hat']]);
    assert.equal(before.resolve('9002'), 'blue-hat');
  });

  it('Shopify’s numeric variant ids arriving for a CSV product: the new ids resolve, the SKUs still do', () => {
    const before = ProductIdentity.build(csv, links);
    const synced = [product('red-scarf', 'red-scarf', [{ id: '7001', sku: 'RS-1' }, { id: '7002', sku: 'RS-2' }, { id: 'RS-1' }, { id: 'RS-2' }]), csv[1] as Product];
    const after = before.withProducts(synced);
    assert.ok(after);
    assert.equal(after.resolve('7001'), 'red-scarf');
    assert.deepEqual(answers(after, synced), answers(ProductIdentity.build(synced, links), synced));
  });

  it('builds afresh (undefined) when a product loses an id, gains one naming another product, changes handle, or the catalog gains or loses a product', () => {
    const before = ProductIdentity.build(csv, links);
    const lostVariant = [product('red-scarf', 'red-scarf', [{ id: 'RS-1', sku: 'RS-1' }]), csv[1] as Product];
    const stolenId = [product('red-scarf', 'red-scarf', [{ id: 'RS-1', sku: 'RS-1' }, { id: 'RS-2', sku: 'RS-2' }, { id: 'BH-1' }]), csv[1] as Product];
    const renamed = [product('red-scarf', 'red-scarf-2', [{ id: 'RS-1', sku: 'RS-1' }, { id: 'RS-2', sku: 'RS-2' }]), csv[1] as Product];
    for (const next of [lostVariant, stolenId, renamed, [csv[0] as Product], [...csv, product('green-tie', 'green-tie', [])]]) {
      assert.equal(before.withProducts(next), undefined);
    }
    // A refusal leaves the identity as it was.
    assert.deepEqual(answers(before, csv), answers(ProductIdentity.build(csv, links), csv));
  });

  it('random edits: withProducts, when it answers, answers as a fresh build', () => {
    const random = mulberry32(42);
    const rnd = (n: number) => Math.floor(random() * n);
    const base = Array.from({ length: 30 }, (_, i) => product(`p${i}`, `h${i}`, [{ id: `v${i}a`, sku: `S${i}a` }, { id: `v${i}b`, sku: `S${i}b` }]));
    let reused = 0;
    for (let round = 0; round < 200; round++) {
      const before = ProductIdentity.build(base, new Map([['p:9001', 'h3']]));
      const next = base.map((p, i) => {
        if (rnd(4) !== 0) return p;
        const extra = rnd(3) === 0 ? [{ id: rnd(2) === 0 ? `v${rnd(30)}a` : `n${i}-${round}` }] : [];
        const keep = rnd(8) === 0 ? p.variants.slice(1) : p.variants;
        return product(p.id, p.handle, [...keep.map((v) => ({ id: v.id, ...(v.sku ? { sku: v.sku } : {}) })), ...extra], 100 + round);
      });
      const fast = before.withProducts(next);
      if (!fast) continue;
      reused++;
      assert.deepEqual(answers(fast, next), answers(ProductIdentity.build(next, new Map([['p:9001', 'h3']])), next), `round ${round}`);
    }
    assert.ok(reused > 20, `reused ${reused} of 200`);
  });
});
