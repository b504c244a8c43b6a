/**
 * The candidates of one ranking (`rank.ts`) and their score per source, in typed arrays indexed by
 * slot. One table serves every ranking of the process: a ranking is synchronous and never re-entered,
 * so it starts by emptying the table and is done with it when it returns. Nothing is allocated per
 * candidate: a ranking meets about a thousand ids, and an object and a map entry for each would be
 * garbage on every request. Making a slot may grow the table: its arrays are then new objects, so a
 * caller reads them from the table after each {@link CandidateTable.slotAt}, never keeps one across it.
 *
 * Ids are looked up by catalog position when there is a catalog (a stamp per position says whether this
 * ranking met it), by a map only without one (the offline evaluation).
 */

/** What {@link CandidateTable.begin} needs to decide whether an id may become a candidate. */
export interface CandidateRules {
  /** Positions, and what is in stock and published; absent: no catalog (any id may be a candidate). */
  readonly catalog?: { indexOf(id: string): number; isRecommendableAt(doc: number): boolean } | undefined;
  /** Never candidates (the current product, the cart, …). */
  readonly exclude: ReadonlySet<string>;
  /** Never candidates either (purchases, unless repeats are allowed). */
  readonly purchased?: ReadonlySet<string> | undefined;
}

/** The slot of an id that may not be recommended (or, for {@link CandidateTable.knownAt}, was not met). */
export const NO_SLOT = -1;

/** The rules between rankings (nothing of a caller's is held). */
const NO_RULES: CandidateRules = Object.freeze({ exclude: new Set<string>() });

/** Slots the table starts with; it doubles when a ranking needs more. */
const INITIAL_SLOTS = 1024;

export class CandidateTable {
  /** Candidates met so far in this ranking (slots `0 … n-1`), in the order they were met. */
  n = 0;
  ids: string[] = [];
  /** Catalog position of each slot (-1 without a catalog). */
  docs = new Int32Array(INITIAL_SLOTS);
  cooc = new Float64Array(INITIAL_SLOTS);
  coocTop = new Float64Array(INITIAL_SLOTS);
  /** Index into the ranking's seeds of the strongest co-occurrence contribution (-1: none). */
  coocSeed = new Int32Array(INITIAL_SLOTS);
  content = new Float64Array(INITIAL_SLOTS);
  contentTop = new Float64Array(INITIAL_SLOTS);
  contentSeed = new Int32Array(INITIAL_SLOTS);
  affinity = new Float64Array(INITIAL_SLOTS);
  popular = new Float64Array(INITIAL_SLOTS);
  trending = new Float64Array(INITIAL_SLOTS);
  buyAgain = new Float64Array(INITIAL_SLOTS);
  revisit = new Float64Array(INITIAL_SLOTS);
  sknn = new Float64Array(INITIAL_SLOTS);
  /** Final score, set once every source is in. */
  score = new Float64Array(INITIAL_SLOTS);

  /** Per catalog position: the ranking that last met it, and its slot then (or {@link NO_SLOT}). */
  #stamp = new Int32Array(0);
  #slotOfDoc = new Int32Array(0);
  #epoch = 0;
  /** Without a catalog: slot (or {@link NO_SLOT}) of every id met. */
  #byId = new Map<string, number>();
  #rules: CandidateRules = NO_RULES;

