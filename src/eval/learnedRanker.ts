/**
 * A learned combination of the session recommenders (issue 14): candidates are the union of the
 * hybrid's top items (co-occurrence, re-visits, popularity, trending) and a session kNN's (VSTAN
 * over the training sessions); each (session, candidate) gets a feature vector of every source's
 * score and rank, the candidate's popularity and rarity, and where and when it sits in the session;
 * a small boosted-tree ensemble (`gbdtTrain.ts`) re-ranks them.
 *
 * Training without leakage: the sources are fitted on the training sessions minus the last
 * `holdoutDays` (2), and the ranker learns from the prefixes of those days' sessions (the next click
 * as the label, LambdaRank for MRR). At prediction time the sources are refitted on all training
 * sessions and the ensemble is reused. IDF is not a separate feature: it is a monotone function of
 * `log_clicks`, and trees are blind to monotone transforms.
 *
 * With `inputs: 'production'` the ranker sees only what the service could compute per request from
 * its store and the shopper's profile (see {@link PRODUCTION_MISSING}): how far a ranker moved into
 * production would get without new store data.
 */
import { join } from 'node:path';
import { scoreTrees, type BoostedTrees } from '../core/recommend/boostedTrees.ts';
import type { WeightedItem } from '../core/recommend/rank.ts';
import { pairedBootstrap } from './bootstrap.ts';
import { trainGbdt, type GbdtParams, type TrainingSet } from './gbdtTrain.ts';
import { HitRateMrr } from './metrics.ts';
import type { MethodScore } from './result.ts';
import { Stan, VSTAN_RSC15, type StanParams } from './stan.ts';
import {
  DEFAULT_HYBRID,
  knnSessions,
  loadSessions,
  rankSession,
  trainSessions,
  type Click,
  type HybridConfig,
  type PairedComparison,
  type Session,
  type SessionModel,
  YOOCHOOSE_FILES,
} from './yoochoose.ts';

/** Features of one (session, candidate) pair, in vector order (`candidateFeatures` writes them by index). */
export const LEARNED_FEATURES = [
  'hybrid_score',
  'hybrid_rank',
  'hybrid_cooc',
  'hybrid_revisit',
  'hybrid_popular',
  'hybrid_trending',
  'knn_score',
  'knn_rank',
  'cooc_last',
  'cooc_last_rank',
  'cooc_prev',
  'sr_last',
  'log_clicks',
  'in_session',
  'steps_since_seen',
  'times_in_session',
  'session_length',
  'session_distinct',
  'log_secs_since_seen',
  'log_secs_last_gap',
  'hybrid_score_rel',
  'knn_raw',
  'sr_prev',
  'cooc_last_raw',
  'current_log_clicks',
] as const;

const NF = LEARNED_FEATURES.length;

/**
 * Features the service cannot compute per request today, left at 0 with `inputs: 'production'`: the
 * session kNN (no index of past sessions), distance-1 transition shares (the store keeps windowed
 * co-occurrence only), training click counts (the store reads only the head of its counters) and
 * click-level session history (the profile keeps the latest time per product and event type, so
 * repeat clicks are not counted). `steps_since_seen` and `log_secs_last_gap` are then counted over
 * the session's distinct items, as the profile lists them.
 */
export const PRODUCTION_MISSING: ReadonlySet<(typeof LEARNED_FEATURES)[number]> = new Set([
  'knn_score',
  'knn_rank',
  'knn_raw',
  'sr_last',
  'sr_prev',
  'log_clicks',
  'current_log_clicks',
  'times_in_session',
  'session_length',
]);

/** Rank given to a candidate a source did not return. */
const ABSENT_RANK = 200;

