/**
 * Duplicates and replays of Shopify compliance webhooks. The HMAC covers the body only: the headers
 * (`X-Shopify-Webhook-Id`, `X-Shopify-Event-Id`, `X-Shopify-Triggered-At`) can be changed or left out
 * by whoever replays a signed body. So a delivery is recognised as one seen before by any of:
 *
 * - the sha-256 of its topic and exact body (remembered {@link WEBHOOK_BODY_TTL_MS}): catches a replay
 *   whatever its headers say;
 * - `X-Shopify-Webhook-Id` (one per delivery, the same on Shopify's retries) and `X-Shopify-Event-Id`
 *   (one per event, the same on every subscription's copy), remembered {@link WEBHOOK_ID_TTL_MS};
 *
 * and a delivery whose `X-Shopify-Triggered-At` is older than {@link WEBHOOK_MAX_AGE_MS} is refused.
 * Shopify retries a failed delivery 8 times over 4 hours with the original payload and trigger time
 * (changelog "updates-to-webhook-retry-mechanism", 2024-09), so the window must be well over 4 hours.
 * The body hash outlives the window, so a replay that keeps its headers is refused at any age, and one
 * that strips or rewrites them still makes no second job while its hash is remembered.
 *
 * The body TTL is short on purpose: Shopify can legitimately send the same body again later (a second
 * redaction request for the same customer and orders, `shop/redact` after a second uninstall), and
 * those must become jobs. Both come days apart at the earliest (`customers/redact` 10 days after the
 * request, `shop/redact` 48 hours after the uninstall).
 */
import type { JobDedupeKey } from '../ports.ts';

/** Oldest `X-Shopify-Triggered-At` accepted: 12 hours (Shopify's retries span 4 hours). */
export const WEBHOOK_MAX_AGE_MS = 12 * 3_600_000;
/** How long the hash of a delivered body is remembered: 48 hours (more than the accepted age). */
export const WEBHOOK_BODY_TTL_MS = 48 * 3_600_000;
/** How long a webhook id or event id is remembered: 30 days. */
export const WEBHOOK_ID_TTL_MS = 30 * 86_400_000;

/** The headers of a delivery that identify it. */
export interface DeliveryIds {
  readonly webhookId?: string;
  readonly eventId?: string;
}

/**
 * The dedupe keys of one delivery.
 * @param bodySha256 hex sha-256 of the topic, a newline and the raw body
 */
export function deliveryDedupeKeys(bodySha256: string, ids: DeliveryIds): JobDedupeKey[] {
  return [
    { key: `shopify-body:${bodySha256}`, ttlMs: WEBHOOK_BODY_TTL_MS },
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
