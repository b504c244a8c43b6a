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

describe('ProductIdentity: storefront claims and signed links (anyone can post a pixel event)', () => {
  const shop = [product('yellow-jumper', 'yellow-jumper', [{ id: 'YJ-1', sku: 'YJ-1' }]), product('led-shoes', 'led-shoes', [{ id: 'LS-1', sku: 'LS-1' }]), product('striped-skirt', 'striped-skirt', [{ id: 'SS-1', sku: 'SS-1' }])];
  /** The identity built in place from `steps`, and the one built afresh from the links it then holds, answer alike. */
  function inPlaceAndRebuilt(steps: readonly (readonly [string, string])[][]): ProductIdentity {
    const id = ProductIdentity.build(shop);
    const held = new Map<string, string>();
    for (const step of steps) {
      id.addLinks(step);
      for (const [k, v] of step) if (!held.has(k) || k.startsWith('s:')) held.set(k, v);
    }
    assert.deepEqual(answers(id, shop), answers(ProductIdentity.build(shop, held), shop), 'in place and rebuilt from the stored links');
    for (const n of ['1000', '8001', '8002', '8003']) assert.equal(id.resolve(n), ProductIdentity.build(shop, held).resolve(n), n);
    return id;
  }

  it('a later claim of another handle for an id does not replace the first: it is proposed as a dispute', () => {
    const id = inPlaceAndRebuilt([[['p:8002', 'striped-skirt']]]);
    assert.deepEqual(id.linksFrom({ productId: '8002', handle: 'led-shoes' }), [['x:8002', 'led-shoes']]);
    assert.deepEqual(id.linksFrom({ productId: '8002', handle: 'striped-skirt' }), []);
    id.addLinks([['p:8002', 'led-shoes']]);
    assert.equal(id.resolve('8002'), 'striped-skirt', 'the first claim stands');
  });

  it('a signed link replaces a forged claim: the id resolves to its handle, and the forged id to nothing', () => {
    const id = inPlaceAndRebuilt([[['p:1000', 'yellow-jumper']], [['s:8001', 'yellow-jumper']]]);
    assert.equal(id.resolve('8001'), 'yellow-jumper');
    assert.equal(id.idsOf('yellow-jumper').numericId, '8001');
    assert.equal(id.resolve('1000'), undefined);
    assert.deepEqual(id.linksFrom({ productId: '1000', handle: 'yellow-jumper' }), [], 'a claim already held is not proposed again');
  });

  it("a real product's id claimed for another product: its signed link moves it, and the other's signed id leaves the claim out", () => {
    // The forger names LED shoes' id with the skirt's page; then Shopify's deliveries for both come.
    const id = inPlaceAndRebuilt([[['p:8002', 'striped-skirt']], [['s:8003', 'striped-skirt']], [['s:8002', 'led-shoes']]]);
    assert.equal(id.resolve('8002'), 'led-shoes');
    assert.equal(id.resolve('8003'), 'striped-skirt');
    // Only the skirt's delivery so far: the forged claim is not followed (the skirt's id is signed as another).
    const half = inPlaceAndRebuilt([[['p:8002', 'striped-skirt']], [['s:8003', 'striped-skirt']]]);
    assert.equal(half.resolve('8002'), undefined);
    assert.deepEqual(half.linksFrom({ productId: '8003', handle: 'striped-skirt' }), [], 'nothing to learn from a storefront event about a signed id');
  });

  it('a removal follows a claim only while nothing disputes it', () => {
    const one = inPlaceAndRebuilt([[['p:8002', 'striped-skirt']]]);
    assert.equal(one.resolveForRemoval('8002'), 'striped-skirt', 'one claim, undisputed');
    const disputed = inPlaceAndRebuilt([[['p:8002', 'striped-skirt']], [['x:8002', 'led-shoes']]]);
    assert.equal(disputed.resolve('8002'), 'striped-skirt');
    assert.equal(disputed.resolveForRemoval('8002'), undefined, 'another handle was claimed for the id');
    const twoIds = inPlaceAndRebuilt([[['p:8002', 'striped-skirt']], [['p:8003', 'striped-skirt']]]);
    assert.equal(twoIds.resolveForRemoval('8002'), undefined, 'another id was claimed for the handle');
    assert.equal(twoIds.resolveForRemoval('8003'), undefined);
    const signed = inPlaceAndRebuilt([[['p:8002', 'striped-skirt']], [['x:8002', 'led-shoes']], [['s:8002', 'striped-skirt']]]);
    assert.equal(signed.resolveForRemoval('8002'), 'striped-skirt', 'a signed link settles it');
    assert.equal(signed.resolveForRemoval('striped-skirt'), 'striped-skirt', 'a handle is the catalog’s own');
  });
});