/** The fitted sources the features come from. */
export interface LearnedSources {
  readonly hybrid: SessionModel;
  readonly knn: Stan;
  readonly cfg: HybridConfig;
  /** Candidates taken from each of the hybrid and the kNN. */
  readonly pool: number;
  /** Without the session kNN (what production has today): its candidates and features are absent. */
  readonly withKnn: boolean;
  /** `production`: only the features the service could compute today ({@link PRODUCTION_MISSING} left at 0). */
  readonly inputs: LearnedInputs;
}

/** Which features the ranker may read: all of them, or only those production could compute. */
export type LearnedInputs = 'all' | 'production';

export interface LearnedConfig {
  readonly knn: StanParams;
  readonly pool: number;
  readonly gbdt: Partial<GbdtParams>;
  /** Days at the end of the training sessions whose prefixes teach the ranker. */
  readonly holdoutDays: number;
  /** At most this many ranker training sessions (the latest), for quick runs; 0: all. */
  readonly maxTrainSessions: number;
  /** Use the session kNN as a source (false: no kNN candidates or features). */
  readonly withKnn: boolean;
  /** `production`: only the features production could compute today (implies no session kNN). */
  readonly inputs?: LearnedInputs;
}

/**
 * The full re-ranker. Four days of prefixes teach it (chosen on the validation split: with 2, 3, 3.5,
 * 4 and 4.5 days HR − VSTAN +0.0209, +0.0193, +0.0189, +0.0206, +0.0157 and MRR − VSTAN +0.0081,
 * +0.0110, +0.0106, +0.0102, +0.0101; 5 leaves the sources nothing to learn from on its 5-day split).
 */
export const DEFAULT_LEARNED: LearnedConfig = Object.freeze({
  knn: VSTAN_RSC15,
  pool: 100,
  gbdt: {},
  holdoutDays: 4,
  maxTrainSessions: 0,
  withKnn: true,
});

/**
 * The re-ranker on the inputs production has today (no session kNN, {@link PRODUCTION_MISSING} at 0).
 * Two days teach it: with four (the full re-ranker's) it lost on validation (MRR − hybrid −0.0036
 * against +0.0005).
 */
export const PRODUCTION_LEARNED: LearnedConfig = Object.freeze({ ...DEFAULT_LEARNED, withKnn: false, inputs: 'production', holdoutDays: 2 });

/** Fits the hybrid's statistics and the session kNN on `train`. */
export function fitSources(train: readonly Session[], cfg: LearnedConfig, hybrid: HybridConfig = DEFAULT_HYBRID): LearnedSources {
  const production = cfg.inputs === 'production';
  const withKnn = cfg.withKnn && !production;
  return { hybrid: trainSessions(train, hybrid), knn: new Stan(withKnn ? knnSessions(train) : [], cfg.knn), cfg: hybrid, pool: cfg.pool, withKnn, inputs: production ? 'production' : 'all' };
}

/**
 * The candidates after the prefix `clicks` (the last one is being viewed) and their features,
 * row-major in {@link LEARNED_FEATURES} order.
 */
