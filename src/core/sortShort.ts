/**
 * Sorting the short lists an answer is full of (an item's few reasons): a stable insertion sort in
 * place. It orders as `Array#sort` does with the same comparator, without the sort state `Array#sort`
 * allocates on every call; for a handful of elements it is also fewer comparisons.
 */

/** Sorts `xs` in place by `order`, stably, and returns it. Meant for lists of a few dozen at most. */
export function sortShort<T>(xs: T[], order: (a: T, b: T) => number): T[] {
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i] as T;
    let j = i;
    while (j > 0 && order(x, xs[j - 1] as T) < 0) {
      xs[j] = xs[j - 1] as T;
      j--;
    }
    xs[j] = x;
  }
  return xs;
}
