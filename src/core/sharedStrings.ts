/**
 * One string object per value, for the words a catalog keeps per product: feature keys ("tag:women"),
 * index terms ("clothing"), variant titles ("Black / M"). Each product's are made apart (split, sliced,
 * joined), so equal words were separate objects: a serving process with two 10,000-product catalogs held
 * 1.3 million strings, a million of them copies of another, and a full garbage collection marks every
 * one while requests wait (docs/benchmarks.md, 2026-12-07). Shared, each value is one object.
 *
 * A bounded table: past {@link MAX_SHARED_STRINGS} values it starts again, which costs memory (later
 * copies are kept apart from the earlier ones), never a different answer: a shared string is equal to
 * the one it stands for.
 */

/** Values the table keeps before it starts again. */
export const MAX_SHARED_STRINGS = 500_000;

const table = new Map<string, string>();

/** The first string seen equal to `s` (from now on, `s` itself when none was). */
export function sharedString(s: string): string {
  const held = table.get(s);
  if (held !== undefined) return held;
  if (table.size >= MAX_SHARED_STRINGS) table.clear();
  table.set(s, s);
  return s;
}
