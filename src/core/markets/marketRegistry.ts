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
   * handle, then its country, then `country`; `undefined` when nothing matches a configured market.
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
    if (h.country) return this.byCountry(h.country);
    return undefined;
  }

  /** {@link find}, or the default market. */
  resolve(h: MarketHints): Market {
    return this.find(h) ?? this.#default;
  }
}
