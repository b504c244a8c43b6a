/**
 * The shop simulator's search: query words matched against title, product type, tags, vendor and
 * category (the tokenizer of our catalog index), category and price filters, and opaque offset
 * cursors. Deterministic and pure, so the same request always yields the same page.
 */
import { tokenize } from '../../core/catalog/catalogIndex.ts';
import type { Product } from '../../core/catalog/product.ts';

/** A search request in simulator terms (already validated). */
export interface SimQuery {
  /** Free text; undefined, empty or `*` means browse (every product passing the filters). */
  readonly query?: string;
  /** OR-matched, case-insensitive, against the whole category path or any of its segments. */
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

/** Searchable terms of one product, built once per catalog. */
export class SimCatalog {
  readonly #products: readonly Product[];
  readonly #terms: readonly { title: Set<string>; other: Set<string> }[];

  constructor(products: readonly Product[]) {
    this.#products = products;
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
    const cats = (q.categories ?? []).map(lower).filter((c) => c !== '');
    const scored: { p: Product; score: number; i: number }[] = [];
    this.#products.forEach((p, i) => {
      if (cats.length > 0) {
        const value = lower(p.category);
        const parts = value.split('>').map((s) => s.trim());
        if (!cats.some((c) => c === value || parts.includes(c))) return;
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

  /** Products by normalised product or variant id, in request order; `match` says how each was found. */
  lookup(ids: readonly string[]): { id: string; product?: Product; variantId?: string }[] {
    return ids.map((id) => {
      const byProduct = this.#products.find((p) => p.id === id);
      if (byProduct) return { id, product: byProduct };
      for (const p of this.#products) {
        const v = p.variants.find((x) => x.id === id);
        if (v) return { id, product: p, variantId: v.id };
      }
      return { id };
    });
  }
}
