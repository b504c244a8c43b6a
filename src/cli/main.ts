/**
 * The `affinity` CLI: `serve`, `demo`, `import`, `eval`, `bench`.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from '../config.ts';
import { isAffinityError } from '../core/errors.ts';

const USAGE = `Usage: affinity <command> [options]

Commands:
  serve                         Start the API (PORT, HOST, AFFINITY_STORE=sqlite|redis, AFFINITY_DB, REDIS_URL)
  demo [--exit]                 Start on a fresh embedded store with a generated catalog, replay shoppers,
                                print their recommendations and leave the API running (--exit: stop after)
  import <file> [--shop S] [--currency USD] [--format csv|json]
                                Import a Shopify product CSV export (either header dialect) or a JSON catalog
  eval <dataset dir>... [--json]
                                Offline evaluation (YOOCHOOSE sessions, Online Retail) against baselines
  mcp [--shop S] [--attach]     MCP server on stdio for desktop AI clients (see docs/mcp.md)
  eval-personalization <dataset dir>...
                                Personalization layer vs base: accuracy, variation, intent sensitivity and stability
  eval-intent [--heldout P] [--shared DIR] [--errors] [--json]
                                Intent classifier accuracy, calibration and latency (held-out set, real chatbot queries)
  bench [--store sqlite|redis]  Load benchmark (autocannon) against a hello-world baseline
  shop-sim [--csv file | --products N] [--port P] [--latency ms] [--error-rate r] [--down] [--legacy]
                                A local stand-in for a Shopify store's Storefront Catalog MCP (/api/ucp/mcp)
`;

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'serve': {
      const config = loadConfig();
      const { serve } = await import('./serve.ts');
      await serve(config, config.workers, onShutdown);
      return -1;
    }
    case 'demo': {
      const { runDemo } = await import('./demo.ts');
      return runDemo(rest);
    }
    case 'import': {
      const file = rest.find((a) => !a.startsWith('--'));
      if (!file) {
        process.stderr.write('affinity import: missing <file>\n');
        return 2;
      }
      const flag = (name: string) => {
        const i = rest.indexOf(`--${name}`);
        return i >= 0 ? rest[i + 1] : undefined;
      };
      const config = loadConfig();
      const shop = flag('shop') ?? config.defaultShop;
      const { shopNameProblem } = await import('../core/access/shopName.ts');
      const problem = shopNameProblem(shop);
      if (problem) {
        process.stderr.write(`affinity import: --shop ${JSON.stringify(shop.slice(0, 80))} ${problem}\n`);
        return 2;
      }
      const { openStore } = await import('../main.ts');
      const { CatalogRegistry } = await import('../app/catalogRegistry.ts');
      const { importCatalog } = await import('../app/importCatalog.ts');
      const store = await openStore(config);
      try {
        const format = flag('format') as 'csv' | 'json' | undefined;
        const report = await importCatalog(new CatalogRegistry(store), shop, readFileSync(file, 'utf8'), {
          ...(format ? { format } : {}),
          currency: (flag('currency') ?? 'USD').toUpperCase(),
        });
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      } finally {
        await store.close();
      }
      return 0;
    }
    case 'eval': {
      const { runEval } = await import('../eval/runEval.ts');
      await runEval(rest);
      return 0;
    }
    case 'mcp': {
      const { runMcpStdio } = await import('../mcp/stdio.ts');
      return runMcpStdio(rest);
    }
    case 'eval-personalization': {
      const { runPersonalizationEval } = await import('../eval/personalizationEval.ts');
      await runPersonalizationEval(rest);
      return 0;
    }
    case 'eval-intent': {
      const { runIntentEval } = await import('../eval/intentEval.ts');
      await runIntentEval(rest);
      return 0;
    }
    case 'shop-sim': {
      const { runShopSim } = await import('../sim/shopSim/cli.ts');
      return runShopSim(rest);
    }
    case 'bench': {
      const { runBench } = await import('../../bench/run.ts');
      await runBench(rest);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    default:
      process.stderr.write(`affinity: unknown command "${cmd}"\n\n${USAGE}`);
      return 2;
  }
}

function onShutdown(close: () => Promise<void>): void {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`affinity: ${signal}, shutting down\n`);
    close()
      .then(() => process.exit(0))
      .catch((err) => {
        process.stderr.write(`affinity: shutdown failed: ${String(err)}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err) => {
    if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
    else if (isAffinityError(err)) process.stderr.write(`affinity: ${err.code}: ${err.message}\n${err.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}\n`);
    else process.stderr.write(`affinity: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
