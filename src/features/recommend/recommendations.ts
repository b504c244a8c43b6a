/**
 * The recommend use case's one entry point, for every transport: `POST /v1/recommendations` and its
 * batch, the app proxy, and the MCP tools `recommend_products` and `explain_recommendation` each
 * translate their input into one {@link PersonalizeRequest} and ask here what answers it.
 *
 * Which route a request takes depends on the experiment variant that serves it (docs/decisions/0002)
 * and on whether it carries conversational context:
 * - `personalized`: the personalization layer (intent, conversation, profile, season) when the request
 *   is conversational (`text`, `intent`, `market` or `sessionId`; an agent's requests always are), else
 *   the base recommender, whose list already follows the shopper's history;
 * - `hybrid`: the base recommender with the shopper's history and nothing of the conversation (the
 *   market still applies: products not sold there are left out);
 * - `popular`: the shop's non-personal list for the request's market: nothing of the shopper, and the
 *   product and cart only to leave them out (a list that showed the page's own product and the cart
 *   back wasted slots, and so made the control look worse than a plain best-sellers list would);
 * - `none`: nothing (a holdout; the caller still records the empty list as served).
 */
import type { Strategy } from '../../core/attribution/experiments.ts';
import { AffinityError } from '../../core/errors.ts';
import type { BaseRecommender, RecommendedItem, RecommendRequest } from '../../core/recommend/baseRecommender.ts';
import { isDegraded } from './hybridRecommender.ts';
import type { MCPAwareRecommender, PersonalizedResult, PersonalizeRequest } from './personalizedRecommender.ts';

/** What answers a request. */
export type Answer =
  /** The personalization layer's answer (items with intent, affinity and season reasons). */
  | { readonly route: 'personalized'; readonly result: PersonalizedResult; readonly recommender: string }
  /** The base recommender's list; `degraded` when the store did not answer and it came from memory. */
  | { readonly route: 'base'; readonly items: RecommendedItem[]; readonly recommender: string; readonly degraded: boolean }
  /** A holdout variant: no list. */
  | { readonly route: 'none' };

/** What the use case needs (an `AppContext` has both). */
export interface RecommendDeps {
  /** The base recommender (behind the privacy and market rules). */
  readonly recommender: BaseRecommender;
  /** The personalization layer, when this process has one. */
  readonly personalizer?: MCPAwareRecommender | undefined;
}

/**
 * When a `personalized` request takes the personalization layer: `conversational` (REST, the app
 * proxy) when it carries conversational context, `always` (MCP tools: an agent is a conversation).
 */
export type PersonalizeWhen = 'conversational' | 'always';

type Plan =
  | { readonly route: 'personalized'; readonly req: PersonalizeRequest }
  /** `leaveOut`: products the list must not show although the request does not carry them (then `limit`: the list's length). */
  | { readonly route: 'base'; readonly req: RecommendRequest; readonly leaveOut?: readonly string[]; readonly limit?: number }
  | { readonly route: 'none' };

/** The base list as the plan asks for it. */
function baseItems(p: Plan, items: RecommendedItem[]): RecommendedItem[] {
  if (p.route !== 'base' || !p.leaveOut) return items;
  const out = new Set(p.leaveOut);
  return items.filter((it) => !out.has(it.productId)).slice(0, p.limit);
}

/** Whether a request carries conversational context. */
export function isConversational(r: PersonalizeRequest): boolean {
  return r.text !== undefined || r.intent !== undefined || r.market !== undefined || r.sessionId !== undefined;
}

/** The base recommender's part of a request (its history, product and cart; nothing of the conversation). */
function baseRequest(r: PersonalizeRequest): RecommendRequest {
  return {
    shop: r.shop,
    ...(r.userId !== undefined ? { userId: r.userId } : {}),
    ...(r.productId !== undefined ? { productId: r.productId } : {}),
    ...(r.cart !== undefined ? { cart: r.cart } : {}),
    limit: r.limit,
    ...(r.allowRepeat !== undefined ? { allowRepeat: r.allowRepeat } : {}),
    ...(r.excludeSeen !== undefined ? { excludeSeen: r.excludeSeen } : {}),
    ...(r.market !== undefined ? { market: r.market } : {}),
  };
}

function plan(d: RecommendDeps, req: PersonalizeRequest, strategy: Strategy, when: PersonalizeWhen): Plan {
  switch (strategy) {
    case 'none':
      return { route: 'none' };
    case 'popular': {
      const leaveOut = [...new Set([...(req.productId !== undefined ? [req.productId] : []), ...(req.cart ?? [])])];
      // Asked for as many more as it may lose, so the list still fills `limit`.
      const popular = { shop: req.shop, limit: req.limit + leaveOut.length, ...(req.market !== undefined ? { market: req.market } : {}) };
      return { route: 'base', req: popular, ...(leaveOut.length > 0 ? { leaveOut, limit: req.limit } : {}) };
    }
    case 'hybrid':
      return { route: 'base', req: baseRequest(req) };
    case 'personalized':
      return d.personalizer && (when === 'always' || isConversational(req)) ? { route: 'personalized', req } : { route: 'base', req: baseRequest(req) };
  }
}

/** The answer to one request served by `strategy`; `now` is epoch ms. */
export async function recommend(d: RecommendDeps, req: PersonalizeRequest, strategy: Strategy, now: number, when: PersonalizeWhen): Promise<Answer> {
  const p = plan(d, req, strategy, when);
  if (p.route === 'none') return p;
  if (p.route === 'personalized' && d.personalizer) return { route: 'personalized', result: await d.personalizer.personalize(p.req, now), recommender: d.personalizer.name };
  const items = await d.recommender.recommend(p.req, now);
  return { route: 'base', items: baseItems(p, items), recommender: d.recommender.name, degraded: isDegraded(items) };
}

/**
 * The answers to many requests, in order: one base batch for the requests the base recommender
 * answers and one personalization batch for the others (one profile read per shop each).
 */
export async function recommendBatch(d: RecommendDeps, reqs: readonly PersonalizeRequest[], strategies: readonly Strategy[], now: number, when: PersonalizeWhen): Promise<Answer[]> {
  if (strategies.length !== reqs.length) throw new RangeError(`recommendBatch: ${reqs.length} requests but ${strategies.length} strategies`);
  const plans = reqs.map((r, i) => plan(d, r, strategies[i] as Strategy, when));
  const base = plans.flatMap((p) => (p.route === 'base' ? [p.req] : []));
  const talk = plans.flatMap((p) => (p.route === 'personalized' ? [p.req] : []));
  const [lists, results] = await Promise.all([
    base.length > 0 ? d.recommender.recommendBatch(base, now) : Promise.resolve([]),
    talk.length > 0 && d.personalizer ? d.personalizer.personalizeBatch(talk, now) : Promise.resolve([]),
  ]);
  if (lists.length !== base.length || results.length !== talk.length) throw new AffinityError('INTERNAL', 'Recommender returned a misaligned batch.');
  let b = 0;
  let t = 0;
  return plans.map((p): Answer => {
    if (p.route === 'none') return { route: 'none' };
    if (p.route === 'base') {
      const items = lists[b++] as RecommendedItem[];
      return { route: 'base', items: baseItems(p, items), recommender: d.recommender.name, degraded: isDegraded(items) };
    }
    return { route: 'personalized', result: results[t++] as PersonalizedResult, recommender: (d.personalizer as MCPAwareRecommender).name };
  });
}
