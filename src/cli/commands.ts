/**
 * The commands of `affinity`: what each one takes (positional arguments, options) and its help text.
 * The one place the command line is described: `affinity --help`, `affinity <command> --help` and the
 * argument check before a command runs ({@link parseCommandArgs}) all read this table, so the help
 * cannot list an option the check refuses, or the reverse.
 */

/** One `--option` of a command. */
export interface OptionSpec {
  /** Name without the dashes: `shop` for `--shop`. */
  readonly name: string;
  /** Placeholder of its value (`S`, `N`, `FILE`); absent for a flag that takes none. */
  readonly value?: string;
  /** The only values accepted. */
  readonly choices?: readonly string[];
  /** The value must be a finite number. */
  readonly number?: boolean;
  /** One line for the help. */
  readonly help: string;
}

/** One command of `affinity`. */
export interface CommandSpec {
  readonly name: string;
  /** One line for `affinity --help`. */
  readonly summary: string;
  /** Positional arguments: how many, and how the help names them (`<file>`, `<dataset dir>...`). */
  readonly positionals: { readonly min: number; readonly max: number; readonly synopsis?: string; readonly what?: string };
  readonly options: readonly OptionSpec[];
  /** Text after the options: environment, examples. */
  readonly details?: string;
  /** Added to the "unknown option" message (serve and demo are configured by environment variables). */
  readonly optionHint?: string;
}

const ENV_HINT = 'the server is configured by environment variables, e.g. PORT=9000 HOST=0.0.0.0 AFFINITY_STORE=redis (`affinity serve --help` lists them)';

const SERVER_ENV = `Environment (every variable, with its default: docs/configuration.md):
  PORT, HOST                    Where the API listens (default 8787 on 127.0.0.1; PORT=0: any free port)
  AFFINITY_STORE                sqlite (default, one file) or redis
  AFFINITY_DB                   SQLite file (default data/affinity.db)
  REDIS_URL                     Redis server (default redis://127.0.0.1:6379)
  AFFINITY_REDIS_CLUSTER        Redis Cluster seed nodes host:port,host:port,... (instead of REDIS_URL)
  AFFINITY_ROLES                ingest, recommend, project, comma-separated, or all (default)
  AFFINITY_DEFAULT_SHOP         Shop of requests that name none (default "default")
  AFFINITY_WORKERS              HTTP worker processes (default 1)
  AFFINITY_API_KEYS             shop:role:key,... (unset: the API runs open, for development)
  AFFINITY_LOG_LEVEL            pino level (default info); logs go to stderr`;

