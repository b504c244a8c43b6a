/**
 * The statistics of experiment analytics, on jstat's distributions: 95 % intervals of proportions
 * (Wilson) and means (Student t), differences with their interval and p-value, and the sample-ratio
 * mismatch check (Pearson chi-square against the declared weights).
 */
import jstat from 'jstat';

const { jStat } = jstat;
const Z95 = jStat.normal.inv(0.975, 0, 1);

/** An estimate with its 95 % interval. */
export interface Estimate {
  readonly value: number;
  readonly low: number;
  readonly high: number;
}

function round(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : 0;
}

function est(value: number, low: number, high: number): Estimate {
  return { value: round(value), low: round(low), high: round(high) };
}

/** `k` successes in `n` trials: the rate and its Wilson 95 % interval. */
export function proportion(k: number, n: number): Estimate {
  if (n === 0) return est(0, 0, 0);
  const p = k / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return est(p, Math.max(0, centre - half), Math.min(1, centre + half));
}

/** Mean, variance and count of a sample. */
export interface Moments {
  readonly n: number;
  readonly mean: number;
  readonly variance: number;
}

/** Moments of `values` padded with zeros up to `n` (lists that earned nothing). */
export function moments(values: readonly number[], n: number): Moments {
  if (n === 0) return { n: 0, mean: 0, variance: 0 };
  const sum = values.reduce((s, x) => s + x, 0);
  const mean = sum / n;
  let ss = (n - values.length) * mean * mean;
  for (const x of values) ss += (x - mean) ** 2;
  return { n, mean, variance: n > 1 ? ss / (n - 1) : 0 };
}

/** A mean and its t 95 % interval. */
export function meanEstimate(m: Moments): Estimate {
  if (m.n < 2) return est(m.mean, m.mean, m.mean);
  const half = jStat.studentt.inv(0.975, m.n - 1) * Math.sqrt(m.variance / m.n);
  return est(m.mean, m.mean - half, m.mean + half);
}

/** A difference (treatment − control) with its 95 % interval, relative uplift and two-sided p-value. */
export interface Difference extends Estimate {
  /** (treatment − control) / control; 0 when the control is 0. */
  readonly relative: number;
  readonly pValue: number;
}

/** Two proportions: unpooled interval, pooled z-test. */
export function diffProportions(k1: number, n1: number, k0: number, n0: number): Difference {
  if (n1 === 0 || n0 === 0) return { ...est(0, 0, 0), relative: 0, pValue: 1 };
  const p1 = k1 / n1;
  const p0 = k0 / n0;
  const d = p1 - p0;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p0 * (1 - p0)) / n0);
  const pool = (k1 + k0) / (n1 + n0);
  const sePool = Math.sqrt(pool * (1 - pool) * (1 / n1 + 1 / n0));
  const pValue = sePool > 0 ? 2 * (1 - jStat.normal.cdf(Math.abs(d) / sePool, 0, 1)) : d === 0 ? 1 : 0;
  return { ...est(d, d - Z95 * se, d + Z95 * se), relative: round(p0 > 0 ? d / p0 : 0), pValue: round(pValue) };
}

/** Two means: Welch's t-test. */
export function diffMeans(a: Moments, b: Moments): Difference {
  if (a.n < 2 || b.n < 2) return { ...est(a.mean - b.mean, 0, 0), relative: 0, pValue: 1 };
  const d = a.mean - b.mean;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { ...est(d, d, d), relative: round(b.mean !== 0 ? d / b.mean : 0), pValue: d === 0 ? 1 : 0 };
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const t = jStat.studentt.inv(0.975, df);
  const pValue = 2 * (1 - jStat.studentt.cdf(Math.abs(d) / se, df));
  return { ...est(d, d - t * se, d + t * se), relative: round(b.mean !== 0 ? d / b.mean : 0), pValue: round(pValue) };
}

/** Sample-ratio-mismatch check. */
export interface SampleRatio {
  readonly chiSquare: number;
  readonly df: number;
  readonly pValue: number;
  /** True when p < 0.001: the split is not what the weights declare (assignment or logging is broken). */
  readonly mismatch: boolean;
}

/** Pearson chi-square of `observed` counts against `weights`. */
export function sampleRatio(observed: readonly number[], weights: readonly number[]): SampleRatio {
  const n = observed.reduce((s, x) => s + x, 0);
  const w = weights.reduce((s, x) => s + x, 0);
  const df = observed.length - 1;
  if (n === 0 || df < 1 || w <= 0) return { chiSquare: 0, df: Math.max(0, df), pValue: 1, mismatch: false };
  let chi = 0;
  observed.forEach((o, i) => {
    const e = (n * (weights[i] ?? 0)) / w;
    if (e > 0) chi += (o - e) ** 2 / e;
  });
  const pValue = 1 - jStat.chisquare.cdf(chi, df);
  return { chiSquare: round(chi), df, pValue: round(pValue), mismatch: pValue < 0.001 };
}