export function candidateFeatures(src: LearnedSources, clicks: readonly Click[]): { ids: string[]; x: Float32Array } {
  const last = clicks[clicks.length - 1];
  if (!last) return { ids: [], x: new Float32Array(0) };
  const now = last.ts;
  const hyb = rankSession(src.hybrid, clicks, src.cfg, src.pool)?.items ?? [];
  // Production can only know the time of the last click (not the target's).
  const knn = src.withKnn ? src.knn.recommend(clicks.map((c) => c.item), now, src.pool) : [];
  const ids: string[] = [];
  const at = new Map<string, number>();
  const add = (id: string): number => {
    let i = at.get(id);
    if (i === undefined) {
      i = ids.length;
      at.set(id, i);
      ids.push(id);
    }
    return i;
  };
  for (const h of hyb) add(h.productId);
  for (const k of knn) add(k.productId);
  const x = new Float32Array(ids.length * NF);
  // Defaults for absent sources.
  for (let r = 0; r < ids.length; r++) {
    x[r * NF + 1] = ABSENT_RANK;
    x[r * NF + 7] = ABSENT_RANK;
    x[r * NF + 9] = ABSENT_RANK;
    x[r * NF + 14] = -1;
    x[r * NF + 18] = -1;
  }
  hyb.forEach((h, rank) => {
    const o = (at.get(h.productId) as number) * NF;
    x[o] = h.score;
    x[o + 1] = rank;
    for (const reason of h.reasons) {
      if (reason.source === 'cooc') x[o + 2] = reason.score;
      else if (reason.source === 'revisit') x[o + 3] = reason.score;
      else if (reason.source === 'popular') x[o + 4] = reason.score;
      else if (reason.source === 'trending') x[o + 5] = reason.score;
    }
  });
  const hMax = hyb[0]?.score ?? 0;
  if (hMax > 0) for (const h of hyb) x[(at.get(h.productId) as number) * NF + 20] = h.score / hMax;
  const kMax = knn[0]?.weight ?? 0;
  knn.forEach((k, rank) => {
    const o = (at.get(k.productId) as number) * NF;
    x[o + 6] = kMax > 0 ? k.weight / kMax : 0;
    x[o + 7] = rank;
    x[o + 21] = Math.log1p(k.weight);
  });
  // Co-occurrence of the last item and of the previous distinct item, and last-item transitions.
  const scaled = (list: readonly WeightedItem[] | undefined, col: number, rankCol?: number): void => {
    if (!list || list.length === 0) return;
    const top = list[0]?.weight ?? 0;
    if (!(top > 0)) return;
    list.forEach((n, r) => {
      const i = at.get(n.productId);
      if (i === undefined) return;
      x[i * NF + col] = n.weight / top;
      if (rankCol !== undefined) x[i * NF + rankCol] = r;
    });
  };
  scaled(src.hybrid.neighbours.get(last.item), 8, 9);
  for (const n of src.hybrid.neighbours.get(last.item) ?? []) {
    const i = at.get(n.productId);
    if (i !== undefined) x[i * NF + 23] = Math.log1p(n.weight);
  }
  let prev: string | undefined;
  for (let i = clicks.length - 2; i >= 0; i--) {
    const it = (clicks[i] as Click).item;
    if (it !== last.item) {
      prev = it;
      break;
    }
  }
  if (prev !== undefined) scaled(src.hybrid.neighbours.get(prev), 10);
  const transitions = (from: string | undefined, col: number): void => {
    const next = from === undefined ? undefined : src.hybrid.next.get(from);
    if (!next) return;
    let total = 0;
    for (const v of next.map.values()) total += v;
    for (const [id, v] of next.map) {
      const i = at.get(id);
      if (i !== undefined) x[i * NF + col] = v / total;
    }
  };
  transitions(last.item, 11);
  transitions(prev, 22);
  const currentClicks = Math.log1p(src.hybrid.clicks.map.get(last.item) ?? 0);
  // Session position and timing.
  const len = clicks.length;
  const lastIdx = new Map<string, number>();
  const count = new Map<string, number>();
  clicks.forEach((c, i) => {
    lastIdx.set(c.item, i);
    count.set(c.item, (count.get(c.item) ?? 0) + 1);
  });
  const production = src.inputs === 'production';
  // Production sees the session as the profile keeps it: distinct items, newest first, latest times.
  const distinct = production ? [...lastIdx.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id) : [];
  const prevIdx = production ? (distinct[1] === undefined ? undefined : lastIdx.get(distinct[1])) : len > 1 ? len - 2 : undefined;
  const gap = prevIdx === undefined ? -1 : Math.max(0, now - (clicks[prevIdx] as Click).ts) / 1000;
  for (let r = 0; r < ids.length; r++) {
    const o = r * NF;
    const id = ids[r] as string;
    x[o + 12] = Math.log1p(src.hybrid.clicks.map.get(id) ?? 0);
    const li = lastIdx.get(id);
    if (li !== undefined) {
      x[o + 13] = 1;
      x[o + 14] = production ? distinct.indexOf(id) : len - 1 - li;
      x[o + 15] = count.get(id) ?? 0;
      x[o + 18] = Math.log1p(Math.max(0, now - (clicks[li] as Click).ts) / 1000);
    }
    x[o + 16] = len;
    x[o + 17] = lastIdx.size;
    x[o + 19] = gap < 0 ? -1 : Math.log1p(gap);
    x[o + 24] = currentClicks;
  }
  if (production) {
    for (let f = 0; f < NF; f++) {
      if (!PRODUCTION_MISSING.has(LEARNED_FEATURES[f] as (typeof LEARNED_FEATURES)[number])) continue;
      for (let r = 0; r < ids.length; r++) x[r * NF + f] = 0;
    }
  }
  return { ids, x };
}

