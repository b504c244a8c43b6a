/**
 * Exchange rates for budgets, from the configured markets (`Market.exchangeRates`: market currency per
 * unit of another currency). A budget in euros in a USD market is compared with prices in other
 * currencies only through these rates (each price converted once into euros; a euro price as it is),
 * and the dollar restatement the answer shows is marked estimated (`convertBudget`). Pure.
 */
import type { Market } from '../markets/market.ts';
import type { ExchangeRate } from './hardFilters.ts';

/**
 * One {@link ExchangeRate} over every market's configured rates: `rate(from, to)` is the rate of a
 * market in `to` for `from`, else the inverse of a market in `from` for `to`, else `undefined`
 * (never a guess). The first market (configuration order) that knows a pair wins.
 */
export function marketRates(markets: readonly Pick<Market, 'currency' | 'exchangeRates'>[]): ExchangeRate {
  const table = new Map<string, number>();
  const set = (from: string, to: string, r: number) => {
    const k = `${from}>${to}`;
    if (!table.has(k) && r > 0 && Number.isFinite(r)) table.set(k, r);
  };
  for (const m of markets) for (const [from, r] of Object.entries(m.exchangeRates ?? {})) set(from, m.currency, r);
  for (const m of markets) for (const [other, r] of Object.entries(m.exchangeRates ?? {})) set(m.currency, other, 1 / r);
  return (from, to) => (from === to ? 1 : table.get(`${from.toUpperCase()}>${to.toUpperCase()}`));
}
