/**
 * Shopify's mandatory privacy compliance webhooks (docs/shopify.md §3): their payloads, validated, and
 * the privacy job each one becomes. Ids are numeric in the payloads (REST style) and are normalised to
 * strings, the form Affinity stores customer ids in.
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

/** Why a compliance payload is refused: `INVALID_SHOP` when its `shop_domain` is no shop domain, else `VALIDATION_FAILED`. */
export interface ComplianceRefusal {
  readonly code: 'VALIDATION_FAILED' | 'INVALID_SHOP';
  readonly issues: { path: string; message: string }[];
}

/**
 * Validates a compliance payload and maps it to its job. `shop_domain` goes through the same parse as
 * every shop an API request names (`parseShopName`): a domain in another case is the same shop (the
 * job is for the lower-case name, where the shop's data is), and anything that is no shop domain (a
 * path, a URL, a port) is refused, so no job is ever queued for a tenant that cannot exist.
 * @returns the work, or why it is refused.
 */
export function complianceWork(topic: ComplianceTopic, body: unknown): { work: ComplianceWork } | ComplianceRefusal {
  const r = COMPLIANCE_SCHEMAS[topic].safeParse(body);
  if (!r.success) return { code: 'VALIDATION_FAILED', issues: r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
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
