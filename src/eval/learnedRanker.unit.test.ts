import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STAN_RSC15 } from './stan.ts';
import {
  candidateFeatures,
  DEFAULT_LEARNED,
  evaluateLearned,
  fitLearnedRanker,
  fitSources,
  LEARNED_FEATURES,
  learnedRecommend,
  PRODUCTION_LEARNED,
  PRODUCTION_MISSING,
  type LearnedConfig,
  splitLastDays,
  trainingSet,
} from './learnedRanker.ts';
import { recommendNext, type Session } from './yoochoose.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const session = (id: string, items: string, start: number): Session => ({ id, clicks: items.split('').map((item, i) => ({ item, ts: start + i * MIN })) });
// Four days of sessions, one every 4 hours: mostly a → b → c, sometimes a → b → d, never a repeat.
const train = Array.from({ length: 24 }, (_, i) => session(`t${i}`, i % 4 === 3 ? 'abd' : 'abc', i * 4 * HOUR));
// Two of the four days teach the ranker (the default's four would leave the sources nothing here).
const cfg = { ...DEFAULT_LEARNED, holdoutDays: 2, knn: STAN_RSC15, gbdt: { trees: 20, depth: 2, learningRate: 0.3 } };

describe('learned re-ranker', () => {
  it('splits off the sessions that end in the last days', () => {
    const { inner, holdout } = splitLastDays(train, 1);
    assert.equal(inner.length + holdout.length, train.length);
    assert.deepEqual(holdout.map((s) => s.id), ['t17', 't18', 't19', 't20', 't21', 't22', 't23']);
  });

  it('describes each candidate by its sources and its place in the session', () => {
    const src = fitSources(train, cfg);
    const prefix = session('x', 'ab', 200 * HOUR).clicks;
    const { ids, x } = candidateFeatures(src, prefix);
    assert.equal(x.length, ids.length * LEARNED_FEATURES.length);
    const f = (id: string, name: (typeof LEARNED_FEATURES)[number]): number => x[ids.indexOf(id) * LEARNED_FEATURES.length + LEARNED_FEATURES.indexOf(name)] as number;
    for (const id of ['a', 'b', 'c', 'd']) assert.ok(ids.includes(id), id);
    assert.equal(f('b', 'in_session'), 1);
    assert.equal(f('b', 'steps_since_seen'), 0);
    assert.equal(f('a', 'steps_since_seen'), 1);
    assert.equal(f('c', 'in_session'), 0);
    assert.equal(f('c', 'steps_since_seen'), -1);
    // c follows b three times out of four.
    assert.equal(f('c', 'sr_last'), 0.75);
    assert.equal(f('c', 'cooc_last_rank') < f('d', 'cooc_last_rank'), true);
    assert.ok(f('c', 'knn_score') > f('d', 'knn_score'));
    assert.equal(f('c', 'session_length'), 2);
  });

  it('on production inputs reads only what the service has: no kNN, transitions or click counts, the session as distinct items', () => {
    const prefix = session('x', 'abb', 200 * HOUR).clicks;
    const feature = (c: LearnedConfig) => {
      const { ids, x } = candidateFeatures(fitSources(train, c), prefix);
      return (id: string, name: (typeof LEARNED_FEATURES)[number]): number => x[ids.indexOf(id) * LEARNED_FEATURES.length + LEARNED_FEATURES.indexOf(name)] as number;
    };
    const all = feature(cfg);
    const prod = feature({ ...cfg, withKnn: PRODUCTION_LEARNED.withKnn, inputs: PRODUCTION_LEARNED.inputs });
    // Every click counts with all inputs: a was seen two clicks ago, b twice, the last gap is one minute.
    assert.equal(all('a', 'steps_since_seen'), 2);
    assert.equal(all('b', 'times_in_session'), 2);
    assert.equal(all('c', 'sr_last'), 0.75);
    assert.ok(all('c', 'knn_score') > 0);
    assert.equal(all('c', 'log_secs_last_gap'), Math.fround(Math.log1p(60)));
    // The profile keeps distinct items with their latest times: a is one item back, two minutes ago.
    assert.equal(prod('a', 'steps_since_seen'), 1);
    assert.equal(prod('c', 'log_secs_last_gap'), Math.fround(Math.log1p(120)));
    for (const name of PRODUCTION_MISSING) for (const id of ['a', 'b', 'c']) assert.equal(prod(id, name), 0, `${name} of ${id}`);
    assert.equal(prod('c', 'cooc_last_rank') < prod('d', 'cooc_last_rank'), true);
  });

  it('learns from next clicks what the hand-set weights get wrong: here, nobody re-clicks', () => {
    const groups = trainingSet(fitSources(splitLastDays(train, 1).inner, cfg), splitLastDays(train, 1).holdout);
    assert.equal(groups.prefixes, 14);
    assert.equal(groups.groups.length - 1, 14);
    const model = fitLearnedRanker(train, cfg);
    const src = fitSources(train, cfg);
    const prefix = session('x', 'ab', 200 * HOUR).clicks;
    // The hybrid brings the current product back first (re-visit weight 1.5); the learned ranker
    // has seen that in this data the next click is always a new item, most often c.
    assert.equal(recommendNext(src.hybrid, prefix, src.cfg, 5)[0], 'b');
    assert.equal(learnedRecommend(src, model, prefix, 5)[0], 'c');
  });
});

describe('evaluateLearned', () => {
  it('scores the re-ranker on every prediction with paired intervals against VSTAN and the hybrid', () => {
    const test = [session('x', 'abc', 200 * HOUR), session('y', 'abd', 201 * HOUR)];
    const r = evaluateLearned(train, test, cfg);
    assert.equal(r.methods['learned (re-ranker)']?.hr, 1);
    assert.ok(r.methods['learned (re-ranker)@new_items']);
    for (const name of ['learned − vstan', 'learned − vstan @new_items', 'learned − hybrid', 'learned − hybrid @new_items']) {
      const c = r.intervals[name];
      assert.ok(c && c.mrr.lo <= c.mrr.diff && c.mrr.diff <= c.mrr.hi, name);
    }
    // The hybrid puts the current product first, the re-ranker the next item: a better MRR.
    assert.ok((r.intervals['learned − hybrid']?.mrr.diff ?? 0) > 0);
  });

  it('names its rows, so the production-inputs ranker sits next to the full one', () => {
    const test = [session('x', 'abc', 200 * HOUR)];
    const r = evaluateLearned(train, test, { ...cfg, withKnn: PRODUCTION_LEARNED.withKnn, inputs: PRODUCTION_LEARNED.inputs }, 'learned_production');
    assert.deepEqual(Object.keys(r.methods), ['learned_production (re-ranker)', 'learned_production (re-ranker)@new_items']);
    assert.ok(r.intervals['learned_production − vstan']);
  });
});
