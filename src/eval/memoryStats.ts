/**
 * In-memory stand-in for the store's item statistics during offline evaluation: co-occurrence with
 * the store's `NEIGHBOUR_CAP` trimming (weakest dropped after each projection batch) and decayed
 * counters. Weights are the same decay-forward sums the store keeps.
 */
import { decayed, forward } from '../core/decay.ts';
import { NEIGHBOUR_CAP } from '../core/recommend/statsDelta.ts';
import type { WeightedItem } from '../core/recommend/rank.ts';

/** Co-occurrence map `from → to → weight`. */
export class CoocMap {
  private readonly rows = new Map<string, Map<string, number>>();
  private readonly dirty = new Set<string>();
  constructor(readonly cap: number = NEIGHBOUR_CAP) {}

  add(from: string, to: string, weight: number): void {
    let row = this.rows.get(from);
    if (!row) this.rows.set(from, (row = new Map()));
    row.set(to, (row.get(to) ?? 0) + weight);
    if (row.size > this.cap) this.dirty.add(from);
  }

  /** End of a projection batch: rows above the cap keep their `cap` strongest neighbours. */
  trim(): void {
    for (const from of this.dirty) {
      const row = this.rows.get(from);
      if (!row || row.size <= this.cap) continue;
      const kept = [...row].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, this.cap);
      this.rows.set(from, new Map(kept));
    }
    this.dirty.clear();
  }

  /** Strongest `limit` neighbours of every item, as the store's `getNeighbours` returns them. */
  snapshot(limit: number): Map<string, WeightedItem[]> {
    const out = new Map<string, WeightedItem[]>();
    for (const [from, row] of this.rows) {
      const list = [...row]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, limit)
        .map(([productId, weight]) => ({ productId, weight }));
      out.set(from, list);
    }
    return out;
  }
}

/** A decayed counter (popular, trending), forward-weighted against a fixed reference. */
export class DecayedCounter {
  private readonly sums = new Map<string, number>();
  constructor(
    readonly halfLifeMs: number,
    readonly ref: number,
  ) {}

  add(productId: string, weight: number, ts: number): void {
    this.sums.set(productId, (this.sums.get(productId) ?? 0) + forward(weight, ts, this.halfLifeMs, this.ref));
  }

  /** Strongest `limit` items decayed to `now`. */
  top(now: number, limit: number): WeightedItem[] {
    return [...this.sums]
      .map(([productId, s]) => ({ productId, weight: decayed(s, now, this.halfLifeMs, this.ref) }))
      .sort((a, b) => b.weight - a.weight || (a.productId < b.productId ? -1 : 1))
      .slice(0, limit);
  }
}

/** Plain counts, for baselines. */
export class Counter<K = string> {
  readonly map = new Map<K, number>();
  add(k: K, w = 1): void {
    this.map.set(k, (this.map.get(k) ?? 0) + w);
  }
  /** Keys by count descending, ties by key. */
  top(limit: number): K[] {
    return [...this.map]
      .sort((a, b) => b[1] - a[1] || (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0))
      .slice(0, limit)
      .map(([k]) => k);
  }
}
