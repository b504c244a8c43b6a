/**
 * The catalog of the SQLite store: products per shop, the product links learned from events, and
 * per-shop version counters (in `meta`) that other processes watch to reload. A product Shopify
 * deleted stays as a tombstone row (`core/catalog/stampedChange.ts`), which `listProducts` skips,
 * until a write of stamped changes to its shop finds it older than the retention: `updated_at` is when
 * the row was written (the store's clock, not the change's stamp), and the index `products_tombstones`
 * (schema.ts) finds a shop's oldest tombstones without reading its products.
 */
import type Database from 'better-sqlite3';
import type { Product } from '../../core/catalog/product.ts';
import { isReplacingLink } from '../../core/catalog/productIdentity.ts';
import { isTombstone, resolveStamped, tombstonePruning, type StampedChange, type Tombstone, type TombstonePruning } from '../../core/catalog/stampedChange.ts';
import type { CatalogStore } from '../../core/ports.ts';
import { StoredProducts } from '../storedProducts.ts';

type Row = Record<string, unknown>;

/** SQLite implementation of {@link CatalogStore}. */
export class SqliteCatalog implements CatalogStore {
  readonly #db: Database.Database;
  readonly #assertOpen: () => void;
  readonly #stmts;
  readonly #pruning: Required<TombstonePruning>;
  /** The last listing of each shop, whose unchanged products are given back as the same objects. */
  readonly #listed = new StoredProducts();

