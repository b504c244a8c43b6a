/**
 * Data-subject use cases over the store: redact a customer (every id linked to it), export what is
 * held about a customer, redact a whole shop. Used by the privacy worker (compliance webhooks, consent
 * withdrawals) and by tests that scan the stores afterwards.
 */
import type { ErasureReport, PrivacyJobQueue, PrivacyStore, UserExport } from '../../core/ports.ts';
import { MARKET_SCOPE_SEPARATOR } from '../../core/privacy/consentPolicy.ts';

/** What a customer redaction removed (counts only: the report outlives the data). */
export interface RedactionReport extends ErasureReport {
  /** Ids erased: the customer id and every id linked to it. */
  readonly ids: number;
  /** Data exports of the customer removed. */
  readonly exports: number;
}

/** The customer id and every id linked to it (client ids of its devices, other customer ids). */
export async function identityGraph(store: PrivacyStore, shop: string, id: string): Promise<string[]> {
  return [id, ...(await store.linkedIds(shop, id))];
}

/**
 * Removes every record of a customer: the customer id and, through identity links, the anonymous
 * client ids linked to it (their events, profiles, links, dedupe markers), plus its data exports.
 * Idempotent.
 */
export async function redactCustomer(store: PrivacyStore, queue: PrivacyJobQueue | undefined, shop: string, customerId: string): Promise<RedactionReport> {
  const ids = await identityGraph(store, shop, customerId);
  let events = 0;
  let profiles = 0;
  let links = 0;
  for (const id of ids) {
    const r = await store.eraseUser(shop, id);
    events += r.events;
    profiles += r.profiles;
    links += r.links;
  }
  const exports = queue ? await queue.deleteExportsOf(shop, customerId) : 0;
  return { ids: ids.length, events, profiles, links, exports };
}

/** A complete export of what is held about a customer, for the shop (`customers/data_request`). */
export interface CustomerExport {
  readonly shop: string;
  readonly customerId: string;
  /** ISO 8601. */
  readonly generatedAt: string;
  /** The customer id and the ids linked to it. */
  readonly ids: readonly string[];
  /** Per id: profile, every event, links. */
  readonly records: readonly UserExport[];
}

/** Builds a {@link CustomerExport}. */
export async function exportCustomer(store: PrivacyStore, shop: string, customerId: string, now: number): Promise<CustomerExport> {
  const ids = await identityGraph(store, shop, customerId);
  const records: UserExport[] = [];
  for (const id of ids) records.push(await store.exportUser(shop, id));
  return { shop, customerId, generatedAt: new Date(now).toISOString(), ids, records };
}

/** Removes the whole tenant from the store and its exports and jobs from the queue (except `jobId`). */
export async function redactShop(store: PrivacyStore, queue: PrivacyJobQueue | undefined, shop: string, jobId?: string): Promise<void> {
  await store.eraseShop(shop);
  await queue?.purgeShop(shop, jobId);
}

/**
 * Erases what was stored about one anonymous id after its consent was withdrawn: the id and its
 * market-scoped ids (`<id>@<market>`), with their links. A customer id it is linked to keeps its own
 * data (consent is given per browser; the customer may have consented elsewhere).
 */
export async function withdrawConsent(store: PrivacyStore, shop: string, userId: string): Promise<ErasureReport & { ids: number }> {
  const scoped = (await store.linkedIds(shop, userId)).filter((id) => id.startsWith(`${userId}${MARKET_SCOPE_SEPARATOR}`));
  let events = 0;
  let profiles = 0;
  let links = 0;
  for (const id of [userId, ...scoped]) {
    const r = await store.eraseUser(shop, id);
    events += r.events;
    profiles += r.profiles;
    links += r.links;
  }
  return { ids: 1 + scoped.length, events, profiles, links };
}
