/**
 * Folding one user's events into a profile delta: affinities to categories, product types, vendors
 * and tags (weighted by event type, decay-forward), price statistics, recent items and purchases.
 * Events marked as a gift (`context.gift`) add recent items and purchases but no affinities or prices.
 */
import { forward } from '../decay.ts';
import type { EventType, UserEvent } from '../events/userEvent.ts';
import type { ProfileDelta, RecentItem } from './profileDelta.ts';

/** What the folder needs to know about a product (from the catalog, or from the event payload). */
export interface ProductFacts {
  /** Profile feature keys (`cat:…`, `type:…`, `vendor:…`, `tag:…`). */
  readonly featureKeys: readonly string[];
  /** Price in major units, if known. */
  readonly priceMajor?: number;
}

/** Looks a product up; `undefined` when unknown. */
export type FactsLookup = (productId: string, item: UserEvent['items'][number]) => ProductFacts | undefined;

/** Profile folding parameters. */
export interface FoldParams {
  /** Weight of each event type in affinities (view < add to cart < purchase). */
  readonly eventWeights: Readonly<Record<EventType, number>>;
  /** Affinity half-life, ms (at least `MIN_FIXED_HALF_LIFE_MS`). */
  readonly halfLifeMs: number;
}

/** Default event-type weights: a purchase says six times more than a view; removing from cart is a mild negative. */
export const DEFAULT_EVENT_WEIGHTS: Readonly<Record<EventType, number>> = Object.freeze({
  page_view: 0,
  collection_view: 0.25,
  search: 0.25,
  view: 1,
  cart_view: 0,
  remove_from_cart: -1,
  add_to_cart: 3,
  checkout_start: 3,
  purchase: 6,
});

/** Default affinity half-life: 21 days. */
export const DEFAULT_PROFILE_HALF_LIFE_MS = 21 * 86_400_000;

/** Event types whose items are remembered as recent items. */
const RECENT_TYPES: ReadonlySet<EventType> = new Set(['view', 'add_to_cart', 'checkout_start', 'purchase']);

/**
 * Folds events of one user (any order) into one delta. Events must all belong to `shop`/`userId`.
 * Returns `undefined` for an empty list.
 */
export function foldEvents(events: readonly UserEvent[], lookup: FactsLookup, params: FoldParams): ProfileDelta | undefined {
  const first = events[0];
  if (!first) return undefined;
  const features: Record<string, number> = {};
  const add = (k: string, v: number): void => {
    features[k] = (features[k] ?? 0) + v;
  };
  const recent = new Map<string, RecentItem>();
  const purchased = new Set<string>();
  let firstTs = Infinity;
  let lastTs = -Infinity;
  let customerId: string | undefined;

  for (const e of events) {
    firstTs = Math.min(firstTs, e.ts);
    lastTs = Math.max(lastTs, e.ts);
    if (e.customerId) customerId = e.customerId;
    const w = params.eventWeights[e.type] ?? 0;
    add(`n:${e.type}`, forward(1, e.ts, params.halfLifeMs));
    if (e.items.length === 0) continue;
    // A multi-item event (a cart or an order) spreads its weight so that a 20-line order does not
    // outweigh everything else, but still counts more than one view.
    const share = e.items.length > 1 ? 1 / Math.sqrt(e.items.length) : 1;
    for (const item of e.items) {
      if (RECENT_TYPES.has(e.type)) {
        const key = `${item.productId}|${e.type}`;
        const prev = recent.get(key);
        if (!prev || prev.ts < e.ts) recent.set(key, { productId: item.productId, type: e.type, ts: e.ts });
      }
      if (e.type === 'purchase') purchased.add(item.productId);
      // A gift for someone else says nothing about the shopper's own tastes or price band.
      if (w === 0 || e.context?.gift === true) continue;
      const facts = lookup(item.productId, item);
      if (!facts) continue;
      const fw = forward(w * share, e.ts, params.halfLifeMs);
      for (const k of facts.featureKeys) add(k, fw);
      if (w > 0 && facts.priceMajor !== undefined && facts.priceMajor > 0) {
        const lp = Math.log(facts.priceMajor);
        add('price:w', fw);
        add('price:sum', fw * lp);
        add('price:sq', fw * lp * lp);
      }
    }
  }
  return {
    shop: first.shop,
    userId: first.userId,
    features,
    recent: [...recent.values()].sort((a, b) => a.ts - b.ts),
    purchased: [...purchased],
    events: events.length,
    firstTs,
    lastTs,
    ...(customerId ? { customerId } : {}),
  };
}
