/**
 * Shopify Web Pixels standard events, validated exactly as a pixel sends them and normalised into
 * {@link UserEvent}s. Shapes follow `@shopify/web-pixels-extension` (see docs/shopify.md §2): ids are
 * numeric strings (or GIDs), money is a decimal `{amount, currencyCode}`, `seq` and `type` may be absent.
 */
import { z } from 'zod';
import { IdStringSchema, isWellFormed, LONE_SURROGATE_MESSAGE, MAX_ID_LENGTH, normalizeId } from '../ids.ts';
import { handleFromUrl } from '../catalog/productIdentity.ts';
import { moneyFromMajor } from '../money.ts';
import { LIST_VIEWED_EVENT } from '../attribution/outcomes.ts';
import { recIdFrom } from '../attribution/servedList.ts';
import type { ConsentFlags, EventItem, EventType, UserEvent } from './userEvent.ts';
import { mergeItem } from './mergeItems.ts';

/** An amount as the pixel writes it: a number, or a decimal string ("29.00"); "x" is no amount (it was stored as none). */
const Amount = z.union([z.number().finite(), z.string().trim().regex(/^-?\d+(?:\.\d+)?$/, 'must be a decimal amount such as "29.00"')]);
const MoneySchema = z.object({ amount: Amount, currencyCode: z.string() }).partial().passthrough();
/** Units of a line: a whole number above 0 (-1 and 1.5 were stored as 1). */
const Quantity = z.number().int('must be a whole number of units').positive('must be above 0').nullish();

/**
 * An id that becomes a store key (product, variant, order, customer): at most `MAX_ID_LENGTH` code
 * units of well-formed Unicode. As pixels send it: possibly empty, null or a number (such an item is
 * dropped when no id remains after `normalizeId`).
 */
const IdSchema = z.union([z.string().max(MAX_ID_LENGTH).refine(isWellFormed, LONE_SURROGATE_MESSAGE), z.number()]).nullish();

/** An id Affinity only carries along (a collection's id): not a key, so not held to the key rules. */
const OtherIdSchema = z.union([z.string(), z.number()]).nullish();

const VariantSchema = z
  .object({
    id: IdSchema,
    price: MoneySchema.nullish(),
    sku: z.string().nullish(),
    title: z.string().nullish(),
    product: z
      .object({ id: IdSchema, title: z.string().nullish(), type: z.string().nullish(), vendor: z.string().nullish(), url: z.string().nullish() })
      .passthrough()
      .nullish(),
  })
  .passthrough();

const CartLineSchema = z
  .object({ quantity: Quantity, merchandise: VariantSchema.nullish(), cost: z.object({ totalAmount: MoneySchema.nullish() }).passthrough().nullish() })
  .passthrough();

const LineItemSchema = z.object({ quantity: Quantity, variant: VariantSchema.nullish(), finalLinePrice: MoneySchema.nullish() }).passthrough();

const CheckoutSchema = z
  .object({
    token: z.string().nullish(),
    currencyCode: z.string().nullish(),
    lineItems: z.array(LineItemSchema).nullish(),
    localization: z
      .object({
        country: z.object({ isoCode: z.string().nullish() }).passthrough().nullish(),
        market: z.object({ id: z.string().nullish(), handle: z.string().nullish() }).passthrough().nullish(),
      })
      .passthrough()
      .nullish(),
    order: z
      .object({ id: IdSchema, customer: z.object({ id: IdSchema }).passthrough().nullish() })
      .passthrough()
      .nullish(),
  })
  .passthrough();

/** The Web Pixel event envelope (every standard event). */
export const PixelEventSchema = z
  .object({
    id: IdStringSchema,
    name: z.string().min(1).max(100),
    clientId: IdStringSchema,
    timestamp: z.string().optional(),
    seq: z.number().optional(),
    type: z.string().optional(),
    context: z.record(z.string(), z.unknown()).optional(),
    data: z.record(z.string(), z.unknown()).nullish(),
  })
  .passthrough();

export type PixelEvent = z.infer<typeof PixelEventSchema>;

/** Standard event names Affinity uses, and what they become. */
const PIXEL_TYPES: Readonly<Record<string, EventType>> = {
  page_viewed: 'page_view',
  product_viewed: 'view',
  collection_viewed: 'collection_view',
  search_submitted: 'search',
  product_added_to_cart: 'add_to_cart',
  product_removed_from_cart: 'remove_from_cart',
  cart_viewed: 'cart_view',
  checkout_started: 'checkout_start',
  checkout_completed: 'purchase',
};

