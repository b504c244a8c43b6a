/**
 * Money held as integer minor units with an ISO 4217 currency. Pixels and the Storefront API send
 * decimals (29, "29.00"), UCP sends integer minor units; everything is converted once, at the edge.
 */

/** An amount in the currency's minor unit (cents for USD, yen for JPY). */
export interface Money {
  /** Integer amount in minor units. */
  readonly amount: number;
  /** ISO 4217 code, upper case. */
  readonly currency: string;
}

const ZERO_DECIMAL = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const THREE_DECIMAL = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

/** Number of decimal places of a currency's minor unit (2 unless ISO 4217 says otherwise). */
export function currencyExponent(currency: string): number {
  const c = currency.toUpperCase();
  if (ZERO_DECIMAL.has(c)) return 0;
  if (THREE_DECIMAL.has(c)) return 3;
  return 2;
}

/** Whether a string looks like an ISO 4217 code (three letters; see {@link isKnownCurrency} for the list). */
export function isCurrencyCode(s: string): boolean {
  return /^[A-Za-z]{3}$/.test(s);
}

let known: ReadonlySet<string> | undefined;

/**
 * The ISO 4217 codes this Node knows (its ICU data: current and recently retired currencies, upper
 * case), and VED and UYW, which ICU leaves out. Read once.
 */
export function knownCurrencies(): ReadonlySet<string> {
  known ??= new Set([...Intl.supportedValuesOf('currency').map((c) => c.toUpperCase()), 'VED', 'UYW']);
  return known;
}

/**
 * Whether `s` (any case) is an ISO 4217 currency code: "XYZ" has the shape and names no currency,
 * so prices "in" it could be neither converted nor shown.
 */
export function isKnownCurrency(s: string): boolean {
  return isCurrencyCode(s) && knownCurrencies().has(s.toUpperCase());
}

/**
 * Converts a major-unit decimal (number or string such as "29.90" or "1,299.00") into minor units.
 * Returns `undefined` when the value is not a finite, non-negative amount.
 */
export function toMinorUnits(major: number | string, currency: string): number | undefined {
  let n: number;
  if (typeof major === 'number') n = major;
  else {
    const s = major.trim().replace(/,(?=\d{3}(\D|$))/g, '');
    if (!/^-?\d+(\.\d+)?$/.test(s)) return undefined;
    n = Number(s);
  }
  if (!Number.isFinite(n) || n < 0) return undefined;
  return Math.round(n * 10 ** currencyExponent(currency));
}

/** Builds a Money from a major-unit decimal; `undefined` when the amount or currency is invalid. */
export function moneyFromMajor(major: number | string, currency: string): Money | undefined {
  if (!isCurrencyCode(currency)) return undefined;
  const amount = toMinorUnits(major, currency);
  return amount === undefined ? undefined : { amount, currency: currency.toUpperCase() };
}

/** `m` converted at `rate` (units of `to` per unit of `m.currency`), rounded to `to`'s minor units. */
export function convertMoney(m: Money, rate: number, to: string): Money {
  return { amount: Math.round(toMajor(m) * rate * 10 ** currencyExponent(to)), currency: to };
}

/** Major-unit value of a Money, for display and for price-band arithmetic. */
export function toMajor(m: Money): number {
  return m.amount / 10 ** currencyExponent(m.currency);
}

/** Formats a Money as a plain decimal string ("29.90 USD"). */
export function formatMoney(m: Money): string {
  return `${toMajor(m).toFixed(currencyExponent(m.currency))} ${m.currency}`;
}

/**
 * The highest unit price an event may state, in major units (a billion: above any product's price, and
 * far enough below the range where a price times a quantity stops being an exact sum of money). A
 * higher one is refused as bad input, never summed into revenue.
 */
export const MAX_UNIT_PRICE = 1_000_000_000;

/**
 * The highest a line of an event may come to (unit price × quantity), in major units: ten billion. At
 * the highest unit price and quantity a line was 10^14 major units, 10^16 minor ones: past the range where
 * a sum of such lines is exact (2^53), so a shop's revenue lost cents (found by an outside review). A
 * higher line is refused as bad input.
 */
export const MAX_LINE_TOTAL = 10_000_000_000;
