/**
 * The second-hop lists a ranking reads (`core/recommend/secondHop.ts`: what was viewed with what was
 * viewed with a product), worked out from the neighbour lists this process keeps (`neighbourLists.ts`).
 *
 * A product's second hop needs the lists of its strongest neighbours: one batched lookup of them, from
 * the neighbour cache (one store round trip for those it does not hold), when it is worked out. It is
 * then kept while the product's own list is the very same object (the neighbour cache gives a product the
 * same object while its list is fresh and unchanged, and a new one once a projection changed it or it was
 * read again) and for at most the neighbour lists' time in memory: a change to a neighbour's list shows
 * in the second hop within that time (a minute by default), as a change lost between processes shows in
 * the neighbour lists themselves. Looking it up then costs no lookup of the neighbours' lists.
 */
import { LRUCache } from 'lru-cache';
import type { Neighbour } from '../../core/ports.ts';
import type { WeightedItem } from '../../core/recommend/rank.ts';
import { SECOND_HOP_FANOUT, secondHop } from '../../core/recommend/secondHop.ts';
import type { NeighbourLists } from './neighbourLists.ts';

/** Most second-hop lists kept in process (each up to 30 items: about 1.5 KB). */
export const DEFAULT_SECOND_HOP_CACHE_SIZE = 10_000;

/** A kept second-hop list, the product's list it was worked out from, and when. */
interface Held {
  readonly first: readonly Neighbour[];
  readonly at: number;
  readonly list: WeightedItem[];
}

/** What {@link SecondHopLists.of} answers. */
export interface SecondHopAnswer {
  /** By the product asked for. */
  readonly lists: Map<string, WeightedItem[]>;
  /** Some neighbour list was the last one the store gave, not a fresh one (it did not answer). */
  readonly degraded: boolean;
}

/** Options of {@link SecondHopLists}. */
export interface SecondHopListsOptions {
  readonly neighbours: Pick<NeighbourLists, 'of'>;
  /** How long a second-hop list is used, ms: the neighbour lists' own time in memory. */
  readonly ttlMs: number;
  readonly maxLists?: number;
  /** The clock, ms (tests pass their own). */
  readonly clock?: () => number;
}

export class SecondHopLists {
  readonly #o: SecondHopListsOptions;
  readonly #held: LRUCache<string, Held> | undefined;
  readonly #clock: () => number;

  constructor(o: SecondHopListsOptions) {
    this.#o = o;
    this.#clock = o.clock ?? (() => performance.now());
    this.#held = o.ttlMs > 0 ? new LRUCache<string, Held>({ max: Math.max(1, o.maxLists ?? DEFAULT_SECOND_HOP_CACHE_SIZE) }) : undefined;
  }

  /** The second-hop lists of the products `firsts` names, each given with its own neighbour list. */
  async of(shop: string, firsts: ReadonlyMap<string, readonly Neighbour[]>): Promise<SecondHopAnswer> {
    const now = this.#clock();
    const out = new Map<string, WeightedItem[]>();
    let todo: [string, readonly Neighbour[]][] | undefined;
    for (const [product, first] of firsts) {
      const held = this.#held?.get(`${shop}\u0000${product}`);
      if (held !== undefined && held.first === first && now - held.at < this.#o.ttlMs) out.set(product, held.list);
      else (todo ??= []).push([product, first]);
    }
    if (todo === undefined) return { lists: out, degraded: false };
    const ids = new Set<string>();
    for (const [, first] of todo) for (let i = 0; i < first.length && i < SECOND_HOP_FANOUT; i++) ids.add((first[i] as Neighbour).productId);
    const { lists, degraded } = await this.#o.neighbours.of(shop, [...ids]);
    for (const [product, first] of todo) {
      const list = secondHop(product, first, (id) => lists.get(id));
      out.set(product, list);
      // Worked out while the store was down: not kept, the next answer works it out again.
      if (!degraded) this.#held?.set(`${shop}\u0000${product}`, { first, at: now, list });
    }
    return { lists: out, degraded };
  }
}
