/**
 * YooChoose (RecSys Challenge 2015, 100k-click sample) next-item evaluation.
 *
 * Protocol (session-rec "next item"): the model is trained by feeding the training sessions in time
 * order through the production functions (`coocIncrements` into an in-memory co-occurrence map with
 * the store's neighbour cap, decayed popularity counters). Then, for every test session and every
 * position i ≥ 1, the prefix s[0..i-1] is the session and s[i] the target; HR@20 and MRR@20 are
 * averaged over all such predictions. Test sessions never update the model. Targets unseen in
 * training count as misses.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProfileView, type ProfileView } from '../core/profile/profileView.ts';
import type { RawProfile, RecentItem } from '../core/profile/profileDelta.ts';
import { RECENT_CAP } from '../core/profile/profileDelta.ts';
import { coocIncrements, DEFAULT_COOC_PARAMS, type CoocParams } from '../core/recommend/cooccurrence.ts';
import {
  buildSeeds,
  DEFAULT_RANK_PARAMS,
  DEFAULT_SEED_PARAMS,
  DEFAULT_SOURCE_WEIGHTS,
  rank,
  type RankParams,
  type ScoredItem,
  type SeedParams,
  type SourceWeights,
  type WeightedItem,
} from '../core/recommend/rank.ts';
import { DEFAULT_FRESHNESS_PARAMS, type FreshnessParams, ItemFreshness } from '../core/recommend/freshness.ts';
import { secondHop } from '../core/recommend/secondHop.ts';
import { CoocMap, Counter, DecayedCounter } from './memoryStats.ts';
import { pairedBootstrap, type PairedInterval } from './bootstrap.ts';
import { Stan, STAN_RSC15, VSTAN_RSC15, VSTAN_RSC15_SINGLE_HR, type StanParams } from './stan.ts';
import { HitRateMrr, variation } from './metrics.ts';
import type { EvalResult, MethodScore } from './result.ts';

/** File names of the prepared session-rec split. */
export const YOOCHOOSE_FILES = {
  train: 'yoochoose-clicks-100k_train_full.txt',
  test: 'yoochoose-clicks-100k_test.txt',
  trainTr: 'yoochoose-clicks-100k_train_tr.txt',
  valid: 'yoochoose-clicks-100k_train_valid.txt',
} as const;

/** Whether `dir` holds the YooChoose split. */
export function isYoochooseDir(dir: string): boolean {
  return existsSync(join(dir, YOOCHOOSE_FILES.train)) && existsSync(join(dir, YOOCHOOSE_FILES.test));
}

/** One click. */
export interface Click {
  readonly item: string;
  /** Epoch ms. */
  readonly ts: number;
}

/** A session, clicks in time order. */
export interface Session {
  readonly id: string;
  readonly clicks: readonly Click[];
}

/** Parses a `SessionId\tItemId\tTime` file (Time in epoch seconds); sessions ordered by their first click. */
export function loadSessions(file: string): Session[] {
  const bySession = new Map<string, Click[]>();
  const text = readFileSync(file, 'utf8');
  let start = 0;
  let first = true;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (first) {
      first = false;
      if (line.startsWith('SessionId')) continue;
    }
    if (!line) continue;
    const [sid, item, time] = line.split('\t');
    if (sid === undefined || item === undefined || time === undefined) continue;
    let clicks = bySession.get(sid);
    if (!clicks) bySession.set(sid, (clicks = []));
    clicks.push({ item, ts: Math.round(Number(time) * 1000) });
  }
  const sessions: Session[] = [];
  for (const [id, clicks] of bySession) {
    clicks.sort((a, b) => a.ts - b.ts);
    sessions.push({ id, clicks });
  }
  sessions.sort((a, b) => (a.clicks[0]?.ts ?? 0) - (b.clicks[0]?.ts ?? 0) || (a.id < b.id ? -1 : 1));
  return sessions;
}

/** Everything that shapes the hybrid in this evaluation. */
export interface HybridConfig {
  readonly cooc: CoocParams;
  readonly seeds: SeedParams;
  readonly weights: SourceWeights;
  readonly rank: RankParams;
  /** Neighbours read per seed (the store's `getNeighbours` limit). */
  readonly neighbourLimit: number;
  /** Popular and trending items read. */
  readonly popularLimit: number;
  readonly popularHalfLifeMs: number;
  readonly trendingHalfLifeMs: number;
  /** Events per projection batch (the neighbour cap is enforced after each). */
  readonly batch: number;
  /**
   * Session-kNN source of the hybrid (`rank`'s `sessionNeighbours`, weighted by
   * `weights.sessionKnn`): the parameters of the kNN over the training sessions, and how many scored
   * items it passes. Absent: no session-kNN (what production has today).
   */
  readonly sessionKnn?: { readonly params: StanParams; readonly items: number };
  /** Pass item IDFs (from training click counts) to `rank` for `rank.idfWeight`. */
  readonly idf?: boolean;
  /** Weight co-occurring candidates by their freshness (`freshness.ts`, from the popular and trending counters). Absent: off. */
  readonly freshness?: FreshnessParams;
}

