/**
 * Duplicates and replays of Shopify compliance webhooks. The HMAC covers the body only: the headers
 * (`X-Shopify-Webhook-Id`, `X-Shopify-Event-Id`, `X-Shopify-Triggered-At`, `X-Shopify-Topic`) can be
 * changed or left out by whoever replays a signed body. So a delivery is recognised as one seen before by any of:
 *
 * - `X-Shopify-Webhook-Id` (one per delivery, the same on Shopify's retries) and `X-Shopify-Event-Id`
 *   (one per event, the same on every subscription's copy), remembered {@link WEBHOOK_ID_TTL_MS};
 * - the sha-256 of its exact body, for the topics where acting on the same body twice does harm
 *   ({@link WEBHOOK_BODY_TTL_BY_TOPIC}): catches a replay whatever its headers say. The topic is not
 *   part of it: it is not signed, and the body proves its topic (`complianceTopicOf`);
 *
 * and a delivery whose `X-Shopify-Triggered-At` is older than {@link WEBHOOK_MAX_AGE_MS} is refused.
 * Shopify retries a failed delivery 8 times over 4 hours with the original payload and trigger time
 * (changelog "updates-to-webhook-retry-mechanism", 2024-09), so the window must be well over 4 hours.
 * The body hash outlives the window, so a replay that keeps its headers is refused at any age, and one
 * that strips or rewrites them still makes no second job while its hash is remembered.
 */
import type { JobDedupeKey } from '../ports.ts';
import type { ComplianceTopic } from './complianceWebhook.ts';

/** Oldest `X-Shopify-Triggered-At` accepted: 12 hours (Shopify's retries span 4 hours). */
export const WEBHOOK_MAX_AGE_MS = 12 * 3_600_000;
/** How long the hash of a delivered body is remembered, where it is: 48 hours (more than the accepted age). */
export const WEBHOOK_BODY_TTL_MS = 48 * 3_600_000;
/** How long a webhook id or event id is remembered: 30 days. */
export const WEBHOOK_ID_TTL_MS = 30 * 86_400_000;

/**
 * How long each topic's body hash is remembered (`undefined`: not at all). Reasoning in docs/privacy.md
 * ("Duplicates and replays"):
 * - `customers/data_request`: its body names its request (`data_request.id`), so the same bytes are the
 *   same request; a second job would only export again.
 * - `customers/redact`: none. Its body has no request id, so a customer's second redaction has the same
 *   bytes as the first, and must run (it erases what was collected since). Re-running one is harmless:
 *   it erases, again, a customer who asked to be erased.
 * - `shop/redact`: 48 hours. Its body (`shop_id`, `shop_domain`) is the same on every uninstall, and a
 *   replay after a reinstall erases a live shop. 48 hours is the longest window that never drops a
 *   needed one: Shopify sends it 48 hours after the uninstall, so a second one within 48 hours of the
 *   first follows an uninstall made before the first ran, whose data the first already erased.
 */
export const WEBHOOK_BODY_TTL_BY_TOPIC: Readonly<Record<ComplianceTopic, number | undefined>> = {
  'customers/data_request': WEBHOOK_BODY_TTL_MS,
  'customers/redact': undefined,
  'shop/redact': WEBHOOK_BODY_TTL_MS,
};

/** The headers of a delivery that identify it. */
export interface DeliveryIds {
  readonly webhookId?: string;
  readonly eventId?: string;
}

/**
 * The dedupe keys of one delivery.
 * @param topic the topic its body proved
 * @param bodySha256 hex sha-256 of the raw body (the topic is not part of it)
 */
export function deliveryDedupeKeys(topic: ComplianceTopic, bodySha256: string, ids: DeliveryIds): JobDedupeKey[] {
  const bodyTtlMs = WEBHOOK_BODY_TTL_BY_TOPIC[topic];
  return [
    ...(bodyTtlMs !== undefined ? [{ key: `shopify-body:${bodySha256}`, ttlMs: bodyTtlMs }] : []),
    // The form of earlier versions, so that a retry in flight during an upgrade is still recognised.
    ...(ids.webhookId ? [{ key: `shopify:${ids.webhookId}`, ttlMs: WEBHOOK_ID_TTL_MS }] : []),
    ...(ids.eventId ? [{ key: `shopify-event:${ids.eventId}`, ttlMs: WEBHOOK_ID_TTL_MS }] : []),
  ];
}

/**
 * How old a delivery is by its `X-Shopify-Triggered-At`, when that header is there and readable.
 * @returns ms (negative when it claims to come from the future), or `undefined`
 */
export function deliveryAgeMs(triggeredAt: string | undefined, now: number): number | undefined {
  if (triggeredAt === undefined || triggeredAt.trim() === '') return undefined;
  const t = Date.parse(triggeredAt.trim());
  return Number.isFinite(t) ? now - t : undefined;
}

/**
 * The age of a delivery too old to act on (a replay: Shopify stopped retrying long before).
 * @returns ms, or `undefined` when the delivery may be acted on (fresh, or no readable trigger time)
 */
export function staleDeliveryAgeMs(triggeredAt: string | undefined, now: number, maxAgeMs: number = WEBHOOK_MAX_AGE_MS): number | undefined {
  const age = deliveryAgeMs(triggeredAt, now);
  return age !== undefined && age > maxAgeMs ? age : undefined;
}
