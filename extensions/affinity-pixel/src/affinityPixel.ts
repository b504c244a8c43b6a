/**
 * Affinity's web pixel: what runs in Shopify's strict pixel sandbox for every storefront, checkout and
 * thank-you page (docs/shopify-app.md "The web pixel"). It subscribes to the standard events Affinity
 * learns from and to the theme block's custom events, and posts them to Affinity's `POST /v1/events` as
 * `{shop, consent, events}`:
 *
 * - batched: a batch leaves {@link FLUSH_DELAY_MS} after its first event, at {@link MAX_BATCH_EVENTS}
 *   events, or at once for the events that precede a navigation or end a purchase ({@link URGENT_EVENTS})
 *   and for those that carry a recommendation id ({@link carriesRecommendation}: the landing on a clicked
 *   recommendation, which attribution counts). The strict sandbox gives a pixel no page-hide signal, so a
 *   batch still waiting when the page goes is not sent by that page: the outbox below sends it next;
 * - with `fetch(…, {keepalive: true})` (the Web Pixels API deprecates `sendBeacon`) and a `text/plain`
 *   body, a CORS "simple" request with no preflight; keepalive bodies are capped by browsers (64 KiB in
 *   flight), so a batch over {@link MAX_KEEPALIVE_BYTES} is split;
 * - retried when Affinity is unreachable or answers 408/429/5xx (events are idempotent on their id), with
 *   backoff, never sooner than its `Retry-After`, a bounded number of times per page (retry.ts); never on
 *   another 4xx (it would fail again);
 * - kept, until Affinity takes them, in an outbox in the visitor's `browser.localStorage` (outbox.ts;
 *   bounded in count, size and age; only with analytics consent): the next page of the shop sends again
 *   what the last one could not, so an outage or a page left early loses nothing;
 * - with the visitor's consent: `init.customerPrivacy` at load, then every `visitorConsentCollected`
 *   change. A withdrawal of analytics consent drops the events not yet sent and tells Affinity (a
 *   `visitorConsentCollected` event for this client id), which erases what it stored;
 * - minimised: checkout contact and address fields (`email`, `phone`, `smsMarketingPhone`,
 *   `billingAddress`, `shippingAddress`) and the `navigator`/`window` context are not sent; Affinity
 *   uses none of them.
 *
 * Events carry the storefront's country (`affinity.country`) once the theme block has named it (country.ts).
 *
 * The theme block reads the visitor's pixel client id from the {@link CLIENT_ID_COOKIE} cookie this
 * pixel writes on the storefront (Shopify stopped setting `_shopify_y` on 2026-01-01; the client id is
 * now only visible to pixels), so the recommendations it asks for follow this visitor's history.
 *
 * No module state: each call of {@link affinityPixel} (one per page) has its own queue and timers; what
 * outlives the page is in the outbox.
 */
import type { ExtensionApi } from '@shopify/web-pixels-extension';
import { COUNTRY_KEY, countryCode, countryOfEvent, withCountry } from './country.ts';
import { outboxStore, withEntries, withoutEvents, withoutShop, type OutboxEntry, type OutboxStore } from './outbox.ts';
import { isRetryable, retryAfterMs, retryDelay } from './retry.ts';

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

/** The theme block's custom event naming the storefront's country (`customData.country`): learned, not sent (country.ts). */
export const LOCALIZATION_EVENT = 'affinity:localization';

/** Events sent at once: a navigation (cart, checkout, a clicked recommendation) or a purchase follows. */
export const URGENT_EVENTS: ReadonlySet<string> = new Set(['product_added_to_cart', 'checkout_started', 'checkout_completed', 'affinity:recommendation_clicked']);

/** How long a batch waits for more events, ms. */
export const FLUSH_DELAY_MS = 1000;
/** Most events in one request. */
export const MAX_BATCH_EVENTS = 10;
/** Largest keepalive body, bytes (browsers allow 64 KiB for all keepalive requests in flight). */
export const MAX_KEEPALIVE_BYTES = 32 * 1024;
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

/** A recommendation id as Affinity mints them (16 base64url characters; core/attribution/servedList.ts). */
const RECOMMENDATION_ID = /^[A-Za-z0-9_-]{16}$/;

/** Whether a URL's query (or the query part of a URL) has an `aff_rec` parameter holding a recommendation id. */
function hasRecParam(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  const q = url.indexOf('?');
  const query = (q >= 0 ? url.slice(q + 1) : url).split('#')[0] ?? '';
  return query.split('&').some((part) => {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq) !== 'aff_rec') return false;
    try {
      return RECOMMENDATION_ID.test(decodeURIComponent(part.slice(eq + 1)));
    } catch {
      return false;
    }
  });
}

