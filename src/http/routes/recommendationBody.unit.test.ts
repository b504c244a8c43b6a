import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plainBody, RecommendationRequestSchema } from './recommendations.ts';

describe('plain recommendation bodies (checked without the schema)', () => {
  // Every case: what the schema answers is what the request gets, whichever path read it.
  const bodies: unknown[] = [
    { userId: 'sf-7-1', limit: 10 },
    { userId: 'sf-7-1', productId: 8000000000001, limit: 10 },
    { userId: 'sf-7-1', productId: 'gid://shopify/Product/1', surface: 'product' },
    { productId: 0 },
    { productId: -0, limit: 1 },
    {},
    { limit: 100 },
    { userId: 'u', limit: 101 },
    { userId: 'u', limit: 0 },
    { userId: 'u', limit: 2.5 },
    { userId: 'u', limit: '10' },
    { userId: '', limit: 10 },
    { userId: 'x'.repeat(200) },
    { userId: 'x'.repeat(201) },
    { userId: 7 },
    { productId: -1 },
    { productId: 1.5 },
    { productId: 2 ** 60 },
    { productId: '' },
    { productId: ' ' },
    { userId: '   ' },
    { userId: '\u200b' },
    { userId: 'u\u0000' },
    { productId: '\t' },
    { userId: 'u\ud800' },
    { productId: null },
    { userId: 'u', surface: 'nowhere' },
    { userId: 'u', surface: 'mcp' },
    { userId: 'u', text: 'boots' },
    { userId: 'u', shop: 'a.myshopify.com' },
    { userId: 'u', extra: 1 },
    { userId: undefined, limit: 3 },
    JSON.parse('{"__proto__": {"limit": 5}, "userId": "u"}'),
    [],
    null,
    'userId',
    Object.create({ userId: 'inherited' }),
  ];

  it('answers exactly what the schema answers, or leaves the body to it', () => {
    let fast = 0;
    for (const b of bodies) {
      const mine = plainBody(b);
      if (mine === undefined) continue;
      fast++;
      const r = RecommendationRequestSchema.safeParse(b);
      assert.ok(r.success, `schema refuses ${JSON.stringify(b)} but the fast path took it`);
      assert.deepEqual(mine, r.data, JSON.stringify(b));
      assert.deepEqual(Object.keys(mine).sort(), Object.keys(r.data).sort());
    }
    // The storefront's own requests take the fast path.
    assert.ok(fast >= 6, `only ${fast} bodies took the fast path`);
    assert.deepEqual(plainBody({ userId: 'sf-7-1', productId: 8000000000001 }), { userId: 'sf-7-1', productId: 8000000000001, limit: 10 });
    // An id with nothing visible, or a control character, is refused, whichever path reads the body.
    for (const b of [{ userId: '   ' }, { productId: ' ' }, { userId: 'u\u0000' }, { cart: ['\t'] }]) {
      assert.equal(plainBody(b), undefined, JSON.stringify(b));
      assert.equal(RecommendationRequestSchema.safeParse(b).success, false, JSON.stringify(b));
    }
  });
});
