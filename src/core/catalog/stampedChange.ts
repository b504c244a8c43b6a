/**
 * Catalog changes stamped with the time the shop made them (Shopify's product webhooks: delivered at
 * least once, in any order, retried for hours). The store keeps each product's stamp, and a removal
 * keeps its stamp as a tombstone, so that what arrives late changes nothing that is newer:
 *
 * - a product is written when nothing stamped is stored for its id, or its stamp is not earlier than
 *   the stored product's (a duplicate delivery rewrites the same product), or later than a tombstone's;
 * - a removal always applies (Shopify deletes for good and never reuses an id), and its tombstone keeps
 *   the later of its stamp and the stored one, so an update stamped before it never brings it back.
 *
 * A product stored without a stamp (a CSV or JSON import, a catalog sync) takes any stamped change; an
 * import or sync overwrites a tombstone (the merchant's file says the product exists). Pure.
 */
import type { Product } from './product.ts';

/** One stamped change: the product as it now is, or its removal (`product` absent). */
export interface StampedChange {
  /** The catalog id the change is stored under. */
  readonly id: string;
  /** When the shop made the change, UTC ISO with milliseconds (see {@link toStamp}). */
  readonly stamp: string;
  readonly product?: Product;
}

/** What the store holds for a removed product: its id, the removal's stamp, and the marker. */
export interface Tombstone {
  readonly id: string;
  readonly removed: true;
  readonly updatedAt: string;
}

/** A time as a stamp (UTC ISO with milliseconds, ordered as strings), or `undefined` when it is not a time. */
export function toStamp(t: string | number | Date | null | undefined): string | undefined {
  if (t === null || t === undefined || t === '') return undefined;
  const d = t instanceof Date ? t : new Date(t);
  const ms = d.getTime();
  return Number.isFinite(ms) ? d.toISOString() : undefined;
}

/** Whether a stored catalog record is a tombstone rather than a product. */
export function isTombstone(doc: unknown): doc is Tombstone {
  return typeof doc === 'object' && doc !== null && (doc as { removed?: unknown }).removed === true;
}

/** The stamp of a stored record (product or tombstone), when it has one. */
function stampOf(doc: Product | Tombstone | undefined): string | undefined {
  return doc && typeof doc.updatedAt === 'string' ? doc.updatedAt : undefined;
}

/**
 * What to store for `change` given the stored record (`undefined` when none): the new record, or
 * `undefined` when the change is older than what is stored and must be dropped.
 */
export function resolveStamped(stored: Product | Tombstone | undefined, change: StampedChange): Product | Tombstone | undefined {
  const held = stampOf(stored);
  if (!change.product) {
    const updatedAt = held !== undefined && held > change.stamp ? held : change.stamp;
    return { id: change.id, removed: true, updatedAt };
  }
  if (held !== undefined && (isTombstone(stored) ? change.stamp <= held : change.stamp < held)) return undefined;
  return { ...change.product, id: change.id, updatedAt: change.stamp };
}

/**
 * How long the store keeps a tombstone after writing it, ms: 7 days. A tombstone only has to outlive
 * the deliveries still on their way when it is written, and Shopify retries a failed delivery 8 times
 * over 4 hours (docs/shopify.md §3, "Delivery limits") and never reuses a deleted product's
 * id; a week leaves room for an outage of our own that Shopify's retries span, and for clock skew.
 * Counted from when the store wrote the tombstone, never from its stamp (Shopify's `updated_at`, or
 * whatever a forged payload says): an odd stamp far in the past cannot make a fresh tombstone go at once.
 */
export const TOMBSTONE_RETENTION_MS = 7 * 86_400_000;

/**
 * Expired tombstones one write of a shop drops at most, so that no write scans a huge shop: every
 * removal is a write that drops up to this many, so expired tombstones never pile up.
 */
export const TOMBSTONE_PRUNE_LIMIT = 100;

/** How a catalog store prunes tombstones (defaults: the wall clock, {@link TOMBSTONE_RETENTION_MS}, {@link TOMBSTONE_PRUNE_LIMIT}). */
export interface TombstonePruning {
  /** The store's clock, epoch ms: the write time it keeps for each tombstone. */
  readonly now?: () => number;
  /** A tombstone written more than this long ago is dropped by the shop's next write, ms. */
  readonly retentionMs?: number;
  /** Expired tombstones one write drops at most. */
  readonly limit?: number;
}

/** {@link TombstonePruning} with its defaults filled in. */
export function tombstonePruning(opts: TombstonePruning = {}): Required<TombstonePruning> {
  const retentionMs = opts.retentionMs ?? TOMBSTONE_RETENTION_MS;
  const limit = opts.limit ?? TOMBSTONE_PRUNE_LIMIT;
  if (!Number.isSafeInteger(retentionMs) || retentionMs <= 0) throw new TypeError(`Tombstone retention must be a positive integer (ms), got ${String(retentionMs)}.`);
  if (!Number.isSafeInteger(limit) || limit <= 0) throw new TypeError(`Tombstone prune limit must be a positive integer, got ${String(limit)}.`);
  return { now: opts.now ?? Date.now, retentionMs, limit };
}
