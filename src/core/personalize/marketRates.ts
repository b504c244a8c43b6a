/**
 * Exchange rates for budgets, from the configured markets (`Market.exchangeRates`: market currency per
 * unit of another currency). A budget in euros in a USD market is compared with prices in other
 * currencies only through these rates (each price converted once into euros; a euro price as it is),
 * and the dollar restatement the answer shows is marked estimated (`convertBudget`). Pure.
 *
 * A pair no market states is composed through one shared currency when both legs are known: an EU
 * market at `{USD: 0.92}` and a GB market at `{USD: 0.79}` give GBP→EUR as GBP→USD→EUR. One hop only,
 * and never a guess otherwise: a pair with no such pivot stays unknown.
 */
import type { Market } from '../markets/market.ts';
import type { ExchangeRate } from './hardFilters.ts';

/** Options of {@link marketRates}. */
export interface MarketRatesOptions {
  /**
   * The shop's base currency (ISO 4217), when the caller knows it: the preferred pivot of a composed
   * rate. Without it (or when it is no pivot of the pair) the first currency in configuration order
   * that is one wins (each market's currency, then the currencies its rates name).
   */
  readonly base?: string;
}

/**
 * One {@link ExchangeRate} over every market's configured rates: `rate(from, to)` is the rate of a
 * market in `to` for `from`, else the inverse of a market in `from` for `to` (the first market, in
 * configuration order, that knows a pair wins), else the product of two such rates through one pivot
 * currency ({@link MarketRatesOptions.base} first), else `undefined`. Every rate is worked out here,
 * once per markets configuration: a call is one map lookup.
 */
export function marketRates(markets: readonly Pick<Market, 'currency' | 'exchangeRates'>[], opts: MarketRatesOptions = {}): ExchangeRate {
  const key = (from: string, to: string) => `${from}>${to}`;
  const stated = new Map<string, number>();
  const set = (from: string, to: string, r: number) => {
    const k = key(from, to);
    if (from !== to && !stated.has(k) && r > 0 && Number.isFinite(r)) stated.set(k, r);
  };
  for (const m of markets) for (const [from, r] of Object.entries(m.exchangeRates ?? {})) set(from.toUpperCase(), m.currency.toUpperCase(), r);
  for (const m of markets) for (const [other, r] of Object.entries(m.exchangeRates ?? {})) set(m.currency.toUpperCase(), other.toUpperCase(), 1 / r);

  // Currencies in configuration order: the pivots, in the order they are tried after the base.
  const order: string[] = [];
  const seen = new Set<string>();
  const note = (c: string) => {
    const u = c.toUpperCase();
    if (!seen.has(u)) {
      seen.add(u);
      order.push(u);
    }
  };
  for (const m of markets) {
    note(m.currency);
    for (const c of Object.keys(m.exchangeRates ?? {})) note(c);
  }
  const base = opts.base?.toUpperCase();
  const pivots = base && seen.has(base) ? [base, ...order.filter((c) => c !== base)] : order;

  // One hop through a pivot, from stated legs only (a composed rate is never a leg).
  const table = new Map(stated);
  for (const from of order) {
    for (const to of order) {
      if (from === to || stated.has(key(from, to))) continue;
      for (const p of pivots) {
        const a = stated.get(key(from, p));
        const b = a === undefined ? undefined : stated.get(key(p, to));
        const r = a !== undefined && b !== undefined ? a * b : 0;
        if (r > 0 && Number.isFinite(r)) {
          table.set(key(from, to), r);
          break;
        }
      }
    }
  }
  return (from, to) => {
    const f = from.toUpperCase();
    const t = to.toUpperCase();
    return f === t ? 1 : table.get(key(f, t));
  };
}
