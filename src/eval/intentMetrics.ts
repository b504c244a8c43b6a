/**
 * Classification metrics for the intent evaluation: accuracy, per-class precision/recall/F1, the
 * confusion matrix and latency percentiles.
 */

/** Per-class scores. */
export interface ClassScore {
  readonly support: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** Metrics of one labelled prediction set. */
export interface ClassificationReport {
  readonly n: number;
  readonly accuracy: number;
  readonly perClass: Readonly<Record<string, ClassScore>>;
  /** confusion[gold][predicted] = count. */
  readonly confusion: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** Computes accuracy, per-class P/R/F1 and the confusion matrix over `classes`. */
export function classificationReport(gold: readonly string[], predicted: readonly string[], classes: readonly string[]): ClassificationReport {
  const confusion: Record<string, Record<string, number>> = {};
  for (const g of classes) confusion[g] = Object.fromEntries(classes.map((p) => [p, 0]));
  let right = 0;
  gold.forEach((g, i) => {
    const p = predicted[i] as string;
    const row = confusion[g];
    if (row) row[p] = (row[p] ?? 0) + 1;
    if (g === p) right++;
  });
  const perClass: Record<string, ClassScore> = {};
  for (const c of classes) {
    const tp = confusion[c]?.[c] ?? 0;
    const support = classes.reduce((s, p) => s + (confusion[c]?.[p] ?? 0), 0);
    const predictedN = classes.reduce((s, g) => s + (confusion[g]?.[c] ?? 0), 0);
    const precision = predictedN ? tp / predictedN : 0;
    const recall = support ? tp / support : 0;
    perClass[c] = { support, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
  }
  return { n: gold.length, accuracy: gold.length ? right / gold.length : 0, perClass, confusion };
}

/** The q-quantile (0..1) of samples by nearest rank. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}
