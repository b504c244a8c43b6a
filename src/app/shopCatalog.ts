/**
 * Wiring of the shop's Storefront Catalog MCP: one client per shop, the resilient wrapper (cache,
 * retry, breaker, local fallback), its metrics and log lines, and the scheduled catalog sync. Enabled
 * when an agent profile URL is configured (every call to `/api/ucp/mcp` must carry one).
 */
import type { Registry } from 'prom-client';
import { CatalogSyncScheduler } from '../adapters/catalogMcp/catalogSync.ts';
import { registerCatalogMcpMetrics } from '../adapters/catalogMcp/metrics.ts';
import { ResilientCatalog } from '../adapters/catalogMcp/resilientCatalog.ts';
import { StorefrontMcpClient, storefrontMcpUrl } from '../adapters/catalogMcp/storefrontMcpClient.ts';
import type { ShopCatalogSettings } from '../config.ts';
import type { CatalogRegistry } from './catalogRegistry.ts';

/** What the wiring returns. */
export interface ShopCatalog {
  readonly catalog: ResilientCatalog;
  readonly sync: CatalogSyncScheduler;
  stop(): Promise<void>;
}

/** Builds the shop catalog connection. */
export function createShopCatalog(
  settings: ShopCatalogSettings,
  deps: {
    readonly catalogs: CatalogRegistry;
    readonly registry: Registry;
    readonly defaultShop: string;
    readonly warn: (obj: object, msg: string) => void;
    readonly info: (obj: object, msg: string) => void;
  },
): ShopCatalog {
  const clients = new Map<string, StorefrontMcpClient>();
  const clientFor = (shop: string): StorefrontMcpClient => {
    let c = clients.get(shop);
    if (!c) {
      c = new StorefrontMcpClient({ url: settings.url ?? storefrontMcpUrl(shop), agentProfileUrl: settings.agentProfileUrl });
      clients.set(shop, c);
    }
    return c;
  };
  const catalog = new ResilientCatalog({
    client: clientFor,
    localCatalog: (shop) => deps.catalogs.get(shop).index,
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
    everyMinutes: settings.syncMinutes,
    onReport: (r) => deps.info({ ...r }, 'catalog sync'),
  });
  return {
    catalog,
    sync,
    async stop() {
      await sync.stop();
    },
  };
}
