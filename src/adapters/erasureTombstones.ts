/**
 * Erasure tombstones of the attribution stores (docs/privacy.md): when a shopper id is erased, the
 * store keeps a hash of (shop, id) with the erasure time for {@link ERASED_KEEP_MS}, and a served list
 * naming that id with a time at or before the erasure (a list some process still held in its buffer) is
 * dropped instead of written. The raw id is never kept; nothing but the list writes reads a tombstone.
 *
 * Erasing a shop leaves the shop's tombstone instead (the erasure time, under the shop; its shopper
 * tombstones go with the rest of the shop): a list of the shop served at or before it, whatever id it
 * names, and an outcome of an event at or before it, are dropped; later ones are the reinstalled
 * shop's. Kept as long, {@link ERASED_KEEP_MS}. Stores: `sqlite/sqliteAttribution.ts`
 * (`rec_erased_shops`), `redis/redisAttribution.ts` and `redis/redisPrivacy.ts` (`aff:{<shop>}:rx:shop`).
 */
import { createHash } from 'node:crypto';

/**
 * How long a tombstone (a shopper's or a shop's) is kept: 24 hours. A served list waits in its process's buffer for about a
 * second (`ServedRecorder`), or for as long as the store stays unreachable (the recorder retries; a
 * restart loses the buffer). A day is far beyond the first and beyond the outages that buffer is for,
 * and short enough that a tombstone (a pseudonymous hash) does not outlive its purpose. A list held
 * longer than this is written when the store comes back (docs/privacy.md).
 */
export const ERASED_KEEP_MS = 86_400_000;

/** Bytes of the SHA-256 kept (128 bits: no two ids of a shop share one in practice). */
const HASH_BYTES = 16;

/** The tombstone of one shopper id of one shop: SHA-256 of `shop \0 id`, truncated to 16 bytes. */
export function erasedIdHash(shop: string, id: string): Buffer {
  return createHash('sha256').update(shop).update('\0').update(id).digest().subarray(0, HASH_BYTES);
}