  /**
   * `assertOpen` throws `STORE_UNAVAILABLE` once the store is closed; `pruning` sets the clock rows are
   * written with and when tombstones go (defaults: `core/catalog/stampedChange.ts`).
   */
  constructor(db: Database.Database, assertOpen: () => void, pruning: TombstonePruning = {}) {
    this.#db = db;
    this.#assertOpen = assertOpen;
    this.#pruning = tombstonePruning(pruning);
    this.#stmts = {
      upsertProduct: db.prepare(`INSERT INTO products (shop, id, body, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (shop, id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`),
      products: db.prepare('SELECT id, body FROM products WHERE shop = ? ORDER BY id'),
      product: db.prepare('SELECT body FROM products WHERE shop = ? AND id = ?'),
      deleteProduct: db.prepare('DELETE FROM products WHERE shop = ? AND id = ?'),
      // The condition of the index products_tombstones (schema.ts), so the inner query reads that index only.
      pruneTombstones: db.prepare(`DELETE FROM products WHERE shop = @shop AND id IN (SELECT id FROM products
        WHERE shop = @shop AND json_extract(body, '$.removed') = 1 AND updated_at < @before ORDER BY updated_at LIMIT @limit)`),
      productShops: db.prepare('SELECT DISTINCT shop FROM products ORDER BY shop'),
      // A first version is the time it was written (ms), not 1: see CatalogStore.catalogVersions.
      bumpVersion: db.prepare(`INSERT INTO meta (key, value) VALUES (?, CAST(? AS TEXT))
        ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`),
      productLinks: db.prepare('SELECT alias, target FROM product_links WHERE shop = ?'),
      replaceProductLink: db.prepare('INSERT INTO product_links (shop, alias, target) VALUES (?, ?, ?) ON CONFLICT (shop, alias) DO UPDATE SET target = excluded.target'),
      keepProductLink: db.prepare('INSERT INTO product_links (shop, alias, target) VALUES (?, ?, ?) ON CONFLICT (shop, alias) DO NOTHING'),
      productLinksVersions: db.prepare(`SELECT substr(key, 15) AS shop, CAST(value AS INTEGER) AS v FROM meta WHERE key LIKE 'links_version:%'`),
      catalogVersions: db.prepare(`SELECT substr(key, 17) AS shop, CAST(value AS INTEGER) AS v FROM meta WHERE key LIKE 'catalog_version:%'`),
    };
  }

  /** Adds or replaces products of a shop and bumps its catalog version, in one transaction. */
  async upsertProducts(shop: string, products: readonly Product[]): Promise<void> {
    this.#assertOpen();
    const now = this.#pruning.now();
    this.#db.transaction(() => {
      for (const p of products) this.#stmts.upsertProduct.run(shop, p.id, JSON.stringify(p), now);
      this.#stmts.bumpVersion.run(`catalog_version:${shop}`, Date.now());
    })();
  }

  /** Every product of a shop, by id (tombstones skipped). */
  async listProducts(shop: string): Promise<Product[]> {
    this.#assertOpen();
    const rows = this.#stmts.products.all(shop) as Row[];
    return this.#listed.list(shop, rows.map((r) => [r.id as string, r.body as string] as const), (_, text) => JSON.parse(text) as Product | Tombstone);
  }

  /** Drops what this catalog holds in memory of the shop's last listing (erased, or no longer held by the caller). */
  forgetListing(shop: string): void {
    this.#listed.forget(shop);
  }

  /** The stored record of one id (product or tombstone). */
  #record(shop: string, id: string): Product | Tombstone | undefined {
    const row = this.#stmts.product.get(shop, id) as Row | undefined;
    return row ? (JSON.parse(row.body as string) as Product | Tombstone) : undefined;
  }

  /** Removes products (not tombstones) and bumps the version when one was removed, in one transaction. */
  async removeProducts(shop: string, ids: readonly string[]): Promise<string[]> {
    this.#assertOpen();
    return this.#db
      .transaction(() => {
        const removed: string[] = [];
        for (const id of new Set(ids)) {
          const held = this.#record(shop, id);
          if (!held || isTombstone(held)) continue;
          this.#stmts.deleteProduct.run(shop, id);
          removed.push(id);
        }
        if (removed.length > 0) this.#stmts.bumpVersion.run(`catalog_version:${shop}`, Date.now());
        return removed;
      })
      .immediate();
  }

  /**
   * Applies stamped changes under the write lock (read, decide, write: no other process between). A call
   * that wrote a row then drops the shop's tombstones written longer than the retention ago (at most the
   * limit, oldest first); that changes no answer but freeing space, so it bumps no version.
   */
  async applyStampedChanges(shop: string, changes: readonly StampedChange[]): Promise<string[]> {
    this.#assertOpen();
    const now = this.#pruning.now();
    return this.#db
      .transaction(() => {
        const changed: string[] = [];
        let wrote = false;
        for (const change of changes) {
          const held = this.#record(shop, change.id);
          const next = resolveStamped(held, change);
          if (!next) continue;
          this.#stmts.upsertProduct.run(shop, change.id, JSON.stringify(next), now);
          wrote = true;
          if (!isTombstone(next) || (held && !isTombstone(held))) changed.push(change.id);
        }
        if (changed.length > 0) this.#stmts.bumpVersion.run(`catalog_version:${shop}`, Date.now());
        if (wrote) this.#stmts.pruneTombstones.run({ shop, before: now - this.#pruning.retentionMs, limit: this.#pruning.limit });
        return [...new Set(changed)];
      })
      .immediate();
  }

  /** Product links learned from events (alias → target). */
  async productLinks(shop: string): Promise<Map<string, string>> {
    this.#assertOpen();
    const rows = this.#stmts.productLinks.all(shop) as Row[];
    return new Map(rows.map((r) => [r.alias as string, r.target as string]));
  }

  /**
   * Adds learned product links (a signed one replaces its key's value, any other keeps the first: see
   * `isReplacingLink`) and bumps the shop's links version (an empty list changes nothing).
   */
  async saveProductLinks(shop: string, links: readonly (readonly [string, string])[]): Promise<void> {
    this.#assertOpen();
    if (links.length === 0) return;
    this.#db.transaction(() => {
      for (const [alias, target] of links) (isReplacingLink(alias) ? this.#stmts.replaceProductLink : this.#stmts.keepProductLink).run(shop, alias, target);
      this.#stmts.bumpVersion.run(`links_version:${shop}`, Date.now());
    })();
  }

  /** The links version of every shop. */
  async productLinksVersions(): Promise<Record<string, number>> {
    this.#assertOpen();
    const rows = this.#stmts.productLinksVersions.all() as Row[];
    return Object.fromEntries(rows.map((r) => [r.shop as string, r.v as number]));
  }

  /** The catalog version of every shop. */
  async catalogVersions(): Promise<Record<string, number>> {
    this.#assertOpen();
    return Object.fromEntries((this.#stmts.catalogVersions.all() as Row[]).map((r) => [r.shop as string, r.v as number]));
  }

  /**
   * Shops that have a catalog (a stored record), sorted. Pruning never empties a shop: it runs in a
   * write, whose own record is too young to go.
   */
  async listCatalogShops(): Promise<string[]> {
    this.#assertOpen();
    return (this.#stmts.productShops.all() as Row[]).map((r) => r.shop as string);
  }
}
