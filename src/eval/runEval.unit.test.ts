import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EvalResult } from './result.ts';
import { toJson, toTable } from './runEval.ts';

const interval = (diff: number, lo: number, hi: number) => ({ diff, lo, hi, level: 0.95, pNotBetter: 0 });
const result: EvalResult = {
  dataset: 'd',
  k: 20,
  cases: 3,
  methods: { hybrid: { hr: 0.5, mrr: 0.25, variation: 0.9 }, vstan: { hr: 0.4, mrr: 0.2, variation: 0.8 } },
  intervals: { 'hybrid − vstan': { hr: interval(0.1, 0.05, 0.150004), mrr: interval(0.05, -0.01, 0.1) } },
  variation: 0.9,
  seconds: 1,
};

describe('eval output', () => {
  it('puts the paired intervals in the JSON line, rounded to 4 decimals', () => {
    const j = JSON.parse(toJson(result));
    assert.deepEqual(j.intervals['hybrid − vstan'], { 'hr@20': { diff: 0.1, lo: 0.05, hi: 0.15 }, 'mrr@20': { diff: 0.05, lo: -0.01, hi: 0.1 } });
  });

  it('prints each interval as difference [low, high] under the table', () => {
    const t = toTable(result);
    assert.match(t, /hybrid − vstan {2}HR \+0\.1000 \[\+0\.0500, \+0\.1500\] {2}MRR \+0\.0500 \[−0\.0100, \+0\.1000\]/);
  });
});
