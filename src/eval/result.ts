/** What one dataset evaluation produces. */
import type { PairedInterval } from './bootstrap.ts';

/** Scores of one method. */
export interface MethodScore {
  readonly hr: number;
  readonly mrr: number;
  /** Mean pairwise 1 − Jaccard of top-10 lists over users with ≥ 3 events (NaN when not measured). */
  readonly variation: number;
}

/** Result of evaluating one dataset. */
export interface EvalResult {
  readonly dataset: string;
  /** Cut-off of HR and MRR (20). */
  readonly k: number;
  /** Number of predictions (YooChoose) or test customers (Online Retail). */
  readonly cases: number;
  /** Hybrid first, then the baselines. */
  readonly methods: Readonly<Record<string, MethodScore>>;
  /**
   * Paired bootstrap intervals of the hybrid minus a baseline (e.g. `hybrid − vstan`,
   * `hybrid − vstan @new_items`), per metric.
   */
  readonly intervals?: Readonly<Record<string, { readonly hr: PairedInterval; readonly mrr: PairedInterval }>>;
  /** Variation of the hybrid. */
  readonly variation: number;
  readonly seconds: number;
}
