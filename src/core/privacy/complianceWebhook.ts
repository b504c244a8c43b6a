/**
 * Shopify's mandatory privacy compliance webhooks (docs/shopify.md §3): their payloads, validated, and
 * the privacy job each one becomes. Ids are numeric in the payloads (REST style) and are normalised to
 * strings, the form Affinity stores customer ids in.
 *
 * Shopify signs the body only: the topic (`X-Shopify-Topic`, or the path) is not signed, so whoever
 * holds one signed body could send it as another topic (a `customers/redact` body as `shop/redact`
 * erases the whole shop). So the body must prove its topic ({@link complianceTopicOf}).
 */
import { z } from 'zod';
import { parseShopName } from '../access/shopName.ts';
import { normalizeId } from '../ids.ts';
import type { PrivacyJobKind } from '../ports.ts';

/** The three compliance topics and their URL paths under `/webhooks/shopify/`. */
export const COMPLIANCE_TOPICS = {
  'customers/data_request': 'customers/data_request',
  'customers/redact': 'customers/redact',
  'shop/redact': 'shop/redact',
} as const satisfies Record<string, PrivacyJobKind>;

export type ComplianceTopic = keyof typeof COMPLIANCE_TOPICS;

const Id = z.union([z.number().int().nonnegative(), z.string().min(1).max(200)]);
const Customer = z.object({ id: Id.nullish(), email: z.string().nullish(), phone: z.string().nullish() }).passthrough();
const Shop = { shop_id: Id.nullish(), shop_domain: z.string().min(1).max(255) };

/** Payload schemas by topic. */
export const COMPLIANCE_SCHEMAS = {
  'customers/data_request': z
    .object({ ...Shop, customer: Customer, orders_requested: z.array(Id).nullish(), data_request: z.object({ id: Id.nullish() }).passthrough().nullish() })
    .passthrough(),
  'customers/redact': z.object({ ...Shop, customer: Customer, orders_to_redact: z.array(Id).nullish() }).passthrough(),
  'shop/redact': z.object(Shop).passthrough(),
} as const;

/** The job a compliance webhook becomes (without its id). */
export interface ComplianceWork {
  readonly shop: string;
  readonly kind: PrivacyJobKind;
  /** Only what the work needs: the customer id, the data request id, order ids. Never email or phone. */
  readonly payload: Readonly<Record<string, unknown>>;
}

/**
 * Why a compliance payload is refused: `INVALID_SHOP` when its `shop_domain` is no shop domain,
 * `WEBHOOK_TOPIC_MISMATCH` when it is not a payload of the topic it was sent as, else `VALIDATION_FAILED`.
 */
export interface ComplianceRefusal {
  readonly code: 'VALIDATION_FAILED' | 'INVALID_SHOP' | 'WEBHOOK_TOPIC_MISMATCH';
  readonly issues: { path: string; message: string }[];
}

/**
 * The keys only a payload of that topic carries (docs/shopify.md §3): a data request names its request
 * (`data_request`) and `orders_requested`, a customer redaction `orders_to_redact`; a shop redaction
 * carries only `shop_id` and `shop_domain`, so none of these and no `customer`. Read by key presence,
 * whatever the value (`"orders_to_redact": null` is still a redaction's key).
 */
export const COMPLIANCE_TOPIC_KEYS = {
  'customers/data_request': ['data_request', 'orders_requested'],
  'customers/redact': ['orders_to_redact'],
  'shop/redact': [],
} as const satisfies Record<ComplianceTopic, readonly string[]>;

/**
 * The compliance topic a payload's shape proves, from its topic-defining keys only (other fields, such
 * as those a newer API version adds, do not count):
 * - the keys of exactly one customer topic: that topic;
 * - none of them and no `customer`: `shop/redact`;
 * - the keys of both customer topics, or a `customer` with neither (no proof which request it is),
 *   or no JSON object: `undefined`, no topic.
 * A destructive topic is never inferred from a payload that could be another's: a data request's body
 * cannot pass as a redaction, nor a customer's as the shop's.
 */
