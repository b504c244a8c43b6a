/**
 * The market a request names for its shopper (where they buy, which currency they see), read once at
 * the edge of the recommend use case. Not the configured markets (`market.ts`): those are the shop's
 * settings per market; this is what one request says, resolved against them where prices are shown.
 */
import { hintCurrency } from '../intent/budget.ts';

/**
 * A market as a caller writes it: a country, a currency or a locale (`"MX"`, `"EUR"`, `"es-mx"`), or
 * explicit fields (`handle`: a configured market's, which labels it).
 */
export type MarketInput = string | { readonly handle?: string | undefined; readonly country?: string | undefined; readonly currency?: string | undefined };

/** A request's market: ISO 3166-1 alpha-2 country and ISO 4217 currency, upper case, each when known. */
export interface ShopperMarket {
  readonly country?: string;
  readonly currency?: string;
}

/** What `m` says itself, upper-cased: a string is read as a country, a currency or a locale's country part. */
export function marketFields(m: MarketInput | undefined): ShopperMarket {
  let country: string | undefined;
  let currency: string | undefined;
  if (typeof m === 'string') {
    const s = m.trim();
    if (/^[A-Za-z]{2}$/.test(s)) country = s.toUpperCase();
    else if (/^[A-Za-z]{3}$/.test(s)) currency = s.toUpperCase();
    else {
      const part = s.split(/[-_/\s]+/).reverse().find((x) => /^[A-Za-z]{2}$/.test(x));
      if (part) country = part.toUpperCase();
    }
  } else if (m) {
    if (m.country) country = m.country.toUpperCase();
    if (m.currency) currency = m.currency.toUpperCase();
  }
  return { ...(country ? { country } : {}), ...(currency ? { currency } : {}) };
}

/**
 * The market a recommendation is personalized for: what `m` says, else `fallbackCountry`; a currency
 * the request does not name is the country's own (seasons, holidays and budgets need both).
 */
export function parseMarket(m: MarketInput | undefined, fallbackCountry?: string): ShopperMarket {
  const f = marketFields(m);
  const country = f.country ?? fallbackCountry?.toUpperCase();
  const currency = f.currency ?? (country ? hintCurrency(country) : undefined);
  return { ...(country ? { country } : {}), ...(currency ? { currency } : {}) };
}

/** Whether a market names anything (a country or a currency). */
export function namesMarket(m: ShopperMarket | undefined): m is ShopperMarket {
  return m !== undefined && (m.country !== undefined || m.currency !== undefined);
}

/** A market as analytics groups it: `COUNTRY/CURRENCY` upper-cased (`US/USD`, `ES`, `EUR`), or a market handle as given. */
export function marketLabel(m: MarketInput | undefined): string | undefined {
  if (m === undefined) return undefined;
  if (typeof m === 'string') return m;
  if (m.handle) return m.handle;
  const f = marketFields(m);
  return [f.country, f.currency].filter(Boolean).join('/') || undefined;
}
