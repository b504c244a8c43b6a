/**
 * `affinity shop-sim`: runs the Storefront Catalog MCP simulator until interrupted.
 *
 *   affinity shop-sim [--csv products.csv [--currency USD]] [--products 250] [--seed 42]
 *                     [--port 0] [--latency ms] [--error-rate 0..1] [--down] [--legacy]
 *                     [--shop-domain shop.example]
 *
 * Prints the endpoint URL on stdout; SIGUSR2 toggles the outage.
 */
import { readFileSync } from 'node:fs';
import { parseShopifyCsv } from '../../core/catalog/csvImport.ts';
import { generateCatalog } from '../../core/catalog/demoCatalog.ts';
import type { Product } from '../../core/catalog/product.ts';
import { createShopSim } from './shopSim.ts';

const USAGE = `Usage: affinity shop-sim [options]
  --csv <file>          Serve a Shopify product CSV export (either header dialect)
  --currency <ISO>      Currency of the CSV prices (default USD)
  --products <n>        Otherwise serve a generated demo catalog of n products (default 250)
  --seed <n>            Seed of the generated catalog and of the error PRNG (default 42)
  --port <n>            Port (default 0: any free port)
  --latency <ms>        Added latency per request
  --error-rate <0..1>   Share of requests failing with HTTP 500 / JSON-RPC -32603
  --down                Start refusing connections (send SIGUSR2 to toggle the outage)
  --legacy              Also serve the legacy /api/mcp search_shop_catalog
  --shop-domain <host>  Domain used in product URLs
`;

function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function num(args: readonly string[], name: string, min: number, max: number): number | undefined {
  const raw = flag(args, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new RangeError(`--${name} must be a number in [${min}, ${max}], got "${raw}"`);
  return n;
}

/** Runs the simulator; resolves with -1 (keep the process running) or an exit code on bad arguments. */
export async function runShopSim(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  let products: Product[];
  let seed: number;
  let port: number | undefined;
  let latencyMs: number | undefined;
  let errorRate: number | undefined;
  try {
    seed = num(args, 'seed', -(2 ** 31), 2 ** 32) ?? 42;
    port = num(args, 'port', 0, 65535);
    latencyMs = num(args, 'latency', 0, 600_000);
    errorRate = num(args, 'error-rate', 0, 1);
    const csv = flag(args, 'csv');
    if (csv) {
      const r = parseShopifyCsv(readFileSync(csv, 'utf8'), { currency: (flag(args, 'currency') ?? 'USD').toUpperCase() });
      for (const e of r.errors) process.stderr.write(`${csv}:${e.line}: ${e.message}\n`);
      products = r.products;
    } else {
      products = generateCatalog({ size: num(args, 'products', 1, 1_000_000) ?? 250, seed });
    }
  } catch (e) {
    process.stderr.write(`affinity shop-sim: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const legacy = args.includes('--legacy');
  const shopDomain = flag(args, 'shop-domain');
  const sim = await createShopSim({
    products,
    seed,
    legacy,
    down: args.includes('--down'),
    ...(port !== undefined ? { port } : {}),
    ...(latencyMs !== undefined ? { latencyMs } : {}),
    ...(errorRate !== undefined ? { errorRate } : {}),
    ...(shopDomain ? { shopDomain } : {}),
  });
  process.stdout.write(`${sim.url}\n`);
  process.stderr.write(
    `shop-sim: ${products.filter((p) => p.published).length} published products on ${sim.url}` +
      `${legacy ? ` (legacy: ${sim.legacyUrl})` : ''}${args.includes('--down') ? ' [down]' : ''}\n`,
  );
  // SIGUSR2 toggles the outage, to watch a client's breaker open and close.
  let down = args.includes('--down');
  process.on('SIGUSR2', () => {
    down = !down;
    void sim.setFaults({ down }).then(() => process.stderr.write(`shop-sim: ${down ? 'down (refusing connections)' : 'up'}\n`));
  });
  const shutdown = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return -1;
}
