/**
 * `affinity import <file> [--shop S] [--currency CODE] [--format csv|json] [--replace]`: imports a Shopify
 * product CSV export (or a JSON catalog) into a shop's catalog in the configured store and prints the
 * report; `--replace` removes the products the file does not name (see `importCatalog`).
 *
 * The usual mistakes get one line each before anything is stored: a file that is not there, a ZIP
 * archive, an unknown currency code, a shop name that is not a shop domain. A gzip-compressed file
 * (`products_export.csv.gz`, recognised by its magic bytes 1f 8b, not its name) is decompressed
 * in memory with node:zlib: the content is the same CSV, so asking the user to decompress it would be
 * a step for nothing. Without `--shop` the import goes to the default shop, and says so on stderr.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadConfig, type Config } from '../config.ts';
import { parseShopName } from '../core/access/shopName.ts';
import { CliError, EXIT_FAILURE } from './cliError.ts';
import { parseCurrency } from './currency.ts';
import type { ParsedArgs } from './parseArgs.ts';

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory, not the exported file',
  EACCES: 'permission denied',
  ENOTDIR: 'a part of the path is not a directory',
};

/** The bytes of `file`. @throws CliError (exit code 1) when it cannot be read */
function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    throw new CliError(`cannot read ${file}: ${REASONS[code] ?? (err as Error).message} (working directory: ${process.cwd()})`, EXIT_FAILURE);
  }
}

/**
 * The text of an export: as it is, or decompressed when gzip-compressed.
 * @throws CliError (exit code 1) for a ZIP archive or a gzip file that does not decompress
 */
export function exportText(file: string, bytes: Buffer): string {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return gunzipSync(bytes).toString('utf8');
    } catch (err) {
      throw new CliError(`${file} is gzip-compressed but does not decompress (${(err as Error).message}); check the download, or decompress it first (gunzip -k ${file})`, EXIT_FAILURE);
    }
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new CliError(`${file} is a ZIP archive (or an Excel workbook); unzip it first and import the .csv inside (Shopify: Products > Export > CSV)`, EXIT_FAILURE);
  }
  return bytes.toString('utf8');
}

/**
 * The store an import writes to, as the operator would name it; with a hint when `REDIS_URL` is set but
 * the store is SQLite (a Redis address alone does not choose Redis, and the import would otherwise go
 * to a SQLite file without a word).
 */
async function storeNamed(config: Config): Promise<string> {
  if (config.store === 'redis') {
    if (config.redisCluster) return `the Redis Cluster at ${config.redisCluster.map((n) => `${n.host}:${n.port}`).join(',')}`;
    const { redactUrl } = await import('../adapters/redis/redisConnection.ts');
    return `Redis at ${redactUrl(config.redisUrl)}`;
  }
  const file = `the SQLite file ${resolve(config.sqlitePath)} (AFFINITY_DB)`;
  return process.env.REDIS_URL ? `${file}: REDIS_URL is set, but AFFINITY_STORE is not redis; set AFFINITY_STORE=redis to import into Redis` : file;
}

/** Runs the import; resolves with the exit code. @throws CliError, ConfigError, AffinityError `CATALOG_IMPORT_FAILED` */
export async function runImport(args: ParsedArgs): Promise<number> {
  const file = args.positionals[0] as string;
  const option = args.options.get('shop');
  let given: string | undefined;
  if (typeof option === 'string') {
    // The one parse of a shop name: validated, lower case (the form requests name it in).
    const parsed = parseShopName(option);
    if ('problem' in parsed) throw new CliError(`--shop ${JSON.stringify(option.slice(0, 80))} ${parsed.problem}`);
    given = parsed.shop;
  }
  const currency = parseCurrency(String(args.options.get('currency') ?? 'USD'));
  const format = args.options.get('format') as 'csv' | 'json' | undefined;
  const replace = args.options.get('replace') === true;
  const text = exportText(file, readBytes(file));
  const config = loadConfig();
  const shop = typeof given === 'string' ? given : config.defaultShop;
  if (typeof given !== 'string') {
    process.stderr.write(
      `affinity import: no --shop given: importing into the default shop "${shop}" (AFFINITY_DEFAULT_SHOP); ` +
        `for a Shopify shop pass --shop my-shop.myshopify.com\n`,
    );
  }
  process.stderr.write(`affinity import: into ${await storeNamed(config)}\n`);
  const { openStore } = await import('../main.ts');
  const { CatalogRegistry } = await import('../features/catalog/catalogRegistry.ts');
  const { importCatalog } = await import('../features/catalog/importCatalog.ts');
  const store = await openStore(config);
  try {
    const catalogs = new CatalogRegistry(store, { warm: false });
    const report = await importCatalog(catalogs, shop, text, { ...(format ? { format } : {}), currency, ...(replace ? { mode: 'replace' as const } : {}) });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await store.close();
  }
  return 0;
}