/** The production defaults as the service wires them. */
export const DEFAULT_HYBRID: HybridConfig = {
  cooc: DEFAULT_COOC_PARAMS,
  seeds: DEFAULT_SEED_PARAMS,
  weights: DEFAULT_SOURCE_WEIGHTS,
  rank: DEFAULT_RANK_PARAMS,
  neighbourLimit: 100,
  popularLimit: 100,
  popularHalfLifeMs: 7 * 86_400_000,
  trendingHalfLifeMs: 86_400_000,
  batch: 500,
  freshness: DEFAULT_FRESHNESS_PARAMS,
};

/**
 * The hybrid with a session-kNN source (VSTAN's rsc15 parameters over the training sessions, each
 * item remembering only its latest 50 sessions, its top 100 items, weight 4), IDF on co-occurring
 * items (0.2) and a slower session decay (0.8): the best variant on the YooChoose validation split
 * (per-item caps of 50 to 500 and none scored alike there; 50 halves the kNN's CPU). Not what
 * production runs: production keeps no index of past sessions (see `docs/evaluation.md`).
 */
export const SESSION_KNN_HYBRID: HybridConfig = Object.freeze({
  ...DEFAULT_HYBRID,
  seeds: { ...DEFAULT_SEED_PARAMS, sessionDecay: 0.8 },
  weights: { ...DEFAULT_SOURCE_WEIGHTS, sessionKnn: 4 },
  rank: { ...DEFAULT_RANK_PARAMS, idfWeight: 0.2 },
  sessionKnn: { params: { ...VSTAN_RSC15, perItemCap: 50 }, items: 100 },
  idf: true,
});

/** The trained state: what the store would hold after projecting the training sessions. */
export interface SessionModel {
  readonly neighbours: Map<string, WeightedItem[]>;
  readonly popular: WeightedItem[];
  readonly trending: WeightedItem[];
  /** Baseline state: raw click counts and distance-1 transitions (self transitions included). */
  readonly clicks: Counter;
  readonly next: Map<string, Counter>;
  /** The hybrid's session-kNN, when configured. */
  readonly knn?: Stan;
  /** `ln(sessions / clicks)` per training item, when configured. */
  readonly idf?: Map<string, number>;
  /** Every counted item's freshness at the end of training, when configured. */
  readonly freshness?: ItemFreshness;
}

/** Adds a RecentItem the way the store does: latest ts per (product, type), newest first, capped. */
function remember(recent: RecentItem[], item: RecentItem): void {
  const i = recent.findIndex((r) => r.productId === item.productId && r.type === item.type);
  if (i >= 0) recent.splice(i, 1);
  recent.unshift(item);
  if (recent.length > RECENT_CAP) recent.length = RECENT_CAP;
}

