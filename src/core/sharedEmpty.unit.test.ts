import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { heldMap, heldSet } from './sharedEmpty.ts';

describe('sharedEmpty: one empty map and set for records with nothing to hold', () => {
  it('gives the collection itself when it holds something', () => {
    const m = new Map([['a', 1]]);
    const s = new Set(['a']);
    assert.equal(heldMap(m), m);
    assert.equal(heldSet(s), s);
  });

  it('gives one shared empty map and set for every empty one', () => {
    assert.equal(heldMap(new Map<string, number>()), heldMap(new Map<number, string>()));
    assert.equal(heldSet(new Set<string>()), heldSet(new Set<number>()));
    assert.equal(heldMap(new Map()).size, 0);
    assert.equal(heldSet(new Set()).size, 0);
  });
});
