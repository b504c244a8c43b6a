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

/** Guardrails as the analytics API answers them (core/attribution/guardrails.ts). */
const guard = (errors: number, degraded: number, p50: number | null, p95: number | null, samples = 2000) => ({
  errors,
  errorRate: { value: 0, low: 0, high: 0 },
  degraded,
  latencyMs: { samples, p50, p95, max: p95 },
});
const OK = guard(2, 10, 12, 40);

/** Control and one treatment with 5,000 lists each: per-list and per-shopper conversion uplift, guardrails. */
const full = (o: { list: [number, number]; shopper?: [number, number]; treatment?: ReturnType<typeof guard>; control?: ReturnType<typeof guard> }) => ({
  groups: [
    { key: 'control', served: 5000, guardrails: o.control ?? OK },
    {
      key: 'treatment',
      served: 5000,
      guardrails: o.treatment ?? OK,
      uplift: { conversionRate: diff(...o.list), ...(o.shopper ? { shopperConversionRate: diff(...o.shopper) } : {}) },
    },
  ],
  sampleRatio: { mismatch: false, pValue: 0.5 },
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

  it('says no lists were served yet rather than counting zeros', () => {
    const v = verdict({ groups: [{ key: 'control', served: 0 }, { key: 'treatment', served: 0, uplift: { conversionRate: diff(0, 1) } }], sampleRatio: { mismatch: false, pValue: 1 } });
    assert.equal(v.state, 'collecting');
    assert.match(v.text, /^No lists served yet/);
  });

  describe('guardrails: a variant that converts better is not a winner when it got worse on one', () => {
    it('fails more: a clearly higher error rate holds the winner back', () => {
      const v = verdict(full({ list: [0.02, 0.001], shopper: [0.02, 0.002], treatment: guard(150, 10, 12, 40) }));
      assert.equal(v.state, 'guardrail');
      assert.equal(v.variants.treatment, 'guardrail worse');
      assert.match(v.text, /treatment converts better than control but is not a winner: fails more \(error rate 2\.9 % vs 0\.0 %, p < 0\.001\)/);
      assert.doesNotMatch(v.text, /Conclusive/);
    });
    it('falls back more: a higher share of degraded lists holds it back', () => {
      const v = verdict(full({ list: [0.02, 0.001], treatment: guard(2, 400, 12, 40) }));
      assert.deepEqual([v.state, v.variants.treatment], ['guardrail', 'guardrail worse']);
      assert.match(v.text, /falls back more \(degraded lists 8\.0 % vs 0\.2 %/);
    });
    it('is slower: a p95 well above the control’s holds it back', () => {
      const v = verdict(full({ list: [0.02, 0.001], treatment: guard(2, 10, 13, 90) }));
      assert.deepEqual([v.state, v.variants.treatment], ['guardrail', 'guardrail worse']);
      assert.match(v.text, /is slower \(p95 90 ms vs 40 ms\)/);
      assert.deepEqual(v.details.treatment!.guardrails, ['is slower (p95 90 ms vs 40 ms)']);
    });
    it('near misses stay winners: a few more errors by chance, a little slower, too few timed lists', () => {
      for (const treatment of [guard(4, 14, 12, 40), guard(2, 10, 14, 47), guard(2, 10, 12, 44), guard(2, 10, 3, 6), guard(2, 10, 50, 400, 99)]) {
        const control = treatment.latencyMs.p95 === 6 ? guard(2, 10, 1, 2) : OK;
        const v = verdict(full({ list: [0.02, 0.001], shopper: [0.02, 0.003], treatment, control }));
        assert.deepEqual([v.state, v.variants.treatment], ['conclusive', 'better'], JSON.stringify(treatment));
        assert.doesNotMatch(v.text, /guardrail|not a winner/i);
      }
    });
    it('a winner whose latency could not be compared (too few timed lists) is said to be so', () => {
      const v = verdict(full({ list: [0.02, 0.001], treatment: guard(2, 10, 50, 400, 99) }));
      assert.deepEqual([v.state, v.variants.treatment, v.details.treatment!.latencyCompared], ['conclusive', 'better', false]);
      assert.match(v.text, /Latency of treatment not compared: fewer than 100 timed lists/);
      assert.doesNotMatch(verdict(full({ list: [0.02, 0.001] })).text, /not compared/);
    });
    it('a loser stays a loser, with its worse guardrail said', () => {
      const v = verdict(full({ list: [-0.02, 0.001], treatment: guard(150, 10, 12, 40) }));
      assert.deepEqual([v.state, v.variants.treatment], ['conclusive', 'worse']);
      assert.match(v.text, /Guardrail: treatment fails more/);
    });
    it('an older report without guardrails is judged on conversion alone', () => {
      assert.equal(verdict(report([5000, 5000], { value: 0.02, pValue: 0.001 })).variants.treatment, 'better');
    });
  });

  describe('per shopper: when it disagrees with per list, the per-shopper conclusion decides and is said', () => {
    it('better per list, no difference per shopper: no winner', () => {
      const v = verdict(full({ list: [0.02, 0.01], shopper: [0.01, 0.3] }));
      assert.deepEqual([v.state, v.variants.treatment], ['no-difference', 'no difference']);
      assert.deepEqual([v.details.treatment!.perList, v.details.treatment!.perShopper], ['better', 'no difference']);
      assert.match(v.text, /Per list treatment converts better \(p = 0\.010\), per shopper it shows no difference \(p = 0\.300\): the per-shopper figure decides/);
    });
    it('no difference per list, better per shopper: the shopper figure concludes', () => {
      const v = verdict(full({ list: [0.005, 0.2], shopper: [0.03, 0.004] }));
      assert.deepEqual([v.state, v.variants.treatment], ['conclusive', 'better']);
      assert.match(v.text, /per shopper it converts better \(p = 0\.004\)/);
    });
    it('opposite significant directions: the per-shopper one', () => {
      assert.equal(verdict(full({ list: [0.02, 0.001], shopper: [-0.02, 0.001] })).variants.treatment, 'worse');
    });
    it('says nothing about disagreement when both agree', () => {
      const v = verdict(full({ list: [0.02, 0.001], shopper: [0.03, 0.0001] }));
      assert.equal(v.state, 'conclusive');
      assert.doesNotMatch(v.text, /per shopper|per list/i);
    });
    it('does not claim disagreement while collecting', () => {
      const v = verdict({ ...full({ list: [0.02, 0.01], shopper: [0.01, 0.3] }), groups: full({ list: [0.02, 0.01], shopper: [0.01, 0.3] }).groups.map((g) => ({ ...g, served: 10 })) });
      assert.equal(v.state, 'collecting');
      assert.doesNotMatch(v.text, /per shopper/);
    });
  });
});
