/**
 * Equal parts of products held once.
 *
 * A product decoded from its stored record has a new object for every variant's price, compare-at
 * price and option values, and a new string for every title, type, vendor, category path and tag,
 * though most are equal to another product's: a CSV export's 10,000 products have ~66,000 variants, and
 * their prices, "Black / M" titles, `{ color: "Black", size: "M" }` records, "Apparel & Accessories >
 * Clothing > Shirts & Tops" paths and tags repeat across products. A serving process keeps them all for
 * as long as the catalog is loaded, and a full garbage collection marks each of them while requests
 * wait (docs/benchmarks.md, 2026-12-07).
 *
 * {@link ProductParts.share} gives the product back with those parts replaced by the first equal one
 * seen (strings through core/sharedStrings.ts). Nothing in the catalog model is changed after it is
 * built (its types are read-only), so sharing is safe; code that compares parts by identity compares
 * within one product (`minPrice` and the variant it came from), where equal parts are the same either
 * way. The tables are bounded: past `max` entries a table starts again, which costs memory, never
 * correctness.
 */
import type { Money } from '../money.ts';
import { sharedString } from '../sharedStrings.ts';
import type { Product, Variant } from './product.ts';

/** Entries a table keeps before it starts again. */
const DEFAULT_MAX_ENTRIES = 200_000;

/** The parts seen so far, by value. */
export class ProductParts {
  readonly #prices = new Map<string, Money>();
  readonly #options = new Map<string, Readonly<Record<string, string>>>();
  readonly #max: number;

  constructor(maxEntries = DEFAULT_MAX_ENTRIES) {
    this.#max = maxEntries;
  }

  /**
   * `p` with its type, vendor, category, tags and option values the shared strings, and each variant's
   * price, compare-at price, options and title the first equal one seen. Stored records are as old as
   * the data: a part a record lacks stays as it is.
   */
  share(p: Product): Product {
    const variants = (p.variants ?? []).map(
      (v): Variant => ({
        ...v,
        ...(typeof v.title === 'string' ? { title: sharedString(v.title) } : {}),
        ...(v.price ? { price: this.#price(v.price) } : {}),
        ...(v.compareAtPrice ? { compareAtPrice: this.#price(v.compareAtPrice) } : {}),
        ...(v.options ? { options: this.#optionsOf(v.options) } : {}),
      }),
    );
    return {
      ...p,
      ...(typeof p.productType === 'string' ? { productType: sharedString(p.productType) } : {}),
      ...(typeof p.vendor === 'string' ? { vendor: sharedString(p.vendor) } : {}),
      ...(typeof p.category === 'string' ? { category: sharedString(p.category) } : {}),
      ...(Array.isArray(p.tags) ? { tags: p.tags.map(sharedString) } : {}),
      ...(p.options ? { options: Object.fromEntries(Object.entries(p.options).map(([k, vs]) => [sharedString(k), Array.isArray(vs) ? vs.map(sharedString) : vs])) } : {}),
      ...(p.variants ? { variants } : {}),
    };
  }

  #price(m: Money): Money {
    return held(this.#prices, `${m.amount} ${m.currency}`, m, this.#max);
  }

  #optionsOf(o: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
    return held(this.#options, JSON.stringify(o), o, this.#max);
  }
}

/** The value `table` holds for `key`, else `value`, now held. */
function held<T>(table: Map<string, T>, key: string, value: T, max: number): T {
  const had = table.get(key);
  if (had !== undefined) return had;
  if (table.size >= max) table.clear();
  table.set(key, value);
  return value;
}
