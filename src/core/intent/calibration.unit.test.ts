import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calibrated, expectedCalibrationError, fitCalibration, fitTemperature, highConfidenceError, nll, NO_CALIBRATION, reliability } from './calibration.ts';
import { softmax } from './softmax.ts';

describe('softmax', () => {
  it('sums to one and sharpens with a lower temperature', () => {
    const p = softmax([2, 1, 0, -1]);
    assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    assert.ok((softmax([2, 1, 0, -1], 0.5)[0] as number) > (p[0] as number));
    assert.ok((softmax([2, 1, 0, -1], 2)[0] as number) < (p[0] as number));
  });
  it('is stable for large logits', () => {
    assert.deepEqual(softmax([1000, 0]).map((x) => Math.round(x)), [1, 0]);
  });
});

describe('reliability and ECE', () => {
  it('bins predictions by confidence and measures the gap', () => {
    const table = reliability([0.95, 0.95, 0.55, 0.55], [true, false, true, true], 10);
    assert.equal(table.length, 10);
    assert.deepEqual(
      table.filter((b) => b.count > 0).map((b) => [b.from, b.count, b.accuracy]),
      [
        [0.5, 2, 1],
        [0.9, 2, 0.5],
      ],
    );
    // |1 − 0.55|·½ + |0.5 − 0.95|·½ = 0.45
    assert.ok(Math.abs(expectedCalibrationError(table) - 0.45) < 1e-9);
  });
  it('is zero for a perfectly calibrated set and for no data', () => {
    assert.equal(expectedCalibrationError(reliability([0.75, 0.75, 0.75, 0.75], [true, true, true, false])), 0);
    assert.equal(expectedCalibrationError(reliability([], [])), 0);
  });
  it('puts confidence 1 in the last bin', () => {
    assert.equal(reliability([1], [true], 10)[9]?.count, 1);
  });
});

describe('fitTemperature', () => {
  it('softens overconfident logits (T > 1) and sharpens underconfident ones (T < 1)', () => {
    // Logits that say 82% but are right only 60% of the time.
    const over = Array.from({ length: 100 }, () => [1.5, 0]);
    const overLabels = Array.from({ length: 100 }, (_, i) => (i < 60 ? 0 : 1));
    const tOver = fitTemperature(over, overLabels);
    assert.ok(tOver > 1, `T=${tOver}`);
    assert.ok(Math.abs((softmax([1.5, 0], tOver)[0] as number) - 0.6) < 0.01);
    // Logits that say 55% but are always right.
    const under = Array.from({ length: 100 }, () => [0.2, 0]);
    const tUnder = fitTemperature(under, Array.from({ length: 100 }, () => 0));
    assert.ok(tUnder < 1, `T=${tUnder}`);
    assert.ok(nll(under, Array.from({ length: 100 }, () => 0), tUnder) < nll(under, Array.from({ length: 100 }, () => 0), 1));
  });
});

describe('calibrated and fitCalibration', () => {
  it('flattens the probabilities of utterances with unknown words (novelty) and never reaches 1 (floor)', () => {
    const c = { temperature: 1, novelty: 2, floor: 0.04 };
    const known = calibrated([6, 0, 0, 0], 0, c);
    const novel = calibrated([6, 0, 0, 0], 1, c);
    assert.ok((novel[0] as number) < (known[0] as number));
    assert.ok((known[0] as number) <= 0.97);
    assert.ok(Math.abs(novel.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    assert.deepEqual(calibrated([1, 0], 0.5, NO_CALIBRATION), softmax([1, 0]));
  });

  it('keeps answers above 0.9 right at least 98 % of the time on the data it is fitted on', () => {
    // 200 confident right answers on familiar text; 20 confident wrong answers, all on unfamiliar text.
    const logits: number[][] = [];
    const labels: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 200; i++) {
      logits.push([5, 0, 0, 0]);
      labels.push(0);
      unknown.push(0);
    }
    for (let i = 0; i < 40; i++) {
      logits.push([5, 0, 0, 0]);
      labels.push(i < 20 ? 1 : 0);
      unknown.push(0.8);
    }
    const plain = { temperature: fitTemperature(logits, labels), novelty: 0, floor: 0 };
    assert.ok(highConfidenceError(logits, labels, unknown, plain, 0.9) > 0.05, 'temperature scaling alone leaves confident errors');
    const c = fitCalibration(logits, labels, unknown);
    assert.ok(highConfidenceError(logits, labels, unknown, c, 0.9) <= 0.02, JSON.stringify(c));
    assert.ok(c.novelty > 0, 'the unfamiliar answers are the ones softened');
    assert.ok((calibrated([5, 0, 0, 0], 0, c)[0] as number) > 0.9, 'familiar answers stay confident');
  });

  it('softens answers whose cue words point at several intents (conflict term), at the weight given', () => {
    // 200 confident right answers whose cues agree; 40 equally confident answers, half wrong, whose cues conflict.
    const logits: number[][] = [];
    const labels: number[] = [];
    const conflicts: number[] = [];
    for (let i = 0; i < 240; i++) {
      logits.push([5, 0, 0, 0]);
      labels.push(i >= 200 && i % 2 === 0 ? 1 : 0);
      conflicts.push(i >= 200 ? 1 : 0);
    }
    const unknown = logits.map(() => 0);
    const c = fitCalibration(logits, labels, unknown, undefined, { counts: conflicts, weight: 2 });
    assert.equal(c.conflict, 2);
    assert.ok(highConfidenceError(logits, labels, unknown, c, 0.9, conflicts) <= 0.02, JSON.stringify(c));
    assert.ok((calibrated([5, 0, 0, 0], 0, c, 1)[0] as number) < 0.9, 'conflicting cues: not above 0.9');
    assert.ok((calibrated([5, 0, 0, 0], 0, c, 0)[0] as number) > 0.9, 'agreeing cues stay confident');
    assert.deepEqual(calibrated([5, 0, 0, 0], 0, { temperature: 1, novelty: 0, floor: 0 }, 3), softmax([5, 0, 0, 0]), 'no conflict weight: no effect');
  });

  it('never sharpens the model: the fitted temperature is at least 1', () => {
    // Under-confident, always-right logits would want T < 1.
    const logits = Array.from({ length: 100 }, () => [0.5, 0, 0, 0]);
    const c = fitCalibration(logits, logits.map(() => 0), logits.map(() => 0));
    assert.ok(c.temperature >= 1, JSON.stringify(c));
  });
});
