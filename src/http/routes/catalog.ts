/**
 * `POST /v1/catalog/products`: import a Shopify product CSV export (`text/csv`) or a JSON catalog;
 * `?mode=replace` makes the file the whole catalog (products it does not name are removed).
 * `GET /v1/catalog/products/:id`: one product as Affinity holds it (named as DELETE names it).
 * `DELETE /v1/catalog/products/:id`: removes one product (named by catalog id, numeric id, GID or handle).
 * The id may hold `/` (a GID sent unencoded, `gid://shopify/Product/123`): each route has a wildcard
 * twin that takes it (`productPathId.ts`); an id that can name no product is 400, an unknown one 404.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { IMPORT_MODES, importCatalog, type ImportMode } from '../../features/catalog/index.ts';
import { AffinityError } from '../../core/errors.ts';
import type { AppContext } from '../context.ts';
import { parseBody } from '../parse.ts';
import { productPathNames, productPathProblem } from '../productPathId.ts';

/** Where a catalog is imported (a Shopify CSV export or a JSON catalog). */
export const CATALOG_IMPORT_PATH = '/v1/catalog/products';
const PRODUCT_PATH = `${CATALOG_IMPORT_PATH}/:id`;

/**
 * Declares `handler` for `method` on {@link PRODUCT_PATH} and on its wildcard twin (an id with `/` in it,
 * which one path segment cannot hold); the handler gets the id as the router decoded it.
 */
function productRoute(app: FastifyInstance, method: 'GET' | 'DELETE', handler: (req: FastifyRequest, id: string) => Promise<unknown>): void {
  app.route<{ Params: { id: string } }>({ method, url: PRODUCT_PATH, handler: (req) => handler(req, req.params.id) });
  app.route<{ Params: { '*': string } }>({ method, url: PRODUCT_PATH.replace(':id', '*'), config: { twinOf: PRODUCT_PATH }, handler: (req) => handler(req, req.params['*']) });
}

/**
 * The catalog id of the product `raw` (a path's id) names in `shop`, by any of its spellings
 * (`productPathNames`). @throws AffinityError `VALIDATION_FAILED` when `raw` can name no product
 */
function productNamed(ctx: AppContext, shop: string, raw: string): string | undefined {
  for (const name of productPathNames(raw)) {
    const id = ctx.catalogs.productOf(shop, name);
    if (id !== undefined && ctx.catalogs.current(shop, id)) return id;
  }
  const problem = productPathProblem(raw);
  if (problem) throw new AffinityError('VALIDATION_FAILED', `The product id in the path ${problem}.`, [{ path: 'id', message: problem }]);
  return undefined;
}

/**
 * The import's query. Each parameter once (a repeated one arrives as an array), and no other: a misspelt
 * `?mdoe=replace` would otherwise merge the file and remove nothing, without a word. `shop` is the
 * tenant's (checked against the key in `tenant.ts`).
 */
const ImportQuery = z
  .object({
    shop: z.unknown().optional(),
    currency: z.string().regex(/^[A-Za-z]{3}$/, 'expected an ISO 4217 code: 3 letters').optional(),
    mode: z
      .string()
      .refine((m) => (IMPORT_MODES as readonly string[]).includes(m.toLowerCase()), `expected one of ${IMPORT_MODES.join(', ')} (merge is the default)`)
      .optional(),
  })
  .strict();

export function catalogRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post(CATALOG_IMPORT_PATH, { bodyLimit: 64 * 1024 * 1024 }, async (req) => {
    const q = parseBody(ImportQuery, req.query);
    const currency = (q.currency ?? 'USD').toUpperCase();
    const mode = (q.mode ?? 'merge').toLowerCase() as ImportMode;
    const isCsv = String(req.headers['content-type'] ?? '').includes('csv');
    return importCatalog(ctx.catalogs, req.tenant, req.body, { format: isCsv ? 'csv' : 'json', currency, mode });
  });
  // Removes one product of the key's shop at once (every node drops it at its next catalog refresh).
  productRoute(app, 'DELETE', async (req, name) => {
    const shop = req.tenant;
    // Reload first when another process changed the catalog (an import on another node named it).
    await ctx.catalogs.refresh();
    const id = productNamed(ctx, shop, name);
    // What the store holds now (a product webhook answered a moment ago may not be in the index yet).
    const product = id === undefined ? undefined : ctx.catalogs.current(shop, id);
    if (id === undefined || !product) {
      throw new AffinityError('NOT_FOUND', `No product ${name} in shop ${shop} (name it by its id, numeric id, GID or handle).`);
    }
    const removed = await ctx.catalogs.remove(shop, [id]);
    if (removed.length === 0) throw new AffinityError('NOT_FOUND', `No product ${name} in shop ${shop}: it was removed meanwhile.`);
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
  productRoute(app, 'GET', async (req, name) => {
    const shop = req.tenant;
    // Named as DELETE names it: the catalog id, the numeric id, the GID or the handle.
    const id = productNamed(ctx, shop, name);
    const p = id === undefined ? undefined : ctx.catalogs.current(shop, id);
    if (!p) throw new AffinityError('NOT_FOUND', `No product ${name} in shop ${shop}.`);
    return p;
  });
}
