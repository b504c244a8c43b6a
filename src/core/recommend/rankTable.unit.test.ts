/**
 * The ranker holds its candidates in one reusable table of typed arrays (`candidateTable.ts`). Before,
 * it made an object and a map entry per candidate; that version is kept below, as it was (commit
 * 11b3499), as the oracle: on random rankings, with and without a catalog, with every source, both
 * must give the very same items, scores and reasons.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogIndex } from '../catalog/catalogIndex.ts';
import { generateCatalog } from '../catalog/demoCatalog.ts';
import type { AffinityScorer } from '../profile/affinity.ts';
import type { RecentItem } from '../profile/profileDelta.ts';
import { mulberry32 } from '../random.ts';
import { CandidateTable } from './candidateTable.ts';
import type { ProfileView } from '../profile/profileView.ts';
import {
  DEFAULT_RANK_PARAMS,
  DEFAULT_SOURCE_WEIGHTS,
  rank,
  topK,
  type CatalogLike,
  type RankInput,
  type RankParams,
  type Reason,
  type ReasonSource,
  type ScoredItem,
  type Seed,
  type SourceWeights,
  type WeightedItem,
} from './rank.ts';

function flatten(x: number, power: number): number {
  return power === 1 ? x : power === 0.5 ? Math.sqrt(x) : x ** power;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---- The ranker as it was, one object per candidate (the oracle). ----

/**
 * One candidate's scores per source. A class rather than an object literal: V8 creates instances of
 * one constructor with one stable shape, where a literal whose number fields later turn fractional
 * kept taking a slow path (its line held ~30 % of the ranking's CPU profile).
 */
class Candidate {
  cooc = 0;
  coocSeed: string | undefined = undefined;
  coocTop = 0;
  content = 0;
  contentSeed: string | undefined = undefined;
  contentTop = 0;
  affinity = 0;
  popular = 0;
  trending = 0;
  buyAgain = 0;
  buyAgainSeed: string | undefined = undefined;
  revisit = 0;
  revisitSeed: string | undefined = undefined;
  sknn = 0;
  /** Final score, set once every source is in. */
  score = 0;

  constructor(
    readonly id: string,
    /** Position in the catalog (-1 without one). */
    readonly doc: number,
  ) {}
}

/**
 * The ids met during one ranking: each one's candidate, or null when it may not be recommended, and
 * the candidates in the order they were met. A class rather than closures made per ranking (the
 * TypeScript runner names every closure it creates, which cost ~1 % of a request's CPU here).
 */
class Candidates {
  readonly #met = new Map<string, Candidate | null>();
  /** The candidates (ids met that may be recommended), in the order they were met. */
  readonly all: Candidate[] = [];
  readonly #catalog: CatalogLike | undefined;
  readonly #exclude: ReadonlySet<string>;
  /** Purchases left out (absent when repeats are allowed). */
  readonly #purchased: ReadonlySet<string> | undefined;

  constructor(catalog: CatalogLike | undefined, exclude: ReadonlySet<string>, purchased: ReadonlySet<string> | undefined) {
    this.#catalog = catalog;
    this.#exclude = exclude;
    this.#purchased = purchased;
  }

  /** The candidate of `id`, created on first sight; undefined when it may not be recommended. */
  get(id: string): Candidate | undefined {
    const known = this.#met.get(id);
    if (known !== undefined) return known ?? undefined;
    return this.#meet(id, this.#catalog ? this.#catalog.indexOf(id) : -1);
  }

  #meet(id: string, doc: number): Candidate | undefined {
    const catalog = this.#catalog;
    if (this.#exclude.has(id) || this.#purchased?.has(id) || (catalog && !(doc >= 0 && catalog.isRecommendableAt(doc)))) {
      this.#met.set(id, null);
      return undefined;
    }
    const n = new Candidate(id, doc);
    this.#met.set(id, n);
    this.all.push(n);
    return n;
  }

  /** The candidate of an id already met (never creates one). */
  known(id: string): Candidate | undefined {
    return this.#met.get(id) ?? undefined;
  }
}

