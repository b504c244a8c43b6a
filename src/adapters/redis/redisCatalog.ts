/**
 * The catalog of the Redis store: products per shop (one hash, `aff:{<shop>}:products`), the product
 * links learned from events, and per-shop version counters that other processes watch to reload.
 * Not personal data: removed with the shop (shop/redact, `redisPrivacy.ts`).
 */
import type { Product } from '../../core/catalog/product.ts';
import type { CatalogStore } from '../../core/ports.ts';
import { CATALOG_SHOPS_KEY, CATALOG_VERSIONS_KEY, LINK_VERSIONS_KEY, productLinksKey, productsKey } from './keys.ts';
import type { RedisConnection } from './redisConnection.ts';
import { cmd, type Arg, type Op } from './redisOps.ts';
import { pairs, parseJson } from './replies.ts';

/** Products per HSET. */
const PRODUCT_CHUNK = 500;

/** Redis implementation of {@link CatalogStore}. */
export class RedisCatalog implements CatalogStore {
  readonly #c: RedisConnection;

  constructor(connection: RedisConnection) {
    this.#c = connection;
  }

  /** Adds or replaces products of a shop, then bumps its catalog version. */
  async upsertProducts(shop: string, products: readonly Product[]): Promise<void> {
    return this.#c.run('upsertProducts', async () => {
      if (products.length === 0) return;
      const key = productsKey(shop);
      const ops: Op[] = [];
      for (let i = 0; i < products.length; i += PRODUCT_CHUNK) {
        const args: Arg[] = [];
        for (const p of products.slice(i, i + PRODUCT_CHUNK)) args.push(p.id, JSON.stringify(p));
        ops.push(cmd(key, 'hset', key, ...args));
      }
      ops.push(cmd(CATALOG_SHOPS_KEY, 'sadd', CATALOG_SHOPS_KEY, shop));
      await this.#c.exec(ops);
      // After the products are in, so a reader that sees the new version sees the new products.
      await this.#c.exec([cmd(CATALOG_VERSIONS_KEY, 'hincrby', CATALOG_VERSIONS_KEY, shop, 1)]);
    });
  }

  /** Every product of a shop, by id. */
  async listProducts(shop: string): Promise<Product[]> {
    return this.#c.run('listProducts', async () => {
      const key = productsKey(shop);
      const [res] = await this.#c.exec([cmd(key, 'hgetall', key)]);
      return pairs(res)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([id, body]) => parseJson<Product>(`product ${id} of ${shop}`, body));
    });
  }

  /** Product links learned from events (alias → target). */
  async productLinks(shop: string): Promise<Map<string, string>> {
    return this.#c.run('productLinks', async () => {
      const key = productLinksKey(shop);
      const [res] = await this.#c.exec([cmd(key, 'hgetall', key)]);
      return new Map(pairs(res));
    });
  }

  /** Adds or replaces learned product links, then bumps the shop's links version. */
  async saveProductLinks(shop: string, links: readonly (readonly [string, string])[]): Promise<void> {
    return this.#c.run('saveProductLinks', async () => {
      if (links.length === 0) return;
      const key = productLinksKey(shop);
      await this.#c.exec([cmd(key, 'hset', key, ...links.flat())]);
      await this.#c.exec([cmd(LINK_VERSIONS_KEY, 'hincrby', LINK_VERSIONS_KEY, shop, 1)]);
    });
  }

  /** The links version of every shop. */
  async productLinksVersions(): Promise<Record<string, number>> {
    return this.#c.run('productLinksVersions', async () => {
      const [res] = await this.#c.exec([cmd(LINK_VERSIONS_KEY, 'hgetall', LINK_VERSIONS_KEY)]);
      return Object.fromEntries(pairs(res).map(([shop, v]) => [shop, Number(v)]));
    });
  }

  /** Shops that have a catalog, sorted. */
  async listCatalogShops(): Promise<string[]> {
    return this.#c.run('listCatalogShops', async () => {
      const [res] = await this.#c.exec([cmd(CATALOG_SHOPS_KEY, 'smembers', CATALOG_SHOPS_KEY)]);
      return ((res as string[] | null) ?? []).map(String).sort();
    });
  }

  /** The catalog version of every shop. */
  async catalogVersions(): Promise<Record<string, number>> {
    return this.#c.run('catalogVersions', async () => {
      const [res] = await this.#c.exec([cmd(CATALOG_VERSIONS_KEY, 'hgetall', CATALOG_VERSIONS_KEY)]);
      return Object.fromEntries(pairs(res).map(([shop, v]) => [shop, Number(v)]));
    });
  }
}