/** Listings (collections, search results) are weak signals: only their first items count. */
const LISTING_CAP = 12;

/** Per-data-shape schemas, validated only for the events that carry them. */
const DATA_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  product_viewed: z.object({ productVariant: VariantSchema }).passthrough(),
  product_added_to_cart: z.object({ cartLine: CartLineSchema.nullable() }).passthrough(),
  product_removed_from_cart: z.object({ cartLine: CartLineSchema.nullable() }).passthrough(),
  collection_viewed: z.object({ collection: z.object({ id: OtherIdSchema, title: z.string().nullish(), productVariants: z.array(VariantSchema).nullish() }).passthrough() }).passthrough(),
  search_submitted: z.object({ searchResult: z.object({ query: z.string(), productVariants: z.array(VariantSchema).nullish() }).passthrough() }).passthrough(),
  cart_viewed: z.object({ cart: z.object({ lines: z.array(CartLineSchema).nullish() }).passthrough().nullable() }).passthrough(),
  checkout_started: z.object({ checkout: CheckoutSchema }).passthrough(),
  checkout_completed: z.object({ checkout: CheckoutSchema }).passthrough(),
};

/**
 * Whether a pixel event name is one Affinity turns into behaviour: a standard event it learns from, or
 * the theme block's list view. Any other name (a standard event Affinity does not use, a DOM, custom or
 * future event) is ignored, whatever its payload (`core/events/ingest.ts`).
 */
export function isUsedPixelEvent(name: string): boolean {
  return Object.hasOwn(PIXEL_TYPES, name) || name === LIST_VIEWED_EVENT;
}

type Variant = z.infer<typeof VariantSchema>;
type Money = z.infer<typeof MoneySchema>;

function money(m: Money | null | undefined, quantity = 1): EventItem['price'] {
  if (!m || m.amount === undefined || !m.currencyCode) return undefined;
  const major = typeof m.amount === 'string' ? Number(m.amount) : m.amount;
  if (!Number.isFinite(major) || quantity <= 0) return undefined;
  return moneyFromMajor(major / quantity, m.currencyCode);
}

/**
 * A line's price as the line states it: its unit price (the total over the units, rounded to the
 * minor unit) and, when it has more than one unit, the total itself, which the rounded unit price
 * times the units may miss by a few cents (7 units for 100.00 are 14.29 each, 100.03 together).
 */
function linePrice(m: Money | null | undefined, quantity: number): Pick<EventItem, 'price' | 'lineTotal'> {
  const unit = money(m, quantity);
  if (!unit) return {};
  const total = quantity > 1 ? money(m) : undefined;
  return total && total.currency === unit.currency && total.amount !== unit.amount * quantity ? { price: unit, lineTotal: total.amount } : { price: unit };
}

/**
 * A handle that may stand in for a product id: Shopify sends `product.id` and `productVariant.id` as
 * null on some storefronts (docs/shopify.md §2.3) while `product.url` still names the product, and the
 * catalog resolves a handle like any other id (core/catalog/productIdentity.ts). Only a handle that can
 * be a store key qualifies (at most `MAX_ID_LENGTH` code units of well-formed Unicode).
 */
function handleAsId(handle: string | undefined): string | undefined {
  return handle && handle.length <= MAX_ID_LENGTH && isWellFormed(handle) ? handle : undefined;
}

/**
 * One event item from a pixel's product variant. The product is named by its numeric id, else the
 * variant's id, else the handle of `product.url` (else `pageHandle`, the handle of the page the event
 * happened on, which only a product view passes: its page is the product's).
 *
 * Its unit price is `unit`, what the shopper pays per unit on the line (a checkout line's
 * `finalLinePrice`, a cart line's `cost.totalAmount`, after the line's discounts, divided by its
 * quantity), when the line states it; else the variant's list `price`. A line bought with a 20 %
 * code counts at 80 % of the list price (docs/shopify.md §2.3).
 */