/** Ranks candidates from every source; at most `limit` items, best first. */
function rankByObjects(input: RankInput): ScoredItem[] {
  const params = input.params ?? DEFAULT_RANK_PARAMS;
  const { catalog, profile, exclude, weights } = input;
  const purchased = profile?.purchased;
  const cands = new Candidates(catalog, exclude, input.allowRepeat ? undefined : purchased);
  // Co-occurrence: each seed's neighbours, normalised per seed, weighted by the seed (and by the
  // candidate's rarity when an IDF is given).
  const idfWeight = input.idf && params.idfWeight ? params.idfWeight : 0;
  if (weights.cooc > 0) {
    for (const seed of input.seeds) {
      const list = input.neighbours.get(seed.productId);
      if (!list || list.length === 0) continue;
      let norm = 0;
      for (const n of list) {
        if (!(n.weight > 0)) continue;
        norm = params.coocNorm === 'sum' ? norm + n.weight : Math.max(norm, n.weight);
      }
      if (!(norm > 0)) continue;
      for (let j = 0; j < list.length; j++) {
        const n = list[j] as WeightedItem;
        if (!(n.weight > 0) || n.productId === seed.productId) continue;
        const c = cands.get(n.productId);
        if (!c) continue;
        let v = seed.weight * flatten(n.weight / norm, params.coocPower);
        if (idfWeight > 0) v *= 1 + idfWeight * Math.max(0, input.idf?.get(n.productId) ?? 0);
        c.cooc += v;
        if (v > c.coocTop) {
          c.coocTop = v;
          c.coocSeed = seed.productId;
        }
      }
    }
  }

  // Content similarity of the strongest seeds (catalog only).
  if (catalog && weights.content > 0) {
    let asked = 0;
    for (const seed of input.seeds) {
      if (asked >= params.contentSeeds) break;
      if (catalog.indexOf(seed.productId) < 0) continue;
      asked++;
      const list = catalog.contentNeighbours(seed.productId, params.contentK);
      for (let j = 0; j < list.length; j++) {
        const n = list[j] as WeightedItem;
        if (!(n.weight > 0) || n.productId === seed.productId) continue;
        const c = cands.get(n.productId);
        if (!c) continue;
        const v = seed.weight * n.weight;
        c.content += v;
        if (v > c.contentTop) {
          c.contentTop = v;
          c.contentSeed = seed.productId;
        }
      }
    }
  }

  // Re-visit: seeds of the session and history coming back (purchases go through buy-again). The
  // score is absolute (the seed's weight, at most 1): excluding the current product must not promote
  // the previous one to full weight.
  if (weights.revisit > 0) {
    for (const seed of input.seeds) {
      if (seed.role === 'purchase' || purchased?.has(seed.productId)) continue;
      const c = cands.get(seed.productId);
      if (!c) continue;
      c.revisit = Math.min(1, seed.weight);
      c.revisitSeed = seed.productId;
    }
  }

  // Session kNN: scores from similar recent sessions, normalised by their maximum.
  let mKnn = 0;
  const wKnn = weights.sessionKnn ?? 0;
  if (wKnn > 0 && input.sessionNeighbours) {
    for (const it of input.sessionNeighbours) if (it.weight > mKnn) mKnn = it.weight;
    if (mKnn > 0) {
      for (const it of input.sessionNeighbours) {
        if (!(it.weight > 0)) continue;
        const c = cands.get(it.productId);
        if (c) c.sknn = it.weight / mKnn;
      }
    }
  }

  // Buy-again: recent purchases, halved every `buyAgainHalfLifeMs`; older purchases (no longer in
  // the recent list) get a floor when another source proposes them.
  let mBuy = 0;
  let buyFloor = 0;
  if (input.allowRepeat && profile && weights.buyAgain > 0) {
    const seen = new Set<string>();
    let least = Infinity;
    for (const r of profile.recent) {
      if (r.type !== 'purchase' || seen.has(r.productId)) continue;
      seen.add(r.productId);
      const v = 2 ** (-Math.max(0, input.now - r.ts) / params.buyAgainHalfLifeMs);
      mBuy = Math.max(mBuy, v);
      least = Math.min(least, v);
      const c = cands.get(r.productId);
      if (!c) continue;
      c.buyAgain = v;
      c.buyAgainSeed = r.productId;
    }
    buyFloor = Number.isFinite(least) ? least / 2 : 1;
    if (mBuy === 0) mBuy = buyFloor;
  }

  // Popularity and trending: candidates too (the cold-start path), normalised by the list's head.
  const noSeeds = input.seeds.length === 0;
  addCounter(cands, input.popular, 'popular', weights.popular, noSeeds, params, catalog);
  addCounter(cands, input.trending, 'trending', weights.trending, noSeeds, params, catalog);

  // Affinity to the profile's categories, types, vendors, tags and price band.
  const affinity = catalog && profile && profile.affinities.size > 0 ? catalog.affinityScorer(profile) : undefined;
  const all = cands.all;
  if (affinity) for (const c of all) c.affinity += affinity.score(c.doc);

  // Normalise each source by its maximum over the candidates, then combine.
  let mCooc = 0;
  let mContent = 0;
  let mAff = 0;
  for (const c of all) {
    if (c.cooc > mCooc) mCooc = c.cooc;
    if (c.content > mContent) mContent = c.content;
    if (c.affinity > mAff) mAff = c.affinity;
  }
  if (buyFloor > 0 && purchased) {
    for (const c of all) {
      if (c.buyAgain === 0 && purchased.has(c.id)) {
        c.buyAgain = buyFloor;
        c.buyAgainSeed = c.id;
      }
    }
  }
  // Without seeds, popularity is the base and the profile's affinities shape it.
  const wPopular = noSeeds ? Math.max(weights.popular, 1) : weights.popular;
  const wTrending = noSeeds ? Math.max(weights.trending, 0.3) : weights.trending;

  const scored: Candidate[] = [];
  for (const c of all) {
    const cooc = mCooc > 0 ? (weights.cooc * c.cooc) / mCooc : 0;
    const content = mContent > 0 ? (weights.content * c.content) / mContent : 0;
    // Without seeds the affinity multiplies popularity (at least doubling a perfect match).
    const aff = mAff > 0 ? ((noSeeds ? Math.max(weights.affinity, 1) : weights.affinity) * c.affinity) / mAff : 0;
    const buy = mBuy > 0 ? (weights.buyAgain * c.buyAgain) / mBuy : 0;
    const rev = weights.revisit * c.revisit;
    const pop = wPopular * c.popular;
    const trend = wTrending * c.trending;
    const knn = wKnn * c.sknn;
    // Affinity only re-weights items some other source proposed.
    const base = cooc + content + buy + rev + pop + trend + knn;
    if (!(base > 0)) continue;
    c.score = noSeeds ? base * (1 + aff) : base + aff;
    scored.push(c);
  }
  const top = topK(scored, Math.max(0, input.limit), better);

  const out: ScoredItem[] = [];
  const scale: Scale = { mCooc, mContent, mAff, mBuy, wPopular, wTrending, noSeeds };
  for (const c of top) {
    // Which feature matched best is only worked out for the items returned.
    const feature = affinity && c.affinity > 0 ? affinity.strongest(c.doc) : undefined;
    out.push({ productId: c.id, score: c.score, reasons: reasonsOf(c, c.score, weights, scale, feature) });
  }
  return out;
}

