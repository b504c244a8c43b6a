/**
 * The compact native event form, for sources other than Shopify pixels (a POS, a mobile app, an
 * agent through our own API).
 *
 * ```json
 * {"id": "evt-1", "type": "view", "userId": "u-42", "timestamp": "2026-11-24T10:00:00Z",
 *  "productId": "8896125829396"}
 * {"id": "evt-2", "type": "purchase", "userId": "u-42", "orderId": "1001",
 *  "items": [{"productId": "1", "quantity": 2, "price": 19.9, "currency": "EUR"}]}
 * ```
 */
import { z } from 'zod';
import { gidKindProblem, IdSchema as Id, IdStringSchema, normalizeId, PRODUCT_GID_KINDS, refineShopperId, shopperIdOf } from '../ids.ts';
import { MAX_LINE_TOTAL, MAX_UNIT_PRICE, moneyFromMajor } from '../money.ts';
import { EVENT_TYPES, type EventItem, type UserEvent } from './userEvent.ts';
import { CurrencyCode } from '../currencyCode.ts';
import { CountryCode } from '../countryCode.ts';

const NativeItemSchema = z
  .object({
    productId: Id,
    variantId: Id.optional(),
    quantity: z.number().int().positive().max(100_000).optional(),
    price: z.number().nonnegative().max(MAX_UNIT_PRICE).optional(),
    currency: CurrencyCode.optional(),
  })
  // A unit price over MAX_UNIT_PRICE is reported by its own check, once.
  .refine((it) => it.price === undefined || it.price > MAX_UNIT_PRICE || it.price * (it.quantity ?? 1) <= MAX_LINE_TOTAL, {
    message: `price × quantity must be at most ${MAX_LINE_TOTAL.toLocaleString('en-US')} (the price is per unit, in major units: 29.90, not 2990)`,
    path: ['price'],
  });

/** A native event as sent to `POST /v1/events`. */
export const NativeEventSchema = z
  .object({
    id: IdStringSchema,
    type: z.enum(EVENT_TYPES),
    userId: IdStringSchema.superRefine(refineShopperId),
    timestamp: z.union([z.string(), z.number()]).optional(),
    productId: Id.optional(),
    variantId: Id.optional(),
    items: z.array(NativeItemSchema).max(500).optional(),
    query: z.string().max(500).optional(),
    customerId: Id.optional(),
    orderId: Id.optional(),
    market: z.string().max(100).optional(),
    country: CountryCode.optional(),
    currency: CurrencyCode.optional(),
    source: z.enum(['api', 'agent']).optional(),
    agent: z.string().max(100).optional(),
  })
  .strict()
  // A price says nothing without its currency: refused rather than dropped (the line then counted no
  // revenue, and an order reported this way replaced the pixel's report of it: orderReports.ts).
  .superRefine((e, ctx) => {
    // A Shopify GID of another kind would be read as its bare number (a collection's GID as product 1).
    const kinds = (path: (string | number)[], value: unknown, of: readonly string[]) => {
      const problem = gidKindProblem(value, of);
      if (problem) ctx.addIssue({ code: 'custom', path, message: problem });
    };
    kinds(['productId'], e.productId, PRODUCT_GID_KINDS);
    kinds(['variantId'], e.variantId, ['ProductVariant']);
    kinds(['orderId'], e.orderId, ['Order']);
    kinds(['customerId'], e.customerId, ['Customer']);
    (e.items ?? []).forEach((it, i) => {
      kinds(['items', i, 'productId'], it.productId, PRODUCT_GID_KINDS);
      kinds(['items', i, 'variantId'], it.variantId, ['ProductVariant']);
    });
    if (e.currency !== undefined) return;
    (e.items ?? []).forEach((it, i) => {
      if (it.price !== undefined && it.currency === undefined) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'price'], message: "a price needs its currency: set the item's currency or the event's (ISO 4217, e.g. \"USD\")" });
      }
    });
  });

export type NativeEvent = z.infer<typeof NativeEventSchema>;

/** Normalises a validated native event. */
export function normalizeNativeEvent(e: NativeEvent, shop: string, parseTs: (raw: string | number | undefined) => number): UserEvent {
  const items: EventItem[] = [];
  // The schema holds every product id to something visible (IdStringSchema) or a non-negative integer,
  // which `normalizeId` always names; an id it could not name would be no item at all.
  const productId = normalizeId(e.productId);
  if (productId !== undefined) {
    const variantId = normalizeId(e.variantId);
    items.push({ productId, ...(variantId ? { variantId } : {}), quantity: 1 });
  }
  for (const it of e.items ?? []) {
    const id = normalizeId(it.productId);
    if (id === undefined) continue;
    const currency = it.currency ?? e.currency;
    const price = it.price !== undefined && currency ? moneyFromMajor(it.price, currency) : undefined;
    const variantId = normalizeId(it.variantId);
    items.push({ productId: id, ...(variantId ? { variantId } : {}), quantity: it.quantity ?? 1, ...(price ? { price } : {}) });
  }
  const customerId = normalizeId(e.customerId);
  const orderId = normalizeId(e.orderId);
  return {
    v: 1,
    id: e.id,
    shop,
    userId: shopperIdOf(e.userId),
    type: e.type,
    name: e.type,
    ts: parseTs(e.timestamp),
    items,
    ...(e.query !== undefined ? { query: e.query } : {}),
    source: e.source ?? 'api',
    ...(e.agent ? { agent: e.agent } : {}),
    ...(customerId ? { customerId } : {}),
    ...(orderId ? { orderId } : {}),
    ...(e.market ? { market: e.market } : {}),
    ...(e.country ? { country: e.country.toUpperCase() } : {}),
    ...(e.currency ? { currency: e.currency.toUpperCase() } : {}),
  };
}
