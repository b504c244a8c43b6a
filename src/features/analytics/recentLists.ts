/**
 * The lists this process served lately, by id: what `track_event` checks an agent's
 * `recommendation_id` against (the shop that was served it, and the products it held), so that the
 * answer can say whether the view it records is credited to that list. Bounded: the oldest go first.
 * Only lists that are recorded are kept (a session-only shopper's are not: no view of them can be
 * credited). A list served by another node is not here; the caller says so rather than guess.
 */
import type { ServedList } from '../../core/attribution/servedList.ts';

/** Lists remembered by default (about 200 bytes each with ten products). */
export const RECENT_LISTS = 50_000;

export interface RecentList {
  readonly shop: string;
  readonly items: readonly string[];
}

export class RecentLists {
  readonly #lists = new Map<string, RecentList>();
  /**
   * The ids in the order they came, as a ring: the oldest is overwritten. (Evicting through
   * `keys().next()` walked past every entry deleted since the map last compacted, on every list served:
   * the storefront's cold-shop row lost a quarter of its rate once the memory was full.)
   */
  readonly #order: (string | undefined)[];
  #at = 0;

  constructor(private readonly max: number = RECENT_LISTS) {
    this.#order = new Array<string | undefined>(Math.max(0, max));
  }

  add(list: ServedList): void {
    if (this.max <= 0) return;
    const oldest = this.#order[this.#at];
    if (oldest !== undefined) this.#lists.delete(oldest);
    this.#order[this.#at] = list.id;
    this.#at = (this.#at + 1) % this.max;
    this.#lists.set(list.id, { shop: list.shop, items: list.items });
  }

  get(id: string): RecentList | undefined {
    return this.#lists.get(id);
  }
}
