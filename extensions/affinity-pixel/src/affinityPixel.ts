/**
 * Affinity's web pixel: what runs in Shopify's strict pixel sandbox for every storefront, checkout and
 * thank-you page (docs/shopify-app.md "The web pixel"). It subscribes to the standard events Affinity
 * learns from and to the theme block's custom events, and posts them to Affinity's `POST /v1/events` as
 * `{shop, consent, events}`:
 *
 * - batched: a batch leaves {@link FLUSH_DELAY_MS} after its first event, at {@link MAX_BATCH_EVENTS}
 *   events, or at once for the events that precede a navigation or end a purchase ({@link URGENT_EVENTS});
 * - with `fetch(…, {keepalive: true})` (the Web Pixels API deprecates `sendBeacon`) and a `text/plain`
 *   body, a CORS "simple" request with no preflight; keepalive bodies are capped by browsers (64 KiB in
 *   flight), so a batch over {@link MAX_KEEPALIVE_BYTES} is split;
 * - retried once after {@link RETRY_DELAY_MS} when Affinity is unreachable or answers 429/5xx (events
 *   are idempotent on their id), never on another 4xx (it would fail again);
 * - with the visitor's consent: `init.customerPrivacy` at load, then every `visitorConsentCollected`
 *   change. A withdrawal of analytics consent drops the events not yet sent and tells Affinity (a
 *   `visitorConsentCollected` event for this client id), which erases what it stored;
 * - minimised: checkout contact and address fields (`email`, `phone`, `smsMarketingPhone`,
 *   `billingAddress`, `shippingAddress`) and the `navigator`/`window` context are not sent; Affinity
 *   uses none of them.
 *
 * The theme block reads the visitor's pixel client id from the {@link CLIENT_ID_COOKIE} cookie this
 * pixel writes on the storefront (Shopify stopped setting `_shopify_y` on 2026-01-01; the client id is
 * now only visible to pixels), so the recommendations it asks for follow this visitor's history.
 *
 * No module state: each call of {@link affinityPixel} (one per page) has its own queue and timer.
 */
import type { ExtensionApi } from '@shopify/web-pixels-extension';

/** Standard Web Pixels events Affinity learns from (docs/shopify.md §2.1). */
export const STANDARD_EVENTS = [
  'page_viewed',
  'product_viewed',
  'collection_viewed',
  'search_submitted',
  'product_added_to_cart',
  'product_removed_from_cart',
  'cart_viewed',
  'checkout_started',
  'checkout_completed',
] as const;

/** Custom events the theme block publishes with `Shopify.analytics.publish`. */
export const CUSTOM_EVENTS = ['affinity:recommendations_viewed', 'affinity:recommendation_clicked'] as const;

/** Events sent at once: a navigation (cart, checkout, a clicked recommendation) or a purchase follows. */
export const URGENT_EVENTS: ReadonlySet<string> = new Set(['product_added_to_cart', 'checkout_started', 'checkout_completed', 'affinity:recommendation_clicked']);

/** How long a batch waits for more events, ms. */
export const FLUSH_DELAY_MS = 1000;
/** Most events in one request. */
export const MAX_BATCH_EVENTS = 10;
/** Largest keepalive body, bytes (browsers allow 64 KiB for all keepalive requests in flight). */
export const MAX_KEEPALIVE_BYTES = 32 * 1024;
/** Delay of the one retry of a batch Affinity did not take, ms. */
export const RETRY_DELAY_MS = 5000;
/** First-party cookie holding the visitor's pixel client id, read by the theme block. */
export const CLIENT_ID_COOKIE = '_affinity_cid';
/** Lifetime of {@link CLIENT_ID_COOKIE}, seconds (a year, like Shopify's own visitor id). */
export const CLIENT_ID_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

/**
 * The visitor's Customer Privacy state as Shopify gives it (docs/shopify.md §2.4), sent as it is: the four
 * flags `analyticsProcessingAllowed`, `marketingAllowed`, `preferencesProcessingAllowed`,
 * `saleOfDataAllowed`, and whatever newer runtimes add. A flag Shopify does not report stays unreported
 * (Affinity reads "unknown" differently per privacy regime).
 */
export type CustomerPrivacy = Readonly<Record<string, unknown>>;

/** A pixel event as the pixel forwards it: the envelope Shopify sends, minus what is not needed. */
export type ForwardedEvent = Readonly<Record<string, unknown>> & { readonly name: string };

/** The request body of `POST /v1/events`. */
export interface EventsBody {
  readonly shop: string;
  readonly consent: CustomerPrivacy;
  readonly events: readonly ForwardedEvent[];
}

/** Checkout fields that identify a person; Affinity uses none of them. */
const CHECKOUT_PII = ['email', 'phone', 'smsMarketingPhone', 'billingAddress', 'shippingAddress'];