function item(v: Variant | null | undefined, quantity: number, line?: Pick<EventItem, 'price' | 'lineTotal'>, pageHandle?: string): EventItem | undefined {
  if (!v) return undefined;
  const handle = handleFromUrl(v.product?.url) ?? pageHandle;
  const productId = normalizeId(v.product?.id) ?? normalizeId(v.id) ?? handleAsId(handle);
  if (!productId) return undefined;
  const variantId = normalizeId(v.id);
  const price = line?.price ?? money(v.price);
  const lineTotal = line?.price && Math.round(quantity) === quantity ? line.lineTotal : undefined;
  return {
    productId,
    ...(variantId && variantId !== productId ? { variantId } : {}),
    // A handle that is already the product id links nothing (and a digits-only one would read as a numeric id).
    ...(handle && handle !== productId ? { handle } : {}),
    quantity: quantity > 0 ? Math.round(quantity) : 1,
    ...(price ? { price } : {}),
    ...(lineTotal !== undefined ? { lineTotal } : {}),
    ...(v.product?.title ? { title: v.product.title } : {}),
    ...(v.product?.vendor ? { vendor: v.product.vendor } : {}),
    ...(v.product?.type ? { productType: v.product.type } : {}),
  };
}

/** `context.document.location.pathname` of a pixel event, when it is a string. */
function pathOf(context: Record<string, unknown> | undefined): string | undefined {
  const doc = context?.document as { location?: { pathname?: unknown } } | undefined;
  return typeof doc?.location?.pathname === 'string' ? doc.location.pathname : undefined;
}

/** The `aff_rec` recommendation id of the page a pixel event happened on (`location.search`, else `href`). */
function recOf(context: Record<string, unknown> | undefined): string | undefined {
  const loc = (context?.document as { location?: { search?: unknown; href?: unknown } } | undefined)?.location;
  const search = typeof loc?.search === 'string' ? loc.search : undefined;
  const href = typeof loc?.href === 'string' ? loc.href : undefined;
  return recIdFrom(search) ?? recIdFrom(href);
}

/** `affinity:recommendations_viewed` (published by the theme block, forwarded by the pixel): a view of list `customData.list`. */
function listViewed(e: PixelEvent, ctx: PixelContext, parseTs: (raw: string | undefined) => number): UserEvent | undefined {
  const custom = (e as { customData?: unknown }).customData as { list?: unknown } | undefined;
  const rec = typeof custom?.list === 'string' ? recIdFrom(`?aff_rec=${encodeURIComponent(custom.list)}`) : undefined;
  if (!rec) return undefined;
  const country = countryHint(e);
  // Stored as a page view without items: it weighs nothing in profiles and statistics.
  return { v: 1, id: e.id, shop: ctx.shop, userId: e.clientId, type: 'page_view', name: e.name, ts: parseTs(e.timestamp), items: [], source: 'pixel', rec, ...(country ? { country } : {}), ...(ctx.consent ? { consent: ctx.consent } : {}) };
}

function compact<T>(xs: (T | undefined)[]): T[] {
  return xs.filter((x): x is T => x !== undefined);
}

/**
 * The storefront's country as Affinity's pixel adds it to an event (`affinity.country`): the theme
 * block's `localization.country`, published in its custom events and remembered by the pixel. A
 * browsing event carries no country of its own (only a checkout's localization names one), so without
 * it a single-currency shop's foreign visitors would be filed under the default market. A hint only:
 * a checkout's own localization wins. ISO 3166-1 alpha-2, else ignored.
 */
function countryHint(e: PixelEvent): string | undefined {
  const c = ((e as { affinity?: unknown }).affinity as { country?: unknown } | undefined)?.country;
  return typeof c === 'string' && /^[A-Za-z]{2}$/.test(c) ? c.toUpperCase() : undefined;
}

/** Context of the request a pixel event arrived in. */
export interface PixelContext {
  readonly shop: string;
  /** Receipt time, epoch ms: used when the event has no timestamp, and to clamp future ones. */
  readonly now: number;
  readonly consent?: ConsentFlags;
}

/**
 * Normalises one validated pixel event. Returns `undefined` for events Affinity does not use
 * (unknown standard events, DOM and custom events): they are accepted and ignored.
 * @throws z.ZodError when the event's `data` does not have its documented shape.
 */
