/**
 * The personalization layer over any base recommender: hard constraints filter the candidates, then
 * three components, each in [0, 1], are combined:
 *
 * - **intent** `I`: how much of what the shopper said the product matches (`intentScoring.ts`);
 * - **behaviour** `B`: the base score (max-normalised over the candidates) blended with the shopper's
 *   profile affinity (max-normalised; left out for a gift for someone else), `B = (b + β·a) / (1 + β)`,
 *   with β larger when an intent is stated (search candidates have no base score);
 * - **context** `C`: season, nearby holidays and recency (`seasonal.ts`), 0.5 when neutral.
 *
 * `score = wI·I + g·(wB·m·B + wC·C)`, where `m` is the intent type's multiplier of the base score and
 * `g = λ + (1 − λ)·I` gates behaviour and context by the intent when the shopper stated one (an item
 * that matches nothing of it keeps a share λ; with no stated entities `g = 1`). The gate is this
 * layer's refinement of a plain weighted sum: without it a shopper's strongest co-occurrence
 * neighbour outranks the hiking boots they just asked for (see docs/personalization.md for the
 * measurements). Without an intent the ranking is the base's, nudged by affinity and context.
 *
 * Pure and deterministic: ties are broken by product id.
 */
import type { Product } from '../catalog/product.ts';
import type { Intent } from '../intent/types.ts';
import { profileAffinity } from '../profile/affinity.ts';
import type { ProfileView } from '../profile/profileView.ts';
import type { BaseReason, RecommendedItem } from '../recommend/baseRecommender.ts';
import { checkProduct, type ConstraintReason, type ExchangeRate, type HardConstraints } from './hardFilters.ts';
import { hasPositiveEntities, intentMultiplier, scoreIntent, type IntentReason } from './intentScoring.ts';
import { contextFit, type HolidayName, type Season, type TemporalContext } from './seasonal.ts';
import { isGiftSession, type SessionContext } from './sessionContext.ts';

/** Weights of the three components. */
export interface PersonalizeWeights {
  readonly intent: number;
  readonly behaviour: number;
  readonly context: number;
}

/** Default component weights. */
export const DEFAULT_PERSONALIZE_WEIGHTS: PersonalizeWeights = Object.freeze({ intent: 0.4, behaviour: 0.35, context: 0.25 });

/** Shape parameters (the defaults are what the offline evaluation chose; see docs/personalization.md). */
export interface PersonalizeParams {
  /**
   * β without a stated intent: weight of profile affinity next to the base score inside behaviour.
   * Set it to 0 over a base that already scores the profile's affinity (the hybrid does): counting it
   * twice cost accuracy offline. An external base that never sees the profile needs it.
   */
  readonly affinityShare: number;
  /**
   * β when the shopper stated an intent: candidates found by catalog search have no base score, so
   * the profile's affinity (vendors, types, tags, price band) is what orders them for this shopper.
   */
  readonly affinityShareIntent: number;
  /** λ: share of behaviour and context kept by an item matching none of the stated intent (1 = no gate). */
  readonly offIntent: number;
  /** Mix of the context component: season fit, holiday fit, recency. */
  readonly season: number;
  readonly holiday: number;
  readonly recency: number;
  /** Recency halves every this many days since `createdAt`. */
  readonly recencyHalfLifeDays: number;
}

/** Default shape. */
export const DEFAULT_PERSONALIZE_PARAMS: PersonalizeParams = Object.freeze({
  affinityShare: 0.25,
  affinityShareIntent: 0.1,
  offIntent: 0.5,
  season: 0.5,
  holiday: 0.35,
  recency: 0.15,
  recencyHalfLifeDays: 60,
});

/** What personalization needs from a catalog (the catalog index satisfies it). */
export interface PersonalizeCatalog {
  get(id: string): Product | undefined;
  featureKeys(id: string): readonly string[];
  priceMajor(id: string): number | undefined;
}

