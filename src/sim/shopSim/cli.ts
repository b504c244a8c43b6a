/**
 * `affinity shop-sim`: runs the Storefront Catalog MCP simulator until interrupted.
 *
 *   affinity shop-sim [--csv products.csv [--currency USD]] [--products 250] [--seed 42]
 *                     [--port 0] [--latency ms] [--error-rate 0..1] [--down] [--legacy]
 *                     [--shop-domain shop.example]
 *
 * Prints the endpoint URL on stdout once it serves; SIGUSR2 toggles the outage (the process keeps
 * running while the listening socket is closed); SIGINT or SIGTERM stop it with exit code 0.
 */
import { readFileSync } from 'node:fs';
import { isCliError } from '../../cli/cliError.ts';
import { commandSpec, commandUsage, type CommandSpec } from '../../cli/commands.ts';
import { parseCurrency } from '../../cli/currency.ts';
import { parseShopifyCsv } from '../../core/catalog/csvImport.ts';
import { generateCatalog } from '../../core/catalog/demoCatalog.ts';
import type { Product } from '../../core/catalog/product.ts';
import { createShopSim } from './shopSim.ts';

const USAGE = commandUsage(commandSpec('shop-sim') as CommandSpec);

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
      const r = parseShopifyCsv(readFileSync(csv, 'utf8'), { currency: parseCurrency(flag(args, 'currency') ?? 'USD') });
      for (const e of r.errors) process.stderr.write(`${csv}:${e.line}: ${e.message}\n`);
      products = r.products;
    } else {
      products = generateCatalog({ size: num(args, 'products', 1, 1_000_000) ?? 250, seed });
    }
  } catch (e) {
    if (isCliError(e)) process.stderr.write(`affinity shop-sim: ${e.message}\n`);
    else if (e instanceof RangeError) process.stderr.write(`affinity shop-sim: ${e.message} (see \`affinity shop-sim --help\`)\n`);
    else if ((e as NodeJS.ErrnoException).code === 'ENOENT') process.stderr.write(`affinity shop-sim: --csv ${flag(args, 'csv')}: no such file\n`);
    else throw e;
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
  }).catch((err: unknown) => {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    process.stderr.write(`affinity shop-sim: port ${port} is in use on 127.0.0.1; pick another with --port (--port 0: any free port)\n`);
    return undefined;
  });
  if (!sim) return 1;
  // While down, no socket is open: without this timer the process would have nothing left to wait for and
  // would exit (SIGUSR2 ended it, and `--down` never started).
  const keepAlive = setInterval(() => undefined, 2 ** 30);
  // SIGUSR2 toggles the outage, to watch a client's breaker open and close. Toggles are applied in order.
  let down = args.includes('--down');
  let toggling = Promise.resolve();
  process.on('SIGUSR2', () => {
    down = !down;
    const next = down;
    toggling = toggling
      .then(() => sim.setFaults({ down: next }))
      .then(
        () => void process.stderr.write(`shop-sim: ${next ? 'down (refusing connections)' : 'up'}\n`),
        (err: unknown) => void process.stderr.write(`shop-sim: could not ${next ? 'stop' : 'reopen'} the listener: ${(err as Error).message}\n`),
      );
  });
  const shutdown = (): void => {
    clearInterval(keepAlive);
    void toggling.then(() => sim.close()).then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  process.stdout.write(`${sim.url}\n`);
  process.stderr.write(
    `shop-sim: ${products.filter((p) => p.published).length} published products on ${sim.url}` +
      `${legacy ? ` (legacy: ${sim.legacyUrl})` : ''}${args.includes('--down') ? ' [down]' : ''}\n`,
  );
  return -1;
}
