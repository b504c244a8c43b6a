/**
 * Catalog import shared by the CLI (`affinity import`) and `POST /v1/catalog/products`: detects the
 * format, parses, stores what is valid and reports the rest.
 *
 * A CSV is parsed as a stream, one slice of text per event-loop turn (a 56 MB Shopify export parsed in
 * one go held the event loop for seconds: health checks and every other request waited). Nothing is
 * stored until the whole file has parsed, so a file that fails to parse changes nothing.
 */
import { finished } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse } from 'csv-parse';
import { CSV_PARSE_OPTIONS, ShopifyCsvReader, csvParseFailed, normalizeLineEnds } from '../../core/catalog/csvImport.ts';
import type { CsvImportOptions, CsvImportResult, CsvRecord } from '../../core/catalog/csvImport.ts';
import { parseCatalogJson } from '../../core/catalog/jsonImport.ts';
import { AffinityError } from '../../core/errors.ts';
import { attachMarketPrices } from '../../core/markets/priceFor.ts';
import { notNamed } from '../../core/catalog/notNamed.ts';
import type { CatalogRegistry } from './catalogRegistry.ts';

/**
 * How an import treats the products the file does not name: `merge` (the default) keeps them;
 * `replace` removes them, the file being the whole catalog (a full export).
 */
export type ImportMode = 'merge' | 'replace';

/** The import modes, for validating a request or a command line. */
export const IMPORT_MODES: readonly ImportMode[] = ['merge', 'replace'];

/** Removed ids listed in a report (the count is always complete). */
export const REPORTED_REMOVALS = 100;

/** Outcome of an import. */
export interface ImportReport {
  readonly shop: string;
  readonly format: 'csv' | 'json';
  /** Present for a replace. */
  readonly mode?: 'replace';
  readonly imported: number;
  /** A replace: how many products the file did not name were removed. */
  readonly removed?: number;
  /** A replace: the first {@link REPORTED_REMOVALS} removed ids. */
  readonly removedIds?: readonly string[];
  readonly catalogSize: number;
  /** Rejected rows (CSV: 1-based line) or items (JSON: 0-based index). */
  readonly errors: readonly { line?: number; index?: number; message: string }[];
}

/** Characters of CSV text parsed per event-loop turn (about 10 ms of work). */
export const CSV_SLICE_CHARS = 64 * 1024;

/** Options of {@link readShopifyCsv}. */
export interface ReadCsvOptions extends CsvImportOptions {
  /** Characters parsed per event-loop turn (default {@link CSV_SLICE_CHARS}). */
  readonly sliceChars?: number;
}

function splitsPair(text: string, end: number): boolean {
  const c = text.charCodeAt(end - 1);
  // A CR whose LF is in the next slice would count as two line ends; half a surrogate pair is not text.
  return c === 13 || (c >= 0xd800 && c <= 0xdbff);
}

/** The text in slices with LF line ends, never splitting a CRLF or a surrogate pair. */
function* slices(text: string, size: number): Generator<string> {
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + size);
    while (end < text.length && splitsPair(text, end)) end++;
    yield normalizeLineEnds(text.slice(at, end));
    at = end;
  }
}

/**
 * Parses a Shopify product CSV like `parseShopifyCsv`, with the same result, but a slice of the text
 * per event-loop turn: csv-parse's stream takes one slice, the records it gave go to the reader on
 * the next turn, and the products are then built a batch per turn.
 * @throws AffinityError `CATALOG_IMPORT_FAILED` when the text is not CSV or has no recognisable header
 */
export async function readShopifyCsv(text: string, opts: ReadCsvOptions): Promise<CsvImportResult> {
  const reader = new ShopifyCsvReader({ currency: opts.currency });
  const parser = parse(CSV_PARSE_OPTIONS);
  const records: CsvRecord[] = [];
  let failure: { error: unknown } | undefined;
  parser.on('data', (rec: CsvRecord) => records.push(rec));
  parser.on('error', (error: unknown) => void (failure ??= { error }));
  // By the next turn the parser has emitted every record of what it was given (records flow on process.nextTick).
  const take = (): void => {
    if (failure) throw csvParseFailed(failure.error);
    for (const rec of records) reader.add(rec);
    records.length = 0;
  };
  try {
    for (const slice of slices(text, Math.max(1, opts.sliceChars ?? CSV_SLICE_CHARS))) {
      parser.write(slice);
      await nextTurn();
      take();
    }
    parser.end();
    await finished(parser).catch((error: unknown) => void (failure ??= { error }));
    take();
  } finally {
    parser.destroy();
  }
  const steps = reader.finish();
  let step = steps.next();
  while (!step.done) {
    await nextTurn();
    step = steps.next();
  }
  return step.value;
}

/**
 * Imports a catalog document (CSV text or JSON text/value). With `mode: 'replace'` the document is
 * the whole catalog: its products are stored, then every product it names neither by id nor by handle
 * is removed. A replace stores and removes nothing unless every row imports and there is at least one
 * product (an empty, truncated or partly broken file must not empty a shop's catalog).
 * @throws AffinityError `CATALOG_IMPORT_FAILED`
 */
export async function importCatalog(
  catalogs: CatalogRegistry,
  shop: string,
  doc: string | unknown,
  opts: { format?: 'csv' | 'json'; currency: string; mode?: ImportMode },
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
    format === 'csv' ? await readShopifyCsv(String(value), { currency: opts.currency }) : parseCatalogJson(value, { currency: opts.currency });
  const issues = (errors: typeof parsed.errors) =>
    errors.slice(0, 50).map((e) => ({ path: 'line' in e ? `line ${e.line}` : `index ${(e as { index: number }).index}`, message: e.message }));
  if (parsed.products.length === 0 && parsed.errors.length > 0) {
    throw new AffinityError(
      'CATALOG_IMPORT_FAILED',
      `No product could be imported (${parsed.errors.length} errors).`,
      issues(parsed.errors),
    );
  }
  if (opts.mode === 'replace') {
    if (parsed.products.length === 0) {
      throw new AffinityError('CATALOG_IMPORT_FAILED', 'A replace needs a file with at least one product; this one has none, so nothing was changed.');
    }
    if (parsed.errors.length > 0) {
      throw new AffinityError(
        'CATALOG_IMPORT_FAILED',
        `A replace removes every product the file does not name, so it needs every row to import; ${parsed.errors.length} could not, so nothing was changed. Fix them, or import without replace (merge).`,
        issues(parsed.errors),
      );
    }
  }
  // CSV market columns (`Price / <Market>`, `Included / <Market>`) are kept on the products (see core/markets/priceFor.ts).
  const products = 'marketPrices' in parsed && parsed.marketPrices.length > 0 ? attachMarketPrices(parsed.products, parsed.marketPrices) : parsed.products;
  let c = await catalogs.upsert(shop, products);
  const report = { shop, format, imported: parsed.products.length, catalogSize: c.index.size, errors: parsed.errors };
  if (opts.mode !== 'replace') return report;
  const removed = await catalogs.remove(shop, notNamed(c.index.all(), products));
  c = catalogs.get(shop);
  return { shop, format, mode: 'replace', imported: report.imported, removed: removed.length, removedIds: removed.slice(0, REPORTED_REMOVALS), catalogSize: c.index.size, errors: [] };
}
