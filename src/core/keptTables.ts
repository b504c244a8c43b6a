/**
 * Tables of answers kept per key (a set of entities, a wish for a colour or size), each table holding
 * one answer per product. Bounded twice: in tables, and in answers over all of them. Past either bound
 * the least recently used tables are let go, so memory stays bounded however many keys and however
 * large the catalogs (256 tables of a 100,000-product catalog could otherwise hold 25 million answers).
 *
 * A table let go may still be in use by a request that holds it: it keeps answering, and its answers
 * no longer count.
 */

/** What a kept table carries for the bounds. */
export interface KeptTable {
  /** Answers counted in it. */
  size: number;
  /** Still kept (a table let go no longer counts). */
  kept: boolean;
}

export class KeptTables<T extends KeptTable> {
  /** Tables by key, most recently used last. */
  readonly #tables = new Map<string, T>();
  #answers = 0;

  constructor(
    private readonly maxTables: number,
    private readonly maxAnswers: number,
  ) {}

  /** Answers kept over every table (at most `maxAnswers` once one is counted past it). */
  get answers(): number {
    return this.#answers;
  }

  /** The table of `key`, made by `make` when there is none; it becomes the most recently used. */
  get(key: string, make: () => T): T {
    let t = this.#tables.get(key);
    if (t) this.#tables.delete(key);
    else {
      t = make();
      if (this.#tables.size >= this.maxTables) this.#letGo(this.#tables.keys().next().value as string);
    }
    this.#tables.set(key, t);
    return t;
  }

  /** Counts one more answer of `t`; past the bound, the least recently used other tables are let go. */
  count(t: T): void {
    if (!t.kept) return;
    t.size++;
    if (++this.#answers <= this.maxAnswers) return;
    for (const [key, old] of this.#tables) {
      if (this.#answers <= this.maxAnswers) return;
      if (old !== t) this.#letGo(key);
    }
  }

  #letGo(key: string): void {
    const t = this.#tables.get(key);
    if (t === undefined) return;
    this.#tables.delete(key);
    t.kept = false;
    this.#answers -= t.size;
  }
}
