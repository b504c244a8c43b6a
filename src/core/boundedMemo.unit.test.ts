import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundedMemo, recentMemo } from './boundedMemo.ts';

describe('boundedMemo', () => {
  it('computes an argument once while there is room, and every time after that', () => {
    const calls: string[] = [];
    const upper = boundedMemo((k) => {
      calls.push(k);
      return k.toUpperCase();
    }, 2);
    assert.equal(upper('a'), 'A');
    assert.equal(upper('a'), 'A');
    assert.equal(upper('b'), 'B');
    assert.equal(upper('c'), 'C');
    assert.equal(upper('c'), 'C');
    assert.deepEqual(calls, ['a', 'b', 'c', 'c']);
  });

  it('keeps an empty answer too', () => {
    let n = 0;
    const empty = boundedMemo(() => (n++, ''), 10);
    empty('x');
    empty('x');
    assert.equal(n, 1);
  });
});

describe('recentMemo', () => {
  it('keeps the answers of the last n arguments, letting the oldest go first', () => {
    const calls: string[] = [];
    const upper = recentMemo((k) => {
      calls.push(k);
      return k.toUpperCase();
    }, 2);
    assert.equal(upper('a'), 'A');
    assert.equal(upper('b'), 'B');
    assert.equal(upper('a'), 'A');
    assert.equal(upper('c'), 'C');
    assert.equal(upper('b'), 'B');
    assert.equal(upper('c'), 'C');
    assert.equal(upper('a'), 'A');
    assert.deepEqual(calls, ['a', 'b', 'c', 'a']);
  });
});
