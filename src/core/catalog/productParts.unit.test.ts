import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { minPrice } from './product.ts';
import { ProductParts } from './productParts.ts';

/** A product as a stored record decodes: a fresh object for every part. */
const decoded = (spec: Parameters<typeof product>[0]) => JSON.parse(JSON.stringify(product(spec))) as ReturnType<typeof product>;

describe('equal parts of products held once', () => {
  it('two products with equal prices and options share the objects; every value is as it was', () => {
    const parts = new ProductParts();
    const a = decoded({ id: 'a', title: 'Tee A', productType: 'Shirts', tags: ['cotton'], price: 20, compareAt: 25 });
    const b = decoded({ id: 'b', title: 'Tee B', productType: 'Shirts', tags: ['cotton'], price: 20, compareAt: 25 });
    const [sa, sb] = [parts.share(a), parts.share(b)];
    assert.deepEqual(sa, a);
    assert.deepEqual(sb, b);
    assert.equal(sa.variants[0]?.price, sb.variants[0]?.price);
    assert.equal(sa.variants[0]?.compareAtPrice, sb.variants[0]?.compareAtPrice);
    assert.equal(sa.variants[0]?.options, sb.variants[0]?.options);
    // Near miss: another price is another object.
    const c = parts.share(decoded({ id: 'c', title: 'Tee C', price: 21 }));
    assert.notEqual(c.variants[0]?.price, sa.variants[0]?.price);
    assert.deepEqual(c.variants[0]?.price, { amount: 2100, currency: 'USD' });
  });

  it('the cheapest price is still that of the variant it came from', () => {
    const parts = new ProductParts();
    // An unavailable variant at the same price before the available one.
    const p = parts.share(decoded({ id: 'p', title: 'Boots', variants: [[30, false], [30, true], [40, true]] }));
    const base = minPrice(p);
    assert.deepEqual(base, { amount: 3000, currency: 'USD' });
    assert.equal(p.variants.find((v) => v.available && v.price === base), p.variants[1]);
  });

  it('bounded: past its size a table starts again, and values stay equal', () => {
    const parts = new ProductParts(2);
    const shared = [20, 21, 22, 20].map((price, i) => parts.share(decoded({ id: `p${i}`, title: `P${i}`, price })).variants[0]?.price);
    assert.deepEqual(shared.map((m) => m?.amount), [2000, 2100, 2200, 2000]);
    // The first 20 was let go when the table started again: the later one is held apart.
    assert.notEqual(shared[3], shared[0]);
  });

  it('a record missing parts (older data) is given back as it is', () => {
    const parts = new ProductParts();
    const bare = { id: 'x', handle: 'x', title: 'X' } as unknown as ReturnType<typeof product>;
    assert.deepEqual(parts.share(bare), bare);
  });
});
