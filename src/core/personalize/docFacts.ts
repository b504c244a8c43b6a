/**
 * One set of entities' facts (entityFacts.ts) by catalog position: an open-addressing table from a
 * product's position in one catalog version (its `all()` array) to its intent score and `meets` bits.
 * The personalization layer reads a candidate's facts here by the position it already has, without
 * touching the product object or hashing it (a `WeakMap` lookup reads the object's hash from the object:
 * a cache miss per candidate in a catalog of thousands).
 *
 * Entries are never removed; the table grows at half full. It holds no more facts than the entity table
 * it belongs to, which keeps the bounds (keptTables.ts).
 */
import type { Product } from '../catalog/product.ts';

/** `meets` of a product never shown (unavailable, ruled out). */
export const NOT_SHOWN_MEETS = -1;

export class DocFacts {
  /** The catalog version the positions are of. */
  readonly products: readonly Product[];
  /** Position + 1 per slot (0: empty). */
  #keys: Int32Array;
  #scores: Float64Array;
  #meets: Int32Array;
  #size = 0;

  constructor(products: readonly Product[], capacity = 64) {
    this.products = products;
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.#keys = new Int32Array(cap);
    this.#scores = new Float64Array(cap);
    this.#meets = new Int32Array(cap);
  }

  /** Facts kept. */
  get size(): number {
    return this.#size;
  }

  /** The slot holding `doc`'s facts, or the one's complement (negative) of the slot to {@link put} them in. */
  slotOf(doc: number): number {
    const keys = this.#keys;
    const mask = keys.length - 1;
    const key = doc + 1;
    for (let s = Math.imul(key, 0x9e3779b1) & mask; ; s = (s + 1) & mask) {
      const k = keys[s] as number;
      if (k === key) return s;
      if (k === 0) return ~s;
    }
  }

  /** Keeps `doc`'s facts in `free` (the complement {@link slotOf} answered); returns the slot they are in. */
  put(free: number, doc: number, score: number, meets: number): number {
    if ((this.#size + 1) * 2 > this.#keys.length) {
      this.#grow();
      free = ~this.slotOf(doc);
    }
    this.#keys[free] = doc + 1;
    this.#scores[free] = score;
    this.#meets[free] = meets;
    this.#size++;
    return free;
  }

  /** The intent score in `slot`. */
  scoreAt(slot: number): number {
    return this.#scores[slot] as number;
  }

  /** The `meets` bits in `slot`; {@link NOT_SHOWN_MEETS} for a product never shown. */
  meetsAt(slot: number): number {
    return this.#meets[slot] as number;
  }

  #grow(): void {
    const [keys, scores, meets] = [this.#keys, this.#scores, this.#meets];
    const cap = keys.length * 2;
    this.#keys = new Int32Array(cap);
    this.#scores = new Float64Array(cap);
    this.#meets = new Int32Array(cap);
    for (let s = 0; s < keys.length; s++) {
      const k = keys[s] as number;
      if (k === 0) continue;
      const free = ~this.slotOf(k - 1);
      this.#keys[free] = k;
      this.#scores[free] = scores[s] as number;
      this.#meets[free] = meets[s] as number;
    }
  }
}
