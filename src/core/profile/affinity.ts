/**
 * How well a product fits a shopper's profile: the sum of the profile's affinities to the product's
 * features (category, type, vendor, tags) plus the fit of its price to the shopper's price band.
 * Shared by the base ranker and the personalization layer.
 */
import type { ProfileView } from './profileView.ts';

/** A product's affinity score and the feature that contributed most (`price` for the price band). */
export interface AffinityMatch {
  readonly score: number;
  readonly feature?: string;
}

/** Affinity of a product with `featureKeys` and `priceMajor` (major units) to `profile`. */
export function profileAffinity(profile: ProfileView, featureKeys: readonly string[], priceMajor: number | undefined): AffinityMatch {
  let score = 0;
  let best = 0;
  let feature: string | undefined;
  for (const key of featureKeys) {
    const a = profile.affinities.get(key);
    if (a === undefined || !(a > 0)) continue;
    score += a;
    if (a > best) {
      best = a;
      feature = key;
    }
  }
  const band = profile.priceBand;
  if (band && priceMajor !== undefined && priceMajor > 0) {
    const spread = Math.max(Math.log(band.high / band.center), 0.1);
    const z = Math.log(priceMajor / band.center) / spread;
    const fit = 0.5 * Math.exp(-0.5 * z * z);
    score += fit;
    if (fit > best) feature = 'price';
  }
  return feature === undefined ? { score } : { score, feature };
}
