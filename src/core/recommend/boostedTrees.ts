/**
 * A learned re-ranking score: an ensemble of regression trees (gradient boosting) stored as plain
 * data, evaluated on one candidate's feature vector. Pure: the model is JSON-serialisable data made
 * offline (`src/eval/gbdtTrain.ts`), and scoring is a few comparisons per tree, no allocation.
 */

/** One regression tree in flat arrays; node 0 is the root. */
export interface RegressionTree {
  /** Feature tested at each node; -1 marks a leaf. */
  readonly feature: readonly number[];
  /** `x[feature] <= threshold` goes left. */
  readonly threshold: readonly number[];
  readonly left: readonly number[];
  readonly right: readonly number[];
  /** Output of each leaf (already multiplied by the learning rate). */
  readonly value: readonly number[];
}

/** A boosted ensemble and the names of the features it reads, in order. */
export interface BoostedTrees {
  readonly features: readonly string[];
  readonly base: number;
  readonly trees: readonly RegressionTree[];
}

/** The ensemble's score of one feature vector (higher ranks first). Missing features read as 0. */
export function scoreTrees(model: BoostedTrees, x: ArrayLike<number>): number {
  let s = model.base;
  for (const t of model.trees) {
    let n = 0;
    for (let depth = 0; depth < 64; depth++) {
      const f = t.feature[n] as number;
      if (f < 0) break;
      n = (x[f] ?? 0) <= (t.threshold[n] as number) ? (t.left[n] as number) : (t.right[n] as number);
    }
    s += t.value[n] as number;
  }
  return s;
}
