/**
 * The hybrid base ranker: session-aware item kNN (co-occurrence from weighted seed items), content
 * similarity, profile affinity, popularity, trending, buy-again and re-visit. Each source is brought
 * to [0, 1] (co-occurrence, content and affinity by their maximum over the candidates, popularity by
 * the head of its list, buy-again by the newest purchase, re-visit by the seed's own weight) and the
 * sources are added with `SourceWeights`. Every returned item says why (structured reasons). Pure and
 * deterministic: ties are broken by product id.
 */
import type { AffinityScorer } from '../profile/affinity.ts';
import type { ProfileView } from '../profile/profileView.ts';

/** An item the recommendation starts from. */
export interface Seed {
  readonly productId: string;
  readonly weight: number;
  readonly role: 'current' | 'cart' | 'session' | 'history' | 'purchase';
}

/** Weight of each source in the final score. */
export interface SourceWeights {
  readonly cooc: number;
  readonly content: number;
  readonly affinity: number;
  readonly popular: number;
  readonly trending: number;
  readonly buyAgain: number;
  /**
   * Items the user viewed or carted (current session strongest) coming back. Next-click data favours
   * it strongly (a third of next clicks return to a session item); set 0 for pure discovery widgets.
   */
  readonly revisit: number;
  /**
   * Session-kNN scores ({@link RankInput.sessionNeighbours}); absent or 0 when the caller has no
   * session index.
   */
  readonly sessionKnn?: number;
}

/**
 * Defaults tuned offline on validation splits (see `docs/evaluation.md`); `content` and `affinity`
 * had no dataset with a real catalog to be tuned on and are kept small.
 */
export const DEFAULT_SOURCE_WEIGHTS: SourceWeights = Object.freeze({
  cooc: 1,
  content: 0.1,
  affinity: 0.2,
  popular: 0.02,
  trending: 0.02,
  buyAgain: 1,
  revisit: 1.5,
});

/** Where part of a score came from. */
export type ReasonSource = 'cooc' | 'content' | 'affinity' | 'popular' | 'trending' | 'buy_again' | 'revisit';

/** One contribution to an item's score. */
export interface Reason {
  readonly source: ReasonSource;
  /** Contribution to the final score. */
  readonly score: number;
  /** The seed item this came through (co-occurrence, content, buy-again, re-visit). */
  readonly seed?: string;
  /** The profile feature this came through (affinity), e.g. `cat:Shirts`. */
  readonly feature?: string;
}

/** A ranked item. */
export interface ScoredItem {
  readonly productId: string;
  readonly score: number;
  /** Strongest first. */
  readonly reasons: readonly Reason[];
}

/**
 * What the ranker needs from a catalog (structural, implemented by the catalog index adapter). Each
 * candidate's id is resolved to its position once (`indexOf`); availability and affinity are then
 * read by position.
 */
export interface CatalogLike {
  /** A product's position in the catalog, or -1 when it is not in it. */
  indexOf(id: string): number;
  /** In stock and published, by position (see `isAvailable` in `catalog/product.ts`). */
  isRecommendableAt(doc: number): boolean;
  /** Scores products, by position, against a profile's affinities and price band (see `profile/affinity.ts`). */
  affinityScorer(profile: ProfileView): AffinityScorer;
  /**
   * Optional: `indexOf` of every item of a list, in list order (a catalog may memoise it per list
   * object: the service's neighbour lists are cached, immutable objects that recur across requests).
   */
  positionsOf?(list: readonly WeightedItem[]): ArrayLike<number>;
  contentNeighbours(id: string, k: number): readonly { productId: string; weight: number }[];
}

/** A weighted item list (neighbours, popular, trending). */
export interface WeightedItem {
  readonly productId: string;
  readonly weight: number;
}

/** Shape parameters of the ranker (the defaults are what the offline evaluation tuned). */
export interface RankParams {
  /** Per-seed normalisation of co-occurrence weights: by the seed's total or by its strongest neighbour. */
  readonly coocNorm: 'sum' | 'max';
  /** Exponent applied to normalised co-occurrence weights (< 1 flattens). */
  readonly coocPower: number;
  /** How many seeds (strongest first) are asked for content neighbours. */
  readonly contentSeeds: number;
  /** Content neighbours asked per seed. */
  readonly contentK: number;
  /** Exponent applied to normalised popularity (< 1 flattens the head). */
  readonly popPower: number;
  /** When there are seeds, how many of the most popular (and trending) items may join as new candidates. */
  readonly popCandidates: number;
  /** Buy-again weight of a purchase halves every this many ms. */
  readonly buyAgainHalfLifeMs: number;
  /**
   * Co-occurrence contributions are multiplied by `1 + idfWeight · idf(candidate)` when
   * {@link RankInput.idf} is given (rare items count more, as in VSTAN). 0 or absent: off.
   */
  readonly idfWeight?: number;
}

