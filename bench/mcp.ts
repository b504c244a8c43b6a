/**
 * `node --import tsx bench/mcp.ts`: latency and throughput of the MCP tool `recommend_products` over
 * streamable HTTP (`/mcp`, stateless), next to a hello-world `node:http` server measured in the same run.
 *
 * The shop's Storefront Catalog MCP is played by the shop simulator (`createShopSim`) in this process;
 * Affinity runs in a child process (this file with `--serve`) with the simulator behind the resilient
 * catalog (default timeout, retry, breaker, 5-minute cache, 30-minute stale-if-error). Scenarios:
 *
 * - no market: prices from Affinity's catalog, the shop is not asked (the floor of the tool);
 * - upstream cached: the market's prices come from the shop, every answer already cached;
 * - upstream down, stale cache: the simulator refuses connections; answers fall back to the cached ones;
 * - upstream down, no cache: shoppers never seen before; answers fall back to Affinity's catalog.
 *
 * For each: p50/p95/p99 of sequential calls by one SDK `Client` (one call at a time, what one agent
 * sees), then autocannon with raw JSON-RPC POSTs (throughput). The hello-world server gets the same
 * two measurements. Prints a Markdown table.
 *
 * Cached shop answers are fresh for 20 s here (5 minutes in production) so that the "down" scenarios
 * run past their freshness: the shop is really asked, fails, and the stale answer stands in.
 *
 * Options: --calls N (sequential calls per scenario, default 300), --duration S (autocannon seconds,
 * default 10), --connections N (default 10), --products N (default 2000), --users N (default 2000).
 */
import type autocannon from 'autocannon';
import { steadyLoad, type SteadyResult } from './steadyLoad.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { generateCatalog } from '../src/core/catalog/demoCatalog.ts';
import { createShopSim } from '../src/sim/shopSim/shopSim.ts';
import { benchArgs, isMain, type BenchSpec } from './args.ts';
import { stopChildren, track } from './children.ts';

const ROOT = join(import.meta.dirname, '..');
const SELF = join(import.meta.dirname, 'mcp.ts');
const CATALOG_SEED = 5;
const EVENTS_SEED = 7;
const AGENT_PROFILE = 'https://affinity.example/agent-profile.json';
const PROTOCOL_VERSION = '2025-06-18';
/**
 * Freshness of cached shop answers in this benchmark (production default: 5 minutes). Short, so that
 * the "down" scenarios reach past it and exercise the stale-if-error fallback within one run.
 */
const CACHE_TTL_MS = 20_000;

interface Options {
  readonly calls: number;
  readonly duration: number;
  readonly connections: number;
  readonly products: number;
  readonly users: number;
}

interface Row {
  readonly name: string;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly rps: number;
  readonly acP50: number;
  readonly acP99: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly note: string;
}

function flag(args: readonly string[], name: string, def: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : def;
}

function optionsOf(args: readonly string[]): Options {
  return {
    calls: Number(flag(args, 'calls', '300')),
    duration: Number(flag(args, 'duration', '10')),
    connections: Number(flag(args, 'connections', '10')),
    products: Number(flag(args, 'products', '2000')),
    users: Number(flag(args, 'users', '2000')),
  };
}

const userId = (i: number) => `u-${EVENTS_SEED}-${i}`;

// ---------------------------------------------------------------------------------------------
// Child: Affinity with the MCP route and the simulated shop behind the resilient catalog.