/** Sessions whose last click falls in the last `days` of `sessions` (session-rec's split), and the rest. */
export function splitLastDays(sessions: readonly Session[], days: number): { inner: Session[]; holdout: Session[] } {
  let end = 0;
  for (const s of sessions) end = Math.max(end, s.clicks[s.clicks.length - 1]?.ts ?? 0);
  const cut = end - days * 86_400_000;
  const inner: Session[] = [];
  const holdout: Session[] = [];
  for (const s of sessions) ((s.clicks[s.clicks.length - 1]?.ts ?? 0) >= cut ? holdout : inner).push(s);
  return { inner, holdout };
}

/**
 * The ranker's training set: every prefix of `sessions` whose next click is among the candidates,
 * one group per prefix.
 */
export function trainingSet(src: LearnedSources, sessions: readonly Session[]): TrainingSet & { prefixes: number } {
  const xs: Float32Array[] = [];
  const labels: Uint8Array[] = [];
  const groups = [0];
  let rows = 0;
  let prefixes = 0;
  for (const s of sessions) {
    for (let i = 1; i < s.clicks.length; i++) {
      prefixes++;
      const target = (s.clicks[i] as Click).item;
      const { ids, x } = candidateFeatures(src, s.clicks.slice(0, i));
      const t = ids.indexOf(target);
      if (t < 0 || ids.length < 2) continue;
      const y = new Uint8Array(ids.length);
      y[t] = 1;
      xs.push(x);
      labels.push(y);
      rows += ids.length;
      groups.push(rows);
    }
  }
  const x = new Float32Array(rows * NF);
  const label = new Uint8Array(rows);
  let o = 0;
  xs.forEach((part, k) => {
    x.set(part, o * NF);
    label.set(labels[k] as Uint8Array, o);
    o += (labels[k] as Uint8Array).length;
  });
  return { features: LEARNED_FEATURES, x, label, groups: Int32Array.from(groups), prefixes };
}

/** Trains the re-ranker on `train` (sources on all but the last `holdoutDays`, labels from those days). */
export function fitLearnedRanker(train: readonly Session[], cfg: LearnedConfig = DEFAULT_LEARNED): BoostedTrees {
  const { inner, holdout } = splitLastDays(train, cfg.holdoutDays);
  const teach = cfg.maxTrainSessions > 0 ? holdout.slice(-cfg.maxTrainSessions) : holdout;
  const set = trainingSet(fitSources(inner, cfg), teach);
  return trainGbdt(set, cfg.gbdt);
}