/** Popularity or trending scores (the list normalised by its head); candidates too, see below. */
function addCounter(
  cands: Candidates,
  list: readonly WeightedItem[],
  field: 'popular' | 'trending',
  w: number,
  noSeeds: boolean,
  params: RankParams,
  catalog: CatalogLike | undefined,
): void {
  if (!(w > 0) && !noSeeds) return;
  let top = 0;
  for (const it of list) if (it.weight > top) top = it.weight;
  if (!(top > 0)) return;
  // With seeds, only the head of the list proposes new candidates (a safety net when the seeds
  // have few neighbours); the rest only scores candidates other sources proposed. This keeps the
  // candidate set, and so the cost of a ranking, small.
  const proposeMax = noSeeds ? list.length : params.popCandidates;
  let i = 0;
  for (let j = 0; j < list.length; j++) {
    const it = list[j] as WeightedItem;
    if (!(it.weight > 0)) continue;
    const c = i++ < proposeMax ? cands.get(it.productId) : cands.known(it.productId);
    if (!c) continue;
    const v = flatten(it.weight / top, params.popPower);
    if (v > c[field]) c[field] = v;
  }
}

interface Scale {
  readonly mCooc: number;
  readonly mContent: number;
  readonly mAff: number;
  readonly mBuy: number;
  readonly wPopular: number;
  readonly wTrending: number;
  readonly noSeeds: boolean;
}

/** Adds a reason when it contributed. */
function pushReason(r: Reason[], source: ReasonSource, v: number, seed: string | undefined, feature?: string): void {
  if (!(v > 0)) return;
  if (seed !== undefined) r.push({ source, score: v, seed });
  else if (feature !== undefined) r.push({ source, score: v, feature });
  else r.push({ source, score: v });
}

