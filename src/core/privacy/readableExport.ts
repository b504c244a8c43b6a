/**
 * The answer to a `customers/data_request` as a merchant can hand it to the customer: what Affinity
 * holds, in words and dates — products with their titles, what the shopper did and when, the
 * interests inferred — instead of internal counters (decay-forward weights, log positions). Pure.
 */
import type { UserEvent } from '../events/userEvent.ts';
import { formatMoney } from '../money.ts';
import type { UserExport } from '../ports.ts';

/** A product title, when the shop's catalog has the product. */
export type TitleOf = (productId: string) => string | undefined;

/** What each event type means, as a sentence's verb. */
const ACTIONS: Readonly<Record<UserEvent['type'], string>> = {
  page_view: 'viewed a page',
  collection_view: 'viewed a collection',
  search: 'searched',
  view: 'viewed a product',
  cart_view: 'viewed the cart',
  remove_from_cart: 'removed from the cart',
  add_to_cart: 'added to the cart',
  checkout_start: 'started a checkout',
  purchase: 'bought',
};

/** Feature namespaces, as the merchant reads them. */
const INTERESTS: Readonly<Record<string, string>> = { cat: 'category', type: 'product type', vendor: 'brand', tag: 'tag' };

/** One id's data, readable. */
export interface ReadableRecord {
  /** The id (a storefront client id, a customer id, or an id of yours). */
  readonly id: string;
  readonly linkedIds: readonly string[];
  readonly firstSeen?: string;
  readonly lastSeen?: string;
  /** Interests inferred from what the shopper did (strongest first), without the internal weights. */
  readonly inferredInterests: readonly { readonly kind: string; readonly value: string }[];
  readonly purchasedProducts: readonly { readonly productId: string; readonly title?: string }[];
  /** Every stored event, oldest first. */
  readonly activity: readonly {
    readonly at: string;
    readonly action: string;
    readonly source: string;
    readonly products: readonly { readonly productId: string; readonly title?: string; readonly quantity: number; readonly price?: string }[];
    readonly search?: string;
    readonly orderId?: string;
    readonly market?: string;
    readonly country?: string;
    readonly eventId: string;
  }[];
  /** Recommendation lists shown to this id and what came of them (clicks, carts, orders attributed to them). */
  readonly recommendations: readonly {
    readonly at: string;
    readonly recommendationId: string;
    readonly surface: string;
    readonly experiment?: string;
    readonly products: readonly { readonly productId: string; readonly title?: string }[];
    readonly outcomes: readonly { readonly kind: string; readonly productId?: string; readonly title?: string; readonly orderId?: string }[];
  }[];
}

/** Most interests listed per record. */
const MAX_INTERESTS = 20;

/** One exported id, readable. */
export function readableRecord(r: UserExport, titleOf: TitleOf): ReadableRecord {
  const title = (id: string) => {
    const t = titleOf(id);
    return t ? { title: t } : {};
  };
  // Only the interest namespaces: the profile's internal counters (`n:<event type>`, `price:w|sum|sq`) mean
  // nothing to the shopper the merchant hands this to; they are sums over the events, which `activity`
  // lists in full.
  const features = Object.entries(r.profile?.features ?? {})
    .filter(([k]) => k.includes(':') && Object.hasOwn(INTERESTS, k.slice(0, k.indexOf(':'))))
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_INTERESTS)
    .map(([k]) => {
      const i = k.indexOf(':');
      return { kind: INTERESTS[k.slice(0, i)] as string, value: k.slice(i + 1) };
    });
  return {
    id: r.userId,
    linkedIds: r.linkedIds,
    ...(r.profile ? { firstSeen: new Date(r.profile.firstSeen).toISOString(), lastSeen: new Date(r.profile.lastSeen).toISOString() } : {}),
    inferredInterests: features,
    purchasedProducts: (r.profile?.purchased ?? []).map((productId) => ({ productId, ...title(productId) })),
    activity: r.events.map((e) => ({
      at: new Date(e.ts).toISOString(),
      action: ACTIONS[e.type] ?? e.type,
      source: e.source === 'agent' ? `AI agent${e.agent ? ` (${e.agent})` : ''}` : e.source === 'pixel' ? 'storefront' : 'API',
      products: e.items.map((it) => ({ productId: it.productId, ...title(it.productId), quantity: it.quantity, ...(it.price ? { price: formatMoney(it.price) } : {}) })),
      ...(e.query ? { search: e.query } : {}),
      ...(e.orderId ? { orderId: e.orderId } : {}),
      ...(e.market ? { market: e.market } : {}),
      ...(e.country ? { country: e.country } : {}),
      eventId: e.id,
    })),
    recommendations: (r.attribution?.served ?? []).map((l) => ({
      at: new Date(l.ts).toISOString(),
      recommendationId: l.id,
      surface: l.agent ? `${l.surface} (${l.agent})` : l.surface,
      ...(l.experiment ? { experiment: `${l.experiment.id}: ${l.experiment.variant}` } : {}),
      products: l.items.map((productId) => ({ productId, ...title(productId) })),
      outcomes: (r.attribution?.outcomes ?? [])
        .filter((o) => o.recId === l.id)
        .map((o) => ({ kind: o.kind, ...(o.productId ? { productId: o.productId, ...title(o.productId) } : {}), ...(o.orderId ? { orderId: o.orderId } : {}) })),
    })),
  };
}
