import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conversationProduct, unanchoredOutcome } from './conversationProduct.ts';

describe('conversationProduct', () => {
  it('the most recent of the conversation\'s product and the items of interest touched', () => {
    const focus = { product: 'discussed', productAt: 2_000, updatedAt: 3_000 };
    assert.equal(conversationProduct(focus, []), 'discussed');
    assert.equal(conversationProduct(focus, [{ productId: 'viewed', type: 'view', ts: 1_000 }]), 'discussed');
    assert.equal(conversationProduct(focus, [{ productId: 'viewed', type: 'view', ts: 2_500 }, { productId: 'older', type: 'add_to_cart', ts: 2_400 }]), 'viewed');
    assert.equal(conversationProduct(undefined, [{ productId: 'carted', type: 'add_to_cart', ts: 5 }]), 'carted');
  });

  it('a product taken out of the cart is not what the conversation is about; nothing gives nothing', () => {
    assert.equal(conversationProduct({ updatedAt: 1 }, [{ productId: 'gone', type: 'remove_from_cart', ts: 9 }]), undefined);
    assert.equal(conversationProduct(undefined, []), undefined);
  });
});

describe('unanchoredOutcome', () => {
  it('a satisfied outcome is no longer claimed, and says why', () => {
    const c = unanchoredOutcome({ satisfied: true }, 'below');
    assert.equal(c.satisfied, false);
    assert.deepEqual(c.unchecked, ['budget']);
    assert.match(c.reason ?? '', /"cheaper" could not be held/);
  });

  it('a relaxed outcome keeps its reason and adds the sentence', () => {
    const c = unanchoredOutcome({ satisfied: false, relaxed: ['colour'], reason: 'Nothing in red.' }, 'above');
    assert.deepEqual(c.relaxed, ['colour']);
    assert.match(c.reason ?? '', /^Nothing in red\. No product .*"more expensive"/);
  });
});
