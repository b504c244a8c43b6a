/**
 * "Did you mean …?" for the command line: the known word closest to a mistyped one.
 */

/** Levenshtein distance between `a` and `b` (both short: command and option names). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost));
    }
    prev = row;
  }
  return prev[b.length] as number;
}

/**
 * The candidate closest to `word` (case-insensitive), when it is close enough to be a typo: at most
 * a third of its letters differ (at least one edit allowed), or one is a prefix of the other.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: { name: string; d: number } | undefined;
  for (const name of candidates) {
    const c = name.toLowerCase();
    const d = c.startsWith(w) || w.startsWith(c) ? Math.min(1, Math.abs(c.length - w.length)) : distance(w, c);
    if (d <= Math.max(1, Math.floor(c.length / 3)) && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}
