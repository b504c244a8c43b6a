/**
 * The projection: turns a batch of stored events into profile and item-statistics deltas. Pure; the
 * projector adapter (`src/features/projection/projector.ts`) reads the batch and the users' histories from the store and
 * writes the result back atomically.
 */
import { epochOf, epochStart, forward } from './decay.ts';
import { isItemInterest, type UserEvent } from './events/userEvent.ts';
import type { ProjectionBatch, LoggedEvent } from './ports.ts';
import { foldEvents, type FactsLookup, type FoldParams } from './profile/fold.ts';
import type { RecentItem } from './profile/profileDelta.ts';
import { coocIncrements, type CoocParams } from './recommend/cooccurrence.ts';
import type { StatsDelta } from './recommend/statsDelta.ts';

/** Parameters of the projection. */
export interface ProjectionParams {
  readonly fold: FoldParams;
  readonly cooc: CoocParams;
  /** Half-life of the `popular` counter, ms. */
  readonly popularHalfLifeMs: number;
  /** Half-life of the `trending` counter, ms. */
  readonly trendingHalfLifeMs: number;
}

/** Key of a user across shops. */
export function userKey(shop: string, userId: string): string {
  return `${shop}\u0000${userId}`;
}

/**
 * Projects a batch. `histories` holds each involved user's recent items before the batch (newest
 * first), keyed by {@link userKey}; users absent from it are treated as new.
 */
export function project(
  batch: readonly LoggedEvent[],
  histories: ReadonlyMap<string, readonly RecentItem[]>,
  lookup: FactsLookup,
  params: ProjectionParams,
): ProjectionBatch {
  const byUser = new Map<string, UserEvent[]>();
  for (const { event } of batch) {
    const k = userKey(event.shop, event.userId);
    const list = byUser.get(k);
    if (list) list.push(event);
    else byUser.set(k, [event]);
  }

  const profiles = [];
  const stats: StatsDelta[] = [];
  const counters = new Map<string, StatsDelta & { kind: 'popular' | 'trending' }>();
  const bump = (kind: 'popular' | 'trending', shop: string, productId: string, w: number, ts: number, halfLife: number): void => {
    const epoch = epochOf(ts);
    const key = `${kind}\u0000${shop}\u0000${epoch}\u0000${productId}`;
    const inc = forward(w, ts, halfLife, epochStart(epoch));
    const prev = counters.get(key);
    counters.set(key, { kind, shop, epoch, productId, weight: (prev?.weight ?? 0) + inc });
  };

  for (const [k, events] of byUser) {
    events.sort((a, b) => a.ts - b.ts);
    const delta = foldEvents(events, lookup, params.fold);
    if (delta) profiles.push(delta);

    // Walk the user's events in time order, growing the history as we go, so that co-occurrence
    // within the batch is counted exactly as if the events had come one by one.
    const history: RecentItem[] = [...(histories.get(k) ?? [])];
    for (const e of events) {
      if (!isItemInterest(e.type) || e.items.length === 0) continue;
      // A gift for someone else (an agent's gift conversation, features/ingest) says nothing about what
      // goes with the shopper's own items: it links to none of them, and no later item links to it in
      // this batch. Its demand still counts in popularity and trending.
      const gift = e.context?.gift === true;
      if (!gift) {
        for (const inc of coocIncrements(history, e.items, e.type, e.ts, params.cooc)) {
          stats.push({ kind: 'cooc', shop: e.shop, from: inc.from, to: inc.to, weight: inc.weight });
        }
      }
      const w = params.cooc.typeWeights[e.type] ?? 1;
      for (const item of e.items) {
        bump('popular', e.shop, item.productId, w, e.ts, params.popularHalfLifeMs);
        bump('trending', e.shop, item.productId, w, e.ts, params.trendingHalfLifeMs);
        if (!gift) history.unshift({ productId: item.productId, type: e.type, ts: e.ts });
      }
      if (history.length > 200) history.length = 200;
    }
  }
  stats.push(...counters.values());
  return { seqs: batch.map((b) => b.seq), profiles, stats: mergeCooc(stats) };
}

/** Sums co-occurrence increments of the same pair so the store writes each pair once per batch. */
function mergeCooc(stats: StatsDelta[]): StatsDelta[] {
  const out: StatsDelta[] = [];
  const pairs = new Map<string, number>();
  const first = new Map<string, StatsDelta & { kind: 'cooc' }>();
  for (const s of stats) {
    if (s.kind !== 'cooc') {
      out.push(s);
      continue;
    }
    const key = `${s.shop}\u0000${s.from}\u0000${s.to}`;
    pairs.set(key, (pairs.get(key) ?? 0) + s.weight);
    if (!first.has(key)) first.set(key, s);
  }
  for (const [key, weight] of pairs) {
    const s = first.get(key);
    if (s) out.push({ ...s, weight });
  }
  return out;
}