/** Everything one personalization needs. */
export interface PersonalizeInput {
  /** The base recommender's items, best first. */
  readonly base: readonly RecommendedItem[];
  /** The effective intent (already merged with the session's); defaults to the session's. */
  readonly intent?: Intent;
  readonly profile?: ProfileView;
  readonly session?: SessionContext;
  readonly catalog: PersonalizeCatalog;
  readonly temporal: TemporalContext;
  readonly weights?: PersonalizeWeights;
  readonly limit: number;
  readonly now: number;
  /** Extra candidates (catalog search for the intent's categories and brands), with a base score of 0. */
  readonly candidates?: readonly string[];
  /** Never returned (the current product, the cart). */
  readonly exclude?: ReadonlySet<string>;
  /** Currency of a budget stated without one (the market's). */
  readonly currency?: string;
  readonly rate?: ExchangeRate;
  readonly params?: PersonalizeParams;
}

/** The profile affinity behind an item (same shape as the base ranker's affinity reason). */
export interface AffinityReason {
  readonly source: 'affinity';
  readonly feature: string;
  readonly score: number;
}

/** The product fits the season. */
export interface SeasonReason {
  readonly source: 'season';
  readonly season: Season;
  readonly term: string;
  readonly score: number;
}

/** A nearby holiday (its theme, a giftable product before a gifting holiday, a markdown before Black Friday). */
export interface HolidayReason {
  readonly source: 'holiday';
  readonly holiday: HolidayName;
  readonly daysUntil: number;
  readonly via: 'theme' | 'gift' | 'sale';
  readonly score: number;
}

/** A giftable product in a gift conversation. */
export interface GiftReason {
  readonly source: 'gift';
  readonly score: number;
}

/** A recently added product. */
export interface NewArrivalReason {
  readonly source: 'new_arrival';
  readonly ageDays: number;
  readonly score: number;
}

/** Every reason a personalized item can carry. */
export type PersonalizeReason = BaseReason | IntentReason | AffinityReason | SeasonReason | HolidayReason | GiftReason | NewArrivalReason | ConstraintReason;

/** A personalized recommendation. */
export interface PersonalizedItem {
  readonly productId: string;
  readonly score: number;
  /** The base recommender's score (0 for candidates this layer added). */
  readonly baseScore: number;
  /** Each in [0, 1]. */
  readonly components: { readonly intent: number; readonly behaviour: number; readonly context: number };
  /** The base reasons (scaled to this score), then this layer's, strongest first. */
  readonly reasons: readonly PersonalizeReason[];
}

interface Cand {
  readonly id: string;
  readonly product: Product | undefined;
  readonly base: number;
  readonly baseReasons: readonly BaseReason[];
  readonly notes: readonly ConstraintReason[];
  affinity: number;
  affinityFeature: string | undefined;
}