/** Feeds the training sessions, in time order, through the production co-occurrence counting. */
export function trainSessions(sessions: readonly Session[], cfg: HybridConfig): SessionModel {
  const cooc = new CoocMap();
  let end = 0;
  for (const s of sessions) for (const c of s.clicks) end = Math.max(end, c.ts);
  const ref = sessions[0]?.clicks[0]?.ts ?? 0;
  const popular = new DecayedCounter(cfg.popularHalfLifeMs, ref);
  const trending = new DecayedCounter(cfg.trendingHalfLifeMs, ref);
  const clicks = new Counter();
  const next = new Map<string, Counter>();

  // Interleave sessions by time, as the projector sees them.
  const events: { s: number; i: number; ts: number }[] = [];
  sessions.forEach((s, si) => s.clicks.forEach((c, i) => events.push({ s: si, i, ts: c.ts })));
  events.sort((a, b) => a.ts - b.ts || a.s - b.s || a.i - b.i);
  const histories = new Map<number, RecentItem[]>();
  let n = 0;
  for (const e of events) {
    const session = sessions[e.s] as Session;
    const click = session.clicks[e.i] as Click;
    let history = histories.get(e.s);
    if (!history) histories.set(e.s, (history = []));
    for (const inc of coocIncrements(history, [{ productId: click.item }], 'view', click.ts, cfg.cooc)) cooc.add(inc.from, inc.to, inc.weight);
    remember(history, { productId: click.item, type: 'view', ts: click.ts });
    popular.add(click.item, 1, click.ts);
    trending.add(click.item, 1, click.ts);
    clicks.add(click.item);
    if (e.i > 0) {
      const prev = (session.clicks[e.i - 1] as Click).item;
      let c = next.get(prev);
      if (!c) next.set(prev, (c = new Counter()));
      c.add(click.item);
    }
    if (++n % cfg.batch === 0) cooc.trim();
  }
  cooc.trim();
  const model: SessionModel = {
    neighbours: cooc.snapshot(cfg.neighbourLimit),
    popular: popular.top(end, cfg.popularLimit),
    trending: trending.top(end, cfg.popularLimit),
    clicks,
    next,
  };
  const knn = cfg.sessionKnn ? new Stan(knnSessions(sessions), cfg.sessionKnn.params) : undefined;
  const idf = cfg.idf ? new Map([...clicks.map].map(([id, c]) => [id, Math.log(sessions.length / c)])) : undefined;
  // As the service reads them: every counted item, not only the top lists.
  const freshness = cfg.freshness ? new ItemFreshness(popular.top(end, Infinity), trending.top(end, Infinity), cfg.freshness) : undefined;
  return { ...model, ...(knn ? { knn } : {}), ...(idf ? { idf } : {}), ...(freshness ? { freshness } : {}) };
}

/** Sessions as the session-kNN baselines take them. */
export function knnSessions(sessions: readonly Session[]): { items: string[]; lastTs: number }[] {
  return sessions.map((s) => ({ items: s.clicks.map((c) => c.item), lastTs: s.clicks[s.clicks.length - 1]?.ts ?? 0 }));
}

const DAY = 86_400_000;

/**
 * The hybrid's scored top `k` after the prefix `clicks` (the last click is the product being viewed),
 * with the profile and the time it was ranked from; `undefined` for an empty prefix.
 */
export function rankSession(model: SessionModel, clicks: readonly Click[], cfg: HybridConfig, k: number): { items: ScoredItem[]; profile: ProfileView; now: number } | undefined {
  const last = clicks[clicks.length - 1];
  if (!last) return undefined;
  const recent: RecentItem[] = [];
  for (const c of clicks) remember(recent, { productId: c.item, type: 'view', ts: c.ts });
  const now = last.ts;
  const raw: RawProfile = {
    shop: 'eval',
    userId: 'u',
    features: {},
    recent,
    purchased: [],
    eventCount: clicks.length,
    firstSeen: clicks[0]?.ts ?? now,
    lastSeen: now,
  };
  const profile = buildProfileView(raw, now, { halfLifeMs: 21 * DAY, sessionGapMs: cfg.cooc.sessionGapMs });
  const seeds = buildSeeds({ profile, currentProductId: last.item, now, params: cfg.seeds });
  const neighbours = new Map<string, readonly WeightedItem[]>();
  for (const s of seeds) {
    const n = model.neighbours.get(s.productId);
    if (n) neighbours.set(s.productId, n);
  }
  const sessionNeighbours = model.knn && cfg.sessionKnn ? model.knn.recommend(clicks.map((c) => c.item), now, cfg.sessionKnn.items) : undefined;
  // The first seed's second hop, from the trained lists (as the service computes it from the stored ones).
  const first = seeds[0];
  const hop = first && (cfg.weights.secondHop ?? 0) > 0 ? { seed: first.productId, list: secondHopOf(model.neighbours, first.productId) } : undefined;
  const items = rank({
    ...(sessionNeighbours ? { sessionNeighbours } : {}),
    ...(hop ? { secondHop: hop } : {}),
    ...(model.idf ? { idf: model.idf } : {}),
    ...(model.freshness ? { freshness: model.freshness } : {}),
    now,
    seeds,
    neighbours,
    popular: model.popular,
    trending: model.trending,
    profile,
    exclude: new Set(),
    allowRepeat: false,
    limit: k,
    weights: cfg.weights,
    params: cfg.rank,
  });
  return { items, profile, now };
}

/** Second-hop lists over a trained model's neighbour lists, worked out once per item. */
const SECOND_HOPS = new WeakMap<ReadonlyMap<string, readonly WeightedItem[]>, Map<string, WeightedItem[]>>();

