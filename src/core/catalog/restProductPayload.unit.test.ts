import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readRestProduct } from './restProductPayload.ts';

const payload = (over: Record<string, unknown> = {}) => ({
  id: 9001,
  title: 'Red Scarf',
  handle: 'red-scarf',
  status: 'active',
  published_at: '2026-01-01T00:00:00Z',
  variants: [{ id: 90010, price: '20.00', inventory_quantity: 5, inventory_policy: 'deny', inventory_management: 'shopify' }],
  ...over,
});
const published = (over: Record<string, unknown>): boolean | undefined => {
  const r = readRestProduct(payload(over), 'USD');
  return 'problem' in r ? undefined : r.product.published;
};

describe('readRestProduct: whether a product is on the online store', () => {
  it('an active product with a publication time is; a draft, an archived one or published_at null is not', () => {
    assert.equal(published({}), true);
    assert.equal(published({ status: 'draft' }), false);
    assert.equal(published({ status: 'archived' }), false);
    assert.equal(published({ published_at: null }), false);
    assert.equal(published({ published_at: '' }), false);
  });
  it('a payload without published_at says nothing of it: an active product is published (it was left out of recommendations)', () => {
    const { published_at: _none, ...without } = payload();
    const r = readRestProduct(without, 'USD');
    assert.ok(!('problem' in r));
    assert.equal(r.product.published, true);
  });
});