/** The re-ranked top `k` after the prefix `clicks`. */
export function learnedRecommend(src: LearnedSources, model: BoostedTrees, clicks: readonly Click[], k: number): string[] {
  const { ids, x } = candidateFeatures(src, clicks);
  const scored = ids.map((id, r) => ({ id, s: scoreTrees(model, x.subarray(r * NF, (r + 1) * NF)) }));
  scored.sort((a, b) => b.s - a.s || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return scored.slice(0, k).map((c) => c.id);
}

/**
 * Scores the learned re-ranker on `test` (ranker fitted on `train` as {@link fitLearnedRanker} does,
 * sources refitted on all of `train`), next to the hybrid and VSTAN on the same predictions (VSTAN
 * gets the target click's time, as in the baseline rows): HR@20 and MRR@20 overall and in the
 * discovery view, with paired bootstrap intervals against both. `name` prefixes the rows
 * (`<name> (re-ranker)`, `<name> − vstan`, ...).
 */
export function evaluateLearned(
  train: readonly Session[],
  test: readonly Session[],
  cfg: LearnedConfig = DEFAULT_LEARNED,
  name = 'learned',
): { methods: Record<string, MethodScore>; intervals: Record<string, PairedComparison> } {
  const K = 20;
  const model = fitLearnedRanker(train, cfg);
  const src = fitSources(train, cfg);
  const vstan = new Stan(knnSessions(train), VSTAN_RSC15);
  const acc = { learned: pair(K), hybrid: pair(K), vstan: pair(K) };
  for (const s of test) {
    for (let i = 1; i < s.clicks.length; i++) {
      const prefix = s.clicks.slice(0, i);
      const next = s.clicks[i] as Click;
      const seen = new Set(prefix.map((c) => c.item));
      const fresh = !seen.has(next.item);
      const lists = {
        learned: learnedRecommend(src, model, prefix, 3 * K),
        hybrid: rankSession(src.hybrid, prefix, src.cfg, 3 * K)?.items.map((r) => r.productId) ?? [],
        vstan: vstan.recommend(prefix.map((c) => c.item), next.ts, 3 * K).map((r) => r.productId),
      };
      for (const name of ['learned', 'hybrid', 'vstan'] as const) {
        const a = acc[name];
        a.all.add(lists[name].slice(0, K), next.item);
        if (fresh) a.fresh.add(lists[name].filter((x) => !seen.has(x)).slice(0, K), next.item);
      }
    }
  }
  const cmp = (a: HitRateMrr, b: HitRateMrr): PairedComparison => ({ hr: pairedBootstrap(a.hitPerCase, b.hitPerCase), mrr: pairedBootstrap(a.rrPerCase, b.rrPerCase) });
  const methods: Record<string, MethodScore> = {
    [`${name} (re-ranker)`]: { hr: acc.learned.all.hitRate, mrr: acc.learned.all.mrr, variation: Number.NaN },
    [`${name} (re-ranker)@new_items`]: { hr: acc.learned.fresh.hitRate, mrr: acc.learned.fresh.mrr, variation: Number.NaN },
  };
  const intervals: Record<string, PairedComparison> = {
    [`${name} − vstan`]: cmp(acc.learned.all, acc.vstan.all),
    [`${name} − vstan @new_items`]: cmp(acc.learned.fresh, acc.vstan.fresh),
    [`${name} − hybrid`]: cmp(acc.learned.all, acc.hybrid.all),
    [`${name} − hybrid @new_items`]: cmp(acc.learned.fresh, acc.hybrid.fresh),
  };
  return { methods, intervals };
}

function pair(k: number): { all: HitRateMrr; fresh: HitRateMrr } {
  return { all: new HitRateMrr(k), fresh: new HitRateMrr(k) };
}

/** {@link evaluateLearned} on the YooChoose split in `dir` (train_full → test, or train_tr → train_valid). */
export function learnedYoochoose(dir: string, validation = false, cfg: LearnedConfig = DEFAULT_LEARNED, name = 'learned'): ReturnType<typeof evaluateLearned> {
  const train = loadSessions(join(dir, validation ? YOOCHOOSE_FILES.trainTr : YOOCHOOSE_FILES.train));
  const test = loadSessions(join(dir, validation ? YOOCHOOSE_FILES.valid : YOOCHOOSE_FILES.test));
  return evaluateLearned(train, test, cfg, name);
}