function reasonsOf(c: Candidate, score: number, w: SourceWeights, s: Scale, affinityFeature: string | undefined): Reason[] {
  const r: Reason[] = [];
  // Session-kNN evidence is co-occurrence across whole sessions: it is reported as part of `cooc`.
  const knn = (w.sessionKnn ?? 0) * c.sknn;
  pushReason(r, 'cooc', (s.mCooc > 0 ? (w.cooc * c.cooc) / s.mCooc : 0) + knn, c.coocSeed);
  if (s.mContent > 0) pushReason(r, 'content', (w.content * c.content) / s.mContent, c.contentSeed);
  if (s.mBuy > 0) pushReason(r, 'buy_again', (w.buyAgain * c.buyAgain) / s.mBuy, c.buyAgainSeed);
  pushReason(r, 'revisit', w.revisit * c.revisit, c.revisitSeed);
  pushReason(r, 'popular', s.wPopular * c.popular, undefined);
  pushReason(r, 'trending', s.wTrending * c.trending, undefined);
  if (s.mAff > 0) {
    let base = 0;
    for (const x of r) base += x.score;
    // In the cold-start path affinity multiplies; its contribution is what it added.
    const aff = s.noSeeds ? score - base : (w.affinity * c.affinity) / s.mAff;
    pushReason(r, 'affinity', aff, undefined, affinityFeature);
  }
  r.sort(strongerReason);
  return r;
}

/** Strongest reason first, ties by source. */
function strongerReason(a: Reason, b: Reason): number {
  return b.score - a.score || cmp(a.source, b.source);
}

/** Higher score first, ties by product id. */
function better(a: Candidate, b: Candidate): number {
  return b.score - a.score || cmp(a.id, b.id);
}

// ---- Random rankings. ----

const NOW = Date.UTC(2025, 5, 1, 12);
const DAY = 86_400_000;
const index = CatalogIndex.build(generateCatalog({ size: 300, seed: 7 }));
const ids = index.all().map((p) => p.id);

/** Some of the catalog's products unavailable, as a catalog says it. */
function catalogWithGaps(r: () => number): CatalogLike {
  const gone = new Set(ids.filter(() => r() < 0.1).map((id) => index.indexOf(id)));
  const withPositions = r() < 0.7;
  const bySpan = r() < 0.5;
  return {
    indexOf: (id) => index.indexOf(id),
    isRecommendableAt: (doc) => !gone.has(doc) && index.isRecommendableAt(doc),
    affinityScorer: (p): AffinityScorer => index.affinityScorer(p),
    contentNeighbours: (id, k) => index.contentNeighbours(id, k),
    ...(withPositions ? { resolveList: (list: readonly WeightedItem[]) => index.resolveList(list) } : {}),
    ...(bySpan ? { contentNeighboursAt: (doc: number, k: number) => index.contentNeighboursAt(doc, k), idAt: (doc: number) => index.idAt(doc) } : {}),
  };
}

