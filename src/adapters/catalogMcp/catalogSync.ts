/**
 * Copies a shop's catalog into Affinity over its Storefront Catalog MCP, page by page.
 *
 * UCP has no "list everything" tool; a `search_catalog` with filters and no query is a browse
 * (docs/shopify.md §1.3), so the sync browses with `filters.price.min = 0`, a filter every product
 * passes. Whether Shopify's server honours a query-less browse is not confirmed (an older revision of
 * the UCP MCP binding required `catalog.query`), so when the browse is rejected as invalid (-32602 /
 * tool error) or its first page is empty, the sync retries with the wildcard query `*`. The legacy
 * tool gets an empty query. Products are de-duplicated by id across pages (an index shifting during the
 * sync can repeat items); the sync stops at the last page, at `maxPages`, or when a cursor repeats.
 * Transient page failures are retried; anything else fails the sync.
 *
 * The scheduler reconciles what it brings with Affinity's copy before writing (`reconcileSynced`): a
 * product the shop names by GID and Affinity holds under its CSV handle stays one product, its numeric
 * id linked to the handle, and taxonomy ids learn the category names the copy has.
 *
 * A complete sync is the shop's catalog as its storefront lists it now: the scheduler then removes the
 * products Affinity holds that it no longer names (deleted, set to draft or archived, unpublished; see
 * `core/catalog/notNamed.ts`). Only then: a sync cut short (`maxPages`, a repeated cursor), one with
 * items it could not read (their ids are unknown), one that failed, and one that listed nothing (a
 * storefront answering empty is likelier broken than emptied) remove nothing.
 */
import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import { notNamed } from '../../core/catalog/notNamed.ts';
import type { Product } from '../../core/catalog/product.ts';
import { CatalogMcpError, isTransient } from './errors.ts';
import { reconcileSynced } from './reconcileSync.ts';
import type { ShopTaxonomy } from './shopTaxonomy.ts';
import type { CatalogContext, CatalogPage, CatalogSearchRequest, CatalogSource } from './storefrontMcpClient.ts';

/** How the catalog was enumerated. */
export type SyncStrategy = 'browse' | 'wildcard';

/** Options of {@link syncCatalog}. */
export interface SyncOptions {
  /** The shop being synced (for messages). */
  readonly shop: string;
  /** Products per page (default 50; servers may clamp). */
  readonly pageSize?: number;
  /** Stop after this many pages (default 200). */
  readonly maxPages?: number;
  readonly signal?: AbortSignal;
  /** Buyer context of the sync (e.g. the market whose prices to store); default none (the shop's defaults). */
  readonly context?: CatalogContext;
  /** Force a strategy instead of browse-then-wildcard. */
  readonly strategy?: SyncStrategy;
  /** Attempts per page including the first, transient errors only (default 3). */
  readonly pageAttempts?: number;
}

/** What {@link syncCatalog} returns. */
export interface SyncResult {
  readonly products: Product[];
  readonly pages: number;
  /** False when `maxPages` stopped the sync before the last page (or a cursor repeated). */
  readonly complete: boolean;
  readonly strategy: SyncStrategy;
  /** Raw items skipped as invalid. */
  readonly invalid: number;
}

function requestFor(strategy: SyncStrategy, pageSize: number, cursor: string | undefined, context: CatalogContext | undefined): CatalogSearchRequest {
  return {
    ...(strategy === 'browse' ? { filters: { price: { min: 0 } } } : { query: '*' }),
    limit: pageSize,
    ...(cursor ? { cursor } : {}),
    ...(context ? { context } : {}),
  };
}

/** Whether a first-page failure means "this server does not browse that way" rather than "it is down". */
function rejectedRequest(e: unknown): boolean {
  return e instanceof CatalogMcpError && (e.kind === 'tool' || (e.kind === 'rpc' && e.rpcCode === -32602));
}

