/**
 * Confidence calibration: temperature scaling fitted on out-of-fold logits, and the reliability
 * table / expected calibration error (ECE) used to report it.
 */
import { softmax } from './softmax.ts';

/** One reliability bin. */
export interface ReliabilityBin {
  /** Inclusive lower and exclusive upper confidence bound (the last bin includes 1). */
  readonly from: number;
  readonly to: number;
  readonly count: number;
  /** Mean confidence of predictions in the bin. */
  readonly confidence: number;
  /** Fraction of them that were right. */
  readonly accuracy: number;
}

/** Mean negative log-likelihood of the true classes under softmax(logits / T). */
export function nll(logits: readonly (readonly number[])[], labels: readonly number[], temperature: number): number {
  let s = 0;
  logits.forEach((l, i) => {
    const p = softmax(l, temperature)[labels[i] as number] as number;
    s -= Math.log(Math.max(p, 1e-12));
  });
  return s / Math.max(1, logits.length);
}

/** The temperature in [0.25, 8] minimising NLL (golden-section search on log T). */
export function fitTemperature(logits: readonly (readonly number[])[], labels: readonly number[]): number {
  let a = Math.log(0.25);
  let b = Math.log(8);
  const phi = (Math.sqrt(5) - 1) / 2;
  let c = b - phi * (b - a);
  let d = a + phi * (b - a);
  let fc = nll(logits, labels, Math.exp(c));
  let fd = nll(logits, labels, Math.exp(d));
  for (let i = 0; i < 60; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - phi * (b - a);
      fc = nll(logits, labels, Math.exp(c));
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + phi * (b - a);
      fd = nll(logits, labels, Math.exp(d));
    }
  }
  return Math.exp((a + b) / 2);
}

/** Reliability table with `bins` equal-width confidence bins (empty bins included with count 0). */
export function reliability(confidences: readonly number[], correct: readonly boolean[], bins = 10): ReliabilityBin[] {
  const sums = Array.from({ length: bins }, () => ({ n: 0, conf: 0, right: 0 }));
  confidences.forEach((c, i) => {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(c * bins)));
    const s = sums[b] as { n: number; conf: number; right: number };
    s.n++;
    s.conf += c;
    if (correct[i]) s.right++;
  });
  return sums.map((s, b) => ({
    from: b / bins,
    to: (b + 1) / bins,
    count: s.n,
    confidence: s.n ? s.conf / s.n : 0,
    accuracy: s.n ? s.right / s.n : 0,
  }));
}

/** Expected calibration error: count-weighted mean |accuracy − confidence| over the bins. */
export function expectedCalibrationError(table: readonly ReliabilityBin[]): number {
  const total = table.reduce((s, b) => s + b.count, 0);
  if (total === 0) return 0;
  return table.reduce((s, b) => s + (b.count / total) * Math.abs(b.accuracy - b.confidence), 0);
}
