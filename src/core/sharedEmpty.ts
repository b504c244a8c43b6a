/**
 * One empty map and one empty set for every per-product record that has nothing to hold (most products
 * name no occasion, no audience, no option): an empty `Map` or `Set` costs about 200 bytes of heap, and a
 * 10,000-product catalog made tens of thousands of them, kept for as long as the catalog.
 *
 * Only for collections typed read-only from then on: the shared ones must never be written.
 */
const EMPTY_MAP: ReadonlyMap<unknown, never> = new Map<unknown, never>();
const EMPTY_SET: ReadonlySet<unknown> = new Set<unknown>();

/** `m`, or the shared empty map when `m` holds nothing. */
export function heldMap<K, V>(m: Map<K, V>): ReadonlyMap<K, V> {
  return m.size === 0 ? (EMPTY_MAP as ReadonlyMap<K, V>) : m;
}

/** `s`, or the shared empty set when `s` holds nothing. */
export function heldSet<T>(s: Set<T>): ReadonlySet<T> {
  return s.size === 0 ? (EMPTY_SET as ReadonlySet<T>) : s;
}
