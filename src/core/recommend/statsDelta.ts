/**
 * Item-level statistics the projector writes: co-occurrence between items and decayed counters.
 */

/** Co-occurrence increment: `to` was seen after (or around) `from` in one session. Decay-forward against `DECAY_REFERENCE_MS`. */
export interface CoocDelta {
  readonly kind: 'cooc';
  readonly shop: string;
  readonly from: string;
  readonly to: string;
  readonly weight: number;
}

/** Counter increment for one item, decay-forward against the start of `epoch` (see `decay.ts`). */
export interface CounterDelta {
  readonly kind: 'popular' | 'trending';
  readonly shop: string;
  readonly epoch: number;
  readonly productId: string;
  readonly weight: number;
}

export type StatsDelta = CoocDelta | CounterDelta;

/** How many neighbours a store keeps per item (weakest trimmed first). */
export const NEIGHBOUR_CAP = 200;
