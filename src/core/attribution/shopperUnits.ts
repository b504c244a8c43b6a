/**
 * The shopper behind each served list, as the unit of randomization: lists served to the same user id
 * belong to one shopper, and so do the lists of ids joined by the key their variant was assigned on
 * (a client id and the customer id linked to it, the customer's other devices). An anonymous list is
 * its own unit. Pure.
 *
 * A shopper whose identity was linked during an experiment may have been served two variants (before
 * the link on the client id's hash, after it on the customer id's). {@link firstVariants} gives each
 * shopper the variant of their first list in the period: analytics counts them once, there
 * (intention to treat), rather than dropping them — links appear when a shopper logs in or buys, so
 * dropping the shoppers who switched would drop buyers and bias conversion (docs/decisions/0002).
 */
import type { ServedList } from './servedList.ts';

/** List id → unit id (a user id standing for the shopper, or `list:<id>` for an anonymous list). */
export function shopperUnits(lists: readonly ServedList[]): Map<string, string> {
  const parent = new Map<string, string>();
  // Every id is added before it is looked up; chains are at most as long as the ids are many.
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) as string;
    for (let c = x; c !== r; ) {
      const p = parent.get(c) as string;
      parent.set(c, r);
      c = p;
    }
    return r;
  };
  const add = (x: string) => {
    if (!parent.has(x)) parent.set(x, x);
  };
  for (const l of lists) {
    if (!l.userId) continue;
    add(l.userId);
    if (l.shopperKey && l.shopperKey !== l.userId) {
      add(l.shopperKey);
      const a = find(l.userId);
      const b = find(l.shopperKey);
      // The smaller id is the root, so the unit's name does not depend on the order of the lists.
      if (a !== b) a < b ? parent.set(b, a) : parent.set(a, b);
    }
  }
  const out = new Map<string, string>();
  for (const l of lists) out.set(l.id, l.userId ? `user:${find(l.userId)}` : `list:${l.id}`);
  return out;
}

/** The key of a unit in one experiment (a shopper is in several experiments at once). */
export const unitInExperiment = (experimentId: string, unit: string): string => `${experimentId}\u0000${unit}`;

/**
 * Each unit's first variant per experiment (keys: {@link unitInExperiment}; lists by time then id) and
 * the units that were served another variant of that experiment later. Lists of failed requests
 * (`status: 'error'`, never shown) do not count.
 */
export function firstVariants(lists: readonly ServedList[], unitOf: ReadonlyMap<string, string>): { first: Map<string, string>; switched: Set<string> } {
  const first = new Map<string, string>();
  const switched = new Set<string>();
  const inExperiment = lists.filter((l) => l.experiment && l.status !== 'error').sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const l of inExperiment) {
    const e = l.experiment as { id: string; variant: string };
    const u = unitInExperiment(e.id, unitOf.get(l.id) as string);
    const v = e.variant;
    const f = first.get(u);
    if (f === undefined) first.set(u, v);
    else if (f !== v) switched.add(u);
  }
  return { first, switched };
}
