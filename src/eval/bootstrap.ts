/**
 * Paired bootstrap of a difference of means: both methods were scored on the same cases, so the
 * cases are resampled together and the interval is the spread of `mean(a) − mean(b)` over the
 * resamples (percentile method). Deterministic: a seeded generator draws the resamples.
 */
import { mulberry32 } from '../core/random.ts';

/** A difference of means with its bootstrap interval. */
export interface PairedInterval {
  /** mean(a) − mean(b) on the cases themselves. */
  readonly diff: number;
  readonly lo: number;
  readonly hi: number;
  /** Coverage of [lo, hi], e.g. 0.95. */
  readonly level: number;
  /** Share of resamples where the difference is ≤ 0 (a one-sided bootstrap p-value for a > b). */
  readonly pNotBetter: number;
}

/**
 * The `level` percentile interval of `mean(a) − mean(b)` over `samples` paired resamples.
 * @throws RangeError when `a` and `b` differ in length or are empty
 */
export function pairedBootstrap(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  opts: { readonly samples?: number; readonly level?: number; readonly seed?: number } = {},
): PairedInterval {
  const n = a.length;
  if (n !== b.length || n === 0) throw new RangeError(`pairedBootstrap: need two equally long, non-empty samples (got ${a.length} and ${b.length})`);
  const samples = opts.samples ?? 2000;
  const level = opts.level ?? 0.95;
  const rand = mulberry32(opts.seed ?? 14);
  const d = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    d[i] = (a[i] as number) - (b[i] as number);
    sum += d[i] as number;
  }
  const means = new Float64Array(samples);
  let notBetter = 0;
  for (let s = 0; s < samples; s++) {
    let t = 0;
    for (let i = 0; i < n; i++) t += d[Math.floor(rand() * n)] as number;
    means[s] = t / n;
    if (t <= 0) notBetter++;
  }
  means.sort();
  const tail = (1 - level) / 2;
  const at = (q: number): number => means[Math.min(samples - 1, Math.max(0, Math.floor(q * samples)))] as number;
  return { diff: sum / n, lo: at(tail), hi: at(1 - tail), level, pNotBetter: notBetter / samples };
}