async function serve(args: readonly string[]): Promise<void> {
  const o = optionsOf(args);
  const shopUrl = flag(args, 'shop-url', '');
  const dir = mkdtempSync(join(tmpdir(), 'affinity-bench-mcp-'));
  const [{ default: Fastify }, { loadConfig }, { createAffinity }, { parseIngest }, { simulateSessions }, { ResilientCatalog }, { StorefrontMcpClient }, { mcpHttpTransport }, { callerOf }] = await Promise.all([
    import('fastify'),
    import('../src/config.ts'),
    import('../src/main.ts'),
    import('../src/core/events/ingest.ts'),
    import('../src/sim/shopperSim.ts'),
    import('../src/adapters/catalogMcp/resilientCatalog.ts'),
    import('../src/adapters/catalogMcp/storefrontMcpClient.ts'),
    import('../src/mcp/httpTransport.ts'),
    import('../src/http/tenant.ts'),
  ]);
  const { recommendationRoutes } = await import('../src/http/routes/recommendations.ts');
  const { installAccess } = await import('../src/http/access.ts');
  const { RequestGuard } = await import('../src/http/requestGuard.ts');
  const affinity = await createAffinity(loadConfig({ AFFINITY_DB: join(dir, 'bench.db'), AFFINITY_LOG_LEVEL: 'warn' }));
  const { ctx } = affinity;
  const catalog = generateCatalog({ size: o.products, seed: CATALOG_SEED });
  await ctx.catalogs.upsert(ctx.defaultShop, catalog);
  const raw = simulateSessions(catalog, { sessions: o.users, seed: EVENTS_SEED, now: Date.now() - 3_600_000, prefix: 'u' });
  for (let i = 0; i < raw.length; i += 1000) await ctx.store.append(parseIngest(raw.slice(i, i + 1000), { shop: ctx.defaultShop, now: Date.now() }).events);
  await affinity.projector.flush();
  const shopCatalog = new ResilientCatalog({
    client: new StorefrontMcpClient({ url: shopUrl, agentProfileUrl: AGENT_PROFILE }),
    localCatalog: (shop) => ctx.catalogs.get(shop).index,
    cacheTtlMs: Number(flag(args, 'cache-ttl-ms', String(CACHE_TTL_MS))),
  });
  shopCatalog.onStateChange((state) => process.stderr.write(`[affinity] shop catalog breaker: ${state}\n`));
  const app = Fastify({ logger: false, keepAliveTimeout: 65_000 });
  installAccess(app, { guard: RequestGuard.open(), defaultShop: ctx.defaultShop });
  mcpHttpTransport({ ...ctx, shopCatalog })(app, callerOf);
  recommendationRoutes(app, ctx);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.stderr.write(`[affinity] ${o.products} products, ${raw.length} events from ${o.users} shoppers\n`);
  process.stdout.write(`listening on ${url}\n`);
  const stop = () => {
    void app
      .close()
      .then(() => affinity.close())
      .finally(() => {
        rmSync(dir, { recursive: true, force: true });
        process.exit(0);
      });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

// ---------------------------------------------------------------------------------------------
// Parent: load generation.

const HELLO = `const http=require('node:http');const s=http.createServer((q,r)=>{q.resume();q.on('end',()=>{r.writeHead(200,{'content-type':'application/json'});r.end('{"jsonrpc":"2.0","id":1,"result":{"hello":"world"}}')})});s.keepAliveTimeout=65000;s.listen(0,'127.0.0.1',()=>console.log('listening on http://127.0.0.1:'+s.address().port));`;

function startProcess(args: string[], ready: RegExp): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = track(spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }));
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) resolve({ child, url: m[1] as string });
    });
    child.stderr?.on('data', (d: Buffer) => process.stderr.write(d));
    child.on('exit', (code) => reject(new Error(`process exited ${code}: ${out.slice(-2000)}`)));
  });
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const round = (x: number) => Number(x.toFixed(2));

/** Latencies of `n` sequential calls, ms (sorted). */
async function sequential(n: number, fn: (i: number) => Promise<void>): Promise<number[]> {
  for (let i = 0; i < Math.min(20, n); i++) await fn(i); // warm-up
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

function rpcBody(args: Record<string, unknown>, id = 1): string {
  return JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'recommend_products', arguments: args } });
}

const RPC_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': PROTOCOL_VERSION };

async function throughput(url: string, o: Options, body: (i: number) => string): Promise<SteadyResult> {
  let i = 0;
  const opts: autocannon.Options = {
    url,
    connections: o.connections,
    duration: o.duration,
    requests: [{ method: 'POST', headers: RPC_HEADERS, setupRequest: (req) => ({ ...req, body: body(i++) }) }],
  };
  return steadyLoad(opts);
}

