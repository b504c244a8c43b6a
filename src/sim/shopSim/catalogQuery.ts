/**
 * The shop simulator's search: query words matched against title, product type, tags, vendor and
 * category (the tokenizer of our catalog index), category filters on taxonomy ids (as on Shopify),
 * price filters, and opaque offset cursors; and the resolution of lookup ids (product and variant GIDs,
 * handles where the shop looks those up). Deterministic and pure, so the same request always yields the
 * same page.
 */
import { tokenize } from '../../core/catalog/catalogIndex.ts';
import type { Product } from '../../core/catalog/product.ts';

/** A search request in simulator terms (already validated). */
export interface SimQuery {
  /** Free text; undefined, empty or `*` means browse (every product passing the filters). */
  readonly query?: string;
  /** OR-matched against the product's category value: its taxonomy id (`aa-1-2`) or that id's GID. */
  readonly categories?: readonly string[];
  /** Lowest variant price must be inside [min, max], in minor units. */
  readonly priceMin?: number;
  readonly priceMax?: number;
  /** Exact-match (case-insensitive) merchant filters of the legacy tool. */
  readonly productType?: string;
  readonly vendor?: string;
  readonly tag?: string;
  readonly availableOnly?: boolean;
}

/** One page of results. */
export interface SimPage {
  readonly products: readonly Product[];
  readonly total: number;
  /** Cursor of the next page, when there is one. */
  readonly nextCursor?: string;
}

/** Thrown for a cursor the simulator did not issue. */
export class InvalidCursorError extends Error {}

/** Encodes an offset as an opaque cursor. */
export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset }), 'utf8').toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor}. @throws InvalidCursorError */
export function decodeCursor(cursor: string): number {
  try {
    const o = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown }).o;
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0) return o;
  } catch {
    // fall through
  }
  throw new InvalidCursorError(`invalid cursor "${cursor}"`);
}

const lower = (s: string): string => s.trim().toLowerCase();

/** GID prefix of Shopify taxonomy categories. */
export const TAXONOMY_GID = 'gid://shopify/TaxonomyCategory/';

/** How a lookup id resolved: to a product (`featured`: the shop picks the variant) or to one variant (`exact`). */
export interface SimResolved {
  readonly product: Product;
  readonly variantId?: string;
}

/** Searchable terms of one product, built once per catalog. */
export class SimCatalog {
  readonly #products: readonly Product[];
  readonly #terms: readonly { title: Set<string>; other: Set<string> }[];
  readonly #categoryId: (p: Product) => string | undefined;
  readonly #byId: ReadonlyMap<string, Product>;
  readonly #byVariant: ReadonlyMap<string, Product>;
  readonly #byHandle: ReadonlyMap<string, Product>;

  /** `categoryId` gives a product's category value (its taxonomy id). */
  constructor(products: readonly Product[], categoryId: (p: Product) => string | undefined = () => undefined) {
    this.#products = products;
    this.#categoryId = categoryId;
    this.#byId = new Map(products.map((p) => [p.id, p]));
    this.#byVariant = new Map(products.flatMap((p) => p.variants.map((v) => [v.id, p] as const)));
    this.#byHandle = new Map(products.map((p) => [p.handle.toLowerCase(), p]));
    this.#terms = products.map((p) => ({
      title: new Set(tokenize(p.title)),
      other: new Set(tokenize([p.productType, p.vendor, p.category, ...p.tags].join(' '))),
    }));
  }

  /** Number of products. */
  get size(): number {
    return this.#products.length;
  }

  /** Every product matching the request, best first (title hits count double; ties keep catalog order). */
  match(q: SimQuery): Product[] {
    const words = [...new Set(tokenize(q.query && q.query.trim() !== '*' ? q.query : ''))];
    const browse = words.length === 0;
    const cats = new Set((q.categories ?? []).map((c) => c.trim()).filter((c) => c !== ''));
    const scored: { p: Product; score: number; i: number }[] = [];
    this.#products.forEach((p, i) => {
      if (cats.size > 0) {
        const value = this.#categoryId(p);
        if (!value || !(cats.has(value) || cats.has(`${TAXONOMY_GID}${value}`))) return;
      }
      if (q.priceMin !== undefined || q.priceMax !== undefined) {
        const min = Math.min(...p.variants.map((v) => v.price.amount));
        if (!Number.isFinite(min)) return;
        if (q.priceMin !== undefined && min < q.priceMin) return;
        if (q.priceMax !== undefined && min > q.priceMax) return;
      }
      if (q.productType && lower(p.productType) !== lower(q.productType)) return;
      if (q.vendor && lower(p.vendor) !== lower(q.vendor)) return;
      if (q.tag && !p.tags.some((t) => lower(t) === lower(q.tag as string))) return;
      if (q.availableOnly && !p.variants.some((v) => v.available)) return;
      let score = 1;
      if (!browse) {
        const t = this.#terms[i] as { title: Set<string>; other: Set<string> };
        score = 0;
        for (const w of words) score += t.title.has(w) ? 2 : t.other.has(w) ? 1 : 0;
        if (score === 0) return;
      }
      scored.push({ p, score, i });
    });
    scored.sort((a, b) => b.score - a.score || a.i - b.i);
    return scored.map((s) => s.p);
  }

  /** One page of {@link match}. @throws InvalidCursorError */
  page(q: SimQuery, limit: number, cursor?: string): SimPage {
    const all = this.match(q);
    const offset = cursor ? decodeCursor(cursor) : 0;
    const products = all.slice(offset, offset + limit);
    const next = offset + products.length;
    return { products, total: all.length, ...(next < all.length ? { nextCursor: encodeCursor(next) } : {}) };
  }

  /**
   * What a lookup id names: a product GID (`gid://shopify/Product/<n>`), a variant GID, or, with
   * `handles`, a product handle. Anything else (a bare number included) names nothing.
   */
  resolve(id: string, handles: boolean): SimResolved | undefined {
    const m = /^gid:\/\/shopify\/(Product|ProductVariant)\/(\d+)$/.exec(id.trim());
    if (m) {
      if (m[1] === 'Product') {
        const product = this.#byId.get(m[2] as string);
        return product ? { product } : undefined;
      }
      const product = this.#byVariant.get(m[2] as string);
      return product ? { product, variantId: m[2] as string } : undefined;
    }
    if (!handles) return undefined;
    const product = this.#byHandle.get(id.trim().toLowerCase());
    return product ? { product } : undefined;
  }
}
