/**
 * How well a product fits a shopper's profile: the sum of the profile's affinities to the product's
 * features (category, type, vendor, tags) plus the fit of its price to the shopper's price band.
 * Shared by the base ranker and the personalization layer.
 */
import type { PriceBand, ProfileView } from './profileView.ts';

/** A product's affinity score and the feature that contributed most (`price` for the price band). */
export interface AffinityMatch {
  readonly score: number;
  readonly feature?: string;
}

/**
 * Affinity of a product with `featureKeys` and `priceMajor` (major units) to `profile`, each feature's
 * affinity counted times its `specificity` in the catalog (`CatalogIndex.featureSpecificity`; 1 without).
 */
export function profileAffinity(
  profile: ProfileView,
  featureKeys: readonly string[],
  priceMajor: number | undefined,
  specificity?: (key: string) => number,
): AffinityMatch {
  let score = 0;
  let best = 0;
  let feature: string | undefined;
  for (const key of featureKeys) {
    const raw = profile.affinities.get(key);
    const a = raw === undefined || specificity === undefined ? raw : raw * specificity(key);
    if (a === undefined || !(a > 0)) continue;
    score += a;
    if (a > best) {
      best = a;
      feature = key;
    }
  }
  const fit = priceFit(profile.priceBand, priceMajor);
  score += fit;
  if (fit > best) feature = 'price';
  return feature === undefined ? { score } : { score, feature };
}

/** Fit of a price (major units) to a price band, in [0, 0.5]: 0.5 at the band's centre, 0 without a band or price. */
export function priceFit(band: PriceBand | undefined, priceMajor: number | undefined): number {
  return band ? fitAround(band.center, spreadOf(band), priceMajor) : 0;
}

/**
 * How wide a band is for {@link priceFit}: scoring many prices against one band works it out once and
 * calls {@link fitAround} (what `priceFit` is).
 */
export function spreadOf(band: PriceBand): number {
  return Math.max(Math.log(band.high / band.center), 0.1);
}

/** {@link priceFit} of a band with centre `center` and {@link spreadOf} `spread`; no price (or NaN) fits 0. */
export function fitAround(center: number, spread: number, priceMajor: number | undefined): number {
  if (priceMajor === undefined || !(priceMajor > 0)) return 0;
  const z = Math.log(priceMajor / center) / spread;
  return 0.5 * Math.exp(-0.5 * z * z);
}

/**
 * Affinity of one profile to many products of one catalog (the ranker scores hundreds per request),
 * by the products' positions in that catalog (see `CatalogLike.indexOf` in `recommend/rank.ts`).
 * `score(doc)` equals `profileAffinity(...).score`; the strongest feature, only needed for the
 * reasons of the few items returned, is asked for separately.
 */
export interface AffinityScorer {
  score(doc: number): number;
  strongest(doc: number): string | undefined;
}

/** An {@link AffinityScorer} over any catalog that can tell a product's feature keys and price by position. */
export function affinityScorerOf(
  profile: ProfileView,
  featureKeys: (doc: number) => readonly string[],
  priceMajor: (doc: number) => number | undefined,
): AffinityScorer {
  return {
    score: (doc) => profileAffinity(profile, featureKeys(doc), priceMajor(doc)).score,
    strongest: (doc) => profileAffinity(profile, featureKeys(doc), priceMajor(doc)).feature,
  };
}
