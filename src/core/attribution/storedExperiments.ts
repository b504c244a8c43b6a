/**
 * Experiments as the stored lists know them: an experiment taken out of `AFFINITY_EXPERIMENTS_FILE`
 * still has its served lists and their outcomes, and its results must stay readable. Pure.
 *
 * The lists name the experiment and each list's variant, but not which variant was the control nor the
 * weights: a report of an experiment no longer declared has its variants' figures and no uplift or
 * sample-ratio check. Declaring it again with `"status": "ended"` (experiments.ts) brings both back
 * and assigns nobody.
 */
import type { Experiment } from './experiments.ts';
import type { ServedList } from './servedList.ts';

/** An experiment the lists name: its id and its variants' names, in the order first served. */
export interface StoredExperiment {
  readonly id: string;
  readonly variants: readonly string[];
  /** Epoch ms of its first and last list in what was read. */
  readonly firstServed: number;
  readonly lastServed: number;
}

/** The experiments `lists` name, by first list served (oldest first); `skip`: ids already known (declared ones). */
export function experimentsInLists(lists: readonly ServedList[], skip: ReadonlySet<string> = new Set()): StoredExperiment[] {
  const found = new Map<string, { variants: string[]; first: number; last: number }>();
  for (const l of lists) {
    const e = l.experiment;
    if (!e || skip.has(e.id)) continue;
    let f = found.get(e.id);
    if (!f) found.set(e.id, (f = { variants: [], first: l.ts, last: l.ts }));
    if (!f.variants.includes(e.variant)) f.variants.push(e.variant);
    f.first = Math.min(f.first, l.ts);
    f.last = Math.max(f.last, l.ts);
  }
  return [...found]
    .sort((a, b) => a[1].first - b[1].first || a[0].localeCompare(b[0]))
    .map(([id, f]) => ({ id, variants: f.variants, firstServed: f.first, lastServed: f.last }));
}

/** The declared experiments that apply to `shop` (an experiment without `shops` applies to every shop). */
export function experimentsOfShop(declared: readonly Experiment[], shop: string): Experiment[] {
  return declared.filter((e) => !e.shops || e.shops.includes(shop));
}
