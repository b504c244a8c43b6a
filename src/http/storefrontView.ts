/**
 * How a recommendation is shown on the storefront (the theme block, through the app proxy): what a
 * product card needs — title, link, image, price in the shopper's currency where the shop has one — and
 * one short reason written to the shopper ("Because you viewed …"), never the score or internals, in
 * the storefront's language (English, or Spanish for a Spanish storefront: the block sends its locale).
 */
import type { CatalogIndex } from '../core/catalog/catalogIndex.ts';
import { minPrice, type Product } from '../core/catalog/product.ts';
import type { Market } from '../core/markets/market.ts';
import { presentPrice } from '../core/markets/priceFor.ts';
import { formatMoney } from '../core/money.ts';
import { ON_SALE_TERM } from '../core/personalize/intentScoring.ts';

/** The parts of a reason the storefront sentence is made from. */
export interface StorefrontReasonInput {
  readonly source: string;
  readonly seed?: string | undefined;
  readonly feature?: string | undefined;
  readonly term?: string | undefined;
  /** Where an intent reason matched (`price`: a price preference, "cheap"). */
  readonly field?: string | undefined;
  /** An intent reason of whom the product is made for. */
  readonly audience?: 'women' | 'men' | 'kids' | undefined;
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

/** A storefront's language for the reasons: Spanish for a Spanish locale (`es`, `es-MX`…), else English. */
export type StorefrontLanguage = 'en' | 'es';

/** The language of a storefront locale (Liquid `request.locale.iso_code`); English when none or another. */
export function storefrontLanguage(locale: string | undefined): StorefrontLanguage {
  return locale?.slice(0, 2).toLowerCase() === 'es' ? 'es' : 'en';
}

/** The reasons' sentences, per language; the shop's own words (titles, brands, kinds, terms) stay as the shop wrote them. */
const WORDS = {
  en: {
    maybe: 'You may also like',
    coViewedWith: (seed: string) => `Shoppers who viewed ${seed} also viewed this`,
    coViewed: 'Often viewed together',
    similarTo: (seed: string) => `Similar to ${seed}`,
    similar: 'Similar to what you viewed',
    price: 'Close to your usual price range',
    brand: (brand: string) => `From ${brand}, a brand you like`,
    kind: (kind: string) => `Because you like ${kind}`,
    taste: 'Picked for your taste',
    popular: 'Popular right now',
    trending: 'Trending now',
    again: 'Buy it again',
    revisit: 'You viewed this recently',
    fresh: 'New arrival',
    lower: 'A lower-priced pick',
    onSale: 'On sale',
    higher: 'A higher-end pick',
    matchesTerm: (term: string) => `Matches "${term}"`,
    madeFor: { women: 'Made for women', men: 'Made for men', kids: 'Made for kids' },
    matches: "Matches what you're looking for",
    season: 'In season',
    gift: 'A good gift',
  },
  es: {
    maybe: 'También te puede gustar',
    coViewedWith: (seed: string) => `Quienes vieron ${seed} también vieron esto`,
    coViewed: 'Se suelen ver juntos',
    similarTo: (seed: string) => `Parecido a ${seed}`,
    similar: 'Parecido a lo que viste',
    price: 'Cerca de tu rango de precios habitual',
    brand: (brand: string) => `De ${brand}, una marca que te gusta`,
    kind: (kind: string) => `Porque te gusta ${kind}`,
    taste: 'Elegido según tu gusto',
    popular: 'Popular ahora',
    trending: 'En tendencia',
    again: 'Cómpralo de nuevo',
    revisit: 'Lo viste hace poco',
    fresh: 'Novedad',
    lower: 'Una opción más económica',
    onSale: 'En oferta',
    higher: 'Una opción de gama alta',
    matchesTerm: (term: string) => `Coincide con "${term}"`,
    madeFor: { women: 'Para mujer', men: 'Para hombre', kids: 'Para niños' },
    matches: 'Coincide con lo que buscas',
    season: 'De temporada',
    gift: 'Un buen regalo',
  },
} as const;

/** The reason as the shopper reads it, in `lang`; `product` is the card's (it spells a liked brand or kind). */
export function storefrontReason(r: StorefrontReasonInput | undefined, index: CatalogIndex, product?: Product, lang: StorefrontLanguage = 'en'): string {
  const w = WORDS[lang];
  // Nothing personal is claimed where nothing personal was used (a control's list, a catalog filler).
  if (!r) return w.maybe;
  const seed = r.seed ? index.get(r.seed)?.title : undefined;
  switch (r.source) {
    case 'cooc':
      return seed ? w.coViewedWith(seed) : w.coViewed;
    case 'content':
      return seed ? w.similarTo(seed) : w.similar;
    case 'affinity': {
      if (r.feature === 'price') return w.price;
      const { brand, kind } = r.feature?.includes(':') ? shopperWords(r.feature, product) : {};
      return brand ? w.brand(brand) : kind ? w.kind(kind) : w.taste;
    }
    case 'popular':
      return w.popular;
    case 'trending':
      return w.trending;
    case 'buy_again':
      return w.again;
    case 'revisit':
      return w.revisit;
    case 'catalog':
      return r.createdAt ? w.fresh : w.maybe;
    case 'new_arrival':
      return w.fresh;
    case 'intent':
      if (r.field === 'price') return r.term === ON_SALE_TERM ? w.onSale : r.term === 'lower price' ? w.lower : w.higher;
      if (r.audience) return w.madeFor[r.audience];
      return r.term ? w.matchesTerm(r.term) : w.matches;
    case 'season':
    case 'holiday':
      return w.season;
    case 'gift':
      return w.gift;
    default:
      return w.maybe;
  }
}

/** A card without its reason (what follows from the product and the market alone). */
type Card = Omit<StorefrontItem, 'reason'>;

/**
 * Cards without their reason, per product object (a catalog reload brings new objects, so the memo
 * follows the catalog) and market (`null`: none): the theme block shows the same products page after
 * page, and a card's price (the market's, formatted) was worked out anew for each.
 */
const CARDS = new WeakMap<Product, Map<Market | null, Card>>();

function cardOf(productId: string, p: Product, market: Market | undefined): Card {
  let byMarket = CARDS.get(p);
  if (byMarket === undefined) CARDS.set(p, (byMarket = new Map()));
  const key = market ?? null;
  let card = byMarket.get(key);
  if (card === undefined || card.productId !== productId) {
    card = Object.freeze(newCard(productId, p, market));
    // Markets are a shop's configuration: a handful per product.
    if (byMarket.size < 16 || byMarket.has(key)) byMarket.set(key, card);
  }
  return card;
}

function newCard(productId: string, p: Product, market: Market | undefined): Card {
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
    ...(shown ? { price: Object.freeze(shown) } : {}),
    available: p.variants.some((v) => v.available),
  };
}

/** A product card, or `undefined` when the catalog does not hold the product. */
export function storefrontItem(productId: string, reason: StorefrontReasonInput | undefined, index: CatalogIndex, market?: Market, lang: StorefrontLanguage = 'en'): StorefrontItem | undefined {
  const p = index.get(productId);
  if (!p) return undefined;
  return { ...cardOf(productId, p, market), reason: storefrontReason(reason, index, p, lang) };
}
