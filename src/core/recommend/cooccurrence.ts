/**
 * Co-occurrence increments: the item-to-item statistics behind session kNN ("sequential rules" with a
 * window, Ludewig & Jannach 2018). When an item arrives after other items of the same session, every
 * earlier item within `window` distinct items gets a forward link to it (`forwardWeight / d` at
 * distance `d`) and the new item gets a weaker backward link (`backwardWeight / d`). Items of one
 * multi-item event (an order, a cart) link to each other. All weights are decay-forward (`decay.ts`),
 * so increments from many writers simply add up.
 */
import { forward } from '../decay.ts';
import type { EventType } from '../events/userEvent.ts';
import type { RecentItem } from '../profile/profileDelta.ts';
import { currentSession } from '../profile/profileView.ts';

/** Parameters of co-occurrence counting. */
export interface CoocParams {
  /** How many previous distinct session items pair with a new one. */
  readonly window: number;
  /** Weight of the earlier → later link at distance 1. */
  readonly forwardWeight: number;
  /** Weight of the later → earlier link at distance 1. */
  readonly backwardWeight: number;
  /** Weight of each event type (0 = the event type produces no co-occurrence). */
  readonly typeWeights: Readonly<Record<EventType, number>>;
  /** Half-life of co-occurrence weights, ms (at least `MIN_FIXED_HALF_LIFE_MS`). */
  readonly halfLifeMs: number;
  /** Inactivity gap that ends a session, ms. */
  readonly sessionGapMs: number;
  /** Only the first `basketCap` distinct items of a multi-item event pair with each other. */
  readonly basketCap: number;
}

/** One co-occurrence increment: `to` followed (or accompanied) `from`. */
export interface CoocIncrement {
  readonly from: string;
  readonly to: string;
  readonly weight: number;
}

/**
 * Defaults, tuned on the YooChoose validation split and an earlier Online Retail time split (see
 * `docs/evaluation.md`): a window of 5 distinct items with 1/d weights and a 0.5 backward link, a
 * 90-day half-life, baskets of up to 30 lines, 30-minute sessions.
 */
export const DEFAULT_COOC_PARAMS: CoocParams = Object.freeze({
  window: 5,
  forwardWeight: 1,
  backwardWeight: 0.5,
  typeWeights: Object.freeze({
    page_view: 0,
    collection_view: 0,
    search: 0,
    view: 1,
    cart_view: 0,
    remove_from_cart: 0,
    add_to_cart: 2,
    checkout_start: 2,
    purchase: 3,
  }),
  halfLifeMs: 90 * 86_400_000,
  sessionGapMs: 30 * 60_000,
  basketCap: 30,
});

/**
 * Co-occurrence increments produced when `items` (one event: a view has 1 item, a purchase may have
 * many) arrive after the user's `history` (newest first; only the current session chain before `ts`
 * is used). Pairs with the item itself are skipped. Basket pairs get `(forward + backward) / 2`,
 * divided by `n - 1` (each item spreads one unit over its basket mates), so that a 30-line order does
 * not outweigh thirty single views; a multi-item event's links to earlier items are divided by `sqrt(n)`.
 */
export function coocIncrements(
  history: readonly RecentItem[],
  items: readonly { productId: string }[],
  type: EventType,
  ts: number,
  params: CoocParams,
): CoocIncrement[] {
  const tw = params.typeWeights[type] ?? 0;
  if (!(tw > 0) || items.length === 0) return [];
  const current: string[] = [];
  const inEvent = new Set<string>();
  for (const it of items) {
    if (inEvent.has(it.productId)) continue;
    inEvent.add(it.productId);
    current.push(it.productId);
  }
  const out: CoocIncrement[] = [];

  // Earlier distinct items of the session chain, nearest first (distance 1, 2, …).
  if (params.window > 0 && history.length > 0) {
    const chain = currentSession(
      history.filter((h) => h.ts <= ts),
      ts,
      params.sessionGapMs,
    );
    const previous: string[] = [];
    const seen = new Set<string>();
    for (const h of chain) {
      if (previous.length >= params.window) break;
      if (seen.has(h.productId) || inEvent.has(h.productId)) continue;
      seen.add(h.productId);
      previous.push(h.productId);
    }
    const share = current.length > 1 ? 1 / Math.sqrt(current.length) : 1;
    for (let i = 0; i < previous.length; i++) {
      const from = previous[i] as string;
      const d = i + 1;
      const fw = forward((tw * share * params.forwardWeight) / d, ts, params.halfLifeMs);
      const bw = forward((tw * share * params.backwardWeight) / d, ts, params.halfLifeMs);
      for (const to of current) {
        if (fw > 0) out.push({ from, to, weight: fw });
        if (bw > 0) out.push({ from: to, to: from, weight: bw });
      }
    }
  }

  // Items bought (or carted) together link to each other, both ways.
  const basket = current.slice(0, Math.max(0, params.basketCap));
  if (basket.length > 1) {
    const w = forward(
      (tw * (params.forwardWeight + params.backwardWeight)) / 2 / (basket.length - 1),
      ts,
      params.halfLifeMs,
    );
    if (w > 0) {
      for (const a of basket) for (const b of basket) if (a !== b) out.push({ from: a, to: b, weight: w });
    }
  }
  return out;
}
