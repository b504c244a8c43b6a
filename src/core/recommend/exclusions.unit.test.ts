import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildExclusions, repeatAllowed } from './exclusions.ts';

const profile = {
  purchased: new Set(['bought']),
  session: [{ productId: 'seen', type: 'view' as const, ts: 1 }],
};

describe('buildExclusions', () => {
  it('leaves out the current product and the cart, and keeps seen items unless asked', () => {
    assert.deepEqual([...buildExclusions({ productId: 'cur', cart: ['c1', 'c2'] }, undefined, false)].sort(), ['c1', 'c2', 'cur']);
    assert.ok(!buildExclusions({}, profile, true).has('seen'));
    assert.ok(buildExclusions({ excludeSeen: true }, profile, true).has('seen'));
  });

  it('honours allowRepeatPurchases: the shop setting when the request says nothing, the request when it does', () => {
    assert.ok(buildExclusions({}, profile, false).has('bought'), 'shop default off: bought products stay out');
    assert.ok(!buildExclusions({}, profile, true).has('bought'), 'shop default on: bought products may come back');
    assert.ok(buildExclusions({ allowRepeat: false }, profile, true).has('bought'), 'the request turns it off');
    assert.ok(!buildExclusions({ allowRepeat: true }, profile, false).has('bought'), 'the request turns it on');
    assert.equal(repeatAllowed({}, true), true);
  });

  it('leaves out products the market does not sell', () => {
    assert.deepEqual([...buildExclusions({}, undefined, false, new Set(['x']))], ['x']);
  });
});
