/** What one dataset evaluation produces. */

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
  /** Variation of the hybrid. */
  readonly variation: number;
  readonly seconds: number;
}
