/**
 * The recommender of a stateless node: before answering, it reads the requesting shoppers' session
 * memory and consent states from Redis (`sharedSessionState.ts`), so that a shopper answered by any
 * recommend node gets what the ingest node recorded. When Redis does not answer within the budget,
 * the answer goes on from what the node holds (as every other read of the request path degrades).
 */
import type { BaseRecommender, RecommendedItem, RecommendRequest } from '../core/recommend/baseRecommender.ts';
import type { SharedSessionState } from './sharedSessionState.ts';

/** Wraps `inner` (the consent-aware recommender) with the hydration. */
export function hydratingRecommender(inner: BaseRecommender, shared: SharedSessionState, onDegraded?: (err: unknown) => void): BaseRecommender {
  const hydrate = async (reqs: readonly RecommendRequest[]): Promise<void> => {
    const shoppers = reqs.flatMap((r) => (r.userId === undefined ? [] : [{ shop: r.shop, userId: r.userId }]));
    if (shoppers.length === 0) return;
    await shared.hydrate(shoppers).catch((err) => onDegraded?.(err));
  };
  const profileUserId = inner.profileUserId?.bind(inner);
  return {
    name: inner.name,
    async recommend(req: RecommendRequest, now: number): Promise<RecommendedItem[]> {
      await hydrate([req]);
      return inner.recommend(req, now);
    },
    async recommendBatch(reqs: readonly RecommendRequest[], now: number): Promise<RecommendedItem[][]> {
      await hydrate(reqs);
      return inner.recommendBatch(reqs, now);
    },
    // The consent state this node may not hold yet decides which id the profile is stored under.
    ...(profileUserId
      ? {
          async profileUserId(shop: string, userId: string): Promise<string> {
            await hydrate([{ shop, userId, limit: 0 }]);
            return profileUserId(shop, userId);
          },
        }
      : {}),
  };
}
