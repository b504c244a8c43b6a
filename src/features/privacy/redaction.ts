/**
 * Data-subject use cases over the store: redact a customer (every id linked to it or to one of its
 * orders), export what is held about a customer, redact a whole shop, erase what one browser stored
 * after its consent was withdrawn. Used by the privacy worker (compliance webhooks, consent
 * withdrawals) and by tests that scan the stores afterwards.
 *
 * Identity links are the erasure index: a withdrawal erases behaviour but keeps them, so a later
 * redaction still reaches every device the customer ever used; only a redaction removes them.
 */
import { readableRecord, type ReadableRecord, type TitleOf } from '../../core/privacy/readableExport.ts';
import type { ErasureReport, PrivacyJobQueue, PrivacyStore, UserExport } from '../../core/ports.ts';
import { MARKET_SCOPE_SEPARATOR } from '../../core/privacy/consentPolicy.ts';
import { isOrderNode, ORDER_NODE_PREFIX, orderNode } from '../../core/privacy/orderNode.ts';
import { subjectIds } from './subjectIds.ts';

/**
 * Told the ids an erasure removed (never kept: the job's report outlives the data), so the process
 * drops what it holds of them in memory too (the agent conversations of `MCPAwareRecommender`).
 */
export type ErasedIds = (ids: readonly string[]) => void;

/** What a customer redaction removed (counts only: the report outlives the data). */
export interface RedactionReport extends ErasureReport {
  /** Ids erased: the customer id and every id linked to it. */
  readonly ids: number;
  /** Data exports of the customer removed. */
  readonly exports: number;
}

/**
 * The ids a customer request covers ({@link subjectIds}): the customer id, the order nodes of `orders`,
 * the ids linked directly to any of them and the other ids of those devices' browsers, each once, the
 * customer first. One link deep: a device shared with another customer leads neither to that customer
 * nor to their other devices. An export covers these ids; a redaction these of the named orders and of
 * the orders linked to the customer id itself ({@link redactCustomer}).
 */
export async function identityGraph(store: Pick<PrivacyStore, 'directLinks'>, shop: string, id: string | undefined, orders: readonly string[] = []): Promise<string[]> {
  return subjectIds(store, shop, id, orders);
}

/**
 * Removes every record of a customer: the customer id and, through identity links (of the customer
 * and of its `orders`, one link deep: {@link identityGraph}), the client ids linked to it (their
 * events, profiles, links, dedupe markers), plus its data exports (kept under the customer id, or
 * under an order of an export that named orders only). Without a customer id (a payload that names
 * orders only), the orders' links alone lead to the devices; an order linked to the customer id itself
 * counts as named. A device shared with another customer is erased (it is linked to this one), but
 * that customer's id and other devices are not. Idempotent.
 */
export async function redactCustomer(
  store: PrivacyStore,
  queue: PrivacyJobQueue | undefined,
  shop: string,
  customerId: string | undefined,
  orders: readonly string[] = [],
  onErased?: ErasedIds,
  at?: number,
): Promise<RedactionReport> {
  // Erring towards erasing more than an export shows: the orders linked to the customer id itself
  // (server events naming the customer as the user) count as named, so their devices go too.
  const own = customerId ? (await store.directLinks(shop, customerId)).filter(isOrderNode).map((n) => n.slice(ORDER_NODE_PREFIX.length)) : [];
  const ids = await identityGraph(store, shop, customerId, [...orders, ...own.filter((o) => !orders.includes(o))]);
  // An export by orders (no customer id) is kept under its first order: one of an erased device's
  // orders may hold what is erased here, so it goes too (read before the links go).
  const devicesOrders: string[] = [];
  for (const id of ids) if (!isOrderNode(id)) devicesOrders.push(...(await store.directLinks(shop, id)).filter(isOrderNode));
  let events = 0;
  let profiles = 0;
  let links = 0;
  for (const id of ids) {
    const r = await store.eraseUser(shop, id, at === undefined ? {} : { at });
    events += r.events;
    profiles += r.profiles;
    links += r.links;
  }
  onErased?.(ids.filter((id) => !isOrderNode(id)));
  // Exports are kept under the customer id, or under the first order of a request that named orders only.
  let exports = 0;
  const subjects = new Set([...(customerId ? [customerId] : []), ...orders.map(orderNode), ...ids.filter(isOrderNode), ...devicesOrders]);
  if (queue) for (const subject of subjects) exports += await queue.deleteExportsOf(shop, subject);
  return { ids: ids.filter((id) => !isOrderNode(id)).length, events, profiles, links, exports };
}

