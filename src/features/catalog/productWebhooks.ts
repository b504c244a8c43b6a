/**
 * Shopify's product webhooks applied to the catalog: `products/create` and `products/update` write the
 * product as the shop now has it (a draft or archived one stays, unpublished, so it is no longer
 * recommended), `products/delete` removes it. Deliveries come at least once and in any order: each
 * change is stamped (the payload's `updated_at`; for a deletion, which carries only `{id}`, the time
 * it was triggered) and the store never lets an older change overwrite a newer one nor an update
 * delivered late bring a deleted product back (`core/catalog/stampedChange.ts`).
 *
 * The payload names the product by its numeric id and its handle; the catalog may hold it under its
 * CSV handle. The product is written under the catalog's id for it (its handle, when the catalog has a
 * product with that handle, else its numeric id), and a match by handle teaches the signed link
 * `s:<numeric id>` → handle, so that a later deletion finds it by id. A signed delivery is the authority
 * on which id is which handle: its link replaces what storefront events claimed (anyone can post one;
 * see `core/catalog/productIdentity.ts`). A deletion carries only the id: it follows a storefront claim
 * only while no other claim disputes it. What the payload does not carry is kept from the catalog's
 * copy: category, url, market prices, audiences.
 *
 * Call it only with a verified delivery (the HMAC checked): it trusts the payload's shop.
 */
import { readRestProduct, restProductId } from '../../core/catalog/restProductPayload.ts';
import type { Product } from '../../core/catalog/product.ts';
import { toStamp, type StampedChange } from '../../core/catalog/stampedChange.ts';
import type { CatalogRegistry } from './catalogRegistry.ts';

/** The product topics handled here. */
export const PRODUCT_WEBHOOK_TOPICS = ['products/create', 'products/update', 'products/delete'] as const;
export type ProductWebhookTopic = (typeof PRODUCT_WEBHOOK_TOPICS)[number];

/** Whether `topic` (an `X-Shopify-Topic` value) is one of {@link PRODUCT_WEBHOOK_TOPICS}. */
export function isProductWebhookTopic(topic: unknown): topic is ProductWebhookTopic {
  return typeof topic === 'string' && (PRODUCT_WEBHOOK_TOPICS as readonly string[]).includes(topic);
}

/** Options of {@link applyProductWebhook}. */
export interface ProductWebhookOptions {
  /**
   * When Shopify triggered the delivery (epoch ms or ISO: the `X-Shopify-Triggered-At` header), else
   * when it was received. The stamp of a deletion, and of an update without a valid `updated_at`.
   */
  readonly at?: number | string;
  /**
   * The shop's currency (the payload's prices are in it and do not name it). Default: the currency of
   * the catalog's copy of the product, else of any product of the shop's catalog, else USD.
   */
  readonly currency?: string;
  /** Epoch ms now (tests); the stamp of a delivery is never later than this. */
  readonly now?: number;
}

/**
 * What a delivery did: `written` (created or updated), `removed`, `stale` (older than what is held:
 * nothing changed), `ignored` (an unreadable payload: nothing changed; `reason` says why). Every outcome
 * is final: acknowledge the delivery with a 2xx (a retry would bring the same payload).
 */
export interface ProductWebhookOutcome {
  readonly topic: ProductWebhookTopic;
  readonly outcome: 'written' | 'removed' | 'stale' | 'ignored';
  /** The catalog id the change was applied under (absent when ignored). */
  readonly id?: string;
  /** Shopify's numeric product id, when the payload had one. */
  readonly numericId?: string;
  readonly reason?: string;
}

/** The catalog's copy wins where the payload has nothing to say. */
function keepFromCatalog(fresh: Product, held: Product | undefined, id: string): Product {
  if (!held) return fresh;
  return {
    ...fresh,
    id,
    // A catalog keyed by handle (a CSV import) keeps the handle its id is.
    handle: held.id === held.handle ? held.handle : fresh.handle,
    category: held.category,
    ...(held.url ? { url: held.url } : {}),
    ...(held.marketPrices ? { marketPrices: held.marketPrices } : {}),
    ...(held.audiences ? { audiences: held.audiences } : {}),
    ...(held.createdAt && !fresh.createdAt ? { createdAt: held.createdAt } : {}),
  };
}

