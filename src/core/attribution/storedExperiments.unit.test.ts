import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServedList } from './servedList.ts';
import { experimentsInLists, experimentsOfShop } from './storedExperiments.ts';

const l = (id: string, ts: number, experiment?: { id: string; variant: string }): ServedList => ({ id, shop: 's', ts, surface: 'product', actor: 'human', items: [], ...(experiment ? { experiment } : {}) });

describe('experiments the stored lists name', () => {
  it('lists each once, oldest first, with its variants in the order first served and when it was served', () => {
    const lists = [l('1', 10, { id: 'recs-v1', variant: 'control' }), l('2', 5, { id: 'old', variant: 'b' }), l('3', 30, { id: 'recs-v1', variant: 'affinity' }), l('4', 40, { id: 'recs-v1', variant: 'control' }), l('5', 50)];
    assert.deepEqual(experimentsInLists(lists), [
      { id: 'old', variants: ['b'], firstServed: 5, lastServed: 5 },
      { id: 'recs-v1', variants: ['control', 'affinity'], firstServed: 10, lastServed: 40 },
    ]);
  });

  it('skips the ids already declared', () => {
    assert.deepEqual(experimentsInLists([l('1', 1, { id: 'recs-v1', variant: 'a' })], new Set(['recs-v1'])), []);
  });

  it('a declared experiment applies to its shops, or to every shop without `shops`', () => {
    const v = [{ name: 'a', strategy: 'none' as const, weight: 1 }];
    const declared = [{ id: 'all', variants: v }, { id: 'mine', shops: ['s'], variants: v }, { id: 'theirs', shops: ['t'], variants: v }];
    assert.deepEqual(experimentsOfShop(declared, 's').map((e) => e.id), ['all', 'mine']);
  });
});
