/**
 * `--currency` of `affinity import` and `affinity shop-sim`: checked against ISO 4217 before any row
 * is read (a mistyped code made every price of the file "invalid", one line per row).
 */
import { CliError } from './cliError.ts';
import { closest } from '../core/closest.ts';
import { isKnownCurrency, knownCurrencies } from '../core/money.ts';

/**
 * The ISO 4217 code `raw` names (case-insensitive), upper case.
 * @throws CliError (exit code 2) when it is not one, with the closest code when there is one (`EURO` → `EUR`)
 */
export function parseCurrency(raw: string): string {
  const code = raw.trim().toUpperCase();
  if (isKnownCurrency(code)) return code;
  const prefix = code.slice(0, 3);
  const guess = isKnownCurrency(prefix) ? prefix : closest(code, [...knownCurrencies()]);
  throw new CliError(
    `--currency ${JSON.stringify(raw)} is not an ISO 4217 currency code${guess ? ` (did you mean ${guess}?)` : ''}; give the shop's base currency as three letters, e.g. USD, EUR or GBP`,
  );
}
