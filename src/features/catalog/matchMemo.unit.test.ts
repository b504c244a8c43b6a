import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MatchMemo } from './matchMemo.ts';

/** A memo of number arrays weighed by their length, and a counter of the computations it asked for. */
function memoOf(entries: number, ids: number) {
  let computed = 0;
  const memo = new MatchMemo<number[]>({ entries, ids }, (v) => v.length);
  const get = (shop: string, catalog: object, key: string, size = 1) =>
    memo.get(shop, catalog, key, () => {
      computed++;
      return Array.from({ length: size }, (_, i) => i);
    });
  return { memo, get, computed: () => computed };
}

describe('MatchMemo', () => {
  it('works a key out once per shop and catalog', () => {
    const m = memoOf(10, 100);
    const catalog = {};
    m.get('a.myshopify.com', catalog, 'shoes');
    m.get('a.myshopify.com', catalog, 'shoes');
    assert.equal(m.computed(), 1);
    // Another shop, or another key: worked out again.
    m.get('b.myshopify.com', catalog, 'shoes');
    m.get('a.myshopify.com', catalog, 'boots');
    assert.equal(m.computed(), 3);
    assert.deepEqual(m.memo.stats(), { entries: 3, ids: 3 });
  });

  it("drops a shop's entries when the shop is asked about with another catalog, and only that shop's", () => {
    const m = memoOf(10, 100);
    const before = {};
    const other = {};
    m.get('a.myshopify.com', before, 'shoes', 5);
    m.get('a.myshopify.com', before, 'boots', 5);
    m.get('b.myshopify.com', other, 'shoes', 5);
    const after = {};
    m.get('a.myshopify.com', after, 'shoes', 5);
    assert.equal(m.computed(), 4);
    // The old catalog's other entry went with it: 'boots' of shop a and 'shoes' of the new catalog are held, with shop b's.
    assert.deepEqual(m.memo.stats(), { entries: 2, ids: 10 });
    m.get('b.myshopify.com', other, 'shoes', 5);
    assert.equal(m.computed(), 4, "shop b's entry is still held");
    m.get('a.myshopify.com', after, 'boots', 5);
    assert.equal(m.computed(), 5, 'the old catalog answer is not served for the new catalog');
  });

  it('holds at most `entries` entries, dropping the least recently used', () => {
    const m = memoOf(2, 100);
    const catalog = {};
    m.get('s', catalog, 'a');
    m.get('s', catalog, 'b');
    m.get('s', catalog, 'a'); // a is now the most recently used
    m.get('s', catalog, 'c'); // drops b
    assert.equal(m.memo.stats().entries, 2);
    assert.equal(m.computed(), 3);
    m.get('s', catalog, 'a');
    assert.equal(m.computed(), 3, 'a was kept');
    m.get('s', catalog, 'b');
    assert.equal(m.computed(), 4, 'b was dropped');
  });

  it('holds at most `ids` ids in all, and never keeps an entry larger than that', () => {
    const m = memoOf(100, 10);
    const catalog = {};
    m.get('s', catalog, 'a', 4);
    m.get('s', catalog, 'b', 4);
    m.get('s', catalog, 'c', 4); // 12 > 10: a goes
    assert.deepEqual(m.memo.stats(), { entries: 2, ids: 8 });
    m.get('s', catalog, 'huge', 11);
    assert.deepEqual(m.memo.stats(), { entries: 2, ids: 8 }, 'an entry over the bound is answered, not held');
    m.get('s', catalog, 'huge', 11);
    assert.equal(m.computed(), 5);
    m.get('s', catalog, 'b', 4);
    m.get('s', catalog, 'c', 4);
    assert.equal(m.computed(), 5, 'the smaller entries stayed');
  });

  it('forgets a shop whose last entry was dropped to make room for its own new one', () => {
    const m = memoOf(1, 100);
    const first = {};
    m.get('s', first, 'a');
    m.get('s', first, 'b'); // drops a, the shop's only entry, then holds b
    const second = {};
    m.get('s', second, 'b');
    assert.equal(m.computed(), 3, 'b of the first catalog is not served for the second');
    assert.deepEqual(m.memo.stats(), { entries: 1, ids: 1 });
  });
});
