/**
 * Whose outcomes a list counts. A list served to a known person on a storefront (a person asked, under a
 * user id) is chosen for that person, and its links (`aff_rec`) are theirs: when they share or post one,
 * the visitors who follow it click and buy too, and what they do is not what the list did for the
 * shopper it was chosen for. Their outcomes are set apart (reported as "via shared links"), never
 * dropped and never counted in the list's clicks, conversion or experiment uplift.
 *
 * A list an agent asked for counts whoever follows its links: the conversation's shopper id (an MCP
 * session) is never the storefront visitor who opens the link. An anonymous list has no one to compare
 * with and counts everyone too.
 *
 * The shopper is known by the list's own ids (its user id and shopper key, and their market-scoped
 * forms), by the ids other lists of the same shopper joined (shopperUnits.ts), and by the ids the store
 * links to the list's ids (a device linked through a customer id), which the caller looks up. Pure.
 */
import { isMarketScopedIdOf } from '../privacy/consentPolicy.ts';
import type { Outcome, ServedList } from './servedList.ts';

/** Whether the list counts only its own shopper's outcomes (a storefront list served to a user id). */
export function countsOwnShopperOnly(l: ServedList): boolean {
  return l.actor === 'human' && l.userId !== undefined;
}

/** The list's own ids: its user id and shopper key. */
function ownIds(l: ServedList): string[] {
  return l.shopperKey && l.shopperKey !== l.userId ? [l.userId as string, l.shopperKey] : [l.userId as string];
}

/** Whether `userId` is one of the list's own ids or a market-scoped form of one (either way round). */
export function isOwnId(l: ServedList, userId: string): boolean {
  for (const own of ownIds(l)) if (userId === own || isMarketScopedIdOf(userId, own) || isMarketScopedIdOf(own, userId)) return true;
  return false;
}

/**
 * The ids whose store links the report needs: the own ids of every list with an outcome under an id
 * that is not the list's own (nearly always none: a shopper's outcomes are under the id they were served).
 */
export function idsToLink(served: readonly ServedList[], outcomes: readonly Outcome[]): string[] {
  const lists = new Map(served.map((l) => [l.id, l]));
  const out = new Set<string>();
  for (const o of outcomes) {
    const l = lists.get(o.recId);
    if (!l || !countsOwnShopperOnly(l) || isOwnId(l, o.userId)) continue;
    for (const id of ownIds(l)) out.add(id);
  }
  return [...out];
}

/**
 * A test of whether an outcome is the list's shopper's. `linked`: id → the ids the store links to it
 * (for the ids {@link idsToLink} named); `unitOfUser`: user id → the shopper unit it is served under.
 */
export function ownShopperTest(linked: ReadonlyMap<string, ReadonlySet<string>>, unitOfUser: ReadonlyMap<string, string>, unitOfList: ReadonlyMap<string, string>): (l: ServedList, userId: string) => boolean {
  return (l, userId) => {
    if (!countsOwnShopperOnly(l) || isOwnId(l, userId)) return true;
    const unit = unitOfUser.get(userId);
    if (unit !== undefined && unit === unitOfList.get(l.id)) return true;
    return ownIds(l).some((id) => linked.get(id)?.has(userId) === true);
  };
}