/** Default ranker shape. */
export const DEFAULT_RANK_PARAMS: RankParams = Object.freeze({
  coocNorm: 'max',
  coocPower: 0.5,
  contentSeeds: 5,
  contentK: 20,
  popPower: 1,
  popCandidates: 20,
  buyAgainHalfLifeMs: 60 * 86_400_000,
});

/** Everything one ranking needs; the service gathers it (store reads, catalog) and calls {@link rank}. */
export interface RankInput {
  readonly now: number;
  /** Built by {@link buildSeeds}. */
  readonly seeds: readonly Seed[];
  /** Store co-occurrence per seed (raw decay-forward weights, strongest first; normalised per seed here). */
  readonly neighbours: ReadonlyMap<string, readonly WeightedItem[]>;
  /** Already decayed and merged, strongest first. */
  readonly popular: readonly WeightedItem[];
  readonly trending: readonly WeightedItem[];
  readonly profile?: ProfileView;
  /** Absent in catalog-free evaluation: then no content, affinity or availability filtering. */
  readonly catalog?: CatalogLike;
  /** Never returned (current product, cart items, already bought unless repeats are allowed). */
  readonly exclude: ReadonlySet<string>;
  /** When true, purchased items may come back through the buy-again source (replenishment shops). */
  readonly allowRepeat: boolean;
  readonly limit: number;
  readonly weights: SourceWeights;
  readonly params?: RankParams;
  /**
   * Inverse document frequency of items (`ln(sessions / clicks)`), for `params.idfWeight`, looked up
   * for the candidates only. Items missing from it get no boost.
   */
  readonly idf?: ReadonlyMap<string, number>;
  /**
   * Items scored by a session-kNN over recent sessions (any non-negative scale, normalised here by
   * its maximum), weighted by `weights.sessionKnn`. Such items also join as candidates.
   */
  readonly sessionNeighbours?: readonly WeightedItem[];
}

/** How seeds are weighted (the defaults are what the offline evaluation tuned). */
export interface SeedParams {
  /** Weight of the product being viewed. */
  readonly current: number;
  /** Weight of each cart item. */
  readonly cart: number;
  /** Weight of the newest other session item; the i-th (0-based) gets `session * sessionDecay^i`. */
  readonly session: number;
  readonly sessionDecay: number;
  /** Weight of an item from an earlier session, halved every `historyHalfLifeMs`. */
  readonly history: number;
  readonly historyHalfLifeMs: number;
  /** Weight of a purchased item, halved every `purchaseHalfLifeMs` since it was bought. */
  readonly purchase: number;
  readonly purchaseHalfLifeMs: number;
  /** Extra factor for items added to cart or bought in the session (stronger intent than a view). */
  readonly intentBoost: number;
  /** At most this many seeds, strongest first (bounds the neighbour reads). */
  readonly maxSeeds: number;
}

/** Default seed weighting. */
export const DEFAULT_SEED_PARAMS: SeedParams = Object.freeze({
  current: 1,
  cart: 0.8,
  session: 0.5,
  sessionDecay: 0.6,
  history: 0.2,
  historyHalfLifeMs: 14 * 86_400_000,
  purchase: 0.5,
  purchaseHalfLifeMs: 60 * 86_400_000,
  intentBoost: 1.5,
  maxSeeds: 20,
});

const ROLE_ORDER: Readonly<Record<Seed['role'], number>> = { current: 0, cart: 1, session: 2, purchase: 3, history: 4 };

/**
 * Seeds from the page context and the profile: the current product, cart items, the current
 * session (newest strongest), earlier items and purchases (recency-decayed). One seed per product
 * (its strongest role), strongest first, at most `maxSeeds`.
 */