export function complianceTopicOf(body: unknown): ComplianceTopic | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const carries = (key: string) => Object.hasOwn(body, key);
  const proven = (Object.keys(COMPLIANCE_TOPIC_KEYS) as ComplianceTopic[]).filter((t) => COMPLIANCE_TOPIC_KEYS[t].some(carries));
  if (proven.length > 1) return undefined;
  if (proven.length === 1) return proven[0];
  return carries('customer') ? undefined : 'shop/redact';
}

/** The topic-defining keys a payload carries (for the refusal's message). */
function topicKeysOf(body: object): string[] {
  const all = ['customer', ...Object.values(COMPLIANCE_TOPIC_KEYS).flat()];
  return all.filter((k) => Object.hasOwn(body, k));
}

/**
 * Validates a compliance payload and maps it to its job. `shop_domain` goes through the same parse as
 * every shop an API request names (`parseShopName`): a domain in another case is the same shop (the
 * job is for the lower-case name, where the shop's data is), and anything that is no shop domain (a
 * path, a URL, a port) is refused, so no job is ever queued for a tenant that cannot exist. A body
 * without its shop is `VALIDATION_FAILED` whatever it claims; then a body whose shape is not `topic`'s
 * ({@link complianceTopicOf}) is `WEBHOOK_TOPIC_MISMATCH`, before the topic's own schema is applied.
 * @returns the work, or why it is refused.
 */
export function complianceWork(topic: ComplianceTopic, body: unknown): { work: ComplianceWork } | ComplianceRefusal {
  // Every topic's payload names its shop: a body without one is malformed, whichever topic it claims.
  const shopPart = COMPLIANCE_SCHEMAS['shop/redact'].safeParse(body);
  if (!shopPart.success) return validationFailed(shopPart.error);
  const proven = complianceTopicOf(body);
  if (proven !== topic) return topicMismatch(topic, proven, topicKeysOf(body as object));
  const r = COMPLIANCE_SCHEMAS[topic].safeParse(body);
  if (!r.success) return validationFailed(r.error);
  const shop = parseShopName(r.data.shop_domain);
  if ('problem' in shop) return { code: 'INVALID_SHOP', issues: [{ path: 'shop_domain', message: shop.problem }] };
  const d = r.data as { shop_domain: string; customer?: { id?: string | number | null }; data_request?: { id?: string | number | null } | null; orders_to_redact?: (string | number)[] | null; orders_requested?: (string | number)[] | null };
  const customerId = normalizeId(d.customer?.id ?? undefined);
  const orders = (d.orders_to_redact ?? d.orders_requested ?? []).map((o) => normalizeId(o)).filter((o): o is string => !!o);
  const dataRequestId = normalizeId(d.data_request?.id ?? undefined);
  return {
    work: {
      shop: shop.shop,
      kind: COMPLIANCE_TOPICS[topic],
      payload: {
        ...(customerId ? { customerId } : {}),
        ...(orders.length > 0 ? { orders } : {}),
        ...(dataRequestId ? { dataRequestId } : {}),
      },
    },
  };
}

/** A zod failure as a refusal, each issue with its dotted path. */
function validationFailed(error: z.ZodError): ComplianceRefusal {
  return { code: 'VALIDATION_FAILED', issues: error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
}

/** A body sent as `claimed` whose shape proves another topic, or none. */
function topicMismatch(claimed: ComplianceTopic, proven: ComplianceTopic | undefined, carried: string[]): ComplianceRefusal {
  const expected = COMPLIANCE_TOPIC_KEYS[claimed];
  const wants = claimed === 'shop/redact' ? 'carries no customer, orders_to_redact, orders_requested or data_request' : `carries customer and ${expected.join(' or ')}, and no key of another topic`;
  const has = carried.length > 0 ? `this body carries ${carried.join(', ')}` : 'this body carries none of them';
  const is = proven ? `: it is a ${proven} payload` : '';
  return { code: 'WEBHOOK_TOPIC_MISMATCH', issues: [{ path: 'topic', message: `a ${claimed} payload ${wants}; ${has}${is}` }] };
}
