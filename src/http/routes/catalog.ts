/**
 * `POST /v1/catalog/products`: import a Shopify product CSV export (`text/csv`) or a JSON catalog;
 * `?mode=replace` makes the file the whole catalog (products it does not name are removed).
 * `GET /v1/catalog/products/:id`: one product as Affinity holds it (named as DELETE names it).
 * `DELETE /v1/catalog/products/:id`: removes one product (named by catalog id, numeric id, GID or handle).
 */
import type { FastifyInstance } from 'fastify';
import { IMPORT_MODES, importCatalog, type ImportMode } from '../../features/catalog/index.ts';
import { AffinityError } from '../../core/errors.ts';
import type { AppContext } from '../context.ts';

export function catalogRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/v1/catalog/products', { bodyLimit: 64 * 1024 * 1024 }, async (req) => {
    const q = req.query as Record<string, string | undefined>;
    const currency = (q.currency ?? 'USD').toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) throw new AffinityError('VALIDATION_FAILED', 'currency must be an ISO 4217 code.', [{ path: 'currency', message: 'expected 3 letters' }]);
    const mode = (q.mode ?? 'merge').toLowerCase() as ImportMode;
    if (!IMPORT_MODES.includes(mode)) throw new AffinityError('VALIDATION_FAILED', 'mode must be merge (the default) or replace.', [{ path: 'mode', message: `expected one of ${IMPORT_MODES.join(', ')}` }]);
    const isCsv = String(req.headers['content-type'] ?? '').includes('csv');
    return importCatalog(ctx.catalogs, req.tenant, req.body, { format: isCsv ? 'csv' : 'json', currency, mode });
  });
  // Removes one product of the key's shop at once (every node drops it at its next catalog refresh).
  app.delete<{ Params: { id: string } }>('/v1/catalog/products/:id', async (req) => {
    const shop = req.tenant;
    // Reload first when another process changed the catalog (an import on another node named it).
    await ctx.catalogs.refresh();
    const id = ctx.catalogs.productOf(shop, req.params.id);
    // What the store holds now (a product webhook answered a moment ago may not be in the index yet).
    const product = id === undefined ? undefined : ctx.catalogs.current(shop, id);
    if (id === undefined || !product) {
      throw new AffinityError('NOT_FOUND', `No product ${req.params.id} in shop ${shop} (name it by its id, numeric id, GID or handle).`);
    }
    const removed = await ctx.catalogs.remove(shop, [id]);
    if (removed.length === 0) throw new AffinityError('NOT_FOUND', `No product ${req.params.id} in shop ${shop}: it was removed meanwhile.`);
    return { shop, removed: { id, handle: product.handle, title: product.title }, catalogSize: ctx.catalogs.get(shop).index.size };
  });
  // On-demand sync from the shop's Storefront Catalog MCP into Affinity's catalog (admin).
  app.post('/v1/admin/catalog/sync', async (req) => {
    if (!ctx.shopCatalogSync) {
      throw new AffinityError('NOT_FOUND', 'No Storefront Catalog MCP is configured (set AFFINITY_UCP_AGENT_PROFILE_URL).');
    }
    const shop = req.tenant;
    const report = await ctx.shopCatalogSync.syncNow(shop);
    return { ...report, catalogSize: ctx.catalogs.get(shop).index.size };
  });
  app.get<{ Params: { id: string } }>('/v1/catalog/products/:id', async (req) => {
    const shop = req.tenant;
    // Named as DELETE names it: the catalog id, the numeric id, the GID or the handle.
    const id = ctx.catalogs.productOf(shop, req.params.id);
    const p = id === undefined ? undefined : ctx.catalogs.current(shop, id);
    if (!p) throw new AffinityError('NOT_FOUND', `No product ${req.params.id} in shop ${shop}.`);
    return p;
  });
}
