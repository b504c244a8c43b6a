/**
 * A market as configuration: which countries it serves, its currency and language, how long
 * market-segmented caches keep entries, its privacy regime, whether its prices include taxes and
 * duties (Shopify `Market.priceInclusions`, docs/shopify.md §4) and its data retention.
 */
import { z } from 'zod';
import { PRIVACY_REGIMES } from '../privacy/consentPolicy.ts';

const Country = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in upper case');
const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code in upper case');
const Inclusion = z.enum(['add_at_checkout', 'included']);

/** One market, validated. */
export const MarketSchema = z
  .object({
    handle: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, 'must be lower-case letters, digits, "-" or "_" (Shopify market handle)'),
    name: z.string().min(1).max(100).optional(),
    countries: z.array(Country).min(1, 'a market serves at least one country'),
    currency: Currency,
    language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a BCP 47 language such as "en" or "en-US"'),
    /** TTL of market-segmented cache entries, seconds. */
    cacheTtlSeconds: z.number().int().min(0).max(7 * 86_400),
    privacy: z.enum(PRIVACY_REGIMES),
    priceInclusions: z.object({ duties: Inclusion, taxes: Inclusion }).strict(),
    /** Events and profiles of shoppers in this market are kept this long at most (on top of the global TTL). */
    retentionDays: z.number().positive().max(3650).optional(),
    /**
     * Configured exchange rates, market currency per unit of another currency (`{"USD": 0.92}`):
     * prices converted with them are marked `estimated`.
     */
    exchangeRates: z.record(Currency, z.number().positive()).optional(),
    /** Names of this market in CSV `Price / <Market>` columns (default: the handle and the name). */
    csvNames: z.array(z.string().min(1)).optional(),
  })
  .strict();

export type Market = z.infer<typeof MarketSchema>;

/** The whole markets configuration. */
export interface MarketsConfig {
  readonly markets: readonly Market[];
  /** Handle of the market of requests that name none. */
  readonly defaultMarket: string;
}

/** Built-in markets (used when `AFFINITY_MARKETS_FILE` is not set). */
export const DEFAULT_MARKETS: MarketsConfig = {
  defaultMarket: 'us',
  markets: [
    {
      handle: 'us',
      name: 'United States',
      countries: ['US'],
      currency: 'USD',
      language: 'en-US',
      cacheTtlSeconds: 3600,
      privacy: 'ccpa',
      priceInclusions: { duties: 'add_at_checkout', taxes: 'add_at_checkout' },
    },
    {
      handle: 'eu',
      name: 'European Union',
      countries: ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'],
      currency: 'EUR',
      language: 'en',
      cacheTtlSeconds: 7200,
      privacy: 'gdpr',
      priceInclusions: { duties: 'add_at_checkout', taxes: 'included' },
      retentionDays: 365,
    },
    {
      handle: 'apac',
      name: 'Asia-Pacific',
      countries: ['AU', 'NZ', 'SG', 'HK', 'JP'],
      currency: 'AUD',
      language: 'en-AU',
      cacheTtlSeconds: 1800,
      privacy: 'none',
      priceInclusions: { duties: 'add_at_checkout', taxes: 'included' },
    },
  ],
};
