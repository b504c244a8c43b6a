/**
 * The catalog of the Redis store: products per shop (one hash, `aff:{<shop>}:products`), the product
 * links learned from events, and per-shop version counters that other processes watch to reload.
 * A product Shopify deleted stays in the hash as a tombstone (`core/catalog/stampedChange.ts`), which
 * `listProducts` skips. Not personal data: removed with the shop (shop/redact, `redisPrivacy.ts`).
 *
 * Removals and stamped changes are decided here, from the records read, and written by a
 * compare-and-set script on the shop's hash (one slot): when another process changed one of the
 * records meanwhile, nothing is written and the change is decided again from what is there now.
 *
 * The same script keeps when each tombstone was written (the store's clock, not the change's stamp)
 * in a sorted set beside the hash, `aff:{<shop>}:products:tombstones` (id → epoch ms; the shop's tag,
 * so one slot, and erased with the shop). A call of stamped changes that wrote then drops the shop's
 * tombstones written longer than the retention ago, oldest first, at most the limit
 * ({@link PRUNE_LUA}): a shop never grows by one record per product it ever deleted.
 */
import { AffinityError } from '../../core/errors.ts';
import type { Product } from '../../core/catalog/product.ts';
import { isReplacingLink } from '../../core/catalog/productIdentity.ts';
import { isTombstone, resolveStamped, tombstonePruning, type StampedChange, type Tombstone, type TombstonePruning } from '../../core/catalog/stampedChange.ts';
import type { CatalogStore } from '../../core/ports.ts';
import { CATALOG_SHOPS_KEY, CATALOG_VERSIONS_KEY, LINK_VERSIONS_KEY, productLinksKey, productsKey, tombstonesKey } from './keys.ts';
import type { RedisConnection } from './redisConnection.ts';
import { cmd, type Arg, type Op } from './redisOps.ts';
import { pairs, parseJson } from './replies.ts';
import { StoredProducts } from '../storedProducts.ts';

/** Products per HSET. */
const PRODUCT_CHUNK = 500;

/** Attempts of a compare-and-set before giving up (each lost one means another writer got there first). */
const CAS_ATTEMPTS = 8;

/**
 * KEYS[1]: the products hash, KEYS[2]: its tombstones' write times. ARGV[1]: now (epoch ms), then
 * quadruples id, expected value (`''`: absent), new value (`''`: delete), `t` when the new value is a
 * tombstone (else `''`). Writes every quadruple when every field still holds its expected value, and
 * records now for each tombstone written (forgets the id for anything else); returns 1, else 0 and nothing.
 */
const CAS_LUA = `
for i = 2, #ARGV, 4 do
  local cur = redis.call('HGET', KEYS[1], ARGV[i])
  if (cur or '') ~= ARGV[i + 1] then return 0 end
end
for i = 2, #ARGV, 4 do
  if ARGV[i + 2] == '' then redis.call('HDEL', KEYS[1], ARGV[i]) else redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 2]) end
  if ARGV[i + 3] == 't' then redis.call('ZADD', KEYS[2], ARGV[1], ARGV[i]) else redis.call('ZREM', KEYS[2], ARGV[i]) end
end
return 1`;

/**
 * KEYS as {@link CAS_LUA}. ARGV[1]: write times before this are expired (epoch ms), ARGV[2]: at most
 * this many. Takes the oldest expired ids and deletes each field that still holds a tombstone (an
 * import may have written a product over it since: that stays); forgets the ids. Returns how many
 * tombstones it deleted.
 */
const PRUNE_LUA = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local n = 0
for _, id in ipairs(ids) do
  local cur = redis.call('HGET', KEYS[1], id)
  if cur then
    local ok, doc = pcall(cjson.decode, cur)
    if ok and type(doc) == 'table' and doc.removed == true then
      redis.call('HDEL', KEYS[1], id)
      n = n + 1
    end
  end
  redis.call('ZREM', KEYS[2], id)