/** A complete export of what is held about a customer, for the shop (`customers/data_request`). */
export interface CustomerExport {
  readonly shop: string;
  /** Absent when the request names orders only (a customer known by email, no customer id). */
  readonly customerId?: string;
  /** ISO 8601. */
  readonly generatedAt: string;
  /** The customer id and the ids linked directly to it or to the orders named, with their browsers' other ids (order nodes `order:<id>` included). */
  readonly ids: readonly string[];
  /**
   * Per id, readable: interests, purchases and every event with product titles and dates
   * (`core/privacy/readableExport.ts`); an id's links name only ids of this export.
   */
  readonly records: readonly ReadableRecord[];
}

/**
 * Builds a {@link CustomerExport} (`orders`: the orders the request names). Reaches the same ids as
 * {@link redactCustomer} ({@link identityGraph}): with no customer id, the orders' links alone.
 */
export async function exportCustomer(
  store: PrivacyStore,
  shop: string,
  customerId: string | undefined,
  now: number,
  orders: readonly string[] = [],
  titleOf: TitleOf = () => undefined,
): Promise<CustomerExport> {
  const ids = await identityGraph(store, shop, customerId, orders);
  const covered = new Set(ids);
  const records: ReadableRecord[] = [];
  for (const id of ids) {
    if (isOrderNode(id)) continue;
    const x = await store.exportUser(shop, id);
    // A shared device is linked to another customer too: that customer's ids are not this export's.
    records.push(readableRecord({ ...x, linkedIds: x.linkedIds.filter((l) => covered.has(l)) }, titleOf));
  }
  return { shop, ...(customerId ? { customerId } : {}), generatedAt: new Date(now).toISOString(), ids, records };
}

/** Removes the whole tenant from the store and its exports and jobs from the queue (except `jobId`). */
export async function redactShop(store: PrivacyStore, queue: PrivacyJobQueue | undefined, shop: string, jobId?: string, at?: number): Promise<void> {
  await store.eraseShop(shop, at);
  await queue?.purgeShop(shop, jobId);
}

/**
 * Erases what was stored about one id after its consent was withdrawn: the events, profile and dedupe
 * markers of the id and of its market-scoped ids (`<id>@<market>`). Their identity links stay: a
 * later `customers/redact` of a linked customer follows them to every device, also to what a device
 * stores after consenting again. A customer id it is linked to keeps its own data (consent is given
 * per browser; the customer may have consented elsewhere).
 */
export async function withdrawConsent(store: PrivacyStore, shop: string, userId: string, onErased?: ErasedIds, at?: number): Promise<ErasureReport & { ids: number }> {
  const scoped = (await store.linkedIds(shop, userId)).filter((id) => id.startsWith(`${userId}${MARKET_SCOPE_SEPARATOR}`));
  let events = 0;
  let profiles = 0;
  let links = 0;
  for (const id of [userId, ...scoped]) {
    const r = await store.eraseUser(shop, id, at === undefined ? { keepLinks: true } : { keepLinks: true, at });
    events += r.events;
    profiles += r.profiles;
    links += r.links;
  }
  onErased?.([userId, ...scoped]);
  return { ids: 1 + scoped.length, events, profiles, links };
}
