/**
 * The normalised user event: what every source (Web Pixel, native API, MCP agent) is turned into
 * before it is stored. Stored events are versioned (`v`) so that the shape can evolve.
 */
import type { Money } from '../money.ts';

/** Behavioural event kinds, in rising order of intent. */
export const EVENT_TYPES = [
  'page_view',
  'collection_view',
  'search',
  'view',
  'cart_view',
  'remove_from_cart',
  'add_to_cart',
  'checkout_start',
  'purchase',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** Where an event came from, so that agent and human signals can be told apart. */
export type EventSource = 'pixel' | 'api' | 'agent';

/** A product touched by an event. */
export interface EventItem {
  readonly productId: string;
  readonly variantId?: string;
  /** The product's handle when the payload shows it (a pixel's `product.url` is `/products/<handle>`): links the numeric id to a CSV catalog's handle. */
  readonly handle?: string;
  readonly quantity: number;
  /** Unit price as observed in the event, if any. */
  readonly price?: Money;
  /**
   * What the line cost in all, in minor units of `price.currency`, when the event states it and it is
   * not `price.amount × quantity` (a unit price rounded to the minor unit misses the total by a few
   * cents: 7 units for 100.00). Revenue reads it before the product of the two.
   */
  readonly lineTotal?: number;
  /** Product facts carried by the payload (pixels carry title, vendor, type); used when the catalog lacks the product. */
  readonly title?: string;
  readonly vendor?: string;
  readonly productType?: string;
}

/** What a line cost in all, in minor units of its `price.currency` (0 without a price). */
export function lineAmount(it: Pick<EventItem, 'price' | 'lineTotal' | 'quantity'>): number {
  return it.price ? (it.lineTotal ?? it.price.amount * it.quantity) : 0;
}

/** Consent flags as reported by the Shopify Customer Privacy API at the time of the event. */
export interface ConsentFlags {
  readonly analytics?: boolean;
  readonly marketing?: boolean;
  readonly preferences?: boolean;
  readonly saleOfData?: boolean;
}

/** A normalised, validated user event (schema version 1). */
export interface UserEvent {
  readonly v: 1;
  /** Idempotency key: the pixel event id or the caller's id. Unique per shop. */
  readonly id: string;
  /** Tenant. */
  readonly shop: string;
  /** Whose behaviour this is: the pixel `clientId`, or the caller's user id. */
  readonly userId: string;
  /** Shopify customer id when known (checkout_completed, logged-in sessions). */
  readonly customerId?: string;
  readonly type: EventType;
  /** Original event name (e.g. `product_added_to_cart`). */
  readonly name: string;
  /** When it happened, epoch milliseconds. */
  readonly ts: number;
  readonly items: readonly EventItem[];
  /** Search query for `search` events. */
  readonly query?: string;
  readonly source: EventSource;
  /** Which agent produced it when `source` is `agent`. */
  readonly agent?: string;
  /** Market handle or id, country and currency when the payload tells. */
  readonly market?: string;
  readonly country?: string;
  readonly currency?: string;
  readonly consent?: ConsentFlags;
  /** Order id for purchases. */
  readonly orderId?: string;
  /**
   * The recommendation list the event belongs to: the `aff_rec` of a product view's page URL (a click
   * on a recommendation), or the `list` of an `affinity:recommendations_viewed` event (docs/decisions/0002).
   */
  readonly rec?: string;
  /**
   * Conversation context the event happened in. `gift`: the shopper was buying for someone else, so
   * the event still counts for recent items, co-occurrence and popularity but teaches the shopper's
   * own affinities nothing (see `foldEvents`).
   */
  readonly context?: { readonly gift?: boolean; readonly sessionId?: string };
}

/** Event types that carry product interest and feed co-occurrence and popularity. */
export function isItemInterest(t: EventType): boolean {
  return t === 'view' || t === 'add_to_cart' || t === 'purchase' || t === 'checkout_start';
}
