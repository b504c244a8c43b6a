/**
 * Catalog import shared by the CLI (`affinity import`) and `POST /v1/catalog/products`: detects the
 * format, parses, stores what is valid and reports the rest.
 */
import { parseShopifyCsv } from '../core/catalog/csvImport.ts';
import { parseCatalogJson } from '../core/catalog/jsonImport.ts';
import { AffinityError } from '../core/errors.ts';
import { attachMarketPrices } from '../core/markets/priceFor.ts';
import type { CatalogRegistry } from './catalogRegistry.ts';

/** Outcome of an import. */
export interface ImportReport {
  readonly shop: string;
  readonly format: 'csv' | 'json';
  readonly imported: number;
  readonly catalogSize: number;
  /** Rejected rows (CSV: 1-based line) or items (JSON: 0-based index). */
  readonly errors: readonly { line?: number; index?: number; message: string }[];
}

/** Imports a catalog document (CSV text or JSON text/value). */
export async function importCatalog(
  catalogs: CatalogRegistry,
  shop: string,
  doc: string | unknown,
  opts: { format?: 'csv' | 'json'; currency: string },
): Promise<ImportReport> {
  let format = opts.format;
  let value: unknown = doc;
  if (typeof doc === 'string') {
    const head = doc.trimStart()[0];
    format ??= head === '[' || head === '{' ? 'json' : 'csv';
    if (format === 'json') {
      try {
        value = JSON.parse(doc);
      } catch (err) {
        throw new AffinityError('CATALOG_IMPORT_FAILED', `The catalog is not valid JSON: ${(err as Error).message}`);
      }
    }
  } else format ??= 'json';
  const parsed =
    format === 'csv' ? parseShopifyCsv(String(value), { currency: opts.currency }) : parseCatalogJson(value, { currency: opts.currency });
  if (parsed.products.length === 0 && parsed.errors.length > 0) {
    throw new AffinityError(
      'CATALOG_IMPORT_FAILED',
      `No product could be imported (${parsed.errors.length} errors).`,
      parsed.errors.slice(0, 50).map((e) => ({ path: 'line' in e ? `line ${e.line}` : `index ${(e as { index: number }).index}`, message: e.message })),
    );
  }
  // CSV market columns (`Price / <Market>`, `Included / <Market>`) are kept on the products (see core/markets/priceFor.ts).
  const products = 'marketPrices' in parsed && parsed.marketPrices.length > 0 ? attachMarketPrices(parsed.products, parsed.marketPrices) : parsed.products;
  const c = await catalogs.upsert(shop, products);
  return { shop, format, imported: parsed.products.length, catalogSize: c.index.size, errors: parsed.errors };
}