async function throughputRest(base: string, o: Options, body: (i: number) => string): Promise<SteadyResult> {
  let i = 0;
  const opts: autocannon.Options = {
    url: `${base}/v1/recommendations`,
    connections: o.connections,
    duration: o.duration,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: body(i++) }) }],
  };
  return steadyLoad(opts);
}

function row(name: string, lat: readonly number[], ac: SteadyResult, note: string): Row {
  const r: Row = {
    name,
    p50: round(percentile(lat, 50)),
    p95: round(percentile(lat, 95)),
    p99: round(percentile(lat, 99)),
    rps: Math.round(ac.rps),
    acP50: ac.p50,
    acP99: ac.p99,
    non2xx: ac.non2xx,
    errors: ac.errors,
    note,
  };
  process.stderr.write(`${name}: sequential p50 ${r.p50} / p95 ${r.p95} / p99 ${r.p99} ms; ${r.rps} req/s (p50 ${r.acP50}, p99 ${r.acP99} ms), non-2xx ${r.non2xx}, errors ${r.errors}\n`);
  return r;
}

/** Runs the benchmark and prints a Markdown table. */
export async function runMcpBench(args: readonly string[]): Promise<void> {
  const o = optionsOf(args);
  const sim = await createShopSim({ products: generateCatalog({ size: o.products, seed: CATALOG_SEED }) });
  const hello = await startProcess(['-e', HELLO], /listening on (http:\/\/\S+)/);
  let affinity: { child: ChildProcess; url: string } | undefined;
  const rows: Row[] = [];
  try {
    const helloLat = await sequential(o.calls, async () => {
      const res = await fetch(hello.url, { method: 'POST', headers: RPC_HEADERS, body: rpcBody({}) });
      await res.json();
    });
    rows.push(row('hello-world (node:http)', helloLat, await throughput(hello.url, o, () => rpcBody({})), 'baseline: same POST, fixed answer'));

    affinity = await startProcess(['--import', 'tsx', SELF, '--serve', '--shop-url', sim.url, '--products', String(o.products), '--users', String(o.users)], /listening on (http:\/\/\S+)/);
    const base = affinity.url;
    const mcpUrl = `${base}/mcp`;
    const client = new Client({ name: 'bench-agent', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl)));
    await client.listTools();
    const market = { country: 'US', currency: 'USD' };
    const warmUsers = Math.min(200, o.users);
    const call = async (args: Record<string, unknown>) => {
      const r = await client.callTool({ name: 'recommend_products', arguments: { limit: 8, ...args } });
      if (r.isError) throw new Error(`recommend_products failed: ${JSON.stringify(r.content)}`);
      return r.structuredContent as { price_source: string; fallback_used: boolean; items: unknown[] };
    };
    const first = await call({ user_id: userId(0), market });
    if (first.items.length === 0 || first.price_source !== 'shop') throw new Error(`unexpected first answer: ${JSON.stringify(first).slice(0, 500)}`);

    // No market: the shop is not asked.
    rows.push(
      row(
        'recommend_products, no market',
        await sequential(o.calls, async (i) => void (await call({ user_id: userId(i % warmUsers) }))),
        await throughput(mcpUrl, o, (i) => rpcBody({ user_id: userId(i % warmUsers), limit: 8 })),
        "Affinity's catalog prices; upstream not called",
      ),
    );
    // The same requests through the REST API, for the cost of the MCP layer.
    const restRes = await throughputRest(base, o, (i) => JSON.stringify({ userId: userId(i % warmUsers), limit: 8 }));
    const restLat = await sequential(o.calls, async (i) => {
      const res = await fetch(`${base}/v1/recommendations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: userId(i % warmUsers), limit: 8 }) });
      await res.json();
    });
    rows.push(row('REST POST /v1/recommendations (reference)', restLat, restRes, 'same shoppers, base recommender, no MCP'));

    // Upstream cached: warm every shopper's answer first (and again before the load, within the TTL).
    const warm = async () => {
      for (let i = 0; i < warmUsers; i++) await call({ user_id: userId(i), market });
      return performance.now();
    };
    await warm();
    let hits = 0;
    const cachedLat = await sequential(o.calls, async (i) => {
      const r = await call({ user_id: userId(i % warmUsers), market });
      if (r.price_source === 'cache') hits++;
    });
    const warmedAt = await warm();
    rows.push(row('recommend_products, upstream cached', cachedLat, await throughput(mcpUrl, o, (i) => rpcBody({ user_id: userId(i % warmUsers), market, limit: 8 })), `market prices from the shop; ${hits} of ${o.calls + 20} sequential answers from the cache`));

    // Upstream down, once the cached answers are past their freshness (so the shop is really asked).
    await sim.setFaults({ down: true });
    const wait = CACHE_TTL_MS + 500 - (performance.now() - warmedAt);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    let fallbacks = 0;
    const staleLat = await sequential(o.calls, async (i) => {
      const r = await call({ user_id: userId(i % warmUsers), market });
      if (r.fallback_used) fallbacks++;
    });
    rows.push(row('recommend_products, upstream down (stale cache)', staleLat, await throughput(mcpUrl, o, (i) => rpcBody({ user_id: userId(i % warmUsers), market, limit: 8 })), `connections refused; ${fallbacks} of ${o.calls + 20} sequential answers marked fallback_used`));
    let cold = warmUsers;
    const coldLat = await sequential(o.calls, async () => void (await call({ user_id: userId(cold++ % o.users), market })));
    rows.push(row('recommend_products, upstream down (no cache)', coldLat, await throughput(mcpUrl, o, () => rpcBody({ user_id: userId(cold++ % o.users), market, limit: 8 })), "connections refused; Affinity's catalog answers"));
    await sim.setFaults({ down: false });
    await client.close();
  } finally {
    await stopChildren();
    await sim.close();
  }
  const base = rows[0] as Row;
  const lines = [
    '| scenario | sequential p50 ms | p95 ms | p99 ms | req/s | p50 ms | p99 ms | non-2xx | errors | req/s vs hello-world | notes |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map((r) => `| ${r.name} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.rps} | ${r.acP50} | ${r.acP99} | ${r.non2xx} | ${r.errors} | ${(r.rps / base.rps).toFixed(2)} | ${r.note} |`),
  ];
  process.stdout.write(
    `\n${lines.join('\n')}\n\nSequential: ${o.calls} calls, one at a time, by the MCP SDK Client over streamable HTTP (after 20 warm-up calls); hello-world gets the same POST with fetch. ` +
      `Throughput: autocannon, ${o.connections} connections, ${o.duration} s after a 2 s warm-up on the same connections, raw JSON-RPC tools/call POSTs to /mcp (stateless: no initialize needed). ` +
      `${o.products} products, ${o.users} shoppers, limit 8; node ${process.version}.\n`,
  );
}

const SPEC: BenchSpec = {
  run: 'node --import tsx bench/mcp.ts',
  summary: `Latency and throughput of the MCP tool recommend_products over streamable HTTP, next to a hello-world
server measured in the same run (the shop played by the shop simulator in this process, Affinity in a child
process). Prints a Markdown table.`,
  options: [
    { name: 'calls', value: 'N', number: true, default: '300', help: 'Sequential calls per scenario' },
    { name: 'duration', value: 'S', number: true, default: '10', help: 'autocannon seconds per scenario' },
    { name: 'connections', value: 'N', number: true, default: '10', help: 'autocannon connections' },
    { name: 'products', value: 'N', number: true, default: '2000', help: 'Catalog size' },
    { name: 'users', value: 'N', number: true, default: '2000', help: 'Shoppers' },
  ],
  writes: "nothing (the child's SQLite file is in a temporary directory, removed).",
};

if (process.argv.includes('--serve')) {
  serve(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  });
} else if (isMain(import.meta.url)) {
  runMcpBench(benchArgs(SPEC).argv).catch((err) => {
    process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 1;
  });
}