export function buildSeeds(input: {
  readonly profile?: ProfileView;
  readonly currentProductId?: string;
  readonly cartProductIds?: readonly string[];
  readonly now: number;
  readonly params?: SeedParams;
}): Seed[] {
  const p = input.params ?? DEFAULT_SEED_PARAMS;
  const seeds = new Map<string, Seed>();
  if (input.currentProductId) putSeed(seeds, input.currentProductId, p.current, 'current');
  for (const id of input.cartProductIds ?? []) putSeed(seeds, id, p.cart, 'cart');
  const profile = input.profile;
  if (profile) {
    const inSession = new Set<string>();
    let i = 0;
    for (const r of profile.session) {
      if (inSession.has(r.productId)) continue;
      inSession.add(r.productId);
      if (r.productId === input.currentProductId) continue;
      const boost = r.type === 'view' ? 1 : p.intentBoost;
      putSeed(seeds, r.productId, p.session * p.sessionDecay ** i * boost, 'session');
      i++;
    }
    for (const r of profile.recent) {
      if (inSession.has(r.productId)) continue;
      const age = Math.max(0, input.now - r.ts);
      if (r.type === 'purchase') putSeed(seeds, r.productId, p.purchase * 2 ** (-age / p.purchaseHalfLifeMs), 'purchase');
      else putSeed(seeds, r.productId, p.history * 2 ** (-age / p.historyHalfLifeMs) * (r.type === 'view' ? 1 : p.intentBoost), 'history');
    }
  }
  return [...seeds.values()].sort(strongerSeed).slice(0, p.maxSeeds);
}

/** Keeps a product's strongest seed. */
function putSeed(seeds: Map<string, Seed>, productId: string, weight: number, role: Seed['role']): void {
  if (!(weight > 0)) return;
  const prev = seeds.get(productId);
  if (!prev || weight > prev.weight) seeds.set(productId, { productId, weight, role });
}

/** Strongest seed first, then by role, then by product id. */
function strongerSeed(a: Seed, b: Seed): number {
  return b.weight - a.weight || ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || cmp(a.productId, b.productId);
}

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

  /** {@link get} for an id whose catalog position is known (`catalog.indexOf(id)`). */
  getAt(id: string, doc: number): Candidate | undefined {
    const known = this.#met.get(id);
    if (known !== undefined) return known ?? undefined;
    return this.#meet(id, doc);
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
export function rank(input: RankInput): ScoredItem[] {
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
      const docs = catalog?.positionsOf?.(list);
      for (let j = 0; j < list.length; j++) {
        const n = list[j] as WeightedItem;
        if (!(n.weight > 0) || n.productId === seed.productId) continue;
        const c = docs ? cands.getAt(n.productId, docs[j] as number) : cands.get(n.productId);
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
      const docs = catalog.positionsOf?.(list);
      for (let j = 0; j < list.length; j++) {
        const n = list[j] as WeightedItem;
        if (!(n.weight > 0) || n.productId === seed.productId) continue;
        const c = docs ? cands.getAt(n.productId, docs[j] as number) : cands.get(n.productId);
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
  const docs = catalog?.positionsOf?.(list);
  let i = 0;
  for (let j = 0; j < list.length; j++) {
    const it = list[j] as WeightedItem;
    if (!(it.weight > 0)) continue;
    const c = i++ < proposeMax ? (docs ? cands.getAt(it.productId, docs[j] as number) : cands.get(it.productId)) : cands.known(it.productId);
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

/** `x ** power` for x in [0, 1], with the common exponents computed without `Math.pow`. */
function flatten(x: number, power: number): number {
  return power === 1 ? x : power === 0.5 ? Math.sqrt(x) : x ** power;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The best `k` items in order (same order as a full sort with `order`), without sorting everything:
 * a bounded insertion into a sorted buffer, O(n·k) with small k instead of O(n log n).
 */
export function topK<T>(items: readonly T[], k: number, order: (a: T, b: T) => number): T[] {
  if (k <= 0) return [];
  if (items.length <= k * 4) return [...items].sort(order).slice(0, k);
  const buf: T[] = [];
  for (const it of items) {
    if (buf.length === k && order(it, buf[k - 1] as T) >= 0) continue;
    let i = buf.length < k ? buf.length : k - 1;
    if (buf.length < k) buf.push(it);
    while (i > 0 && order(it, buf[i - 1] as T) < 0) {
      buf[i] = buf[i - 1] as T;
      i--;
    }
    buf[i] = it;
  }
  return buf;
}
