/**
 * What an experiment variant serves to an agent, as on REST (docs/decisions/0002): `personalized` the
 * tool's personalizer (the conversational layer when one is wired), `hybrid` the base recommender with
 * the shopper's history but no conversational layer (no intent from text), `popular` the shop's
 * non-personal list, `none` an empty list (holdout; still recorded as served).
 */
import type { Strategy } from '../core/attribution/experiments.ts';
import type { BaseRecommender, RecommendedItem } from '../core/recommend/baseRecommender.ts';
import { isDegraded } from '../features/recommend/hybridRecommender.ts';
import type { Personalizer, PersonalizeRequest, PersonalizeResult } from './ports.ts';

/** The personalizer a strategy answers with. */
export function personalizerFor(strategy: Strategy, personalized: Personalizer, base: BaseRecommender): Personalizer {
  switch (strategy) {
    case 'personalized':
      return personalized;
    case 'none':
      return { recommend: async (): Promise<PersonalizeResult> => ({ items: [], recommender: 'none' }) };
    case 'popular':
      return { recommend: async (r: PersonalizeRequest, now: number) => baseResult(await base.recommend({ shop: r.shop, limit: r.limit }, now), base.name) };
    case 'hybrid':
      return {
        recommend: async (r: PersonalizeRequest, now: number) =>
          baseResult(await base.recommend({ shop: r.shop, ...(r.userId ? { userId: r.userId } : {}), ...(r.productId ? { productId: r.productId } : {}), ...(r.cart ? { cart: r.cart } : {}), limit: r.limit }, now), base.name),
      };
  }
}

/** A base list as a personalizer's answer (`fallbackUsed` when the store did not answer). */
function baseResult(items: RecommendedItem[], name: string): PersonalizeResult {
  return { items, recommender: name, ...(isDegraded(items) ? { fallbackUsed: true } : {}) };
}
