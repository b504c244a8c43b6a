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
import { sortShort } from '../sortShort.ts';
import { CandidateTable, NO_SLOT } from './candidateTable.ts';
import { keepPositions } from './listPositions.ts';

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
  /**
   * The second hop of co-occurrence ({@link RankInput.secondHop}): its list counts as one more list of
   * its seed, at this share of the seed's weight. Absent or 0: not read.
   */
  readonly secondHop?: number;
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
  secondHop: 0.4,
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
   * Optional, with {@link idAt}: a list read once (a catalog may memoise it per list object: the
   * service's neighbour, popular and trending lists are cached, immutable objects that recur across
   * requests): each item's `indexOf` and weight in list order, and the largest and the sum of the
   * positive weights. The ranker then reads two arrays instead of an object per item.
   */
  resolveList?(list: readonly WeightedItem[]): { readonly docs: ArrayLike<number>; readonly weights: ArrayLike<number>; readonly max: number; readonly sum: number };
  contentNeighbours(id: string, k: number): readonly { productId: string; weight: number }[];
  /**
   * Optional, with {@link idAt}: `contentNeighbours` of the product at a position, as positions and
   * weights in the catalog's own arrays (`docs[i]`, `weights[i]` for `from <= i < to`), so that the
   * ranker reads them without a list of objects per product (see `CatalogIndex.contentNeighboursAt`).
   */
  contentNeighboursAt?(doc: number, k: number): { readonly docs: ArrayLike<number>; readonly weights: ArrayLike<number>; readonly from: number; readonly to: number };
  /** The product id at a position. */
  idAt?(doc: number): string;
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
  /**
   * The second-hop list of one seed (`secondHop.ts`: what was viewed with what was viewed with it; the
   * service gives the first seed's), weighted by `weights.secondHop`. It adds to co-occurrence but names
   * no seed in the reasons: nobody viewed these items with the seed itself.
   */
  readonly secondHop?: { readonly seed: string; readonly list: readonly WeightedItem[] };
  /**
   * How much of each item's demand is recent (`freshness.ts`): co-occurring candidates are weighted by
   * it. Absent: no weighting.
   */
  readonly freshness?: { of(productId: string): number };
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

/** The table every ranking of the process uses in turn (see `candidateTable.ts`). */
const TABLE = new CandidateTable();
/** The table of the ranking in progress (read by {@link betterSlot}). */
let ranking = TABLE;

/**
 * Ranks candidates from every source; at most `limit` items, best first. `table`: where the candidates
 * are held (the process's shared one; tests pass a fresh one).
 */
export function rank(input: RankInput, table: CandidateTable = TABLE): ScoredItem[] {
  const t = table;
  ranking = t;
  const { catalog } = input;
  t.begin({ catalog, exclude: input.exclude, purchased: input.allowRepeat ? undefined : input.profile?.purchased });
  try {
    return rankInto(t, input);
  } finally {
    t.end();
  }
}