/** The second-hop list of `item` over trained neighbour lists (`secondHop.ts`), as the service works it out from the stored ones. */
export function secondHopOf(neighbours: ReadonlyMap<string, readonly WeightedItem[]>, item: string): WeightedItem[] {
  let m = SECOND_HOPS.get(neighbours);
  if (!m) SECOND_HOPS.set(neighbours, (m = new Map()));
  let list = m.get(item);
  if (!list) m.set(item, (list = secondHop(item, neighbours.get(item) ?? [], (id) => neighbours.get(id))));
  return list;
}

/** The hybrid's top `k` product ids after the prefix `clicks`. */
export function recommendNext(model: SessionModel, clicks: readonly Click[], cfg: HybridConfig, k: number): string[] {
  return rankSession(model, clicks, cfg, k)?.items.map((r) => r.productId) ?? [];
}

/** Paired intervals of the hybrid against a baseline, on HR and MRR. */
export interface PairedComparison {
  readonly hr: PairedInterval;
  readonly mrr: PairedInterval;
}

/** The session-kNN baselines: session-rec's rsc15 configurations (window `stan-mrr` and `vstan-mrr`, and single `vstan-hr`, which reproduces the VSTAN figure issue 14 quotes). */
export const KNN_BASELINES: Readonly<Record<string, StanParams>> = Object.freeze({ stan: STAN_RSC15, vstan: VSTAN_RSC15, vstan_single_hr: VSTAN_RSC15_SINGLE_HR });

/** Scores the hybrid and the baselines on `test` after training on `train`. */
export function evaluateSessions(
  train: readonly Session[],
  test: readonly Session[],
  cfg: HybridConfig = DEFAULT_HYBRID,
  opts: { readonly baselines?: boolean; readonly variation?: boolean; readonly knnBaselines?: boolean } = {},
): { cases: number; methods: Record<string, MethodScore>; intervals: Record<string, PairedComparison> } {
  const K = 20;
  const model = trainSessions(train, cfg);
  const withKnn = opts.baselines !== false && opts.knnBaselines !== false;
  const knnTrain = withKnn ? knnSessions(train) : [];
  const knn = withKnn
    ? Object.entries(KNN_BASELINES).map(([name, p]) => ({ name, model: new Stan(knnTrain, p), all: new HitRateMrr(K), fresh: new HitRateMrr(K), last: [] as string[][] }))
    : [];
  const hybrid = new HitRateMrr(K);
  const pop = new HitRateMrr(K);
  const sr = new HitRateMrr(K);
  const popList = model.clicks.top(K);
  const srLists = new Map<string, string[]>();
  const lastLists: { hybrid: string[][]; sr: string[][] } = { hybrid: [], sr: [] };
  const srTop = (item: string): string[] => {
    let l = srLists.get(item);
    if (!l) srLists.set(item, (l = model.next.get(item)?.top(K) ?? []));
    return l;
  };
  // Discovery view: predictions whose target is not already in the session, with the session's
  // items removed from every list (as the service does when it excludes what the user has seen).
  const hybridNew = new HitRateMrr(K);
  const srNew = new HitRateMrr(K);
  const srWide = new Map<string, string[]>();
  for (const s of test) {
    for (let i = 1; i < s.clicks.length; i++) {
      const prefix = s.clicks.slice(0, i);
      const target = (s.clicks[i] as Click).item;
      const wide = recommendNext(model, prefix, cfg, 3 * K);
      const list = wide.slice(0, K);
      hybrid.add(list, target);
      const lastItem = (prefix[i - 1] as Click).item;
      const seen = new Set(prefix.map((c) => c.item));
      const fresh = !seen.has(target);
      if (fresh) hybridNew.add(wide.filter((x) => !seen.has(x)).slice(0, K), target);
      for (const b of knn) {
        // As session-rec's evaluation does, the kNN baselines get the target click's time.
        const w = b.model.recommend(prefix.map((c) => c.item), (s.clicks[i] as Click).ts, 3 * K).map((r) => r.productId);
        b.all.add(w.slice(0, K), target);
        if (fresh) b.fresh.add(w.filter((x) => !seen.has(x)).slice(0, K), target);
        if (opts.variation !== false && s.clicks.length >= 3 && i === s.clicks.length - 1) b.last.push(w.slice(0, 10));
      }
      if (opts.baselines !== false) {
        pop.add(popList, target);
        sr.add(srTop(lastItem), target);
        if (fresh) {
          let w = srWide.get(lastItem);
          if (!w) srWide.set(lastItem, (w = model.next.get(lastItem)?.top(3 * K) ?? []));
          srNew.add(w.filter((x) => !seen.has(x)).slice(0, K), target);
        }
      }
      // Variation: the list shown after the session's last-but-one click, sessions with ≥ 3 clicks.
      if (opts.variation !== false && s.clicks.length >= 3 && i === s.clicks.length - 1) {
        lastLists.hybrid.push(list.slice(0, 10));
        lastLists.sr.push(srTop(lastItem).slice(0, 10));
      }
    }
  }
  const methods: Record<string, MethodScore> = {
    hybrid: { hr: hybrid.hitRate, mrr: hybrid.mrr, variation: opts.variation === false ? 0 : variation(lastLists.hybrid) },
  };
  if (opts.baselines !== false) {
    methods['popularity'] = { hr: pop.hitRate, mrr: pop.mrr, variation: 0 };
    methods['last_item_neighbours'] = { hr: sr.hitRate, mrr: sr.mrr, variation: opts.variation === false ? 0 : variation(lastLists.sr) };
    methods['hybrid@new_items'] = { hr: hybridNew.hitRate, mrr: hybridNew.mrr, variation: Number.NaN };
    methods['last_item_neighbours@new_items'] = { hr: srNew.hitRate, mrr: srNew.mrr, variation: Number.NaN };
  }
  const intervals: Record<string, PairedComparison> = {};
  const compare = (a: HitRateMrr, b: HitRateMrr): PairedComparison | undefined =>
    a.count > 0 && a.count === b.count ? { hr: pairedBootstrap(a.hitPerCase, b.hitPerCase), mrr: pairedBootstrap(a.rrPerCase, b.rrPerCase) } : undefined;
  for (const b of knn) {
    methods[b.name] = { hr: b.all.hitRate, mrr: b.all.mrr, variation: opts.variation === false ? 0 : variation(b.last) };
    methods[`${b.name}@new_items`] = { hr: b.fresh.hitRate, mrr: b.fresh.mrr, variation: Number.NaN };
    const all = compare(hybrid, b.all);
    if (all) intervals[`hybrid − ${b.name}`] = all;
    const fresh = compare(hybridNew, b.fresh);
    if (fresh) intervals[`hybrid − ${b.name} @new_items`] = fresh;
  }
  return { cases: hybrid.count, methods, intervals };
}

