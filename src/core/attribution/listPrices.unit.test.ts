import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import type { UserEvent } from '../events/userEvent.ts';
import { listPriceOf, withListPrices } from './listPrices.ts';

const base = product({ id: 'tee', title: 'Tee', price: 20 });
const v0 = base.variants[0] as (typeof base.variants)[number];
const tee = { ...base, variants: [{ ...v0, id: 'tee-s', price: { amount: 2500, currency: 'USD' }, available: false }, { ...v0, id: 'tee-m', price: { amount: 2000, currency: 'USD' }, available: true }, { ...v0, id: 'tee-l', price: { amount: 1800, currency: 'USD' }, available: false }] };
const order = (items: UserEvent['items']): UserEvent => ({ v: 1, id: 'o-1', shop: 's', userId: 'u', type: 'purchase', name: 'purchase', ts: 1, items, source: 'agent' }) as UserEvent;

describe('a cart or order line without a price counts at its list price (listPrices.ts)', () => {
  it("the named variant's price, else the cheapest available variant's", () => {
    assert.deepEqual(listPriceOf(tee, 'tee-s'), { amount: 2500, currency: 'USD' });
    assert.deepEqual(listPriceOf(tee), { amount: 2000, currency: 'USD' }, 'the cheapest available, not the cheaper sold-out L');
    assert.deepEqual(listPriceOf(tee, 'gone'), { amount: 2000, currency: 'USD' });
  });

  it('prices only the lines that state no price, of products the catalog knows; the same event when nothing changes', () => {
    const e = order([{ productId: 'tee', quantity: 2 }, { productId: 'tee', variantId: 'tee-s', quantity: 1, price: { amount: 999, currency: 'USD' } }, { productId: 'unknown', quantity: 1 }]);
    const priced = withListPrices(e, (id) => (id === 'tee' ? tee : undefined));
    assert.deepEqual(priced.items.map((i) => i.price), [{ amount: 2000, currency: 'USD' }, { amount: 999, currency: 'USD' }, undefined]);
    const sent = order([{ productId: 'tee', quantity: 1, price: { amount: 999, currency: 'USD' } }]);
    assert.equal(withListPrices(sent, () => tee), sent);
    const view = { ...order([{ productId: 'tee', quantity: 1 }]), type: 'view' } as UserEvent;
    assert.equal(withListPrices(view, () => tee), view, 'a view has no amount to count');
  });
});
