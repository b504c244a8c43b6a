import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classificationReport, percentile } from './intentMetrics.ts';

describe('classificationReport', () => {
  it('computes accuracy, per-class precision/recall/F1 and the confusion matrix', () => {
    const r = classificationReport(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b'], ['a', 'b', 'c']);
    assert.equal(r.accuracy, 0.75);
    assert.deepEqual(r.confusion, { a: { a: 1, b: 1, c: 0 }, b: { a: 0, b: 2, c: 0 }, c: { a: 0, b: 0, c: 0 } });
    assert.deepEqual(r.perClass.a, { support: 2, precision: 1, recall: 0.5, f1: 2 / 3 });
    assert.deepEqual(r.perClass.b, { support: 2, precision: 2 / 3, recall: 1, f1: 0.8 });
    assert.deepEqual(r.perClass.c, { support: 0, precision: 0, recall: 0, f1: 0 });
  });
});

describe('percentile', () => {
  it('uses nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(xs, 0.5), 50);
    assert.equal(percentile(xs, 0.99), 99);
    assert.equal(percentile(xs, 1), 100);
    assert.equal(percentile([], 0.5), 0);
  });
});
