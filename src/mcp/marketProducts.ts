/**
 * Product facts for a market. When the shopper's market is known and the shop's Storefront Catalog
 * MCP is configured, products are looked up there with the market as buyer context (prices in the
 * market's currency, availability in that market), through the resilient catalog (cache, breaker,
 * fallback). Otherwise, or when the shop cannot answer, Affinity's own catalog answers.
 */
import type { CatalogIndex } from '../core/catalog/catalogIndex.ts';
import type { Product } from '../core/catalog/product.ts';
import type { McpContext } from './context.ts';
import { namesMarket, type ShopperMarket } from '../core/markets/shopperMarket.ts';
import type { Market } from '../core/markets/market.ts';
import type { MarketRegistry } from '../core/markets/marketRegistry.ts';
import { convertMoney, type Money } from '../core/money.ts';
import { rateBetween, type ExchangeRate } from '../core/personalize/hardFilters.ts';
import { marketRates } from '../core/personalize/marketRates.ts';

/** Products by id plus where they came from. */
export interface MarketProducts {
  readonly byId: ReadonlyMap<string, Product>;
  /** `shop`: asked now; `cache`: a cached shop answer; `local`: Affinity's catalog. */
  readonly source: 'shop' | 'cache' | 'local';
  /** The shop was configured and asked but could not answer. */
  readonly fallbackUsed: boolean;
  /** With `fallbackUsed`: what happened, in a sentence (unreachable, rejected the request, …). */
  readonly fallbackNote?: string;
  /** True when the shop answered (fresh or cached): ids it left out are not sold in the market. */
  readonly authoritative: boolean;
}

/** Looks `ids` up for `market`. Never throws for upstream failures. */
export async function marketProducts(ctx: McpContext, shop: string, ids: readonly string[], market: ShopperMarket | undefined, index: CatalogIndex): Promise<MarketProducts> {
  const local = (): Map<string, Product> => {
    const m = new Map<string, Product>();
    for (const id of ids) {
      const p = index.get(id);
      if (p) m.set(id, p);
    }
    return m;
  };
  if (!ctx.shopCatalog || !namesMarket(market) || ids.length === 0) return { byId: local(), source: 'local', fallbackUsed: false, authoritative: false };
  const r = await ctx.shopCatalog.lookup(
    shop,
    { ids, context: { ...(market.country ? { country: market.country } : {}), ...(market.currency ? { currency: market.currency } : {}) } },
    { market: `${market.country ?? ''}|${market.currency ?? ''}` },
  );
  if (r.source === 'local') return { byId: local(), source: 'local', fallbackUsed: r.fallbackUsed, ...(r.fallbackNote ? { fallbackNote: r.fallbackNote } : {}), authoritative: false };
  const byId = new Map<string, Product>();
  for (const p of r.products) byId.set(p.id, p);
  // A cached answer that stood in for a failing shop still says why (`fallbackNote`).
  return { byId, source: r.source, fallbackUsed: r.fallbackUsed, ...(r.fallbackNote ? { fallbackNote: r.fallbackNote } : {}), authoritative: true };
}

/**
 * The configured market whose prices a product from Affinity's own catalog is shown in: the one the
 * request's country (or handle) names, unless the request asks for another currency than that
 * market's (then no market's price list is the shopper's, and prices stay as the catalog has them).
 */
export function pricingMarket(ctx: McpContext, market: ShopperMarket | undefined): Market | undefined {
  if (!namesMarket(market)) return undefined;
  const found = ctx.markets?.find({ market });
  return found && (market.currency === undefined || market.currency === found.currency) ? found : undefined;
}

const rates = new WeakMap<MarketRegistry, ExchangeRate>();

/** The configured markets' exchange rates (stated, inverse, or through one shared currency), worked out once per registry. */
export function marketRatesOf(markets: MarketRegistry): ExchangeRate {
  let r = rates.get(markets);
  if (!r) {
    r = marketRates(markets.all());
    rates.set(markets, r);
  }
  return r;
}

/**
 * A base price in `market`'s currency at the rate the budget check uses ({@link marketRatesOf}), for
 * `productOut`: shown as compared, including a rate derived through another currency.
 */
export function toMarketCurrency(ctx: McpContext, market: Market): (base: Money) => Money | undefined {
  const rate = ctx.markets ? marketRatesOf(ctx.markets) : undefined;
  return (base) => {
    const r = rateBetween(rate, base.currency.toUpperCase(), market.currency);
    return r === undefined ? undefined : convertMoney(base, r, market.currency);
  };
}
