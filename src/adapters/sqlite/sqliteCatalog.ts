/**
 * The catalog of the SQLite store: products per shop, the product links learned from events, and
 * per-shop version counters (in `meta`) that other processes watch to reload.
 */
import type Database from 'better-sqlite3';
import type { Product } from '../../core/catalog/product.ts';
import type { CatalogStore } from '../../core/ports.ts';

type Row = Record<string, unknown>;

/** SQLite implementation of {@link CatalogStore}. */
export class SqliteCatalog implements CatalogStore {
  readonly #db: Database.Database;
  readonly #assertOpen: () => void;
  readonly #stmts;

  /** `assertOpen` throws `STORE_UNAVAILABLE` once the store is closed. */
  constructor(db: Database.Database, assertOpen: () => void) {
    this.#db = db;
    this.#assertOpen = assertOpen;
    this.#stmts = {
      upsertProduct: db.prepare(`INSERT INTO products (shop, id, body, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (shop, id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`),
      products: db.prepare('SELECT body FROM products WHERE shop = ? ORDER BY id'),
      productShops: db.prepare('SELECT DISTINCT shop FROM products ORDER BY shop'),
      bumpVersion: db.prepare(`INSERT INTO meta (key, value) VALUES (?, '1')
        ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`),
      productLinks: db.prepare('SELECT alias, target FROM product_links WHERE shop = ?'),
      saveProductLink: db.prepare('INSERT INTO product_links (shop, alias, target) VALUES (?, ?, ?) ON CONFLICT (shop, alias) DO UPDATE SET target = excluded.target'),
      productLinksVersions: db.prepare(`SELECT substr(key, 15) AS shop, CAST(value AS INTEGER) AS v FROM meta WHERE key LIKE 'links_version:%'`),
      catalogVersions: db.prepare(`SELECT substr(key, 17) AS shop, CAST(value AS INTEGER) AS v FROM meta WHERE key LIKE 'catalog_version:%'`),
    };
  }

  /** Adds or replaces products of a shop and bumps its catalog version, in one transaction. */
  async upsertProducts(shop: string, products: readonly Product[]): Promise<void> {
    this.#assertOpen();
    const now = Date.now();
    this.#db.transaction(() => {
      for (const p of products) this.#stmts.upsertProduct.run(shop, p.id, JSON.stringify(p), now);
      this.#stmts.bumpVersion.run(`catalog_version:${shop}`);
    })();
  }

  /** Every product of a shop, by id. */
  async listProducts(shop: string): Promise<Product[]> {
    this.#assertOpen();
    return (this.#stmts.products.all(shop) as Row[]).map((r) => JSON.parse(r.body as string) as Product);
  }

  /** Product links learned from events (alias → target). */
  async productLinks(shop: string): Promise<Map<string, string>> {
    this.#assertOpen();
    const rows = this.#stmts.productLinks.all(shop) as Row[];
    return new Map(rows.map((r) => [r.alias as string, r.target as string]));
  }

  /** Adds or replaces learned product links and bumps the shop's links version (an empty list changes nothing). */
  async saveProductLinks(shop: string, links: readonly (readonly [string, string])[]): Promise<void> {
    this.#assertOpen();
    if (links.length === 0) return;
    this.#db.transaction(() => {
      for (const [alias, target] of links) this.#stmts.saveProductLink.run(shop, alias, target);
      this.#stmts.bumpVersion.run(`links_version:${shop}`);
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

  /** Shops that have a catalog, sorted. */
  async listCatalogShops(): Promise<string[]> {
    this.#assertOpen();
    return (this.#stmts.productShops.all() as Row[]).map((r) => r.shop as string);
  }
}
