/**
 * The catalog of the Redis store: products per shop (one hash, `aff:{<shop>}:products`), the product
 * links learned from events, and per-shop version counters that other processes watch to reload.
 * A product Shopify deleted stays in the hash as a tombstone (`core/catalog/stampedChange.ts`), which
 * `listProducts` skips. Not personal data: removed with the shop (shop/redact, `redisPrivacy.ts`).
 *
 * Removals and stamped changes are decided here, from the records read, and written by a
 * compare-and-set script on the shop's hash (one slot): when another process changed one of the
 * records meanwhile, nothing is written and the change is decided again from what is there now.
 */
import { AffinityError } from '../../core/errors.ts';
import type { Product } from '../../core/catalog/product.ts';
import { isTombstone, resolveStamped, type StampedChange, type Tombstone } from '../../core/catalog/stampedChange.ts';
import type { CatalogStore } from '../../core/ports.ts';
import { CATALOG_SHOPS_KEY, CATALOG_VERSIONS_KEY, LINK_VERSIONS_KEY, productLinksKey, productsKey } from './keys.ts';
import type { RedisConnection } from './redisConnection.ts';
import { cmd, type Arg, type Op } from './redisOps.ts';
import { pairs, parseJson } from './replies.ts';

/** Products per HSET. */
const PRODUCT_CHUNK = 500;

/** Attempts of a compare-and-set before giving up (each lost one means another writer got there first). */
const CAS_ATTEMPTS = 8;

/**
 * KEYS[1]: the products hash. ARGV: triples id, expected value (`''`: absent), new value (`''`: delete).
 * Writes every triple when every field still holds its expected value; returns 1, else 0 and nothing.
 */
const CAS_LUA = `
for i = 1, #ARGV, 3 do
  local cur = redis.call('HGET', KEYS[1], ARGV[i])
  if (cur or '') ~= ARGV[i + 1] then return 0 end
end
for i = 1, #ARGV, 3 do
  if ARGV[i + 2] == '' then redis.call('HDEL', KEYS[1], ARGV[i]) else redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 2]) end
end
return 1`;

/** One planned write of {@link RedisCatalog.#compareAndSet}: the id, the raw value expected, the new one (`''`: delete). */
type CasWrite = readonly [id: string, expected: string, next: string];

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

  /** Every product of a shop, by id (tombstones skipped). */
  async listProducts(shop: string): Promise<Product[]> {
    return this.#c.run('listProducts', async () => {
      const key = productsKey(shop);
      const [res] = await this.#c.exec([cmd(key, 'hgetall', key)]);
      return pairs(res)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([id, body]) => parseJson<Product | Tombstone>(`product ${id} of ${shop}`, body))
        .filter((doc): doc is Product => !isTombstone(doc));
    });
  }

  /** Removes products (not tombstones), then bumps the version when one was removed. */
  async removeProducts(shop: string, ids: readonly string[]): Promise<string[]> {
    return this.#c.run('removeProducts', async () => {
      const removed = await this.#compareAndSet(shop, [...new Set(ids)], (id, held) => (held && !isTombstone(held) ? { write: '', changed: true } : undefined));
      if (removed.length > 0) await this.#c.exec([cmd(CATALOG_VERSIONS_KEY, 'hincrby', CATALOG_VERSIONS_KEY, shop, 1)]);
      return removed;
    });
  }

  /** Applies stamped changes (compare-and-set on the records read), then bumps the version when one changed a product. */
  async applyStampedChanges(shop: string, changes: readonly StampedChange[]): Promise<string[]> {
    return this.#c.run('applyStampedChanges', async () => {
      // One change per id per round (the last one given): the decisions read each record once.
      const byId = new Map<string, StampedChange[]>();
      for (const c of changes) byId.set(c.id, [...(byId.get(c.id) ?? []), c]);
      const changed = await this.#compareAndSet(shop, [...byId.keys()], (id, held) => {
        let doc = held;
        let changedAny = false;
        for (const c of byId.get(id) ?? []) {
          const next = resolveStamped(doc, c);
          if (!next) continue;
          if (!isTombstone(next) || (doc && !isTombstone(doc))) changedAny = true;
          doc = next;
        }
        return doc === held ? undefined : { write: JSON.stringify(doc), changed: changedAny };
      });
      if (changed.length > 0) await this.#c.exec([cmd(CATALOG_SHOPS_KEY, 'sadd', CATALOG_SHOPS_KEY, shop), cmd(CATALOG_VERSIONS_KEY, 'hincrby', CATALOG_VERSIONS_KEY, shop, 1)]);
      return changed;
    });
  }

  /**
   * Reads the records of `ids`, asks `decide` what to write for each (`undefined`: nothing; `write`
   * `''`: delete) and writes it all when no record changed meanwhile, else decides again. Returns the
   * ids whose decision said `changed`.
   */
  async #compareAndSet(
    shop: string,
    ids: readonly string[],
    decide: (id: string, held: Product | Tombstone | undefined) => { readonly write: string; readonly changed: boolean } | undefined,
  ): Promise<string[]> {
    if (ids.length === 0) return [];
    const key = productsKey(shop);
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const [raw] = await this.#c.exec([cmd(key, 'hmget', key, ...ids)]);
      const values = (raw as (string | null)[]).map((v) => v ?? '');
      const writes: CasWrite[] = [];
      const changed: string[] = [];
      ids.forEach((id, i) => {
        const expected = values[i] as string;
        const held = expected === '' ? undefined : parseJson<Product | Tombstone>(`product ${id} of ${shop}`, expected);
        const d = decide(id, held);
        if (!d) return;
        writes.push([id, expected, d.write]);
        if (d.changed) changed.push(id);
      });
      if (writes.length === 0) return [];
      const [ok] = await this.#c.exec([cmd(key, 'eval', CAS_LUA, 1, key, ...writes.flat())]);
      if (Number(ok) === 1) return changed;
    }
    throw new AffinityError('STORE_UNAVAILABLE', `The catalog of ${shop} kept changing while it was written (${CAS_ATTEMPTS} attempts); retry.`);
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
