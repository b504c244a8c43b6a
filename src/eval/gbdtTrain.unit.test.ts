import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreTrees } from '../core/recommend/boostedTrees.ts';
import { mulberry32 } from '../core/random.ts';
import { trainGbdt, type TrainingSet } from './gbdtTrain.ts';

/**
 * Groups of 8 candidates with two features: `signal` is a shuffle of 0..7, `noise` is random; the
 * target is the candidate with the highest signal among those whose noise is at most 0.6 (a cut the
 * signal alone does not know).
 */
function fixture(groups: number, seed: number): TrainingSet {
  const rand = mulberry32(seed);
  const x: number[] = [];
  const label: number[] = [];
  const bounds = [0];
  for (let g = 0; g < groups; g++) {
    let best = -1;
    let bestSignal = -1;
    const start = label.length;
    const order = [0, 1, 2, 3, 4, 5, 6, 7].sort(() => rand() - 0.5);
    for (let c = 0; c < 8; c++) {
      const signal = order[c] as number;
      const noise = rand();
      x.push(signal, noise);
      label.push(0);
      if (noise <= 0.6 && signal > bestSignal) {
        bestSignal = signal;
        best = start + c;
      }
    }
    if (best >= 0) label[best] = 1;
    bounds.push(label.length);
  }
  return { features: ['signal', 'noise'], x: Float32Array.from(x), label: Uint8Array.from(label), groups: Int32Array.from(bounds) };
}

/** Share of groups whose target gets the highest score. */
function top1(set: TrainingSet, score: (row: Float32Array) => number): number {
  let hits = 0;
  let n = 0;
  for (let g = 0; g + 1 < set.groups.length; g++) {
    const a = set.groups[g] as number;
    const b = set.groups[g + 1] as number;
    let best = a;
    let bestScore = -Infinity;
    let has = false;
    for (let i = a; i < b; i++) {
      if (set.label[i] === 1) has = true;
      const s = score(set.x.subarray(i * 2, i * 2 + 2));
      if (s > bestScore) {
        bestScore = s;
        best = i;
      }
    }
    if (!has) continue;
    n++;
    if (set.label[best] === 1) hits++;
  }
  return hits / n;
}

describe('trainGbdt', () => {
  const train = fixture(300, 1);
  const test = fixture(200, 2);

  for (const objective of ['lambdarank', 'softmax', 'logloss'] as const) {
    it(`learns the target rule with the ${objective} objective, and the data it returns scores the same`, () => {
      const model = trainGbdt(train, { objective, trees: 40, depth: 3, learningRate: 0.3, bins: 32 });
      assert.deepEqual(model.features, ['signal', 'noise']);
      assert.equal(model.trees.length, 40);
      // The signal alone is right only when no noisy candidate outranks the target; the model must
      // have learned the noise cut too. Generous bound: a random order picks the target 1/8 of the time.
      const byModel = top1(test, (r) => scoreTrees(model, r));
      const bySignal = top1(test, (r) => r[0] as number);
      assert.ok(byModel > 0.9, `top-1 ${byModel}`);
      assert.ok(byModel > bySignal, `model ${byModel} vs signal alone ${bySignal}`);
      // A JSON round trip (how production would load it) changes nothing.
      const copy = JSON.parse(JSON.stringify(model)) as typeof model;
      assert.equal(scoreTrees(copy, [5, 0.2]), scoreTrees(model, [5, 0.2]));
    });
  }

  it('is deterministic', () => {
    const a = trainGbdt(train, { trees: 5, depth: 2 });
    const b = trainGbdt(train, { trees: 5, depth: 2 });
    assert.deepEqual(a, b);
  });
});