/**
 * Whether an event carries a recommendation id, the events attribution counts: its page URL has
 * `aff_rec=<id>` (`context.document.location.search` or `.href`; the landing after a click on a
 * recommendation), or it is one of the block's custom events naming a list by its id (`customData.list`;
 * a block without an id names its kind, `for_you`, which is not one).
 */
export function carriesRecommendation(event: Readonly<Record<string, unknown>>): boolean {
  const context = event.context as { document?: { location?: { search?: unknown; href?: unknown } } } | undefined;
  const location = context?.document?.location;
  if (location && (hasRecParam(location.search) || hasRecParam(location.href))) return true;
  const list = (event.customData as { list?: unknown } | undefined)?.list;
  return typeof list === 'string' && RECOMMENDATION_ID.test(list);
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
  /** The storefront's country, from the theme block's events (country.ts). */
  let country: string | undefined;

  /** The outbox, where the sandbox offers `browser.localStorage` (outbox.ts). */
  const outbox: OutboxStore | undefined = browser.localStorage ? outboxStore(browser.localStorage, () => Date.now()) : undefined;
  /** Storing on the visitor's device needs analytics consent (as the client id cookie does). */
  const mayKeep = (c: CustomerPrivacy): boolean => c.analyticsProcessingAllowed === true;
  /** Withdrawals of analytics consent so far: a send started before one, of events seen under a grant, stops. */
  let withdrawals = 0;
  const idsOf = (events: readonly ForwardedEvent[]): Set<string> => new Set(events.map((e) => (e as { id?: unknown }).id).filter((id): id is string => typeof id === 'string'));
  const update = (change: Parameters<OutboxStore['update']>[0]): void => {
    outbox?.update(change).catch(() => undefined);
  };
  /** Puts events in the outbox before they are sent: if the page goes first, the next one sends them. */
  const keep = (events: readonly ForwardedEvent[], c: CustomerPrivacy): void => {
    if (!mayKeep(c) || events.length === 0) return;
    const savedAt = Date.now();
    const added: OutboxEntry[] = events.filter((e) => typeof (e as { id?: unknown }).id === 'string').map((event) => ({ shop, consent: c, event, savedAt }));
    update((o) => withEntries(o, added, savedAt));
  };
  /** Takes events out of the outbox: Affinity took them (or refused them for good). */
  const settled = (events: readonly ForwardedEvent[]): void => update((o) => withoutEvents(o, shop, idsOf(events)));

  /**
   * Sends `events` with the consent `c` they were seen under; on failure tries again (retry.ts) until
   * taken or the page's tries are spent (then the outbox has them for the next page).
   */
  const post = (events: readonly ForwardedEvent[], c: CustomerPrivacy, attempt = 0, generation = withdrawals): void => {
    // Seen under a grant that has been withdrawn since: neither sent nor kept.
    if (c.analyticsProcessingAllowed !== false && generation !== withdrawals) return;
    const body = JSON.stringify({ shop, consent: c, events } satisfies EventsBody);
    const bytes = new TextEncoder().encode(body).length;
    if (bytes > MAX_KEEPALIVE_BYTES && events.length > 1) {
      const half = Math.ceil(events.length / 2);
      post(events.slice(0, half), c, attempt, generation);
      post(events.slice(half), c, attempt, generation);
      return;
    }
    const again = (retryAfter: number | undefined): void => {
      const wait = retryDelay(attempt + 1, retryAfter, Math.random());
      if (wait !== undefined) {
        setTimeout(() => post(events, c, attempt + 1, generation), wait);
        return;
      }
      // This page stops trying; a long Retry-After is left for the next page to honour.
      if (retryAfter !== undefined && mayKeep(c)) {
        const notBefore = Date.now() + retryAfter;
        update((o) => ({ ...o, notBefore: Math.max(o.notBefore ?? 0, notBefore) }));
      }
    };
    try {
      fetch(endpoint, { method: 'POST', keepalive: bytes <= MAX_KEEPALIVE_BYTES, headers: { 'content-type': 'text/plain' }, body }).then(
        (res) => {
          if (isRetryable(res.status)) again(retryAfterMs(res.headers?.get?.('retry-after'), Date.now()));
          else settled(events);
        },
        () => again(undefined),
      );
    } catch {
      // A synchronous refusal (a keepalive quota the browser counts differently): try again later.
      again(undefined);
    }
  };

  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (queue.length === 0) return;
    const events = queue;
    queue = [];
    post(events, consent);
  };

  /**
   * Sends what earlier pages of this shop left in the outbox (they were left before their batch went, or
   * Affinity was out): at once, or once a stored `Retry-After` has passed; in batches by the consent they
   * were seen under. A visitor who refuses analytics now has withdrawn it since: they are dropped.
   */
  const resume = (store: OutboxStore): void => {
    const generation = withdrawals;
    store
      .update((o) => (consent.analyticsProcessingAllowed === false ? withoutShop(o, shop) : o))
      .then((o) => {
        if (consent.analyticsProcessingAllowed === false) return;
        const groups = new Map<string, { c: CustomerPrivacy; events: ForwardedEvent[] }>();
        for (const e of o.entries) {
          if (e.shop !== shop) continue;
          const key = JSON.stringify(e.consent);
          const g = groups.get(key) ?? { c: e.consent, events: [] };
          g.events.push(e.event);
          groups.set(key, g);
        }
        const send = (): void => {
          for (const { c, events } of groups.values()) {
            for (let i = 0; i < events.length; i += MAX_BATCH_EVENTS) post(events.slice(i, i + MAX_BATCH_EVENTS), c, 0, generation);
          }
        };
        if (groups.size === 0) return;
        const wait = o.notBefore !== undefined ? o.notBefore - Date.now() : 0;
        if (wait > 0) setTimeout(send, wait);
        else send();
      })
      .catch(() => undefined);
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

  /** Keeps the storefront's country for the next pages of the visit, with analytics consent only; forgets it otherwise. */
  const rememberCountry = (): void => {
    const storage = browser.localStorage;
    if (!storage) return;
    const write = consent.analyticsProcessingAllowed === true && country ? storage.setItem(COUNTRY_KEY, country) : storage.removeItem(COUNTRY_KEY);
    write.catch(() => undefined);
  };

  /** Takes the storefront's country a theme block event names. */
  const learnCountry = (event: Readonly<Record<string, unknown>>): void => {
    const seen = countryOfEvent(event);
    if (seen && seen !== country) {
      country = seen;
      rememberCountry();
    }
  };

  const enqueue = (event: ForwardedEvent): void => {
    learnCountry(event);
    const added: ForwardedEvent[] = [];
    const id = typeof event.clientId === 'string' && event.clientId.length > 0 ? event.clientId : undefined;
    if (id && id !== clientId) {
      clientId = id;
      rememberClientId();
      if (consentSignalPending) {
        consentSignalPending = false;
        added.push(consentEvent(id));
      }
    }
    added.push(withCountry(forwardedEvent(event), country));
    queue.push(...added);
    keep(added, consent);
    if (URGENT_EVENTS.has(event.name) || carriesRecommendation(event) || queue.length >= MAX_BATCH_EVENTS) flush();
    else if (timer === undefined) timer = setTimeout(flush, FLUSH_DELAY_MS);
  };

  for (const name of [...STANDARD_EVENTS, ...CUSTOM_EVENTS]) {
    analytics.subscribe(name, (event: unknown) => enqueue(event as ForwardedEvent));
  }
  analytics.subscribe(LOCALIZATION_EVENT, (event: unknown) => learnCountry(event as ForwardedEvent));

  customerPrivacy.subscribe('visitorConsentCollected', (e) => {
    const next: CustomerPrivacy = { ...e.customerPrivacy };
    if (consent.analyticsProcessingAllowed !== false && next.analyticsProcessingAllowed === false) {
      // Withdrawn: what was not sent yet is not sent at all, neither from this page nor from the outbox.
      queue = [];
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      withdrawals++;
      update((o) => withoutShop(o, shop));
    } else {
      // Events seen under the earlier consent leave with it.
      flush();
    }
    consent = next;
    rememberClientId();
    rememberCountry();
    if (clientId) post([consentEvent(clientId)], consent);
    else consentSignalPending = true;
  });

  if (outbox) resume(outbox);
  // The country an earlier page of the visit learned, for the events before this page's block speaks.
  if (browser.localStorage && consent.analyticsProcessingAllowed === true) {
    browser.localStorage
      .getItem(COUNTRY_KEY)
      .then((v) => {
        country ??= countryCode(v);
      })
      .catch(() => undefined);
  }
}
