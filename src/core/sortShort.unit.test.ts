import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32 } from './random.ts';
import { sortShort } from './sortShort.ts';

describe('sortShort', () => {
  it('orders in place as the stable Array#sort does, equal elements kept in their order', () => {
    const rnd = mulberry32(9);
    const byKey = (a: { k: number }, b: { k: number }) => a.k - b.k;
    for (let n = 0; n < 40; n++) {
      for (let rep = 0; rep < 50; rep++) {
        const xs = Array.from({ length: n }, (_, i) => ({ k: Math.floor(rnd() * 5), i }));
        const want = [...xs].sort(byKey);
        assert.equal(sortShort(xs, byKey), xs);
        assert.deepEqual(xs, want, `n ${n}`);
      }
    }
  });
});