/**
 * Applies one verified product webhook delivery to the shop's catalog.
 * @throws AffinityError `STORE_UNAVAILABLE` when the store cannot be written (answer 503: Shopify retries)
 */
export async function applyProductWebhook(
  catalogs: CatalogRegistry,
  shop: string,
  topic: ProductWebhookTopic,
  payload: unknown,
  opts: ProductWebhookOptions = {},
): Promise<ProductWebhookOutcome> {
  const numericId = restProductId(payload);
  if (numericId === undefined) return { topic, outcome: 'ignored', reason: 'the payload has no numeric product id' };
  // The delivery's time is not signed: it may date a change back, never into the future (a stamp from
  // the future would hold every later genuine change out).
  const now = opts.now ?? Date.now();
  const said = toStamp(opts.at ?? now);
  const at = said !== undefined && Date.parse(said) <= now ? said : new Date(now).toISOString();
  // Another process may have imported the shop's first catalog meanwhile: load it now. A catalog held
  // already is brought up to date by the next batched rebuild (a delivery never waits for a reload).
  await catalogs.refresh({ soon: true });
  const catalog = catalogs.get(shop);
  // The shop comes from an unsigned header: a delivery never creates a catalog (a shop that has not
  // imported or synced one yet gets its products then).
  if (catalog.index.size === 0) return { topic, outcome: 'ignored', numericId, reason: 'this shop has no catalog yet (import or sync it first)' };
  if (topic === 'products/delete') {
    const id = catalogs.productToRemove(shop, numericId);
    if (id === undefined && catalogs.productOf(shop, numericId) !== undefined) {
      return { topic, outcome: 'ignored', numericId, reason: `storefront events disagree about which product ${numericId} is, and no signed delivery said: nothing removed (a products/update of the product settles it)` };
    }
    const target = id ?? numericId;
    // The tombstone also goes under the numeric id: once the product is gone, a create or update
    // delivered late no longer finds it by handle and is written under its numeric id, where this
    // deletion must still hold it out.
    const changes: StampedChange[] = target === numericId ? [{ id: target, stamp: at }] : [{ id: target, stamp: at }, { id: numericId, stamp: at }];
    const changed = await catalogs.applyStamped(shop, changes);
    return { topic, outcome: changed.length > 0 ? 'removed' : 'stale', id: target, numericId, ...(changed.length > 0 ? {} : { reason: 'not in the catalog (remembered: a create or update delivered late stays out)' }) };
  }

  const byId = catalogs.productOf(shop, numericId);
  const currency = opts.currency ?? (byId === undefined ? undefined : catalogs.current(shop, byId))?.variants[0]?.price.currency ?? catalog.index.all()[0]?.variants[0]?.price.currency ?? 'USD';
  const read = readRestProduct(payload, currency);
  if ('problem' in read) return { topic, outcome: 'ignored', numericId, reason: read.problem };
  // The catalog's product with the payload's handle is this product (a CSV import keys it by handle),
  // whatever storefront events claimed its id was; unless the catalog itself or an earlier signed
  // delivery gives that handle another numeric id (then this is not that product: another shop's body
  // sent with this shop's name, say; the shop header is not signed).
  const handleMatch = catalogs.productOf(shop, read.product.handle);
  const knownAs = handleMatch === undefined ? undefined : /^\d+$/.test(handleMatch) ? handleMatch : catalog.identity.signedIdOf(read.product.handle);
  if (knownAs !== undefined && knownAs !== numericId) {
    return { topic, outcome: 'ignored', numericId, reason: `the catalog knows the product with handle ${read.product.handle} as ${knownAs}, not ${numericId}` };
  }
  const target = handleMatch ?? byId ?? numericId;
  // Deliveries answered a moment ago may not be in the index yet: `current` reads them too.
  const change: StampedChange = { id: target, stamp: read.stamp ?? at, product: keepFromCatalog(read.product, catalogs.current(shop, target), target) };
  const changed = await catalogs.applyStamped(shop, [change]);
  if (handleMatch !== undefined && handleMatch !== numericId && catalog.identity.signedIdOf(read.product.handle) !== numericId) await catalogs.learn(shop, [[`s:${numericId}`, read.product.handle]]);
  return changed.length > 0 ? { topic, outcome: 'written', id: target, numericId } : { topic, outcome: 'stale', id: target, numericId, reason: 'a newer change of the product is held' };
}