/** Every command, in the order of `affinity --help`. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'serve',
    summary: 'Start the API, configured by environment variables such as PORT, HOST and AFFINITY_STORE',
    positionals: { min: 0, max: 0 },
    options: [
      {
        name: 'role',
        value: 'ROLES',
        help: 'Roles of this node, comma-separated: ingest, recommend, project, or all (default; overrides AFFINITY_ROLES). Any set but all needs a Redis store (docs/operations.md)',
      },
    ],
    optionHint: ENV_HINT,
    details: `${SERVER_ENV}

Stops on SIGTERM or SIGINT after finishing the requests and the projection batch in hand.

Examples:
  affinity serve
  PORT=9000 AFFINITY_STORE=redis REDIS_URL=redis://127.0.0.1:6379 affinity serve
  AFFINITY_REDIS_CLUSTER=10.0.0.5:7000,10.0.0.6:7000 affinity serve --role recommend`,
  },
  {
    name: 'demo',
    summary: 'Generated catalog and four shoppers on a fresh embedded store; prints their recommendations',
    positionals: { min: 0, max: 0 },
    options: [{ name: 'exit', help: 'Stop after printing (default: leave the API running until Ctrl+C)' }],
    optionHint: ENV_HINT,
    details: `Uses its own SQLite file (AFFINITY_DB, default data/demo.db), emptied first, and listens on PORT (default 8787).`,
  },
  {
    name: 'import',
    summary: "Import a Shopify product CSV export (or a JSON catalog) into a shop's catalog",
    positionals: { min: 1, max: 1, synopsis: '<file>', what: 'the product CSV export (or JSON catalog) to import' },
    options: [
      { name: 'shop', value: 'S', help: 'Shop domain, e.g. my-shop.myshopify.com (default: AFFINITY_DEFAULT_SHOP, "default")' },
      { name: 'currency', value: 'CODE', help: 'ISO 4217 currency of the Price columns, the shop\'s base currency (default USD)' },
      { name: 'format', value: 'F', choices: ['csv', 'json'], help: 'csv or json (default: detected from the content)' },
      { name: 'replace', help: 'The file is the whole catalog: remove the products it does not name (default: merge, keep them)' },
    ],
    details: `The file: Shopify admin, Products > Export > CSV (either header dialect). A gzip-compressed file
(products_export.csv.gz) is decompressed as it is read; a ZIP archive must be unzipped first.
The store is the one \`affinity serve\` uses (AFFINITY_STORE, AFFINITY_DB, REDIS_URL).
Prints a JSON report on stdout: {shop, format, imported, catalogSize, errors}; with --replace also
mode, removed (how many) and removedIds (the first 100). A replace changes nothing unless every row
imports and the file has at least one product: export "All products", not the current page.
A running server picks the change up at its next catalog refresh (every few seconds).

Example:
  affinity import products_export.csv --shop my-shop.myshopify.com --currency EUR
  affinity import products_export.csv --shop my-shop.myshopify.com --replace`,
  },
  {
    name: 'eval',
    summary: 'Offline evaluation (YOOCHOOSE and Diginetica sessions, Online Retail) against baselines',
    positionals: { min: 1, max: Infinity, synopsis: '<dataset dir>...', what: 'one or more dataset directories' },
    options: [
      { name: 'json', help: 'One JSON object per dataset and line instead of a table' },
      { name: 'validation', help: 'Score the split the parameters were tuned on instead of the test split' },
      { name: 'production-ranker', help: 'YOOCHOOSE: also the learned re-ranker on the inputs production has today' },
    ],
    details: `A dataset directory holds yoochoose-clicks-100k_*.txt files, the Diginetica sample, or online_retail_YYYY-MM.csv.gz files.

Example:
  affinity eval ../shared/eval-data/session-interactions/yoochoose-rsc15-100k`,
  },
  {
    name: 'mcp',
    summary: 'MCP server on stdio for desktop AI clients (see docs/mcp.md)',
    positionals: { min: 0, max: 0 },
    options: [
      { name: 'shop', value: 'S', help: 'Default shop of tool calls (default: AFFINITY_DEFAULT_SHOP)' },
      { name: 'attach', help: 'Share the store with a running `affinity serve`, which projects the events' },
    ],
    details: `stdout carries only MCP messages; logs go to stderr. Same environment as \`affinity serve\`.`,
  },
  {
    name: 'eval-personalization',
    summary: 'Personalization layer vs base: accuracy, variation, intent sensitivity and stability',
    positionals: { min: 0, max: Infinity, synopsis: '[<dataset dir>...]', what: 'dataset directories' },
    options: [
      { name: 'json', help: 'One JSON object per result and line' },
      { name: 'validation', help: 'Score the split the parameters were tuned on' },
      { name: 'products', value: 'N', number: true, help: 'Products of the generated catalog (default 2000)' },
      { name: 'shoppers', value: 'N', number: true, help: 'Returning shoppers of the simulation (default 300)' },
      { name: 'background', value: 'N', number: true, help: 'Background sessions of the simulation (default 3000)' },
      { name: 'pool', value: 'N', number: true, help: "Base list the layer re-ranks in the simulation (default the service's, 50 for 10 items)" },
      { name: 'no-sim', help: 'Only the dataset directories, no simulation study' },
    ],
    details: `Runs the datasets given (YOOCHOOSE, Online Retail), then a simulation study on a generated catalog
(several minutes) unless --no-sim.`,
  },
  {
    name: 'eval-intent',
    summary: 'Intent classifier accuracy, calibration and latency (held-out set, real chatbot queries)',
    positionals: { min: 0, max: 0 },
    options: [
      { name: 'train', value: 'FILE', help: 'Training corpus, JSONL (default data/intent/train.jsonl)' },
      { name: 'heldout', value: 'FILE', help: 'Held-out set, JSONL (default data/intent/heldout.jsonl)' },
      { name: 'shared', value: 'DIR', help: 'Also score the shared e-commerce intent datasets in DIR' },
      { name: 'hint3-split', value: 'S', choices: ['test', 'train'], help: 'test or train: HINT3 split scored with --shared (default test)' },
      { name: 'cross-voice', help: 'Also train on all voices but one and score the one left out, for each voice' },
      { name: 'train-shared', help: 'Also train on the mapped HINT3 train splits (needs --shared)' },
      { name: 'jsonl-only', help: 'Train on the JSONL corpus alone, without the built-in voices in src/core/intent/corpus' },
      { name: 'calibration', value: 'MODE', choices: ['temperature'], help: 'temperature: plain temperature scaling instead of the fitted calibration' },
      { name: 'errors', help: 'List the misclassified utterances' },
      { name: 'json', help: 'The result as JSON' },
    ],
  },
  {
    name: 'shop-sim',
    summary: "A local stand-in for a Shopify store's Storefront Catalog MCP (/api/ucp/mcp)",
    positionals: { min: 0, max: 0 },
    options: [
      { name: 'csv', value: 'FILE', help: 'Serve a Shopify product CSV export (either header dialect)' },
      { name: 'currency', value: 'CODE', help: 'ISO 4217 currency of the CSV prices (default USD)' },
      { name: 'products', value: 'N', number: true, help: 'Otherwise serve a generated demo catalog of N products (default 250)' },
      { name: 'seed', value: 'N', number: true, help: 'Seed of the generated catalog and of the error PRNG (default 42)' },
      { name: 'port', value: 'N', number: true, help: 'Port (default 0: any free port)' },
      { name: 'latency', value: 'MS', number: true, help: 'Added latency per request' },
      { name: 'error-rate', value: 'R', number: true, help: 'Share (0..1) of requests failing with HTTP 500 / JSON-RPC -32603' },
      { name: 'down', help: 'Start refusing connections' },
      { name: 'legacy', help: 'Also serve the legacy /api/mcp search_shop_catalog' },
      { name: 'shop-domain', value: 'HOST', help: 'Domain used in product URLs' },
    ],
    details: `Prints the endpoint URL on stdout and runs until SIGINT or SIGTERM (exit code 0).
SIGUSR2 switches the outage on and off (kill -USR2 <pid>): connections are refused while it is down.`,
  },
  {
    name: 'simulate-experiment',
    summary: 'Simulated shoppers against a live Affinity: personalized vs popular and A/A, analytics vs ground truth',
    positionals: { min: 0, max: 0 },
    options: [
      { name: 'sessions', value: 'N', number: true, help: 'Sessions of the personalized-vs-popular shop (default 1600; 0: skip it)' },
      { name: 'shoppers', value: 'N', number: true, help: 'Shoppers of that shop (default 400)' },
      { name: 'seeds', value: 'N', number: true, help: 'A/A seeds, one simulated shop each (default 20; 0: no A/A)' },
      { name: 'aa-sessions', value: 'N', number: true, help: 'Sessions per A/A seed (default 400)' },
      { name: 'seed', value: 'N', number: true, help: 'Seed of the catalog and of the personalized-vs-popular shop (default 1)' },
      { name: 'products', value: 'N', number: true, help: 'Products of the generated catalog (default 600)' },
    ],
    details: `Starts Affinity in this process on a temporary SQLite file with an experiments file it writes, drives every
shop through the HTTP API (catalog import, pixel events, recommendations, GET /v1/analytics) and prints the
analytics next to the simulator's own counts. Exit code 1 if any count differs. The click model, the sizes and
how to read the figures: docs/experiments.md. About a minute with the defaults on 2 cores.

Example:
  affinity simulate-experiment --seeds 5 --sessions 800`,
  },
  {
    name: 'bench',
    summary: 'Load benchmark (autocannon) against a hello-world baseline',
    positionals: { min: 0, max: 0 },
    options: [
      { name: 'store', value: 'S', choices: ['sqlite', 'redis', 'both'], help: 'sqlite, redis or both (default both)' },
      { name: 'duration', value: 'S', number: true, help: 'Seconds per scenario (default 10)' },
      { name: 'connections', value: 'N', number: true, help: 'Concurrent connections (default 50)' },
      { name: 'users', value: 'N', number: true, help: 'Shoppers (default 100000)' },
      { name: 'products', value: 'N', number: true, help: 'Catalog size (default 10000)' },
      { name: 'workers', value: 'N', number: true, help: 'AFFINITY_WORKERS of the measured server (default 2)' },
      { name: 'scenario', value: 'S', choices: ['core', 'storefront', 'all'], help: 'core (per store), storefront (CSV catalog, one process; issue 14) or all (default)' },
      { name: 'storefront-workers', value: 'N', number: true, help: 'AFFINITY_WORKERS of the storefront scenario (default 1: one process)' },
      { name: 'storefront-store', value: 'S', choices: ['sqlite', 'redis'], help: 'The store of the storefront scenario: sqlite (default) or redis (a redis-server of its own)' },
      { name: 'only', value: 'TEXT', help: 'Only the storefront scenarios whose name contains TEXT (comma-separated: "plain,text EN")' },
      { name: 'repeat', value: 'N', number: true, help: 'Measure each storefront scenario N times in a row on the same server (default 1)' },
      { name: 'gc', help: "Also report the storefront server's garbage collection per scenario (promoted MB/s, scavenge pauses, full collections; from --trace-gc-nvp)" },
      { name: 'cpu-prof', value: 'DIR', help: "Write the storefront server's CPU profile (node --cpu-prof) into DIR when it stops; read it with bench/profileLines.ts" },
      { name: 'json', value: 'FILE', help: 'Also write the results as JSON to FILE' },
    ],
    details: `Needs redis-server on the PATH for the Redis scenarios. Prints a Markdown table (docs/benchmarks.md).`,
  },
];

/** The spec of `name`, if it is a command. */
export function commandSpec(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

function synopsis(c: CommandSpec): string {
  return [`affinity ${c.name}`, c.positionals.synopsis, c.options.length ? '[options]' : ''].filter(Boolean).join(' ');
}

function optionLines(options: readonly OptionSpec[]): string[] {
  const rows = [
    ...options.map((o) => [`--${o.name}${o.value ? ` <${o.value}>` : ''}`, o.help]),
    ['-h, --help', 'Show this help'],
  ] as const;
  const w = Math.max(...rows.map(([l]) => l.length));
  return rows.map(([l, h]) => `  ${l.padEnd(w)}  ${h}`);
}

/** The help of one command. */
export function commandUsage(c: CommandSpec): string {
  return `Usage: ${synopsis(c)}\n\n${c.summary}.\n\nOptions:\n${optionLines(c.options).join('\n')}\n${c.details ? `\n${c.details}\n` : ''}`;
}

/** The help of `affinity` itself: every command. */
export function mainUsage(): string {
  const w = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: affinity <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`).join('\n')}

Run \`affinity <command> --help\` for a command's arguments and options.
`;
}