/** Pages through a shop's whole catalog over MCP. @throws CatalogMcpError, or the abort reason */
export async function syncCatalog(client: CatalogSource, opts: SyncOptions): Promise<SyncResult> {
  const pageSize = Math.max(1, opts.pageSize ?? 50);
  const maxPages = Math.max(1, opts.maxPages ?? 200);
  const policy = retry(handleWhen(isTransient), {
    maxAttempts: Math.max(0, (opts.pageAttempts ?? 3) - 1),
    backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 2000 }),
  });
  const fetchPage = (strategy: SyncStrategy, cursor: string | undefined): Promise<CatalogPage> => {
    opts.signal?.throwIfAborted();
    return policy.execute(({ signal }) => client.search(requestFor(strategy, pageSize, cursor, opts.context), { signal }), opts.signal);
  };

  let strategy: SyncStrategy = opts.strategy ?? 'browse';
  let first: CatalogPage;
  try {
    first = await fetchPage(strategy, undefined);
  } catch (e) {
    if (opts.strategy || !rejectedRequest(e)) throw e;
    strategy = 'wildcard';
    first = await fetchPage(strategy, undefined);
  }
  if (!opts.strategy && strategy === 'browse' && first.products.length === 0 && !first.pagination?.hasNextPage) {
    const wildcard = await fetchPage('wildcard', undefined);
    if (wildcard.products.length > 0) {
      strategy = 'wildcard';
      first = wildcard;
    }
  }

  const byId = new Map<string, Product>();
  const seenCursors = new Set<string>();
  let invalid = 0;
  let pages = 0;
  let page: CatalogPage = first;
  for (;;) {
    pages++;
    invalid += page.invalid.length;
    for (const p of page.products) byId.set(p.id, p);
    const more = page.pagination?.hasNextPage === true;
    const next = page.pagination?.cursor;
    if (!more) return { products: [...byId.values()], pages, complete: true, strategy, invalid };
    if (!next || pages >= maxPages || seenCursors.has(next)) return { products: [...byId.values()], pages, complete: false, strategy, invalid };
    seenCursors.add(next);
    page = await fetchPage(strategy, next);
  }
}

/** Outcome of one shop's scheduled or on-demand sync. */
export interface SyncReport {
  readonly shop: string;
  readonly ok: boolean;
  /** Products written (0 on failure). */
  readonly products: number;
  readonly pages: number;
  readonly complete: boolean;
  readonly strategy?: SyncStrategy;
  /** Synced products that are a catalog product under another id (matched by handle, numeric id linked). */
  readonly matchedByHandle?: number;
  /** Products removed because a complete sync no longer listed them (absent when none). */
  readonly removed?: number;
  readonly error?: string;
}

/** A cancellable repeating timer (the default is an unref'd setInterval). */
export type Schedule = (fn: () => void, everyMs: number) => { cancel(): void };

/** Options of {@link CatalogSyncScheduler}. */
export interface CatalogSyncSchedulerOptions {
  /** Shops to sync on each tick. */
  readonly shops: () => readonly string[];
  /** The shop's catalog client; undefined skips the shop. */
  readonly client: (shop: string) => CatalogSource | undefined;
  /** Writes a shop's products (e.g. `CatalogRegistry.upsert`); only called with a non-empty list. */
  readonly upsert: (shop: string, products: readonly Product[]) => Promise<unknown> | unknown;
  /** The shop's products as Affinity holds them, to reconcile synced ones with (default: none). */
  readonly existing?: (shop: string) => readonly Product[];
  /**
   * Removes products (catalog ids) a complete sync no longer listed (e.g. `CatalogRegistry.remove`);
   * returns the ids removed. Without it the sync only adds and updates.
   */
  readonly remove?: (shop: string, ids: readonly string[]) => Promise<readonly string[]> | readonly string[];
  /** Records links learned by reconciling, `p:<numeric id>` → handle (e.g. `CatalogRegistry.learn`). */
  readonly learn?: (shop: string, links: readonly (readonly [string, string])[]) => Promise<unknown> | unknown;
  /** The shop's taxonomy: category id → name pairs learned by reconciling go there. */
  readonly taxonomy?: (shop: string) => ShopTaxonomy | undefined;
  /** Minutes between runs; 0 or undefined: on demand only. */
  readonly everyMinutes?: number;
  readonly pageSize?: number;
  readonly maxPages?: number;
  readonly context?: CatalogContext;
  /** Called after each shop's sync (success or failure). */
  readonly onReport?: (report: SyncReport) => void;
  /** Timer seam for tests. */
  readonly schedule?: Schedule;
}