/** The event as it is sent: checkout PII and the navigator/window context removed. */
export function forwardedEvent(event: Readonly<Record<string, unknown>> & { readonly name: string }): ForwardedEvent {
  const out: Record<string, unknown> = { ...event };
  const context = event.context as Record<string, unknown> | undefined;
  if (context && typeof context === 'object') {
    if (context.document) out.context = { document: context.document };
    else delete out.context;
  }
  const data = event.data as Record<string, unknown> | undefined;
  const checkout = data?.checkout as Record<string, unknown> | undefined;
  if (data && checkout && typeof checkout === 'object') {
    const slim: Record<string, unknown> = { ...checkout };
    for (const k of CHECKOUT_PII) delete slim[k];
    out.data = { ...data, checkout: slim };
  }
  return out as ForwardedEvent;
}

/** Whether `url` may receive events: an absolute https URL. */
export function isEndpoint(url: string): boolean {
  return /^https:\/\/[^\s/?#]+/i.test(url);
}

/** The pixel: registered with `register(affinityPixel)` in index.ts. */
export function affinityPixel(api: ExtensionApi): void {
  const { analytics, browser, init, settings, customerPrivacy } = api;
  const endpoint = typeof settings.endpoint === 'string' ? settings.endpoint.trim() : '';
  // A pixel without a valid endpoint stays silent rather than posting events somewhere unintended.
  if (!isEndpoint(endpoint)) return;
  const configuredShop = typeof settings.shop === 'string' ? settings.shop.trim() : '';
  const shop = configuredShop || init.data.shop.myshopifyDomain;
  let consent: CustomerPrivacy = { ...init.customerPrivacy };
  let queue: ForwardedEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let clientId: string | undefined;
  /** A consent change seen before any event told the client id. */
  let consentSignalPending = false;

  const post = (events: readonly ForwardedEvent[], retries: number): void => {
    const body = JSON.stringify({ shop, consent, events } satisfies EventsBody);
    const bytes = new TextEncoder().encode(body).length;
    if (bytes > MAX_KEEPALIVE_BYTES && events.length > 1) {
      const half = Math.ceil(events.length / 2);
      post(events.slice(0, half), retries);
      post(events.slice(half), retries);
      return;
    }
    const retry = (): void => {
      if (retries > 0) setTimeout(() => post(events, retries - 1), RETRY_DELAY_MS);
    };
    try {
      fetch(endpoint, { method: 'POST', keepalive: bytes <= MAX_KEEPALIVE_BYTES, headers: { 'content-type': 'text/plain' }, body }).then(
        (res) => {
          if (res.status === 429 || res.status >= 500) retry();
        },
        retry,
      );
    } catch {
      // A synchronous refusal (a keepalive quota the browser counts differently): try once more later.
      retry();
    }
  };

  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (queue.length === 0) return;
    const events = queue;
    queue = [];
    post(events, 1);
  };

  const consentEvent = (id: string): ForwardedEvent => {
    const now = new Date();
    return { id: `affinity-consent-${id}-${now.getTime()}`, name: 'visitorConsentCollected', clientId: id, timestamp: now.toISOString(), customerPrivacy: consent };
  };

  /** Writes the client id cookie for the theme block while analytics is allowed; removes it otherwise. */
  const rememberClientId = (): void => {
    const allowed = consent.analyticsProcessingAllowed === true;
    if (allowed && !clientId) return;
    const cookie = allowed
      ? `${CLIENT_ID_COOKIE}=${encodeURIComponent(clientId as string)}; path=/; max-age=${CLIENT_ID_COOKIE_MAX_AGE_S}; samesite=lax; secure`
      : `${CLIENT_ID_COOKIE}=; path=/; max-age=0; samesite=lax; secure`;
    browser.cookie.set(cookie).catch(() => undefined);
  };

  const enqueue = (event: ForwardedEvent): void => {
    const id = typeof event.clientId === 'string' && event.clientId.length > 0 ? event.clientId : undefined;
    if (id && id !== clientId) {
      clientId = id;
      rememberClientId();
      if (consentSignalPending) {
        consentSignalPending = false;
        queue.push(consentEvent(id));
      }
    }
    queue.push(forwardedEvent(event));
    if (URGENT_EVENTS.has(event.name) || queue.length >= MAX_BATCH_EVENTS) flush();
    else if (timer === undefined) timer = setTimeout(flush, FLUSH_DELAY_MS);
  };

  for (const name of [...STANDARD_EVENTS, ...CUSTOM_EVENTS]) {
    analytics.subscribe(name, (event: unknown) => enqueue(event as ForwardedEvent));
  }

  customerPrivacy.subscribe('visitorConsentCollected', (e) => {
    const next: CustomerPrivacy = { ...e.customerPrivacy };
    if (consent.analyticsProcessingAllowed !== false && next.analyticsProcessingAllowed === false) {
      // Withdrawn: what was not sent yet is not sent at all.
      queue = [];
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    } else {
      // Events seen under the earlier consent leave with it.
      flush();
    }
    consent = next;
    rememberClientId();
    if (clientId) post([consentEvent(clientId)], 1);
    else consentSignalPending = true;
  });
}
