/**
 * The catalog positions of a list's items (a ranked list, or a frozen list of ids), kept beside the
 * list: by the ranker that made it (it had them), or by the first reader of a list that comes back
 * request after request. A layer on top (the personalization layer) then reads its candidates by
 * position without looking each id up again. Positions hold for one catalog object (one version); a
 * list copied or filtered on its way has none, and its ids are looked up as before.
 */

const POSITIONS = new WeakMap<readonly unknown[], { readonly catalog: object; readonly docs: Int32Array }>();

/** Keeps `docs` (one per item, -1 for an id the catalog does not know) as the positions of `list` in `catalog`. */
export function keepPositions(list: readonly unknown[], catalog: object, docs: Int32Array): void {
  if (docs.length === list.length) POSITIONS.set(list, { catalog, docs });
}

/** The positions of `list`'s items in `catalog`, when they were kept for that very catalog. */
export function positionsOf(list: readonly unknown[], catalog: object): Int32Array | undefined {
  const kept = POSITIONS.get(list);
  return kept !== undefined && kept.catalog === catalog && kept.docs.length === list.length ? kept.docs : undefined;
}

/** The positions of the first `n` items of `list`, kept for `first` (its first `n` items). */
export function keepFirstPositions(list: readonly unknown[], first: readonly unknown[], n: number): void {
  const kept = POSITIONS.get(list);
  if (kept !== undefined) keepPositions(first, kept.catalog, kept.docs.subarray(0, n));
}