export function normalizePixelEvent(e: PixelEvent, ctx: PixelContext, parseTs: (raw: string | undefined) => number): UserEvent | undefined {
  if (e.name === LIST_VIEWED_EVENT) return listViewed(e, ctx, parseTs);
  // Own names only: `constructor` or `toString` must not find Object.prototype's members.
  const type = Object.hasOwn(PIXEL_TYPES, e.name) ? PIXEL_TYPES[e.name] : undefined;
  if (!type) return undefined;
  const schema = Object.hasOwn(DATA_SCHEMAS, e.name) ? DATA_SCHEMAS[e.name] : undefined;
  const data = (schema ? schema.parse(e.data ?? {}) : (e.data ?? {})) as Record<string, any>;
  let items: EventItem[] = [];
  let query: string | undefined;
  let rec: string | undefined;
  let extra: Partial<Pick<UserEvent, 'orderId' | 'customerId' | 'market' | 'country' | 'currency'>> = {};
  switch (e.name) {
    case 'product_viewed': {
      // No product.url in the payload: the page's own path names the handle.
      items = compact([item(data.productVariant, 1, undefined, handleFromUrl(pathOf(e.context)))]);
      // Landed from a recommendation link: a click on list `aff_rec`.
      rec = recOf(e.context);
      break;
    }
    case 'product_added_to_cart':
    case 'product_removed_from_cart': {
      const line = data.cartLine;
      const q = line?.quantity ?? 1;
      items = compact([item(line?.merchandise, q, linePrice(line?.cost?.totalAmount, q))]);
      break;
    }
    case 'collection_viewed':
      items = compact((data.collection.productVariants ?? []).slice(0, LISTING_CAP).map((v: Variant) => item(v, 1)));
      break;
    case 'search_submitted':
      query = data.searchResult.query;
      items = compact((data.searchResult.productVariants ?? []).slice(0, LISTING_CAP).map((v: Variant) => item(v, 1)));
      break;
    case 'cart_viewed':
      items = compact((data.cart?.lines ?? []).map((l: z.infer<typeof CartLineSchema>) => item(l.merchandise, l.quantity ?? 1, linePrice(l.cost?.totalAmount, l.quantity ?? 1))));
      break;
    case 'checkout_started':
    case 'checkout_completed': {
      const c = data.checkout as z.infer<typeof CheckoutSchema>;
      items = compact((c.lineItems ?? []).map((li) => item(li.variant, li.quantity ?? 1, linePrice(li.finalLinePrice, li.quantity ?? 1))));
      // Without an order (Shopify sends `order: null` when the order is not made yet), the checkout's
      // token names the purchase: a checkout sent twice under two event ids is one order, not two.
      const token = typeof c.token === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(c.token) ? c.token : undefined;
      const orderId = normalizeId(c.order?.id) ?? (token ? `checkout:${token}` : undefined);
      const customerId = normalizeId(c.order?.customer?.id);
      const market = c.localization?.market?.handle ?? undefined;
      const country = c.localization?.country?.isoCode ?? undefined;
      extra = {
        ...(orderId ? { orderId } : {}),
        ...(customerId ? { customerId } : {}),
        ...(market ? { market } : {}),
        ...(country ? { country } : {}),
        ...(c.currencyCode ? { currency: c.currencyCode } : {}),
      };
      break;
    }
    default:
      break;
  }
  if (extra.market === undefined && extra.country === undefined) {
    const country = countryHint(e);
    if (country) extra = { ...extra, country };
  }
  return {
    v: 1,
    id: e.id,
    shop: ctx.shop,
    userId: e.clientId,
    type,
    name: e.name,
    ts: parseTs(e.timestamp),
    items: mergeItems(items),
    ...(query !== undefined ? { query } : {}),
    ...(rec ? { rec } : {}),
    source: 'pixel',
    ...extra,
    ...(ctx.consent ? { consent: ctx.consent } : {}),
  };
}

/**
 * One product per item (several variants of one product in a cart become one item). The merged unit
 * price is the lines' total over their units (rounded to the minor unit), so that price × quantity is
 * still what the lines cost: two variants at different prices do not both count at the first one's.
 */
function mergeItems(items: EventItem[]): EventItem[] {
  const byId = new Map<string, EventItem>();
  for (const it of items) {
    const prev = byId.get(it.productId);
    byId.set(it.productId, prev ? mergeItem(prev, it) : it);
  }
  return [...byId.values()];
}
