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
import type { AttributionStore, EventLog, PrivacyStore } from '../../core/ports.ts';

/** Stored events read back per shopper id when a click arrives after the carts and orders it led to. */
const LATE_CLICK_EVENTS = 200;

export interface AttributionObserverOptions {
  readonly store: AttributionStore;
  /**
   * The stored events of a shopper: a click delivered after the cart or order it led to (another tab,
   * the pixel's outbox sending an earlier page's events from a later one) credits them when it comes.
   * Without it, only clicks that arrive first count.
   */
  readonly events?: Pick<EventLog, 'getUserEvents'>;
  /**
   * A stored event as the projector hands events over: every product named by its catalog id (a
   * pixel's numeric id resolved to a CSV handle; core/catalog/canonicalEvents.ts). Default: as stored.
   */
  readonly canonical?: (e: UserEvent) => UserEvent;
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
  // A line that states no price counts at its list price; a keyless event's amounts are held to the catalog.
  const counted = (e: UserEvent): UserEvent => {
    const product = (id: string) => o.catalog(e.shop).get(id);
    const priced = withListPrices(e, product);
    return isKeylessId(e.id) && priced.items.length > 0 ? heldToCatalog(priced, product, o.rate) : priced;
  };
  return async (events) => {
    const relevant = events.filter((e) => e.rec !== undefined || e.type === 'add_to_cart' || e.type === 'purchase').map(counted);
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
      const late = o.events ? await lateOutcomes(shop, evs, o.events, o.store, o.links, o.windowMs, (e) => counted(o.canonical ? o.canonical(e) : e)) : [];
      const all = late.length > 0 ? [...outcomes, ...late] : outcomes;
      await o.store.recordOutcomes(all);
      o.onOutcomes?.(all);
    }
  };
}

/**
 * Carts and orders stored before a click of this batch that led to them: a click on a list's product
 * (its time before theirs, within the window) delivered after them. Each is attributed as if the click
 * had come first (`outcomesOf` over the batch's clicks and that event), except that an order some of
 * whose lines were credited when it came keeps its "influenced" rest where it was: only its newly
 * credited lines are added. Outcome keys are those of the event, so a retried batch counts once.
 */
async function lateOutcomes(
  shop: string,
  batch: readonly UserEvent[],
  log: Pick<EventLog, 'getUserEvents'>,
  store: AttributionStore,
  links: Pick<PrivacyStore, 'linkedIds'>,
  windowMs: number,
  counted: (e: UserEvent) => UserEvent,
): Promise<Outcome[]> {
  const clicks = batch.filter((e) => e.type === 'view' && e.rec !== undefined && e.items[0] !== undefined);
  if (clicks.length === 0) return [];
  const inBatch = new Set(batch.map((e) => e.id));
  const out: Outcome[] = [];
  const seen = new Set<string>();
  for (const userId of new Set(clicks.map((c) => c.userId))) {
    const ids = [userId, ...(await links.linkedIds(shop, userId))];
    const mine = clicks.filter((c) => c.userId === userId);
    const first = Math.min(...mine.map((c) => c.ts));
    const products = new Set(mine.map((c) => (c.items[0] as { productId: string }).productId));
    const stored: UserEvent[] = [];
    for (const id of ids) {
      for (const raw of await log.getUserEvents(shop, id, LATE_CLICK_EVENTS)) {
        if (inBatch.has(raw.id) || seen.has(raw.id) || (raw.type !== 'add_to_cart' && raw.type !== 'purchase') || raw.ts < first || raw.ts > first + windowMs) continue;
        const e = counted(raw);
        if (!e.items.some((it) => products.has(it.productId))) continue;
        seen.add(e.id);
        stored.push(e);
      }
    }
    for (const e of stored) {
      const itemIds = [...new Set(e.items.map((it) => it.productId))];
      const before = await store.lastClicks(shop, ids, itemIds, e.ts - windowMs, e.ts);
      const storedClick = (_u: string, p: string, at: number) => {
        const c = before.get(p);
        return c && c.ts <= at && c.ts >= at - windowMs ? c : undefined;
      };
      // What the event was credited with when it came (the clicks stored then), and with this batch's clicks.
      const then = outcomesOf([e], storedClick, () => ids, windowMs);
      const now = outcomesOf([...mine, e], storedClick, () => ids, windowMs).filter((x) => x.kind !== 'click' && x.kind !== 'view');
      if (then.length === 0) out.push(...now);
      else {
        const credited = new Set(then.map((x) => x.key));
        for (const x of now) if (!credited.has(x.key)) out.push(x.influenced === undefined ? x : withoutInfluenced(x));
      }
    }
  }
  return out;
}

/** An outcome without its "influenced" amount (the order's rest was credited to another line when it came). */
function withoutInfluenced(x: Outcome): Outcome {
  const { influenced: _rest, ...line } = x;
  return line;
}
