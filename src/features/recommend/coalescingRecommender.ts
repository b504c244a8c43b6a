/**
 * The base recommender, answering the single requests of one event-loop turn with one
 * `recommendBatch` (`turnBatcher.ts`): one profile read for the turn's shoppers, one neighbour read
 * for their seeds. Answers are exactly the recommender's own; batches and the profile id pass through.
 */
import type { BaseRecommender, RecommendedItem, RecommendRequest } from '../../core/recommend/baseRecommender.ts';
import { turnBatcher } from './turnBatcher.ts';

/** Wraps `inner` so that the single requests of one turn are answered with one batch. */
export function coalescingRecommender(inner: BaseRecommender, opts: { readonly maxBatch?: number; readonly onBatch?: (size: number) => void } = {}): BaseRecommender {
  const recommend = turnBatcher<RecommendRequest, RecommendedItem[]>({
    one: (req, now) => inner.recommend(req, now),
    batch: (reqs, now) => inner.recommendBatch(reqs, now),
    ...(opts.maxBatch !== undefined ? { maxBatch: opts.maxBatch } : {}),
    ...(opts.onBatch ? { onBatch: opts.onBatch } : {}),
  });
  const profileUserId = inner.profileUserId?.bind(inner);
  return {
    name: inner.name,
    recommend,
    recommendBatch: (reqs, now) => inner.recommendBatch(reqs, now),
    ...(profileUserId ? { profileUserId } : {}),
  };
}
