/**
 * The second hop of co-occurrence: what shoppers viewed with the items viewed with a product. Each
 * neighbour list is read as a row of transition shares (its weights over their sum), and the product's
 * second-hop list is the square of that matrix on its row, `Σ_b p(a→b) · p(b→c)`, without the product
 * itself: items a direct list misses because the two were never in one session window, but that the
 * sessions through its neighbours reach. On the YooChoose validation split it added 0.012 to HR@20
 * beside the direct lists (docs/evaluation.md, "Second hop"). Pure.
 */
import type { WeightedItem } from './rank.ts';

/**
 * Most items a second-hop list keeps, and how many of the product's strongest neighbours it goes
 * through. With the service's lists of 50 (YooChoose validation, HR@20 over the hybrid without it):
 * through all 50 and keeping 100, +0.0121; through 20 keeping 30, +0.0122; through 10, +0.0112.
 * Fewer lists to read and fewer candidates to score for the same gain.
 */
export const SECOND_HOP_KEEP = 30;
export const SECOND_HOP_FANOUT = 20;

/**
 * The second-hop list of `self` from its neighbour list `first` (strongest first: the first `fanout`
 * are gone through) and the lists of its neighbours (`listOf`; a neighbour without one adds nothing),
 * strongest first, ties by product id, at most `keep`.
 */
export function secondHop(
  self: string,
  first: readonly WeightedItem[],
  listOf: (id: string) => readonly WeightedItem[] | undefined,
  keep = SECOND_HOP_KEEP,
  fanout = SECOND_HOP_FANOUT,
): WeightedItem[] {
  const through = first.length > fanout ? first.slice(0, fanout) : first;
  let total = 0;
  for (const n of through) if (n.weight > 0) total += n.weight;
  if (!(total > 0)) return [];
  const reached = new Map<string, number>();
  for (const n of through) {
    if (!(n.weight > 0) || n.productId === self) continue;
    const next = listOf(n.productId);
    if (next === undefined || next.length === 0) continue;
    let sum = 0;
    for (const m of next) if (m.weight > 0) sum += m.weight;
    if (!(sum > 0)) continue;
    const share = n.weight / total / sum;
    for (const m of next) {
      if (!(m.weight > 0) || m.productId === self) continue;
      reached.set(m.productId, (reached.get(m.productId) ?? 0) + share * m.weight);
    }
  }
  const out: WeightedItem[] = [];
  for (const [productId, weight] of reached) out.push({ productId, weight });
  out.sort((a, b) => b.weight - a.weight || (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
  if (out.length > keep) out.length = keep;
  return out;
}
