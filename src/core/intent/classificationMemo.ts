/**
 * Answers of the local classifier kept for texts seen again. Classifying is pure given the exact text,
 * the shop vocabulary object it is read against and the currency hint, and a conversation re-sends
 * its text (an agent asks for a page, then the next; a storefront widget asks again on every view):
 * the memo answers those without tokenising, extracting entities and scoring again.
 *
 * The key is exactly what the answer depends on:
 * - the vocabulary's *generation*: a number given to each vocabulary object the first time it is
 *   seen. A catalog change brings a new vocabulary object (the shop vocabulary cache rebuilds it when
 *   the catalog index is replaced or changes size), so its texts miss and are classified again; the
 *   old generation's entries are never read again and age out;
 * - the currency hint as the classifier sees it (absent and empty alike: neither gives one);
 * - the text as given, not folded: capitals, accents and spacing change brands, entities and features.
 *
 * Bounded (least recently used out); the answers are frozen, since every holder shares one object.
 */

/** Most answers kept (a few MB at the HTTP limit of 2,000 characters a text). */
export const DEFAULT_CLASSIFICATION_MEMO_SIZE = 4096;

/** Texts longer than this are classified every time (a whole transcript rarely comes back verbatim). */
export const MAX_MEMO_TEXT = 2000;

/** Freezes an answer and everything in it (plain objects and arrays). */
function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/** A bounded, least-recently-used memo of classification answers. */
export class ClassificationMemo<V> {
  readonly #max: number;
  readonly #entries = new Map<string, V>();
  readonly #generations = new WeakMap<object, number>();
  #nextGeneration = 1;

  constructor(max: number = DEFAULT_CLASSIFICATION_MEMO_SIZE) {
    if (!(max >= 0)) throw new RangeError(`memo size must be at least 0, got ${String(max)}`);
    this.#max = Math.floor(max);
  }

  /** Answers kept now. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * The answer for `text` read against `vocabulary` with `hint`: the kept one, else `compute()`'s
   * (kept, frozen).
   */
  get(vocabulary: object | undefined, hint: string | undefined, text: string, compute: () => V): V {
    if (this.#max === 0 || text.length > MAX_MEMO_TEXT) return compute();
    const k = `${this.#generation(vocabulary)}\u0000${hint || ''}\u0000${text}`;
    const hit = this.#entries.get(k);
    if (hit !== undefined) {
      // Most recently used last: delete and set again.
      this.#entries.delete(k);
      this.#entries.set(k, hit);
      return hit;
    }
    const v = deepFreeze(compute());
    if (this.#entries.size >= this.#max) this.#entries.delete(this.#entries.keys().next().value as string);
    this.#entries.set(k, v);
    return v;
  }

  /** 0 without a vocabulary, else the object's generation (given on first sight). */
  #generation(vocabulary: object | undefined): number {
    if (vocabulary === undefined) return 0;
    let g = this.#generations.get(vocabulary);
    if (g === undefined) {
      g = this.#nextGeneration++;
      this.#generations.set(vocabulary, g);
    }
    return g;
  }
}
