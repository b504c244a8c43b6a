/**
 * Builds Web Pixel event payloads in the exact shapes Shopify's pixels send (docs/shopify.md §2),
 * from catalog products. Used by the demo, the benchmarks and the end-to-end tests to act as a
 * storefront would.
 */
import type { Product, Variant } from '../core/catalog/product.ts';
import { toMajor } from '../core/money.ts';

/** A pixel `ProductVariant` for a product's first available variant. */
export function pixelVariant(p: Product, v: Variant | undefined = p.variants.find((x) => x.available) ?? p.variants[0]) {
  return {
    id: v?.id ?? null,
    image: p.images[0] ? { src: p.images[0] } : null,
    price: v ? { amount: toMajor(v.price), currencyCode: v.price.currency } : { amount: 0, currencyCode: 'USD' },
    product: { id: p.id, title: p.title, untranslatedTitle: p.title, type: p.productType || null, url: `/products/${p.handle}`, vendor: p.vendor },
    sku: v?.sku ?? null,
    title: v?.title ?? null,
    untranslatedTitle: v?.title ?? null,
  };
}

function envelope(id: string, name: string, clientId: string, ts: number, data: unknown, path = '/', search = '') {
  return {
    id,
    name,
    clientId,
    timestamp: new Date(ts).toISOString(),
    type: 'standard',
    data,
    context: {
      document: { location: { pathname: path, search, host: 'demo-shop.myshopify.com', href: `https://demo-shop.myshopify.com${path}${search}` }, referrer: '', title: 'Demo shop', characterSet: 'UTF-8' },
      navigator: { language: 'en-US', languages: ['en-US'], cookieEnabled: true, userAgent: 'affinity-sim' },
    },
  };
}

/** `product_viewed`; `rec` (a `recommendationId`) makes it a click on that list: `?aff_rec=<rec>` in the landing URL. */
export function productViewed(id: string, clientId: string, ts: number, p: Product, rec?: string) {
  return envelope(id, 'product_viewed', clientId, ts, { productVariant: pixelVariant(p) }, `/products/${p.handle}`, rec ? `?aff_rec=${encodeURIComponent(rec)}` : '');
}

/** `product_added_to_cart`. */
export function addedToCart(id: string, clientId: string, ts: number, p: Product, quantity = 1) {
  const v = pixelVariant(p);
  return envelope(id, 'product_added_to_cart', clientId, ts, {
    cartLine: { cost: { totalAmount: { amount: v.price.amount * quantity, currencyCode: v.price.currencyCode } }, merchandise: v, quantity },
  });
}

/** `checkout_completed` for the given products. */
export function checkoutCompleted(id: string, clientId: string, ts: number, products: readonly Product[], orderId: string) {
  const lineItems = products.map((p) => {
    const v = pixelVariant(p);
    return { id: String(v.id), quantity: 1, title: p.title, variant: v, finalLinePrice: v.price, discountAllocations: [], sellingPlanAllocation: null, properties: [] };
  });
  const currency = lineItems[0]?.variant.price.currencyCode ?? 'USD';
  const total = lineItems.reduce((s, l) => s + l.variant.price.amount, 0);
  return envelope(id, 'checkout_completed', clientId, ts, {
    checkout: {
      token: `tok-${orderId}`,
      currencyCode: currency,
      lineItems,
      totalPrice: { amount: total, currencyCode: currency },
      subtotalPrice: { amount: total, currencyCode: currency },
      localization: { country: { isoCode: 'US' }, language: { isoCode: 'en-US' }, market: { id: 'gid://shopify/Market/1', handle: 'us' } },
      order: { id: orderId, customer: null },
    },
  }, '/checkouts/thank-you');
}

/** `page_viewed`. */
export function pageViewed(id: string, clientId: string, ts: number) {
  return envelope(id, 'page_viewed', clientId, ts, {});
}