end
return n`;

/** One planned write of {@link RedisCatalog.#compareAndSet}: the id, the raw value expected, the new one (`''`: delete), `t` for a tombstone. */
type CasWrite = readonly [id: string, expected: string, next: string, kind: 't' | ''];

/** A decision of {@link RedisCatalog.#compareAndSet} for one id: the record to write (`null`: delete) and whether the caller counts it as changed. */
interface CasDecision {
  readonly write: Product | Tombstone | null;
  readonly changed: boolean;
}

/**
 * Bumps a shop's version in a versions hash; a first version is the time it is written (ms), not 1
 * (HSETNX, then HINCRBY: both on the one hash, in one pipeline), see `CatalogStore.catalogVersions`.
 */
function bumpOps(key: string, shop: string): Op[] {
  return [cmd(key, 'hsetnx', key, shop, Date.now() - 1), cmd(key, 'hincrby', key, shop, 1)];
}

/** Redis implementation of {@link CatalogStore}. */
export class RedisCatalog implements CatalogStore {
  readonly #c: RedisConnection;
  readonly #pruning: Required<TombstonePruning>;
  /** The last listing of each shop, whose unchanged products are given back as the same objects. */
  readonly #listed = new StoredProducts();

  /** `pruning` sets the clock tombstones are written with and when they go (defaults: `core/catalog/stampedChange.ts`). */
  constructor(connection: RedisConnection, pruning: TombstonePruning = {}) {
    this.#c = connection;
    this.#pruning = tombstonePruning(pruning);
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
      await this.#c.exec(bumpOps(CATALOG_VERSIONS_KEY, shop));
    });
  }

  /** Every product of a shop, by id (tombstones skipped). */
  async listProducts(shop: string): Promise<Product[]> {
    return this.#c.run('listProducts', async () => {
      const key = productsKey(shop);
      const [res] = await this.#c.exec([cmd(key, 'hgetall', key)]);
      const records = pairs(res).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return this.#listed.list(shop, records, (id, body) => parseJson<Product | Tombstone>(`product ${id} of ${shop}`, body));
    });
  }

  /** Drops what this catalog holds in memory of the shop's last listing (erased, or no longer held by the caller). */
  forgetListing(shop: string): void {
    this.#listed.forget(shop);
  }

  /** Removes products (not tombstones), then bumps the version when one was removed. */
  async removeProducts(shop: string, ids: readonly string[]): Promise<string[]> {
    return this.#c.run('removeProducts', async () => {
      const { changed: removed } = await this.#compareAndSet(shop, [...new Set(ids)], (id, held) => (held && !isTombstone(held) ? { write: null, changed: true } : undefined));
      if (removed.length > 0) await this.#c.exec(bumpOps(CATALOG_VERSIONS_KEY, shop));
      return removed;
    });
  }

  /**
   * Applies stamped changes (compare-and-set on the records read), then bumps the version when one
   * changed a product and, when it wrote, drops the shop's expired tombstones (which changes no answer
   * but freeing space, so bumps nothing).
   */
  async applyStampedChanges(shop: string, changes: readonly StampedChange[]): Promise<string[]> {
    return this.#c.run('applyStampedChanges', async () => {
      // One change per id per round (the last one given): the decisions read each record once.
      const byId = new Map<string, StampedChange[]>();
      for (const c of changes) byId.set(c.id, [...(byId.get(c.id) ?? []), c]);
      const { changed, wrote } = await this.#compareAndSet(shop, [...byId.keys()], (id, held) => {
        let doc = held;
        let changedAny = false;
        for (const c of byId.get(id) ?? []) {
          const next = resolveStamped(doc, c);
          if (!next) continue;
          if (!isTombstone(next) || (doc && !isTombstone(doc))) changedAny = true;
          doc = next;
        }
        return doc === held || doc === undefined ? undefined : { write: doc, changed: changedAny };
      });
      const ops: Op[] = [];
      if (wrote) {
        const [key, times] = [productsKey(shop), tombstonesKey(shop)];
        ops.push(cmd(key, 'eval', PRUNE_LUA, 2, key, times, this.#pruning.now() - this.#pruning.retentionMs, this.#pruning.limit));
      }
      if (changed.length > 0) ops.push(cmd(CATALOG_SHOPS_KEY, 'sadd', CATALOG_SHOPS_KEY, shop), ...bumpOps(CATALOG_VERSIONS_KEY, shop));
      await this.#c.exec(ops);
      return changed;
    });
  }

  /**
   * Reads the records of `ids`, asks `decide` what to write for each (`undefined`: nothing; `write`
   * `null`: delete) and writes it all when no record changed meanwhile (a tombstone with the time now),
   * else decides again. Returns the ids whose decision said `changed`, and whether anything was written.
   */
  async #compareAndSet(
    shop: string,
    ids: readonly string[],
    decide: (id: string, held: Product | Tombstone | undefined) => CasDecision | undefined,
  ): Promise<{ readonly changed: string[]; readonly wrote: boolean }> {
    const none = { changed: [], wrote: false };
    if (ids.length === 0) return none;
    const key = productsKey(shop);
    const times = tombstonesKey(shop);
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
        writes.push([id, expected, d.write === null ? '' : JSON.stringify(d.write), isTombstone(d.write) ? 't' : '']);
        if (d.changed) changed.push(id);
      });
      if (writes.length === 0) return none;
      const [ok] = await this.#c.exec([cmd(key, 'eval', CAS_LUA, 2, key, times, this.#pruning.now(), ...writes.flat())]);
      if (Number(ok) === 1) return { changed, wrote: true };
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

  /**
   * Adds learned product links (a signed one replaces its key's value, any other keeps the first: see
   * `isReplacingLink`), then bumps the shop's links version.
   */
  async saveProductLinks(shop: string, links: readonly (readonly [string, string])[]): Promise<void> {
    return this.#c.run('saveProductLinks', async () => {
      if (links.length === 0) return;
      const key = productLinksKey(shop);
      await this.#c.exec(links.map(([alias, target]) => cmd(key, isReplacingLink(alias) ? 'hset' : 'hsetnx', key, alias, target)));
      await this.#c.exec(bumpOps(LINK_VERSIONS_KEY, shop));
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