  /** Empties the table for a new ranking. */
  begin(rules: CandidateRules): void {
    this.n = 0;
    this.#rules = rules;
    const catalog = rules.catalog;
    if (catalog) {
      this.#epoch++;
      if (this.#epoch === 0x7fffffff) {
        this.#stamp.fill(0);
        this.#epoch = 1;
      }
      // What may not be recommended is marked as met, with no slot, before the ranking starts: a
      // candidate then costs no set lookups (the rules are a handful of ids; `buildExclusions` has
      // already walked them once).
      this.#refuse(rules.exclude, catalog);
      if (rules.purchased) this.#refuse(rules.purchased, catalog);
    } else if (this.#byId.size > 0) this.#byId = new Map();
  }

  /** Marks the catalog positions of `ids` as met by this ranking, with no slot. */
  #refuse(ids: ReadonlySet<string>, catalog: NonNullable<CandidateRules['catalog']>): void {
    for (const id of ids) {
      const doc = catalog.indexOf(id);
      if (doc < 0) continue;
      if (doc >= this.#stamp.length) this.#growDocs(doc + 1);
      this.#stamp[doc] = this.#epoch;
      this.#slotOfDoc[doc] = NO_SLOT;
    }
  }

  /** Drops what the last ranking held of its caller's: the rules (sets) and the ids it met. */
  end(): void {
    this.#rules = NO_RULES;
    for (let s = 0; s < this.n; s++) this.ids[s] = '';
    this.n = 0;
    if (this.#byId.size > 0) this.#byId = new Map();
  }

  /**
   * The slot of `id` at catalog position `doc` (`-1` when the catalog does not have it), made on first
   * sight; {@link NO_SLOT} when it may not be recommended. Without a catalog, `doc` is ignored.
   */
  slotAt(id: string, doc: number): number {
    const rules = this.#rules;
    const catalog = rules.catalog;
    if (!catalog) {
      const known = this.#byId.get(id);
      if (known !== undefined) return known;
      const s = rules.exclude.has(id) || rules.purchased?.has(id) ? NO_SLOT : this.#add(id, -1);
      this.#byId.set(id, s);
      return s;
    }
    if (doc < 0) return NO_SLOT;
    if (doc >= this.#stamp.length) this.#growDocs(doc + 1);
    if (this.#stamp[doc] === this.#epoch) return this.#slotOfDoc[doc] as number;
    this.#stamp[doc] = this.#epoch;
    // A catalog position holds one product id (the index is keyed by catalog id), so the position
    // stands for the id; the ids the rules refuse were marked by `begin`.
    const s = catalog.isRecommendableAt(doc) ? this.#add(id, doc) : NO_SLOT;
    this.#slotOfDoc[doc] = s;
    return s;
  }

  /** {@link slotAt} for an id whose catalog position is not known yet. */
  slotOf(id: string): number {
    const catalog = this.#rules.catalog;
    return this.slotAt(id, catalog ? catalog.indexOf(id) : -1);
  }

  /** The slot of an id this ranking already met at `doc` (never makes one); {@link NO_SLOT} otherwise. */
  knownAt(id: string, doc: number): number {
    if (!this.#rules.catalog) return this.#byId.get(id) ?? NO_SLOT;
    return this.metAt(doc);
  }

  /** {@link knownAt} by catalog position alone (a ranking with a catalog: the position stands for the id). */
  metAt(doc: number): number {
    return doc >= 0 && doc < this.#stamp.length && this.#stamp[doc] === this.#epoch ? (this.#slotOfDoc[doc] as number) : NO_SLOT;
  }

  #add(id: string, doc: number): number {
    if (this.n === this.docs.length) this.#growSlots(this.n * 2);
    const s = this.n++;
    this.ids[s] = id;
    this.docs[s] = doc;
    this.cooc[s] = 0;
    this.coocTop[s] = 0;
    this.coocSeed[s] = -1;
    this.content[s] = 0;
    this.contentTop[s] = 0;
    this.contentSeed[s] = -1;
    this.affinity[s] = 0;
    this.popular[s] = 0;
    this.trending[s] = 0;
    this.buyAgain[s] = 0;
    this.revisit[s] = 0;
    this.sknn[s] = 0;
    this.score[s] = 0;
    return s;
  }

  #growSlots(size: number): void {
    const f = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    const i = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.docs = i(this.docs);
    this.cooc = f(this.cooc);
    this.coocTop = f(this.coocTop);
    this.coocSeed = i(this.coocSeed);
    this.content = f(this.content);
    this.contentTop = f(this.contentTop);
    this.contentSeed = i(this.contentSeed);
    this.affinity = f(this.affinity);
    this.popular = f(this.popular);
    this.trending = f(this.trending);
    this.buyAgain = f(this.buyAgain);
    this.revisit = f(this.revisit);
    this.sknn = f(this.sknn);
    this.score = f(this.score);
  }

  #growDocs(size: number): void {
    const n = Math.max(size, this.#stamp.length * 2);
    const stamp = new Int32Array(n);
    stamp.set(this.#stamp);
    const slots = new Int32Array(n);
    slots.set(this.#slotOfDoc);
    this.#stamp = stamp;
    this.#slotOfDoc = slots;
  }
}
