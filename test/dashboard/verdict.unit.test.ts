import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
// The page's own module (plain JS, no DOM), imported as the browser does.
import { ALPHA, MIN_SERVED, verdict } from '../../src/dashboard/verdict.js';

const diff = (value: number, pValue: number) => ({ value, low: value - 0.01, high: value + 0.01, relative: value, pValue });
const report = (served: [number, number], conv: { value: number; pValue: number }, mismatch = false) => ({
  groups: [
    { key: 'control', served: served[0] },
    { key: 'treatment', served: served[1], uplift: { conversionRate: diff(conv.value, conv.pValue) } },
  ],
  sampleRatio: { mismatch, pValue: mismatch ? 0.0001 : 0.5 },
});

describe('experiment verdict (docs/dashboard.md)', () => {
  it('keeps collecting below the minimum sample per variant, however small the p-value', () => {
    const v = verdict(report([MIN_SERVED - 1, 5000], { value: 0.05, pValue: 0.0001 }));
    assert.equal(v.state, 'collecting');
    assert.equal(v.variants.treatment, 'collecting');
  });
  it('concludes with enough lists and p < ALPHA on the conversion uplift, in either direction', () => {
    assert.equal(verdict(report([MIN_SERVED, MIN_SERVED], { value: 0.02, pValue: ALPHA - 0.001 })).variants.treatment, 'better');
    const worse = verdict(report([MIN_SERVED, MIN_SERVED], { value: -0.02, pValue: 0.01 }));
    assert.deepEqual([worse.state, worse.variants.treatment], ['conclusive', 'worse']);
  });
  it('says there is no detectable difference at p >= ALPHA', () => {
    assert.equal(verdict(report([5000, 5000], { value: 0.001, pValue: ALPHA })).state, 'no-difference');
  });
  it('refuses to conclude on a sample ratio mismatch', () => {
    assert.equal(verdict(report([5000, 5000], { value: 0.05, pValue: 0.0001 }, true)).state, 'invalid');
  });
  it('has nothing to say without an experiment', () => {
    assert.equal(verdict(undefined).state, 'none');
    assert.equal(verdict({ groups: [{ key: 'a', served: 1 }] }).state, 'none');
  });
});
