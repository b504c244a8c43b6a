/**
 * `POST /v1/catalog/products`: import a Shopify product CSV export (`text/csv`) or a JSON catalog.
 * `GET /v1/catalog/products/:id`: one product as Affinity holds it.
 */
import type { FastifyInstance } from 'fastify';
import { importCatalog } from '../../features/catalog/index.ts';
import { AffinityError } from '../../core/errors.ts';
import { normalizeId } from '../../core/ids.ts';
import type { AppContext } from '../context.ts';

export function catalogRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/v1/catalog/products', { bodyLimit: 64 * 1024 * 1024 }, async (req) => {
    const q = req.query as Record<string, string | undefined>;
    const currency = (q.currency ?? 'USD').toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) throw new AffinityError('VALIDATION_FAILED', 'currency must be an ISO 4217 code.', [{ path: 'currency', message: 'expected 3 letters' }]);
    const isCsv = String(req.headers['content-type'] ?? '').includes('csv');
    return importCatalog(ctx.catalogs, req.tenant, req.body, { format: isCsv ? 'csv' : 'json', currency });
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
    const id = normalizeId(req.params.id) ?? '';
    const p = ctx.catalogs.get(shop).index.get(id);
    if (!p) throw new AffinityError('NOT_FOUND', `No product ${req.params.id} in shop ${shop}.`);
    return p;
  });
}
