import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flatString } from './flatString.ts';

describe('flatString', () => {
  it('gives back the same text, whatever it holds', () => {
    const parts = ['{"title":', JSON.stringify('Grey Sofa "deluxe" \\ 100% ünïcödé ☃ 🛋️'), ',"url":"/products/grey-sofa?aff_rec=', 'x'.repeat(40)];
    const made = `${parts[0]}${parts[1]}${parts[2]}` + parts[3];
    assert.equal(flatString(made), made);
    assert.equal(flatString(made.slice(3, -5)), made.slice(3, -5));
    for (const s of ['', 'a', 'twelve chars', '\u0000\u001f\u2028\u2029', '\ud800 lone surrogate']) assert.equal(flatString(s), s);
  });
});
