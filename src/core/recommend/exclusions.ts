/**
 * What a list must leave out, one rule for every recommender (the hybrid base and the
 * personalization layer): the product being viewed, the cart, what the shopper bought (unless repeat
 * purchases are allowed, by the request or else by the shop's setting), what they looked at in this
 * session when the request asks for that, and products not sold in the request's market. Pure.
 */
import type { ProfileView } from '../profile/profileView.ts';

/** The parts of a request that decide exclusions. */
export interface ExclusionRequest {
  readonly productId?: string;
  readonly cart?: readonly string[];
  /** Let bought products come back; `undefined` means the shop's setting. */
  readonly allowRepeat?: boolean;
  readonly excludeSeen?: boolean;
}

/** Whether bought products may come back: the request's choice, else the shop's. */
export function repeatAllowed(req: Pick<ExclusionRequest, 'allowRepeat'>, shopAllowsRepeat: boolean): boolean {
  return req.allowRepeat ?? shopAllowsRepeat;
}

/**
 * The ids a list for `req` must not contain. `shopAllowsRepeat` is the shop's default for repeat
 * purchases (`AFFINITY_ALLOW_REPEAT_PURCHASES`); `notInMarket` the products the request's market
 * does not sell, when it names one.
 */
export function buildExclusions(
  req: ExclusionRequest,
  profile: Pick<ProfileView, 'purchased' | 'session'> | undefined,
  shopAllowsRepeat: boolean,
  notInMarket?: Iterable<string>,
): Set<string> {
  const exclude = new Set<string>();
  if (req.productId) exclude.add(req.productId);
  for (const id of req.cart ?? []) exclude.add(id);
  if (profile && !repeatAllowed(req, shopAllowsRepeat)) for (const id of profile.purchased) exclude.add(id);
  if (profile && req.excludeSeen) for (const r of profile.session) exclude.add(r.productId);
  for (const id of notInMarket ?? []) exclude.add(id);
  return exclude;
}
