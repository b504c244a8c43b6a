import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAffinityError } from '../errors.ts';
import { SoftmaxModel, type Example } from './softmax.ts';

const x = (...names: string[]) => ({ names, values: names.map(() => 1) });

describe('SoftmaxModel.average', () => {
  const a: Example[] = [
    { x: x('red', 'bias'), y: 0 },
    { x: x('blue', 'bias'), y: 1 },
  ];
  const b: Example[] = [
    { x: x('red', 'bias'), y: 0 },
    { x: x('green', 'bias'), y: 1 },
  ];
  const ma = SoftmaxModel.train(a, 2);
  const mb = SoftmaxModel.train(b, 2);

  it('gives the mean of the models’ logits, a feature one model never saw counting as 0 there', () => {
    const avg = SoftmaxModel.average([ma, mb]);
    assert.equal(avg.features, 4);
    for (const v of [x('red', 'bias'), x('blue', 'bias'), x('green'), x('unknown')]) {
      const la = ma.logits(v);
      const lb = mb.logits(v);
      avg.logits(v).forEach((z, k) => assert.ok(Math.abs(z - ((la[k] as number) + (lb[k] as number)) / 2) < 1e-12));
    }
  });

  it('refuses an empty list', () => {
    assert.throws(() => SoftmaxModel.average([]), (e) => isAffinityError(e) && e.code === 'VALIDATION_FAILED');
  });
});