/** {@link rank}, with the candidates in `t` (just begun). */
function rankInto(t: CandidateTable, input: RankInput): ScoredItem[] {
  const params = input.params ?? DEFAULT_RANK_PARAMS;
  const { catalog, profile, weights, seeds } = input;
  const purchased = profile?.purchased;
  // Co-occurrence: each seed's neighbours, normalised per seed, weighted by the seed (and by the
  // candidate's rarity when an IDF is given).
  const idfWeight = input.idf && params.idfWeight ? params.idfWeight : 0;
  if (weights.cooc > 0) {
    for (let si = 0; si < seeds.length; si++) {
      const seed = seeds[si] as Seed;
      const list = input.neighbours.get(seed.productId);
      if (!list || list.length === 0) continue;
      const resolved = catalog?.idAt ? catalog.resolveList?.(list) : undefined;
      if (catalog?.idAt && resolved) {
        // By position: the list's items are not read, only the catalog's arrays of them.
        const norm = params.coocNorm === 'sum' ? resolved.sum : resolved.max;
        if (!(norm > 0)) continue;
        const { docs, weights: ws } = resolved;
        // The seed's own position stands for its id (comparing ids would read each neighbour's string).
        const seedDoc = catalog.indexOf(seed.productId);
        for (let j = 0; j < docs.length; j++) {
          const w = ws[j] as number;
          const doc = docs[j] as number;
          if (!(w > 0) || doc < 0 || doc === seedDoc) continue;
          const id = catalog.idAt(doc);
          const c = t.slotAt(id, doc);
          if (c !== NO_SLOT) addCooc(t, c, si, seed.weight * flatten(w / norm, params.coocPower), id, idfWeight, input.idf);
        }
        continue;
      }
      let norm = 0;
      for (const n of list) {
        if (!(n.weight > 0)) continue;
        norm = params.coocNorm === 'sum' ? norm + n.weight : Math.max(norm, n.weight);
      }
      if (!(norm > 0)) continue;
      for (let j = 0; j < list.length; j++) {
        const n = list[j] as WeightedItem;
        if (!(n.weight > 0) || n.productId === seed.productId) continue;
        const c = t.slotOf(n.productId);
        if (c !== NO_SLOT) addCooc(t, c, si, seed.weight * flatten(n.weight / norm, params.coocPower), n.productId, idfWeight, input.idf);
      }
    }
  }

  // Second hop: one more list of its seed, at `weights.secondHop` of the seed's weight, normalised as a
  // seed's list is; it adds to the candidate's co-occurrence without becoming the seed its reason names.
  const hop = input.secondHop;
  const wHop = weights.secondHop ?? 0;
  const hopSeed = weights.cooc > 0 && wHop > 0 && hop !== undefined && hop.list.length > 0 ? seeds.find((s) => s.productId === hop.seed) : undefined;
  if (hop !== undefined && hopSeed !== undefined) {
    // By id, not through `catalog.resolveList`: that keeps two typed arrays beside each list object,
    // and second-hop lists are many and short-lived (a full collection sweeps every array buffer).
    const w = hopSeed.weight * wHop;
    let max = 0;
    for (const n of hop.list) if (n.weight > max) max = n.weight;
    for (let j = 0; max > 0 && j < hop.list.length; j++) {
      const n = hop.list[j] as WeightedItem;
      if (!(n.weight > 0) || n.productId === hopSeed.productId) continue;
      const c = t.slotOf(n.productId);
      if (c !== NO_SLOT) t.cooc[c] = (t.cooc[c] as number) + w * flatten(n.weight / max, params.coocPower);
    }
  }

  // Freshness: among co-occurring candidates, those in demand now count more (before the maximum is taken).
  const { freshness } = input;
  if (freshness) {
    for (let c = 0; c < t.n; c++) {
      const v = t.cooc[c] as number;
      if (v > 0) t.cooc[c] = v * freshness.of(t.ids[c] as string);
    }
  }

  // Content similarity of the strongest seeds (catalog only).
  if (catalog && weights.content > 0) {
    const addContent = (c: number, v: number, si: number): void => {
      t.content[c] = (t.content[c] as number) + v;
      if (v > (t.contentTop[c] as number)) {
        t.contentTop[c] = v;
        t.contentSeed[c] = si;
      }
    };
    let asked = 0;
    for (let si = 0; si < seeds.length; si++) {
      const seed = seeds[si] as Seed;
      if (asked >= params.contentSeeds) break;
      const seedDoc = catalog.indexOf(seed.productId);
      if (seedDoc < 0) continue;
      asked++;
      if (catalog.contentNeighboursAt && catalog.idAt) {
        // By position, from the catalog's own arrays (no list of objects).
        const { docs, weights: sims, from, to } = catalog.contentNeighboursAt(seedDoc, params.contentK);
        for (let j = from; j < to; j++) {
          const doc = docs[j] as number;
          const w = sims[j] as number;
          if (!(w > 0) || doc === seedDoc) continue;
          const c = t.slotAt(catalog.idAt(doc), doc);
          if (c !== NO_SLOT) addContent(c, seed.weight * w, si);
        }
        continue;
      }
      const list = catalog.contentNeighbours(seed.productId, params.contentK);
      for (let j = 0; j < list.length; j++) {
        const n = list[j] as WeightedItem;
        if (!(n.weight > 0) || n.productId === seed.productId) continue;
        const c = t.slotOf(n.productId);
        if (c !== NO_SLOT) addContent(c, seed.weight * n.weight, si);
      }
    }
  }

  // Re-visit: seeds of the session and history coming back (purchases go through buy-again). The
  // score is absolute (the seed's weight, at most 1): excluding the current product must not promote
  // the previous one to full weight.
  if (weights.revisit > 0) {
    for (const seed of seeds) {
      if (seed.role === 'purchase' || purchased?.has(seed.productId)) continue;
      const c = t.slotOf(seed.productId);
      if (c !== NO_SLOT) t.revisit[c] = Math.min(1, seed.weight);
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
        const c = t.slotOf(it.productId);
        if (c !== NO_SLOT) t.sknn[c] = it.weight / mKnn;
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
      const c = t.slotOf(r.productId);
      if (c !== NO_SLOT) t.buyAgain[c] = v;
    }
    buyFloor = Number.isFinite(least) ? least / 2 : 1;
    if (mBuy === 0) mBuy = buyFloor;
  }

  // Popularity and trending: candidates too (the cold-start path), normalised by the list's head.
  const noSeeds = seeds.length === 0;
  addCounter(t, input.popular, 'popular', weights.popular, noSeeds, params, catalog);
  addCounter(t, input.trending, 'trending', weights.trending, noSeeds, params, catalog);

  // Affinity to the profile's categories, types, vendors, tags and price band.
  const affinity = catalog && profile && profile.affinities.size > 0 ? catalog.affinityScorer(profile) : undefined;
  const n = t.n;
  if (affinity) for (let c = 0; c < n; c++) t.affinity[c] = (t.affinity[c] as number) + affinity.score(t.docs[c] as number);

  // Normalise each source by its maximum over the candidates, then combine.
  let mCooc = 0;
  let mContent = 0;
  let mAff = 0;
  for (let c = 0; c < n; c++) {
    if ((t.cooc[c] as number) > mCooc) mCooc = t.cooc[c] as number;
    if ((t.content[c] as number) > mContent) mContent = t.content[c] as number;
    if ((t.affinity[c] as number) > mAff) mAff = t.affinity[c] as number;
  }
  if (buyFloor > 0 && purchased) {
    for (let c = 0; c < n; c++) if (t.buyAgain[c] === 0 && purchased.has(t.ids[c] as string)) t.buyAgain[c] = buyFloor;
  }
  // Without seeds, popularity is the base and the profile's affinities shape it.
  const wPopular = noSeeds ? Math.max(weights.popular, 1) : weights.popular;
  const wTrending = noSeeds ? Math.max(weights.trending, 0.3) : weights.trending;
  const wAff = noSeeds ? Math.max(weights.affinity, 1) : weights.affinity;

  const scored: number[] = [];
  for (let c = 0; c < n; c++) {
    const cooc = mCooc > 0 ? (weights.cooc * (t.cooc[c] as number)) / mCooc : 0;
    const content = mContent > 0 ? (weights.content * (t.content[c] as number)) / mContent : 0;
    // Without seeds the affinity multiplies popularity (at least doubling a perfect match).
    const aff = mAff > 0 ? (wAff * (t.affinity[c] as number)) / mAff : 0;
    const buy = mBuy > 0 ? (weights.buyAgain * (t.buyAgain[c] as number)) / mBuy : 0;
    const rev = weights.revisit * (t.revisit[c] as number);
    const pop = wPopular * (t.popular[c] as number);
    const trend = wTrending * (t.trending[c] as number);
    const knn = wKnn * (t.sknn[c] as number);
    // Affinity only re-weights items some other source proposed.
    const base = cooc + content + buy + rev + pop + trend + knn;
    if (!(base > 0)) continue;
    t.score[c] = noSeeds ? base * (1 + aff) : base + aff;
    scored.push(c);
  }
  const top = topK(scored, Math.max(0, input.limit), betterSlot);

  const out: ScoredItem[] = [];
  const scale: Scale = { mCooc, mContent, mAff, mBuy, wPopular, wTrending, noSeeds };
  for (const c of top) {
    // Which feature matched best is only worked out for the items returned.
    const feature = affinity && (t.affinity[c] as number) > 0 ? affinity.strongest(t.docs[c] as number) : undefined;
    out.push({ productId: t.ids[c] as string, score: t.score[c] as number, reasons: reasonsOf(t, c, seeds, weights, scale, feature) });
  }
  if (catalog) keepPositions(out, catalog, Int32Array.from(top, (c) => t.docs[c] as number));
  return out;
}

