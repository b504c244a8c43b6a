/**
 * Offline metrics: hit rate and MRR at a cut-off, and "variation" (mean pairwise 1 − Jaccard between
 * users' lists, i.e. how personal the lists are: 0 when everyone gets the same list).
 */

/** 1-based rank of the first element of `list` (within the first `k`) that is a target; 0 when none. */
export function firstHitRank(list: readonly string[], targets: ReadonlySet<string>, k: number): number {
  const n = Math.min(k, list.length);
  for (let i = 0; i < n; i++) if (targets.has(list[i] as string)) return i + 1;
  return 0;
}

/** Accumulates HR@k and MRR@k (reciprocal rank of the first hit) over predictions. */
export class HitRateMrr {
  private n = 0;
  private hits = 0;
  private rr = 0;
  /** Per prediction, in order: 1 for a hit, else 0 (for paired comparisons). */
  readonly hitPerCase: number[] = [];
  /** Per prediction, in order: the reciprocal rank (0 for a miss). */
  readonly rrPerCase: number[] = [];
  constructor(readonly k: number) {}

  /** Records one prediction; a single target or a set of acceptable targets. */
  add(list: readonly string[], target: string | ReadonlySet<string>): void {
    const set = typeof target === 'string' ? new Set([target]) : target;
    const r = firstHitRank(list, set, this.k);
    this.n++;
    this.hitPerCase.push(r > 0 ? 1 : 0);
    this.rrPerCase.push(r > 0 ? 1 / r : 0);
    if (r > 0) {
      this.hits++;
      this.rr += 1 / r;
    }
  }

  get count(): number {
    return this.n;
  }

  /** Share of predictions with at least one target in the top k. */
  get hitRate(): number {
    return this.n === 0 ? 0 : this.hits / this.n;
  }

  /** Mean reciprocal rank of the first hit (0 for a miss). */
  get mrr(): number {
    return this.n === 0 ? 0 : this.rr / this.n;
  }
}

/** Jaccard overlap of two lists as sets (1 for two empty lists); shared with the online quality metrics. */
export { jaccard } from '../core/quality/listQuality.ts';

/**
 * Mean pairwise `1 − Jaccard` over the lists. With more than `maxLists` lists an evenly spaced,
 * deterministic subsample is used (the number of pairs grows quadratically). 0 for fewer than 2 lists.
 */
export function variation(lists: readonly (readonly string[])[], maxLists = 2000): number {
  let pool = lists;
  if (lists.length > maxLists) {
    const step = lists.length / maxLists;
    pool = Array.from({ length: maxLists }, (_, i) => lists[Math.floor(i * step)] as readonly string[]);
  }
  if (pool.length < 2) return 0;
  // Intern items as small integers so each pair is a cheap sorted-array intersection.
  const ids = new Map<string, number>();
  const sets = pool.map((l) => {
    const s = new Set<number>();
    for (const x of l) {
      let id = ids.get(x);
      if (id === undefined) ids.set(x, (id = ids.size));
      s.add(id);
    }
    return Int32Array.from(s).sort();
  });
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < sets.length; i++) {
    const a = sets[i] as Int32Array;
    for (let j = i + 1; j < sets.length; j++) {
      const b = sets[j] as Int32Array;
      let x = 0;
      let y = 0;
      let inter = 0;
      while (x < a.length && y < b.length) {
        const va = a[x] as number;
        const vb = b[y] as number;
        if (va === vb) {
          inter++;
          x++;
          y++;
        } else if (va < vb) x++;
        else y++;
      }
      const union = a.length + b.length - inter;
      sum += union === 0 ? 0 : 1 - inter / union;
      pairs++;
    }
  }
  return sum / pairs;
}