const unrefInterval: Schedule = (fn, everyMs) => {
  const t = setInterval(fn, everyMs);
  t.unref();
  return { cancel: () => clearInterval(t) };
};

/**
 * Runs {@link syncCatalog} for every shop on demand and every N minutes (unref'd timer, so it never
 * keeps the process alive). A shop already syncing is not started twice: callers share the run.
 * A complete sync removes the products the shop no longer lists (with `remove`; see the file comment).
 */
export class CatalogSyncScheduler {
  readonly #o: CatalogSyncSchedulerOptions;
  readonly #running = new Map<string, Promise<SyncReport>>();
  readonly #abort = new AbortController();
  #timer: { cancel(): void } | undefined;

  constructor(opts: CatalogSyncSchedulerOptions) {
    this.#o = opts;
  }

  /** Starts the periodic runs (no-op without `everyMinutes`); the first run happens after one interval. */
  start(): void {
    const minutes = this.#o.everyMinutes ?? 0;
    if (this.#timer || minutes <= 0 || this.#abort.signal.aborted) return;
    this.#timer = (this.#o.schedule ?? unrefInterval)(() => void this.syncAll(), minutes * 60_000);
  }

  /** Stops the timer and aborts running syncs; waits for them to settle. */
  async stop(): Promise<void> {
    this.#timer?.cancel();
    this.#timer = undefined;
    this.#abort.abort();
    await Promise.allSettled([...this.#running.values()]);
  }

  /** Syncs every shop, one after another. */
  async syncAll(): Promise<SyncReport[]> {
    const reports: SyncReport[] = [];
    for (const shop of this.#o.shops()) {
      if (this.#abort.signal.aborted) break;
      reports.push(await this.syncNow(shop));
    }
    return reports;
  }

  /** Syncs one shop now (or joins its running sync). Never throws: failures are in the report. */
  syncNow(shop: string): Promise<SyncReport> {
    const running = this.#running.get(shop);
    if (running) return running;
    const run = this.#run(shop).finally(() => this.#running.delete(shop));
    this.#running.set(shop, run);
    return run;
  }

  async #run(shop: string): Promise<SyncReport> {
    let report: SyncReport;
    const client = this.#o.client(shop);
    if (!client) report = { shop, ok: false, products: 0, pages: 0, complete: false, error: 'no catalog MCP client for this shop' };
    else {
      try {
        const r = await syncCatalog(client, {
          shop,
          signal: this.#abort.signal,
          ...(this.#o.pageSize ? { pageSize: this.#o.pageSize } : {}),
          ...(this.#o.maxPages ? { maxPages: this.#o.maxPages } : {}),
          ...(this.#o.context ? { context: this.#o.context } : {}),
        });
        const taxonomy = this.#o.taxonomy?.(shop);
        const rec = reconcileSynced(this.#o.existing?.(shop) ?? [], r.products, (id) => taxonomy?.nameOf(id));
        for (const [id, name] of rec.categories) taxonomy?.learn(id, name);
        if (rec.products.length > 0) await this.#o.upsert(shop, rec.products);
        if (rec.links.length > 0) await this.#o.learn?.(shop, rec.links);
        let removed = 0;
        if (this.#o.remove && r.complete && r.invalid === 0 && rec.products.length > 0) {
          const gone = notNamed(this.#o.existing?.(shop) ?? [], rec.products);
          if (gone.length > 0) removed = (await this.#o.remove(shop, gone)).length;
        }
        report = {
          shop,
          ok: true,
          products: rec.products.length,
          pages: r.pages,
          complete: r.complete,
          strategy: r.strategy,
          ...(rec.matchedByHandle > 0 ? { matchedByHandle: rec.matchedByHandle } : {}),
          ...(removed > 0 ? { removed } : {}),
        };
      } catch (e) {
        report = { shop, ok: false, products: 0, pages: 0, complete: false, error: (e as Error)?.message ?? String(e) };
      }
    }
    this.#o.onReport?.(report);
    return report;
  }
}
