/**
 * Quantiles of a Prometheus-style histogram (cumulative bucket counts by upper bound), estimated as
 * Prometheus' `histogram_quantile` does: find the bucket the rank falls in and interpolate linearly
 * inside it. A rank in the `+Inf` bucket answers the largest finite bound. Pure.
 */

/** One cumulative bucket: observations `<= le`. */
export interface Bucket {
  readonly le: number;
  readonly count: number;
}

/**
 * The `q` quantile (0..1) of cumulative `buckets` (any order; `le` may be `Infinity`), or `null` with no
 * observation.
 */
export function histogramQuantile(q: number, buckets: readonly Bucket[]): number | null {
  const b = [...buckets].sort((x, y) => x.le - y.le);
  const total = b[b.length - 1]?.count ?? 0;
  if (total <= 0) return null;
  const rank = Math.min(1, Math.max(0, q)) * total;
  let prevLe = 0;
  let prevCount = 0;
  for (const { le, count } of b) {
    if (count >= rank && count > prevCount) {
      if (!Number.isFinite(le)) return prevLe;
      return prevLe + ((le - prevLe) * (rank - prevCount)) / (count - prevCount);
    }
    if (Number.isFinite(le)) prevLe = le;
    prevCount = count;
  }
  return prevLe;
}

/** `later − earlier` bucket by bucket (a counter reset shows as the later counts). */
export function bucketDelta(later: readonly Bucket[], earlier: readonly Bucket[] | undefined): Bucket[] {
  if (!earlier) return [...later];
  const before = new Map(earlier.map((x) => [x.le, x.count]));
  const d = later.map((x) => ({ le: x.le, count: x.count - (before.get(x.le) ?? 0) }));
  return d.some((x) => x.count < 0) ? [...later] : d;
}
