/**
 * The privacy worker: takes jobs from the durable privacy queue (compliance webhooks, consent
 * withdrawals) and does the work. Runs in the process that projects (`all` or `projector` role), so
 * erasures can hold the local projector back while they run (a batch read before an erasure must not
 * write the erased profile back). A job that fails is retried with exponential backoff; a worker that
 * dies mid-job leaves it leased, and it comes back when the lease ends. Every job is idempotent.
 */
import type { PrivacyJob, PrivacyJobQueue, PrivacyStore } from '../../core/ports.ts';
import { orderNode } from '../../core/privacy/orderNode.ts';
import { exportCustomer, redactCustomer, redactShop, withdrawConsent } from './redaction.ts';

/** How long a data export stays available to the shop: 30 days. */
export const EXPORT_TTL_MS = 30 * 86_400_000;
/** Lease of a claimed job, ms. */
export const DEFAULT_JOB_LEASE_MS = 5 * 60_000;
/** Poll interval, ms. */
export const DEFAULT_PRIVACY_POLL_MS = 1000;
/** Longest retry delay, ms. */
const MAX_BACKOFF_MS = 3_600_000;

/** Options of the worker. */
export interface PrivacyWorkerOptions {
  readonly store: PrivacyStore;
  readonly queue: PrivacyJobQueue;
  /** Epoch ms. */
  readonly clock: () => number;
  /** Runs an erasure with local projection paused (`Projector.pauseWhile`). */
  readonly exclusive?: <T>(fn: () => Promise<T>) => Promise<T>;
  readonly pollMs?: number;
  readonly leaseMs?: number;
  /** Called after a shop was erased, to drop what this process holds of it in memory. */
  readonly onShopErased?: (shop: string) => void;
  /**
   * Called after a customer redaction or a consent withdrawal's erasure with the ids erased and which of
   * the two it was, to drop what this process holds of them in memory (their agent conversations, the
   * consent gate's memo of written links; after a redaction their consent state too). Never given to
   * `onJob` or a report.
   */
  readonly onShoppersErased?: (shop: string, userIds: readonly string[], why: 'redact' | 'withdraw') => void;
  /** Product titles for data-request exports (from the shop's catalog). */
  readonly titleOf?: (shop: string, productId: string) => string | undefined;
  /** Loads the shop's catalog where this process does not hold it (CatalogRegistry.ensure), before titles are read. */
  readonly catalogFor?: (shop: string) => Promise<void> | undefined;
  /** Called after each job (for metrics and logs): kind, outcome. Never given identifiers. */
  readonly onJob?: (kind: PrivacyJob['kind'], outcome: 'done' | 'failed', err?: unknown) => void;
}

/** Processes privacy jobs. */
export class PrivacyWorker {
  readonly #o: PrivacyWorkerOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = true;

  constructor(opts: PrivacyWorkerOptions) {
    this.#o = opts;
  }

  start(): void {
    this.#stopped = false;
    this.#timer = setInterval(() => this.kick(), this.#o.pollMs ?? DEFAULT_PRIVACY_POLL_MS);
    this.#timer.unref();
    this.kick();
  }

  /** Asks for a drain now (after an enqueue in this process). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.drain()
      .then(() => undefined, () => undefined)
      .finally(() => {
        this.#running = undefined;
        if (this.#again) {
          this.#again = false;
          setImmediate(() => this.kick());
        }
      });
  }

  /** Processes every due job; resolves when none is due. */
  async drain(): Promise<number> {
    let n = 0;
    for (;;) {
      const job = await this.#o.queue.claim(this.#o.clock(), this.#o.leaseMs ?? DEFAULT_JOB_LEASE_MS);
      if (!job) return n;
      n += 1;
      try {
        const result = await this.#handle(job);
        await this.#o.queue.complete(job.id, result, this.#o.clock());
        this.#o.onJob?.(job.kind, 'done');
      } catch (err) {
        const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(job.attempts, 20));
        const now = this.#o.clock();
        await this.#o.queue.fail(job.id, err instanceof Error ? err.message : String(err), now + delay, now).catch(() => {});
        this.#o.onJob?.(job.kind, 'failed', err);
      }
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    while (this.#running) await this.#running;
  }

  async #handle(job: PrivacyJob): Promise<Record<string, unknown>> {
    const { store, queue } = this.#o;
    const exclusive = this.#o.exclusive ?? (<T>(fn: () => Promise<T>) => fn());
    const p = job.payload;
    const erased =
      (why: 'redact' | 'withdraw') =>
      (ids: readonly string[]): void =>
        this.#o.onShoppersErased?.(job.shop, ids, why);
    switch (job.kind) {
      case 'customers/redact': {
        const customerId = String(p.customerId ?? '');
        const orders = ordersOf(p);
        if (!customerId && orders.length === 0) return { skipped: 'no customer id or order' };
        return { ...(await exclusive(() => redactCustomer(store, queue, job.shop, customerId || undefined, orders, erased('redact'), this.#o.clock()))) };
      }
      case 'consent/withdraw': {
        const userId = String(p.userId ?? '');
        if (!userId) return { skipped: 'no user id' };
        return { ...(await exclusive(() => withdrawConsent(store, job.shop, userId, erased('withdraw'), this.#o.clock()))) };
      }
      case 'shop/redact':
        await exclusive(() => redactShop(store, queue, job.shop, job.id, this.#o.clock()));
        this.#o.onShopErased?.(job.shop);
        return { shop: 'erased' };
      case 'customers/data_request': {
        const customerId = String(p.customerId ?? '');
        const orders = ordersOf(p);
        const now = this.#o.clock();
        await this.#o.catalogFor?.(job.shop);
        // Like a redaction, the export starts from the customer id and from the orders the request names:
        // a customer known only by email (a guest checkout) is still reached through its orders' devices.
        const doc = {
          ...(customerId || orders.length > 0
            ? await exportCustomer(store, job.shop, customerId || undefined, now, orders, (id) => this.#o.titleOf?.(job.shop, id))
            : { shop: job.shop, generatedAt: new Date(now).toISOString(), ids: [], records: [] }),
          ...(p.dataRequestId ? { dataRequestId: p.dataRequestId } : {}),
        };
        const records = (doc.records as unknown[]).length;
        // `now` is when the reads began: the shop erased since (another worker's shop/redact) drops the export.
        // Kept under the customer id, else under the first order: a later redaction of either removes it.
        const subject = customerId || (orders[0] !== undefined ? orderNode(orders[0]) : '-');
        const written = await queue.putExport(job.shop, job.id, subject, doc, now + EXPORT_TTL_MS, now);
        return written ? { exportId: job.id, records } : { skipped: 'shop erased during the export', droppedRecords: records };
      }
    }
  }
}

/** The order ids of a job's payload (`customers/redact`, `customers/data_request`). */
function ordersOf(p: Readonly<Record<string, unknown>>): string[] {
  return Array.isArray(p.orders) ? p.orders.filter((o): o is string => typeof o === 'string' && o.length > 0) : [];
}
