/**
 * The schema of a currency named in a request (a market's currency, a budget's, a storefront's, a
 * catalog import's): three letters that name an ISO 4217 currency (`core/money.ts`). "XYZ" has the
 * shape and names none; prices could be neither converted into it nor shown in it, so it is refused
 * where it is given, with the code's own message, instead of answering in a currency that does not exist.
 */
import { z } from 'zod';
import { isKnownCurrency } from './money.ts';

export const CurrencyCode = z
  .string()
  .regex(/^[A-Za-z]{3}$/, { message: 'must be an ISO 4217 currency code such as "EUR"', abort: true })
  .refine(isKnownCurrency, { message: 'names no ISO 4217 currency (three letters such as USD, EUR, MXN)' });