/** Popularity or trending scores (the list normalised by its head); candidates too, see below. */
function addCounter(
  t: CandidateTable,
  list: readonly WeightedItem[],
  field: 'popular' | 'trending',
  w: number,
  noSeeds: boolean,
  params: RankParams,
  catalog: CatalogLike | undefined,
): void {
  if (!(w > 0) && !noSeeds) return;
  // With seeds, only the head of the list proposes new candidates (a safety net when the seeds
  // have few neighbours); the rest only scores candidates other sources proposed. This keeps the
  // candidate set, and so the cost of a ranking, small.
  const proposeMax = noSeeds ? list.length : params.popCandidates;
  const resolved = catalog?.idAt ? catalog.resolveList?.(list) : undefined;
  if (catalog?.idAt && resolved) {
    // By position, as for co-occurrence.
    const top = resolved.max;
    if (!(top > 0)) return;
    const { docs, weights: ws } = resolved;
    let i = 0;
    for (let j = 0; j < docs.length; j++) {
      const weight = ws[j] as number;
      if (!(weight > 0)) continue;
      const doc = docs[j] as number;
      const proposes = i++ < proposeMax;
      if (doc < 0) continue;
      // An item that only scores a candidate already met needs no id (the position stands for it).
      const c = proposes ? t.slotAt(catalog.idAt(doc), doc) : t.metAt(doc);
      if (c !== NO_SLOT) setCounter(t, field, c, flatten(weight / top, params.popPower));
    }
    return;
  }
  let top = 0;
  for (const it of list) if (it.weight > top) top = it.weight;
  if (!(top > 0)) return;
  let i = 0;
  for (let j = 0; j < list.length; j++) {
    const it = list[j] as WeightedItem;
    if (!(it.weight > 0)) continue;
    const doc = catalog ? catalog.indexOf(it.productId) : -1;
    const c = i++ < proposeMax ? t.slotAt(it.productId, doc) : t.knownAt(it.productId, doc);
    if (c !== NO_SLOT) setCounter(t, field, c, flatten(it.weight / top, params.popPower));
  }
}