/** Re-ranks the base items (plus extra candidates) for the intent, profile and temporal context. */
export function personalize(input: PersonalizeInput): PersonalizedItem[] {
  const w = input.weights ?? DEFAULT_PERSONALIZE_WEIGHTS;
  const prm = input.params ?? DEFAULT_PERSONALIZE_PARAMS;
  const intent = input.intent ?? input.session?.intent;
  const entities = intent?.entities;
  const gift = (entities?.isGift === true && entities.recipient !== 'self') || isGiftSession(input.session);
  const constraints: HardConstraints = {
    ...(entities?.budget ? { budget: entities.budget } : {}),
    rejections: entities?.rejections ?? [],
  };
  const constrained = !!entities?.budget || (entities?.rejections.length ?? 0) > 0;
  const exclude = input.exclude ?? new Set<string>();

  // Candidates: base items in order, then extra ones; hard constraints filter.
  const cands: Cand[] = [];
  const seen = new Set<string>();
  const consider = (id: string, base: number, baseReasons: readonly BaseReason[]): void => {
    if (seen.has(id) || exclude.has(id)) return;
    seen.add(id);
    const product = input.catalog.get(id);
    let notes: readonly ConstraintReason[] = [];
    if (product) {
      const r = checkProduct(product, constraints, {
        ...(input.currency ? { defaultCurrency: input.currency } : {}),
        ...(input.rate ? { rate: input.rate } : {}),
      });
      if (!r.keep) return;
      notes = r.reasons;
    } else if (constrained) return; // cannot vouch for a product the catalog does not know
    cands.push({ id, product, base: Math.max(0, base), baseReasons, notes, affinity: 0, affinityFeature: undefined });
  };
  for (const it of input.base) consider(it.productId, it.score, it.reasons);
  for (const id of input.candidates ?? []) consider(id, 0, []);
  if (cands.length === 0) return [];

  // Behaviour: base score and profile affinity (not for a present for someone else).
  const profile = gift ? undefined : input.profile;
  if (profile && (profile.affinities.size > 0 || profile.priceBand)) {
    for (const c of cands) {
      const m = profileAffinity(profile, input.catalog.featureKeys(c.id), profile.priceBand ? input.catalog.priceMajor(c.id) : undefined);
      c.affinity += m.score;
      if (m.feature !== undefined) c.affinityFeature = m.feature;
    }
  }
  let maxBase = 0;
  let maxAff = 0;
  for (const c of cands) {
    if (c.base > maxBase) maxBase = c.base;
    if (c.affinity > maxAff) maxAff = c.affinity;
  }

  const m = intentMultiplier(intent);
  const stated = hasPositiveEntities(entities);
  const beta = stated ? prm.affinityShareIntent : prm.affinityShare;
  const mix = prm.season + prm.holiday + prm.recency;
  const scored: PersonalizedItem[] = [];
  for (const c of cands) {
    const b = maxBase > 0 ? c.base / maxBase : 0;
    const a = maxAff > 0 ? c.affinity / maxAff : 0;
    const behaviour = (b + beta * a) / (1 + beta);

    const match = stated && c.product && entities ? scoreIntent(c.product, entities) : undefined;
    const I = match?.score ?? 0;

    const fit = c.product ? contextFit(c.product, input.temporal, input.now, { gift, recencyHalfLifeDays: prm.recencyHalfLifeDays }) : undefined;
    const raw = fit && mix > 0 ? (prm.season * fit.season + prm.holiday * fit.holiday + prm.recency * fit.recency) / mix : 0;
    const C = Math.max(0, Math.min(1, 0.5 + 0.5 * raw));

    const gate = stated ? prm.offIntent + (1 - prm.offIntent) * I : 1;
    const bw = gate * w.behaviour * m;
    const score = w.intent * I + bw * behaviour + gate * w.context * C;

    const reasons: PersonalizeReason[] = [];
    const scale = maxBase > 0 ? bw / (1 + beta) / maxBase : 0;
    for (const r of c.baseReasons) reasons.push({ ...r, score: r.score * scale });
    const extra: PersonalizeReason[] = [];
    for (const r of match?.reasons ?? []) extra.push({ ...r, score: w.intent * r.score });
    if (a > 0 && c.affinityFeature && !c.baseReasons.some((r) => r.source === 'affinity' && 'feature' in r && r.feature === c.affinityFeature)) {
      extra.push({ source: 'affinity', feature: c.affinityFeature, score: (bw * beta * a) / (1 + beta) });
    }
    if (fit && mix > 0) {
      const cw = (gate * w.context * 0.5) / mix;
      if (fit.season > 0 && fit.seasonTerm) extra.push({ source: 'season', season: input.temporal.season, term: fit.seasonTerm, score: cw * prm.season * fit.season });
      if (fit.holiday > 0) {
        const h = fit.holidayName ? input.temporal.holidays.find((x) => x.name === fit.holidayName) : undefined;
        if (h && fit.holidayWhy) extra.push({ source: 'holiday', holiday: h.name, daysUntil: h.daysUntil, via: fit.holidayWhy, score: cw * prm.holiday * fit.holiday });
        else extra.push({ source: 'gift', score: cw * prm.holiday * fit.holiday });
      }
      if (fit.ageDays !== undefined && fit.ageDays <= 60) extra.push({ source: 'new_arrival', ageDays: Math.round(fit.ageDays), score: cw * prm.recency * fit.recency });
    }
    extra.sort((x, y) => y.score - x.score || (x.source < y.source ? -1 : x.source > y.source ? 1 : 0));
    scored.push({
      productId: c.id,
      score,
      baseScore: c.base,
      components: { intent: I, behaviour, context: C },
      reasons: [...reasons, ...extra, ...c.notes],
    });
  }
  scored.sort((x, y) => y.score - x.score || (x.productId < y.productId ? -1 : x.productId > y.productId ? 1 : 0));
  return scored.slice(0, Math.max(0, input.limit));
}