function randomCase(seed: number): RankInput {
  const r = mulberry32(seed);
  const pick = (): string => (r() < 0.05 ? `unknown-${Math.floor(r() * 5)}` : (ids[Math.floor(r() * ids.length)] as string));
  // Now and then a weight no store should give (negative, not a number, infinite): both rankers must
  // treat it the same.
  const odd = (): number => [0, -1, Number.NaN, Infinity][Math.floor(r() * 4)] as number;
  const list = (n: number, scale = 10): WeightedItem[] =>
    Array.from({ length: n }, () => ({ productId: pick(), weight: r() < 0.05 ? odd() : Math.round(r() * scale * 1000) / 1000 })).sort((a, b) => b.weight - a.weight || 0);
  const roles: Seed['role'][] = ['current', 'cart', 'session', 'history', 'purchase'];
  const nSeeds = r() < 0.1 ? 0 : 1 + Math.floor(r() * 20);
  const seeds: Seed[] = [];
  const seen = new Set<string>();
  for (let k = 0; k < nSeeds; k++) {
    const id = pick();
    if (seen.has(id)) continue;
    seen.add(id);
    // Ties on purpose now and then (the first seed keeps its reason).
    seeds.push({ productId: id, weight: r() < 0.2 ? 0.5 : Math.round(r() * 100) / 100, role: roles[Math.floor(r() * roles.length)] as Seed['role'] });
  }
  const neighbours = new Map<string, WeightedItem[]>();
  for (const s of seeds) if (r() < 0.9) neighbours.set(s.productId, list(Math.floor(r() * 60), r() < 0.3 ? 1 : 100));
  const recent: RecentItem[] = Array.from({ length: Math.floor(r() * 15) }, (_, k) => ({
    productId: pick(),
    type: r() < 0.2 ? 'purchase' : r() < 0.3 ? 'add_to_cart' : 'view',
    ts: NOW - Math.floor(r() * 90 * DAY) - k,
  }));
  const affinities = new Map<string, number>();
  for (const p of index.all().slice(0, 40)) {
    if (r() < 0.2) affinities.set(`type:${p.productType}`, r());
    if (r() < 0.1) affinities.set(`vendor:${p.vendor}`, r());
  }
  const profile: ProfileView | undefined =
    r() < 0.15
      ? undefined
      : {
          userId: 'u',
          affinities: r() < 0.2 ? new Map() : affinities,
          ...(r() < 0.5 ? { priceBand: { center: 40, low: 20, high: 80 } } : {}),
          recent,
          session: recent.slice(0, 3),
          purchased: new Set(recent.filter((x) => x.type === 'purchase').map((x) => x.productId)),
          eventCount: recent.length,
          lastSeen: NOW,
        };
  const weights: SourceWeights = r() < 0.5 ? DEFAULT_SOURCE_WEIGHTS : { ...DEFAULT_SOURCE_WEIGHTS, content: r(), affinity: r(), popular: r() < 0.3 ? 0 : r(), buyAgain: r(), sessionKnn: r() };
  const params: RankParams = r() < 0.5 ? DEFAULT_RANK_PARAMS : { ...DEFAULT_RANK_PARAMS, coocNorm: r() < 0.5 ? 'sum' : 'max', coocPower: r() < 0.5 ? 1 : 0.7, popPower: 0.5, idfWeight: r() };
  const withCatalog = r() < 0.8;
  return {
    now: NOW,
    seeds,
    neighbours,
    popular: list(Math.floor(r() * 100)),
    trending: list(Math.floor(r() * 50)),
    ...(profile ? { profile } : {}),
    ...(withCatalog ? { catalog: catalogWithGaps(r) } : {}),
    exclude: new Set(Array.from({ length: Math.floor(r() * 5) }, pick)),
    allowRepeat: r() < 0.3,
    limit: 1 + Math.floor(r() * 30),
    weights,
    params,
    ...(r() < 0.3 ? { idf: new Map(ids.slice(0, 100).map((id) => [id, r() * 3])) } : {}),
    ...(r() < 0.3 ? { sessionNeighbours: list(Math.floor(r() * 40)) } : {}),
  };
}

describe('rank with its candidate table', () => {
  it('gives what the one-object-per-candidate ranker gave, on 3,000 random rankings', () => {
    let nonEmpty = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const input = randomCase(seed);
      const want = rankByObjects(input);
      const got = rank(input);
      assert.deepEqual(got, want, `case ${seed}`);
      if (want.length > 0) nonEmpty++;
    }
    // The cases rank something (most of them): the comparison is not of empty lists.
    assert.ok(nonEmpty > 2500, `only ${nonEmpty} non-empty rankings`);
  });

  it('gives the same when the table grows in the middle of a ranking (more candidates than it had room for)', () => {
    // Without a catalog, any id may be a candidate: 1,100 co-occurrence candidates, then popular and
    // trending items never met before, so that the table grows during each pass of a fresh table.
    for (const at of [200, 1000, 1020, 1023, 1024, 1100]) {
      const neighbours = new Map([['s', Array.from({ length: at }, (_, k) => ({ productId: `n${k}`, weight: 2000 - k }))]]);
      const fresh = (p: string) => Array.from({ length: 300 }, (_, k) => ({ productId: `${p}${k}`, weight: 300 - k }));
      const input: RankInput = {
        now: NOW,
        seeds: [{ productId: 's', weight: 1, role: 'current' }],
        neighbours,
        popular: [...fresh('pop'), ...neighbours.get('s')!.slice(0, 50)],
        trending: fresh('trend'),
        exclude: new Set(),
        allowRepeat: false,
        limit: 40,
        weights: { ...DEFAULT_SOURCE_WEIGHTS, popular: 1, trending: 1 },
        params: { ...DEFAULT_RANK_PARAMS, popCandidates: 300 },
      };
      assert.deepEqual(rank(input, new CandidateTable()), rankByObjects(input), `${at} co-occurrence candidates`);
    }
  });

  it('keeps rankings apart: one ranking leaves nothing behind for the next', () => {
    const a = randomCase(11);
    const first = rank(a);
    rank(randomCase(12));
    rank({ ...randomCase(13), catalog: undefined });
    assert.deepEqual(rank(a), first);
  });
});
