/**
 * The configured markets and market resolution from a request: an explicit market (handle, or a
 * country), the pixel's checkout `localization` (`market.handle`, `country.isoCode`), a country, or
 * else the default market.
 */
import type { Market, MarketsConfig } from './market.ts';

/** What a request may say about its market. */
export interface MarketHints {
  /** A market handle (`"eu"`), a country (`"DE"`) or `{handle?, country?, currency?}`. */
  readonly market?: string | { readonly handle?: string; readonly country?: string; readonly currency?: string };
  /** A pixel checkout's `localization`. */
  readonly localization?: { readonly market?: { readonly handle?: string | null } | null; readonly country?: { readonly isoCode?: string | null } | null } | null;
  /** ISO 3166-1 alpha-2. */
  readonly country?: string;
  /**
   * The currency the shopper was shown prices in (a Web Pixel event's `price.currencyCode`): the last
   * hint, read only when nothing else names a market (see {@link MarketRegistry.find}).
   */
  readonly currency?: string;
}

/**
 * The hints an event carries about its market: its own `market` and `country` (stamped from the pixel's
 * envelope or a checkout's localization), else the currency its prices were shown in. A storefront
 * pixel sends no market for browsing events, and only a checkout says where the shopper is; without the
 * currency an EU shopper's browsing would be taken for the default market's (another privacy regime,
 * another profile than their order's).
 */
export function eventMarketHints(e: { readonly market?: string; readonly country?: string; readonly currency?: string; readonly items?: readonly { readonly price?: { readonly currency: string } }[] }): MarketHints {
  const currency = e.currency ?? e.items?.find((i) => i.price)?.price?.currency;
  return { ...(e.market ? { market: e.market } : {}), ...(e.country ? { country: e.country } : {}), ...(currency ? { currency } : {}) };
}

/** Lookup of the configured markets. */
export class MarketRegistry {
  readonly #byHandle = new Map<string, Market>();
  readonly #byCountry = new Map<string, Market>();
  readonly #byCsvName = new Map<string, Market>();
  readonly #default: Market;

  constructor(config: MarketsConfig) {
    for (const m of config.markets) {
      this.#byHandle.set(m.handle, m);
      for (const c of m.countries) this.#byCountry.set(c, m);
      for (const n of [m.handle, ...(m.name ? [m.name] : []), ...(m.csvNames ?? [])]) this.#byCsvName.set(n.trim().toLowerCase(), m);
    }
    const d = this.#byHandle.get(config.defaultMarket);
    if (!d) throw new RangeError(`MarketRegistry: default market "${config.defaultMarket}" is not configured.`);
    this.#default = d;
  }

  /** Every market, in configuration order. */
  all(): Market[] {
    return [...this.#byHandle.values()];
  }

  get default(): Market {
    return this.#default;
  }

  byHandle(handle: string): Market | undefined {
    return this.#byHandle.get(handle.trim().toLowerCase());
  }

  byCountry(country: string): Market | undefined {
    return this.#byCountry.get(country.trim().toUpperCase());
  }

  /** The market a CSV `Price / <name>` column belongs to. */
  byCsvName(name: string): Market | undefined {
    return this.#byCsvName.get(name.trim().toLowerCase());
  }

  /**
   * The market of a request: explicit market (handle, then country), the localization's market
   * handle, then its country, then `country`, then the currency prices were shown in; `undefined` when
   * nothing matches a configured market.
   */
  find(h: MarketHints): Market | undefined {
    const m = h.market;
    if (typeof m === 'string' && m.trim()) {
      const s = m.trim();
      const hit = this.byHandle(s) ?? (/^[A-Za-z]{2}$/.test(s) ? this.byCountry(s) : undefined);
      if (hit) return hit;
    } else if (m && typeof m === 'object') {
      const hit = (m.handle ? this.byHandle(m.handle) : undefined) ?? (m.country ? this.byCountry(m.country) : undefined);
      if (hit) return hit;
    }
    const lh = h.localization?.market?.handle;
    if (lh) {
      const hit = this.byHandle(lh);
      if (hit) return hit;
    }
    const lc = h.localization?.country?.isoCode;
    if (lc) {
      const hit = this.byCountry(lc);
      if (hit) return hit;
    }
    if (h.country) {
      const hit = this.byCountry(h.country);
      if (hit) return hit;
    }
    return h.currency ? this.#byCurrency(h.currency) : undefined;
  }

  /**
   * The market prices in `currency` are shown in: the default market when it uses it, else the one
   * market that does; `undefined` when none or several do (several euro markets name no one of them).
   */
  #byCurrency(currency: string): Market | undefined {
    const c = currency.trim().toUpperCase();
    if (this.#default.currency === c) return this.#default;
    let found: Market | undefined;
    for (const m of this.#byHandle.values()) {
      if (m.currency !== c) continue;
      if (found) return undefined;
      found = m;
    }
    return found;
  }

  /** {@link find}, or the default market. */
  resolve(h: MarketHints): Market {
    return this.find(h) ?? this.#default;
  }
}
