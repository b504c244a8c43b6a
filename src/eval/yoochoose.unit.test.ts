import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateSessions, SESSION_KNN_HYBRID, type Session } from './yoochoose.ts';

const MIN = 60_000;
const session = (id: string, items: string, start: number): Session => ({ id, clicks: items.split('').map((item, i) => ({ item, ts: start + i * MIN })) });

describe('evaluateSessions with the session-kNN baselines', () => {
  // Train: a → b → c is a common path; test sessions follow it.
  const train = Array.from({ length: 12 }, (_, i) => session(`t${i}`, i % 3 === 0 ? 'abd' : 'abc', i * 60 * MIN));
  const test = [session('x', 'abc', 24 * 60 * MIN), session('y', 'ab', 25 * 60 * MIN)];

  it('scores STAN and VSTAN on the same predictions as the hybrid, with paired intervals', () => {
    const r = evaluateSessions(train, test, undefined, { variation: false });
    assert.equal(r.cases, 3);
    for (const m of ['stan', 'vstan', 'stan@new_items', 'vstan@new_items']) assert.ok(r.methods[m], m);
    // Every next click is the path's next item: every method finds it.
    assert.equal(r.methods['vstan']?.hr, 1);
    assert.equal(r.methods['hybrid']?.hr, 1);
    const c = r.intervals['hybrid − vstan'];
    assert.ok(c && c.hr.lo <= c.hr.diff && c.hr.diff <= c.hr.hi);
    assert.ok(r.intervals['hybrid − vstan @new_items']);
  });

  it('leaves the kNN baselines out when asked, and runs the session-kNN variant of the hybrid', () => {
    const plain = evaluateSessions(train, test, undefined, { variation: false, knnBaselines: false });
    assert.equal(plain.methods['vstan'], undefined);
    assert.deepEqual(plain.intervals, {});
    const v = evaluateSessions(train, test, SESSION_KNN_HYBRID, { variation: false, knnBaselines: false });
    assert.equal(v.methods['hybrid']?.hr, 1);
  });
});