/** Keeps the larger of a candidate's popularity (or trending) scores. */
function setCounter(t: CandidateTable, field: 'popular' | 'trending', c: number, v: number): void {
  // The array is read after `slotAt`: making a slot may have grown the table (new arrays).
  const scores = t[field];
  if (v > (scores[c] as number)) scores[c] = v;
}

/** Adds a seed's co-occurrence contribution `v` to the candidate in slot `c` (times its rarity when an IDF is given). */
function addCooc(t: CandidateTable, c: number, si: number, v: number, id: string, idfWeight: number, idf: ReadonlyMap<string, number> | undefined): void {
  const boosted = idfWeight > 0 ? v * (1 + idfWeight * Math.max(0, idf?.get(id) ?? 0)) : v;
  t.cooc[c] = (t.cooc[c] as number) + boosted;
  if (boosted > (t.coocTop[c] as number)) {
    t.coocTop[c] = boosted;
    t.coocSeed[c] = si;
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

/** The reasons of the candidate in slot `c`, strongest first. */
function reasonsOf(t: CandidateTable, c: number, seeds: readonly Seed[], w: SourceWeights, s: Scale, affinityFeature: string | undefined): Reason[] {
  const r: Reason[] = [];
  const id = t.ids[c] as string;
  const coocSeed = t.coocSeed[c] as number;
  const contentSeed = t.contentSeed[c] as number;
  // Session-kNN evidence is co-occurrence across whole sessions: it is reported as part of `cooc`.
  const knn = (w.sessionKnn ?? 0) * (t.sknn[c] as number);
  pushReason(r, 'cooc', (s.mCooc > 0 ? (w.cooc * (t.cooc[c] as number)) / s.mCooc : 0) + knn, coocSeed >= 0 ? (seeds[coocSeed] as Seed).productId : undefined);
  if (s.mContent > 0) pushReason(r, 'content', (w.content * (t.content[c] as number)) / s.mContent, contentSeed >= 0 ? (seeds[contentSeed] as Seed).productId : undefined);
  // Buy-again and re-visit always come through the candidate itself.
  if (s.mBuy > 0) pushReason(r, 'buy_again', (w.buyAgain * (t.buyAgain[c] as number)) / s.mBuy, id);
  pushReason(r, 'revisit', w.revisit * (t.revisit[c] as number), id);
  pushReason(r, 'popular', s.wPopular * (t.popular[c] as number), undefined);
  pushReason(r, 'trending', s.wTrending * (t.trending[c] as number), undefined);
  if (s.mAff > 0) {
    let base = 0;
    for (const x of r) base += x.score;
    // In the cold-start path affinity multiplies; its contribution is what it added.
    const aff = s.noSeeds ? (t.score[c] as number) - base : (w.affinity * (t.affinity[c] as number)) / s.mAff;
    pushReason(r, 'affinity', aff, undefined, affinityFeature);
  }
  // At most seven reasons.
  return sortShort(r, strongerReason);
}

/** Higher score first, ties by product id (slots of the table every ranking uses). */
function betterSlot(a: number, b: number): number {
  const { score, ids } = ranking;
  return (score[b] as number) - (score[a] as number) || cmp(ids[a] as string, ids[b] as string);
}

/** Strongest reason first, ties by source. */
function strongerReason(a: Reason, b: Reason): number {
  return b.score - a.score || cmp(a.source, b.source);
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
