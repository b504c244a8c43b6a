/**
 * Prices per market, honestly labelled.
 *
 * A product's price in a market comes, in this order, from:
 * 1. the market's own price list (CSV `Price / <Market>` columns, stored as `Product.marketPrices`),
 *    in the market's currency: the price the shopper will see (`estimated: false`);
 * 2. the base price when the market uses the base currency (`estimated: false`);
 * 3. the base price converted with a configured exchange rate (`estimated: true`, "≈" in `formatted`):
 *    Shopify converts at checkout with its own rate and rounding, so this is never the checkout price;
 * 4. the base price in the base currency (`estimated: true`: the shopper will be charged in another
 *    currency; no "≈" in `formatted`: the amount shown is exact, only its currency is not the market's).
 * Taxes and duties are not knowable before checkout (docs/shopify.md §4); `includesTaxes` and
 * `includesDuties` only say whether the market's prices include them (`priceInclusions`).
 */
import type { CsvMarketPrice } from '../catalog/csvImport.ts';
import { minPrice, type Product, type ProductMarketPrice } from '../catalog/product.ts';
import { convertMoney, currencyExponent, formatMoney, toMajor, toMinorUnits, type Money } from '../money.ts';
import type { Market } from './market.ts';

/** A price as shown in a market. */
export interface PriceQuote {
  /** Minor units of `currency` (as everywhere in Affinity, see money.ts). */
  readonly amount: number;
  readonly currency: string;
  /** For display in the market's language, `≈ ` in front when estimated. */
  readonly formatted: string;
  /** True when this is not the price the shopper will see at checkout. */
  readonly estimated: boolean;
  readonly includesTaxes: boolean;
  readonly includesDuties: boolean;
  /** Where the amount comes from. */
  readonly source: 'market_price' | 'base_price' | 'exchange_rate';
  /** The market handle. */
  readonly market: string;
}

/** The product's entry in the market's price list (by handle, name or CSV names). */
export function marketEntry(product: Product, market: Market): ProductMarketPrice | undefined {
  const list = product.marketPrices;
  if (!list) return undefined;
  for (const n of [market.handle, ...(market.name ? [market.name] : []), ...(market.csvNames ?? [])]) {
    const e = list[n.trim().toLowerCase()];
    if (e) return e;
  }
  return undefined;
}

/** The product's price in the market's price list, in the market's currency (exact: no rate), if it has one. */
export function listedPrice(product: Product, market: Market): Money | undefined {
  const listed = marketEntry(product, market)?.price;
  const amount = listed === undefined ? undefined : toMinorUnits(listed, market.currency);
  return amount === undefined ? undefined : { amount, currency: market.currency };
}

/** Whether the product is sold in the market (`Included / <Market>` not false). */
export function isSoldIn(product: Product, market: Market): boolean {
  return marketEntry(product, market)?.included !== false;
}

/** Ids of the products of a catalog that are not sold in the market. */
export function notSoldIn(products: Iterable<Product>, market: Market): Set<string> {
  const out = new Set<string>();
  for (const p of products) if (!isSoldIn(p, market)) out.add(p.id);
  return out;
}

/**
 * Currency formatters by language and currency: building an `Intl.NumberFormat` costs tens of
 * microseconds (it was about a third of a storefront request's CPU, one per item shown), using one
 * about a microsecond. A shop has a handful of markets; the memo is bounded all the same.
 */
const FORMATTERS = new Map<string, Intl.NumberFormat>();
const MAX_FORMATTERS = 256;

/** @throws RangeError for a language or currency `Intl` does not know (as the constructor does) */
function formatterFor(language: string, currency: string): Intl.NumberFormat {
  const key = `${language}\u0000${currency}`;
  let f = FORMATTERS.get(key);
  if (!f) {
    const digits = currencyExponent(currency);
    f = new Intl.NumberFormat(language, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    if (FORMATTERS.size < MAX_FORMATTERS) FORMATTERS.set(key, f);
  }
  return f;
}

function format(m: Money, language: string, estimated: boolean): string {
  let text: string;
  try {
    text = formatterFor(language, m.currency).format(toMajor(m));
  } catch {
    text = formatMoney(m);
  }
  return estimated ? `≈ ${text}` : text;
}

/**
 * The product's price in a market, or `undefined` when it has none at all (no variant). `convert`: for
 * a base price the market's own rates do not convert, the caller's conversion to the market's currency
 * (a rate derived through another currency, `marketRates`), marked estimated like a configured one.
 */
export function priceFor(product: Product, market: Market, convert?: (base: Money) => Money | undefined): PriceQuote | undefined {
  const inclusive = { includesTaxes: market.priceInclusions.taxes === 'included', includesDuties: market.priceInclusions.duties === 'included' };
  const quote = (m: Money, source: PriceQuote['source'], estimated: boolean, inc = inclusive): PriceQuote => ({
    amount: m.amount,
    currency: m.currency,
    // "≈" says an amount was converted; a base price shown as it is ("$70.00" in the euro market) is exact.
    formatted: format(m, market.language, estimated && source === 'exchange_rate'),
    estimated,
    ...inc,
    source,
    market: market.handle,
  });
  const listed = listedPrice(product, market);
  if (listed) return quote(listed, 'market_price', false);
  const base = minPrice(product);
  if (!base) return undefined;
  if (base.currency === market.currency) return quote(base, 'base_price', false);
  const rate = market.exchangeRates?.[base.currency];
  if (rate !== undefined) return quote(convertMoney(base, rate, market.currency), 'exchange_rate', true);
  const derived = convert?.(base);
  if (derived !== undefined && derived.currency === market.currency) return quote(derived, 'exchange_rate', true);
  // Not the market's currency: the shopper will pay a converted amount; say nothing about inclusions.
  return quote(base, 'base_price', true, { includesTaxes: false, includesDuties: false });
}

/**
 * The `price` field of a recommended item for a request that names a market (the route spreads it:
 * `...presentPrice(product, market)`); `{}` when the product has no price.
 */
export function presentPrice(product: Product | undefined, market: Market | undefined): { price?: PriceQuote } {
  if (!product || !market) return {};
  const q = priceFor(product, market);
  return q ? { price: q } : {};
}

/**
 * Folds the CSV importer's per-variant market rows into `Product.marketPrices`: per market, the lowest
 * variant price and compare-at price, and the product's `Included` flag.
 */
export function attachMarketPrices(products: readonly Product[], rows: readonly CsvMarketPrice[]): Product[] {
  const byProduct = new Map<string, Map<string, { price?: string; compareAtPrice?: string; included?: boolean }>>();
  for (const r of rows) {
    const markets = byProduct.get(r.productId) ?? new Map();
    byProduct.set(r.productId, markets);
    const key = r.market.trim().toLowerCase();
    const e = markets.get(key) ?? {};
    if (r.price !== undefined && (e.price === undefined || Number(r.price) < Number(e.price))) e.price = r.price;
    if (r.compareAtPrice !== undefined && (e.compareAtPrice === undefined || Number(r.compareAtPrice) < Number(e.compareAtPrice))) e.compareAtPrice = r.compareAtPrice;
    if (r.included !== undefined) e.included = r.included;
    markets.set(key, e);
  }
  return products.map((p) => {
    const m = byProduct.get(p.id);
    return m && m.size > 0 ? { ...p, marketPrices: Object.fromEntries(m) } : p;
  });
}
