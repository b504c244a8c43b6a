import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pairedBootstrap } from './bootstrap.ts';

describe('pairedBootstrap', () => {
  it('gives a zero-width interval when every case differs by the same amount', () => {
    const r = pairedBootstrap([1, 0, 1, 1], [0, -1, 0, 0]);
    assert.deepEqual([r.diff, r.lo, r.hi, r.pNotBetter], [1, 1, 1, 0]);
  });

  it('covers the observed difference, spans zero for a coin flip, and is reproducible', () => {
    const a = Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? 1 : 0));
    const b = Array.from({ length: 400 }, (_, i) => (i % 4 < 2 ? 1 : 0));
    const r = pairedBootstrap(a, b, { samples: 500 });
    assert.ok(r.lo <= r.diff && r.diff <= r.hi);
    assert.ok(r.lo < 0 && r.hi > 0, `${r.lo}..${r.hi}`);
    assert.deepEqual(pairedBootstrap(a, b, { samples: 500 }), r);
  });

  it('is significant when one method wins on many cases and loses on none', () => {
    const a = Array.from({ length: 200 }, (_, i) => (i < 40 ? 1 : 0));
    const b = new Array(200).fill(0);
    const r = pairedBootstrap(a, b);
    assert.equal(r.diff, 0.2);
    assert.ok(r.lo > 0.1 && r.pNotBetter === 0);
  });

  it('rejects samples of different lengths', () => {
    assert.throws(() => pairedBootstrap([1], [1, 2]), RangeError);
    assert.throws(() => pairedBootstrap([], []), RangeError);
  });
});