/**
 * Runs the YooChoose evaluation in `dir`: train_full → test, or with `validation` train_tr →
 * train_valid (the split the parameters were tuned on).
 */
export function runYoochoose(dir: string, cfg: HybridConfig = DEFAULT_HYBRID, validation = false): EvalResult {
  const t0 = performance.now();
  const train = loadSessions(join(dir, validation ? YOOCHOOSE_FILES.trainTr : YOOCHOOSE_FILES.train));
  const test = loadSessions(join(dir, validation ? YOOCHOOSE_FILES.valid : YOOCHOOSE_FILES.test));
  return sessionResult(validation ? 'yoochoose-rsc15-100k (validation: train_tr → train_valid)' : 'yoochoose-rsc15-100k', train, test, cfg, t0);
}

/** Evaluates a session dataset (hybrid, baselines, intervals, the no-re-visit diagnostic) as an `EvalResult`. */
export function sessionResult(
  dataset: string,
  train: readonly Session[],
  test: readonly Session[],
  cfg: HybridConfig,
  t0: number,
  opts: { readonly variant?: boolean } = {},
): EvalResult {
  const { cases, methods, intervals } = evaluateSessions(train, test, cfg);
  // Diagnostic: the same hybrid without re-visits (co-occurrence and popularity only).
  const noRevisit = evaluateSessions(train, test, { ...cfg, weights: { ...cfg.weights, revisit: 0 } }, { baselines: false }).methods['hybrid'];
  if (noRevisit) methods['hybrid_no_revisit'] = noRevisit;
  // Variant: with a session-kNN source (needs an index of past sessions production does not keep).
  if (opts.variant !== false) {
    const v = evaluateSessions(train, test, SESSION_KNN_HYBRID, { variation: false });
    const all = v.methods['hybrid'];
    const fresh = v.methods['hybrid@new_items'];
    if (all) methods['variant: hybrid+session_knn'] = { ...all, variation: Number.NaN };
    if (fresh) methods['variant: hybrid+session_knn@new_items'] = fresh;
    for (const [name, c] of Object.entries(v.intervals)) if (name.includes('vstan')) intervals[name.replace('hybrid', 'variant')] = c;
  }
  return {
    dataset,
    k: 20,
    cases,
    methods,
    intervals,
    variation: methods['hybrid']?.variation ?? 0,
    seconds: (performance.now() - t0) / 1000,
  };
}
