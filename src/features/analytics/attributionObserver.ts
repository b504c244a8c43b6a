/**
 * The projector's attribution step: for every batch of stored (canonical) events, records the list
 * views, clicks and attributed cart and order lines (core/attribution/outcomes.ts). Runs before the
 * batch is marked projected, and outcome writes are idempotent, so a batch retried after a crash
 * counts once. Only stored events get here: a session-only shopper's events never reach the store.
 *
 * The amounts of a keyless event (the pixel path: its id is in the keyless namespace, anyone can forge
 * one) are held to the shop's catalog first (core/attribution/keylessAmounts.ts); a keyed sender's
 * amounts count as sent. A cart or order line that states no price counts at its list price
 * (core/attribution/listPrices.ts).
 */
import { heldToCatalog, isKeylessId } from '../../core/attribution/keylessAmounts.ts';
import type { ExchangeRate } from '../../core/attribution/orderAmounts.ts';
import { withListPrices } from '../../core/attribution/listPrices.ts';
import { outcomesOf, productsToAttribute, type Click } from '../../core/attribution/outcomes.ts';
import type { Outcome } from '../../core/attribution/servedList.ts';
import type { Product } from '../../core/catalog/product.ts';
import type { UserEvent } from '../../core/events/userEvent.ts';
import type { AttributionStore, PrivacyStore } from '../../core/ports.ts';

export interface AttributionObserverOptions {
  readonly store: AttributionStore;
  readonly links: Pick<PrivacyStore, 'linkedIds'>;
  /** The shop's catalog (canonical product id → product): what a keyless event's amounts are held to. */
  readonly catalog: (shop: string) => { get(id: string): Product | undefined };
  /** The markets' rates, for a keyless line in a currency the catalog lists no price in (keylessAmounts.ts). */
  readonly rate?: ExchangeRate;
  readonly windowMs: number;
  /** Sees the outcomes of every batch (online quality metrics: clicks validate their list's intent). */
  readonly onOutcomes?: (outcomes: readonly Outcome[]) => void;
}

export function attributionObserver(o: AttributionObserverOptions): (events: readonly UserEvent[]) => Promise<void> {
  return async (events) => {
    const relevant = events
      .filter((e) => e.rec !== undefined || e.type === 'add_to_cart' || e.type === 'purchase')
      .map((e) => {
        const product = (id: string) => o.catalog(e.shop).get(id);
        const priced = withListPrices(e, product);
        return isKeylessId(e.id) && priced.items.length > 0 ? heldToCatalog(priced, product, o.rate) : priced;
      });
    if (relevant.length === 0) return;
    const byShop = new Map<string, UserEvent[]>();
    for (const e of relevant) {
      const list = byShop.get(e.shop);
      if (list) list.push(e);
      else byShop.set(e.shop, [e]);
    }
    for (const [shop, evs] of byShop) {
      // Last clicks of each buying shopper (and the ids linked to it: the same customer on another device).
      const clicks = new Map<string, Map<string, Click>>();
      const idsOf = new Map<string, readonly string[]>();
      const until = Math.max(...evs.map((e) => e.ts));
      for (const [userId, products] of productsToAttribute(evs)) {
        const ids = [userId, ...(await o.links.linkedIds(shop, userId))];
        idsOf.set(userId, ids);
        const since = Math.min(...evs.filter((e) => e.userId === userId).map((e) => e.ts)) - o.windowMs;
        clicks.set(userId, await o.store.lastClicks(shop, ids, [...products], since, until));
      }
      // Stored clicks are read before this batch's are written: the batch's own clicks, under any id
      // of the buying shopper, are matched in outcomesOf (attribution does not depend on batching).
      const outcomes = outcomesOf(
        evs,
        (u, p, before) => {
          const c = clicks.get(u)?.get(p);
          return c && c.ts <= before && c.ts >= before - o.windowMs ? c : undefined;
        },
        (u) => idsOf.get(u) ?? [u],
        o.windowMs,
      );
      await o.store.recordOutcomes(outcomes);
      o.onOutcomes?.(outcomes);
    }
  };
}
