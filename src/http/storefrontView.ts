/**
 * How a recommendation is shown on the storefront (the theme block, through the app proxy): what a
 * product card needs — title, link, image, price in the shopper's currency where the shop has one — and
 * one short reason written to the shopper ("Because you viewed …"), never the score or internals.
 */
import type { CatalogIndex } from '../core/catalog/catalogIndex.ts';
import { minPrice, type Product } from '../core/catalog/product.ts';
import type { Market } from '../core/markets/market.ts';
import { presentPrice } from '../core/markets/priceFor.ts';
import { formatMoney } from '../core/money.ts';

/** The parts of a reason the storefront sentence is made from. */
export interface StorefrontReasonInput {
  readonly source: string;
  readonly seed?: string | undefined;
  readonly feature?: string | undefined;
  readonly term?: string | undefined;
  /** Where an intent reason matched (`price`: a price preference, "cheap"). */
  readonly field?: string | undefined;
  readonly season?: string | undefined;
  /** `catalog`: the product's own creation date; without it the product is not called new. */
  readonly createdAt?: string | undefined;
}

/** One product card. */
export interface StorefrontItem {
  readonly productId: string;
  readonly handle?: string;
  readonly title: string;
  readonly url?: string;
  readonly image?: string;
  readonly price?: { readonly amount: number; readonly currency: string; readonly formatted: string; readonly estimated?: boolean };
  readonly available: boolean;
  readonly reason: string;
}

/**
 * A profile feature of the product (`vendor:northpeak`, `type:hiking boots`, `cat:…`) as the shop spells
 * it on the product (`Northpeak`). Tags are left out: they are the merchant's own labels (`partners-demo`,
 * `sale-2024`), not words written for shoppers.
 */
function shopperWords(feature: string, p: Product | undefined): { brand?: string; kind?: string } {
  if (!p) return {};
  const ns = feature.slice(0, feature.indexOf(':'));
  if (ns === 'vendor' && p.vendor.trim() !== '') return { brand: p.vendor.trim() };
  if (ns === 'type' && p.productType.trim() !== '') return { kind: p.productType.trim() };
  const leaf = ns === 'cat' ? p.category?.split('>').at(-1)?.trim() : undefined;
  return leaf ? { kind: leaf } : {};
}

/** The reason as the shopper reads it; `product` is the card's (it spells a liked brand or kind). */
export function storefrontReason(r: StorefrontReasonInput | undefined, index: CatalogIndex, product?: Product): string {
  // Nothing personal is claimed where nothing personal was used (a control's list, a catalog filler).
  if (!r) return 'You may also like';
  const seed = r.seed ? index.get(r.seed)?.title : undefined;
  switch (r.source) {
    case 'cooc':
      return seed ? `Shoppers who viewed ${seed} also viewed this` : 'Often viewed together';
    case 'content':
      return seed ? `Similar to ${seed}` : 'Similar to what you viewed';
    case 'affinity': {
      if (r.feature === 'price') return 'Close to your usual price range';
      const { brand, kind } = r.feature?.includes(':') ? shopperWords(r.feature, product) : {};
      return brand ? `From ${brand}, a brand you like` : kind ? `Because you like ${kind}` : 'Picked for your taste';
    }
    case 'popular':
      return 'Popular right now';
    case 'trending':
      return 'Trending now';
    case 'buy_again':
      return 'Buy it again';
    case 'revisit':
      return 'You viewed this recently';
    case 'catalog':
      return r.createdAt ? 'New arrival' : 'You may also like';
    case 'new_arrival':
      return 'New arrival';
    case 'intent':
      if (r.field === 'price') return r.term === 'lower price' ? 'A lower-priced pick' : 'A higher-end pick';
      return r.term ? `Matches "${r.term}"` : "Matches what you're looking for";
    case 'season':
    case 'holiday':
      return 'In season';
    case 'gift':
      return 'A good gift';
    default:
      return 'You may also like';
  }
}

/** A product card, or `undefined` when the catalog does not hold the product. */
export function storefrontItem(productId: string, reason: StorefrontReasonInput | undefined, index: CatalogIndex, market?: Market): StorefrontItem | undefined {
  const p = index.get(productId);
  if (!p) return undefined;
  const base = minPrice(p);
  const quote = market ? presentPrice(p, market).price : undefined;
  const shown = quote
    ? { amount: quote.amount, currency: quote.currency, formatted: quote.formatted, ...(quote.estimated ? { estimated: true } : {}) }
    : base
      ? { amount: base.amount, currency: base.currency, formatted: formatMoney(base) }
      : undefined;
  return {
    productId,
    ...(p.handle ? { handle: p.handle } : {}),
    title: p.title,
    ...(p.url ? { url: p.url } : p.handle ? { url: `/products/${p.handle}` } : {}),
    ...(p.images[0] ? { image: p.images[0] } : {}),
    ...(shown ? { price: shown } : {}),
    available: p.variants.some((v) => v.available),
    reason: storefrontReason(reason, index, p),
  };
}
