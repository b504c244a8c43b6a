/**
 * The storefront's country, as the pixel tells Affinity. A browsing event carries none (docs/shopify.md
 * §2: only a checkout's `localization` names one), so Affinity would file a single-currency shop's foreign
 * visitors under its default market, and their browsing under that market's privacy rules. The theme
 * block knows the storefront's `localization.country` (Liquid) and puts it in the custom events it
 * publishes (`customData.country`); the pixel remembers it for the rest of the visit (in
 * `browser.localStorage`, only with analytics consent, as the client id cookie) and adds it to every
 * event it sends as `affinity.country`. Affinity takes it as a hint: a checkout's own localization wins.
 */
import type { ForwardedEvent } from './affinityPixel.ts';

/** Where the country is kept between the pages of a visit. */
export const COUNTRY_KEY = 'affinity:country';

const ISO_COUNTRY = /^[A-Z]{2}$/;

/** An ISO 3166-1 alpha-2 code, upper case, or `undefined`. */
export function countryCode(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const c = value.trim().toUpperCase();
  return ISO_COUNTRY.test(c) ? c : undefined;
}

/** The country a theme block's custom event names (`customData.country`). */
export function countryOfEvent(event: Readonly<Record<string, unknown>>): string | undefined {
  return countryCode((event.customData as { country?: unknown } | undefined)?.country);
}

/** `event` with the storefront's country added (`affinity.country`); unchanged without one. */
export function withCountry(event: ForwardedEvent, country: string | undefined): ForwardedEvent {
  return country ? { ...event, affinity: { country } } : event;
}
