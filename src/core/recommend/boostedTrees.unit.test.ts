import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreTrees, type BoostedTrees } from './boostedTrees.ts';

describe('scoreTrees', () => {
  // Tree 1: x0 <= 0.5 → 1, else (x1 <= 2 → -1, else 3). Tree 2: a single leaf 0.25.
  const model: BoostedTrees = {
    features: ['a', 'b'],
    base: 0.5,
    trees: [
      { feature: [0, -1, 1, -1, -1], threshold: [0.5, 0, 2, 0, 0], left: [1, -1, 3, -1, -1], right: [2, -1, 4, -1, -1], value: [0, 1, 0, -1, 3] },
      { feature: [-1], threshold: [0], left: [-1], right: [-1], value: [0.25] },
    ],
  };

  it('walks every tree to a leaf and adds the leaves to the base', () => {
    assert.equal(scoreTrees(model, [0.5, 100]), 0.5 + 1 + 0.25); // the threshold itself goes left
    assert.equal(scoreTrees(model, [0.6, 2]), 0.5 - 1 + 0.25);
    assert.equal(scoreTrees(model, [0.6, 2.1]), 0.5 + 3 + 0.25);
  });

  it('reads a missing feature as 0 and an empty ensemble as its base', () => {
    assert.equal(scoreTrees(model, []), 0.5 + 1 + 0.25);
    assert.equal(scoreTrees({ features: [], base: -2, trees: [] }, [1]), -2);
  });
});
