/**
 * Wiring of the shop's Storefront Catalog MCP: one client per shop, the resilient wrapper (cache,
 * retry, breaker, local fallback), its metrics and log lines, and the scheduled catalog sync. Enabled
 * when an agent profile URL is configured (every call to `/api/ucp/mcp` must carry one). The product
 * identity joins the two sides: lookups ask the shop for the GID behind a catalog id, answers come
 * back under catalog ids, and the sync reconciles synced products with the catalog (by handle) and
 * records the numeric id ↔ handle links; each shop's taxonomy (category id ↔ name) is learned there.
 */
import type { Registry } from 'prom-client';
import { CatalogSyncScheduler } from '../../adapters/catalogMcp/catalogSync.ts';
import { registerCatalogMcpMetrics } from '../../adapters/catalogMcp/metrics.ts';
import { ResilientCatalog } from '../../adapters/catalogMcp/resilientCatalog.ts';
import { ShopTaxonomy } from '../../adapters/catalogMcp/shopTaxonomy.ts';
import { StorefrontMcpClient, storefrontMcpUrl } from '../../adapters/catalogMcp/storefrontMcpClient.ts';
import type { ShopCatalogSettings } from '../../config.ts';
import { isPublicShopHost } from '../../core/access/shopName.ts';
import type { CatalogRegistry } from './catalogRegistry.ts';

/** What the wiring returns. */
export interface ShopCatalog {
  readonly catalog: ResilientCatalog;
  readonly sync: CatalogSyncScheduler;
  /** Whether the shop's own catalog endpoint may be contacted (the SSRF guard; other shops are answered locally). */
  mayContact(shop: string): boolean;
  stop(): Promise<void>;
}

/** Builds the shop catalog connection. */
export function createShopCatalog(
  settings: ShopCatalogSettings,
  deps: {
    readonly catalogs: CatalogRegistry;
    readonly registry: Registry;
    readonly defaultShop: string;
    /** Shops named in the configuration (API keys, pixel origins, the default shop): tenants that may be contacted. */
    readonly configuredShops: ReadonlySet<string>;
    readonly warn: (obj: object, msg: string) => void;
    readonly info: (obj: object, msg: string) => void;
  },
): ShopCatalog {
  const clients = new Map<string, StorefrontMcpClient>();
  const taxonomies = new Map<string, ShopTaxonomy>();
  const taxonomyOf = (shop: string): ShopTaxonomy => {
    let t = taxonomies.get(shop);
    if (!t) taxonomies.set(shop, (t = new ShopTaxonomy()));
    return t;
  };
  // SSRF guard: a shop's own endpoint (`https://<shop>/api/ucp/mcp`) is only contacted for a tenant
  // Affinity knows (a catalog is held for it, or the configuration names it) whose name is a public
  // host (never an IP literal, `localhost` or a reserved local name). Any other shop gets answers from
  // Affinity's own catalog. A fixed endpoint (SHOPIFY_STOREFRONT_MCP_URL) is the operator's choice.
  const mayContact = (shop: string): boolean =>
    settings.url !== undefined || (isPublicShopHost(shop) && (deps.configuredShops.has(shop) || deps.catalogs.has(shop)));
  const clientFor = (shop: string): StorefrontMcpClient | undefined => {
    if (!mayContact(shop)) return undefined;
    let c = clients.get(shop);
    if (!c) {
      c = new StorefrontMcpClient({ url: settings.url ?? storefrontMcpUrl(shop), agentProfileUrl: settings.agentProfileUrl, taxonomy: taxonomyOf(shop) });
      clients.set(shop, c);
    }
    return c;
  };
  const catalog = new ResilientCatalog({
    client: clientFor,
    localCatalog: (shop) => deps.catalogs.get(shop).index,
    // A GID is sent as it is (a variant GID must stay one); other ids go as the product's GID once known.
    identity: (shop) => ({
      toShop: (id) => {
        if (id.startsWith('gid://')) return undefined;
        const canonical = deps.catalogs.canonical(shop, id);
        return canonical === undefined ? undefined : deps.catalogs.get(shop).identity.idsOf(canonical).gid;
      },
      toCatalog: (id) => deps.catalogs.canonical(shop, id) ?? id,
    }),
    timeoutMs: settings.timeoutMs,
    cacheTtlMs: settings.cacheTtlMs,
    cacheMaxEntries: settings.cacheMaxEntries,
  });
  catalog.onStateChange((state, shop) => deps.warn({ shop, state }, 'storefront catalog MCP circuit breaker changed state'));
  registerCatalogMcpMetrics(deps.registry, catalog);
  const sync = new CatalogSyncScheduler({
    shops: () => (settings.url ? [deps.defaultShop] : deps.catalogs.shops()),
    client: clientFor,
    upsert: async (shop, products) => {
      await deps.catalogs.upsert(shop, products);
    },
    existing: (shop) => deps.catalogs.get(shop).index.all(),
    // A complete sync removes what the shop no longer lists (adapters/catalogMcp/catalogSync.ts).
    remove: (shop, ids) => deps.catalogs.remove(shop, ids),
    learn: (shop, links) => deps.catalogs.learn(shop, links),
    taxonomy: taxonomyOf,
    everyMinutes: settings.syncMinutes,
    onReport: (r) => deps.info({ ...r }, 'catalog sync'),
  });
  return {
    catalog,
    sync,
    mayContact,
    async stop() {
      await sync.stop();
    },
  };
}
