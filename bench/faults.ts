/**
 * `npm run faults`: the fault suite. Affinity runs as a child process on a real `redis-server` (AOF on)
 * with the shop's Storefront Catalog MCP played by the shop stand-in (`createShopSim`, in this
 * process), everything on 127.0.0.1. Under a steady mixed load (bench/faults/load.ts) the suite
 * injects one fault after the other and measures each phase:
 *
 *   baseline → Redis frozen (SIGSTOP … SIGCONT) → Redis killed (SIGKILL, restarted on the same port
 *   and AOF dir) → shop slow (2 s per answer, longer than the catalog client's timeout) → shop down
 *   (connections refused) → Affinity SIGKILLed under load and restarted → bad-input barrage
 *   (bench/faults/badInputs.ts) → recovery
 *
 * then checks that every event answered 202 is in Redis and prints the summary; with `--write` it also
 * writes it into docs/reliability.md between `<!-- faults:begin -->` and `<!-- faults:end -->` (without
 * it, a run to check the figures leaves the working tree as it was). It measures what the
 * code does: a failing phase is reported, not hidden, and the exit code is 1 when a 5xx answered bad
 * input, a 5xx answered a recommendation, or an acknowledged event was lost.
 *
 * Every phase is bounded in time, the whole run by a watchdog (`--max-seconds`, default 420), and
 * every child process (Affinity, redis-server) is killed on the way out, on failure too.
 *
 * Options: --fault-seconds S (each fault, default 6), --after-seconds S (recovery window after each
 * fault, default 5), --baseline-seconds S (default 8), --clients N (default 6), --pause-ms MS
 * (between two requests of a client, default 15), --products N (default 400), --users N (default 300),
 * --appendfsync everysec|always|no (default everysec), --max-seconds S (default 420), --write (update
 * docs/reliability.md), --json FILE. `--no-docs` (the default now) is still accepted. `--help` lists them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { RedisStore } from '../src/adapters/redis/redisStore.ts';
import { seenKey } from '../src/adapters/redis/keys.ts';
import { parseShopifyCsv } from '../src/core/catalog/csvImport.ts';
import { generateCatalog } from '../src/core/catalog/demoCatalog.ts';
import { createShopSim, type ShopSim } from '../src/sim/shopSim/shopSim.ts';
import { departments, simulateSessions } from '../src/sim/shopperSim.ts';
import { freePort, startRedis, type RedisServerHandle } from '../src/testing/redisServer.ts';
import { AffinityProcess } from './faults/affinityProcess.ts';
import { runBarrage, type CaseResult } from './faults/badInputs.ts';
import { toShopifyCsv } from './faults/catalogCsv.ts';
import { startLoad, summarize, type Load } from './faults/load.ts';
import { renderReport, writeDocsSection, type Report, type Window } from './faults/report.ts';
import { benchArgs, isMain, parseBenchArgs, type BenchArgs, type BenchSpec } from './args.ts';

const ROOT = join(import.meta.dirname, '..');
const SHOP = 'faults-shop.myshopify.com';
const OTHER_SHOP = 'other-shop.myshopify.com';
const KEYS = {
  shop: 'faults-shop-read-ingest-key-0001',
  readOnly: 'faults-shop-read-only-key-00002',
  other: 'other-shop-read-ingest-key-00003',
  admin: 'faults-admin-key-every-shop-0004',
};
const AGENT_PROFILE = 'https://affinity.example/agent.json';
/** Latency of the slow shop; the catalog client's timeout is 800 ms. */
const SHOP_SLOW_MS = 2000;
/** Client-side timeout of one load request (longer than the store's 5 s operation timeout, so its answer is seen). */
const CLIENT_TIMEOUT_MS = 8000;
/** Freshness of the catalog client's cache in this run (production default 300 s): short, so that the shop is really asked during the shop phases. */
const CATALOG_CACHE_TTL_S = 5;
const PROFILE_TTL_MS = 90 * 86_400_000;

interface Options {
  readonly faultSeconds: number;
  readonly afterSeconds: number;
  readonly baselineSeconds: number;
  readonly clients: number;
  readonly pauseMs: number;
  readonly products: number;
  readonly users: number;
  readonly appendfsync: string;
  readonly maxSeconds: number;
  /** Whether the summary is written into docs/reliability.md (`--write`; printed either way). */
  readonly docs: boolean;
  readonly json: string;
}

const SPEC: BenchSpec = {
  run: 'npm run faults --',
  script: 'bench/faults.ts',
  summary: `The fault suite: Affinity (a child process) on a real redis-server with AOF, the shop's Storefront Catalog
MCP played by the shop stand-in, under a steady mixed load; injects Redis frozen, Redis killed, shop slow, shop
down, Affinity SIGKILLed, a bad-input barrage, then checks every event answered 202 is in Redis. Prints the
summary (Markdown). Exit code 1 when bad input or a recommendation got a 5xx, or an acknowledged event was lost.`,
  options: [
    { name: 'fault-seconds', value: 'S', number: true, default: '6', help: 'Length of each fault, 1-60' },
    { name: 'after-seconds', value: 'S', number: true, default: '5', help: 'Recovery window after each fault, 1-60' },
    { name: 'baseline-seconds', value: 'S', number: true, default: '8', help: 'Baseline before the first fault, 1-60' },
    { name: 'clients', value: 'N', number: true, default: '6', help: 'Closed-loop load clients, 1-64' },
    { name: 'pause-ms', value: 'MS', number: true, default: '15', help: 'Pause between two requests of a client, 0-1000' },
    { name: 'products', value: 'N', number: true, default: '400', help: 'Catalog size, 20-20000' },
    { name: 'users', value: 'N', number: true, default: '300', help: 'Shoppers with a seeded history, 10-5000' },
    { name: 'appendfsync', value: 'P', choices: ['everysec', 'always', 'no'], default: 'everysec', help: "redis-server's appendfsync: everysec, always or no" },
    { name: 'max-seconds', value: 'S', number: true, default: '420', help: 'Watchdog: the whole run stops after this, 60-3600' },
    { name: 'write', help: 'Also write the summary into docs/reliability.md (between the faults markers)' },
    { name: 'no-docs', help: 'Leave docs/reliability.md as it is: the default now, kept for older command lines' },
    { name: 'json', value: 'FILE', help: 'Also write the report (without the raw samples) as JSON to FILE' },
  ],
  writes: 'docs/reliability.md only with --write; FILE with --json; Redis and the server run in a temporary directory, removed.',
};

function num(args: BenchArgs, name: string, min: number, max: number): number {
  const v = Number(args.get(name));
  if (!Number.isFinite(v) || v < min || v > max) throw new RangeError(`--${name} must be a number in [${min}, ${max}]`);
  return v;
}

/** The options of a run of the suite, from its arguments (as after `npm run faults --`). */
export function optionsOf(argv: readonly string[]): Options {
  const request = parseBenchArgs(SPEC, argv);
  if (request.kind !== 'run') throw new RangeError(request.kind === 'error' ? request.message : 'asked for help: see `npm run faults -- --help`');
  const args = request.args;
  if (args.has('write') && args.has('no-docs')) throw new RangeError('--write and --no-docs contradict each other: --write updates docs/reliability.md, which is left alone by default');
  const appendfsync = args.get('appendfsync') as string;
  return {
    faultSeconds: num(args, 'fault-seconds', 1, 60),
    afterSeconds: num(args, 'after-seconds', 1, 60),
    baselineSeconds: num(args, 'baseline-seconds', 1, 60),
    clients: num(args, 'clients', 1, 64),
    pauseMs: num(args, 'pause-ms', 0, 1000),
    products: num(args, 'products', 20, 20_000),
    users: num(args, 'users', 10, 5000),
    appendfsync,
    maxSeconds: num(args, 'max-seconds', 60, 3600),
    docs: args.has('write'),
    json: args.get('json') ?? '',
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const log = (msg: string) => process.stderr.write(`[faults ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

async function getJson(url: string, timeoutMs = 2000): Promise<{ status: number; json: any }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json };
}

async function postOk(url: string, body: string, headers: Record<string, string>, key: string): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { ...headers, authorization: `Bearer ${key}` }, body, signal: AbortSignal.timeout(60_000) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url} -> ${res.status} ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

/** Waits (bounded) until `/health/ready` reports an empty projection backlog; returns the last lag seen. */
async function waitProjected(url: string, maxMs: number): Promise<string> {
  const deadline = Date.now() + maxMs;
  let last = 'unknown';
  for (let i = 0; i < 10_000 && Date.now() < deadline; i++) {
    try {
      const r = await getJson(`${url}/health/ready`);
      const lag = r.json?.checks?.projector?.lag;
      last = `${lag} (ready ${r.status})`;
      if (r.status === 200 && lag === 0) return '0';
    } catch (e) {
      last = `unanswered (${(e as Error).message})`;
    }
    await sleep(250);
  }
  return last;
}

function machine(redisVersion: string): Report['machine'] {
  let nproc = cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || nproc;
  } catch {
    // keep os.cpus()
  }
  return { nproc, cpu: cpus()[0]?.model.trim() ?? 'unknown', node: process.version, redis: redisVersion, loadavg: loadavg().map((x) => x.toFixed(2)).join(' ') };
}

/**
 * The command that reproduces a run's figures, as the report shows it: its arguments without those that
 * only say where the summary goes (`--write`, `--no-docs`).
 */
export function reproduceCommand(argv: readonly string[]): string {
  const kept = argv.filter((a) => a !== '--write' && a !== '--no-docs');
  return `npm run faults${kept.length > 0 ? ` -- ${kept.join(' ')}` : ''}`;
}

/** Runs the suite; resolves with the exit code. */
export async function runFaults(args: readonly string[]): Promise<number> {
  const o = optionsOf(args);
  const started = performance.now();
  const runTag = `flt${Date.now().toString(36)}`;
  const dir = mkdtempSync(join(tmpdir(), 'affinity-faults-'));
  let redis: RedisServerHandle | undefined;
  let sim: ShopSim | undefined;
  let affinity: AffinityProcess | undefined;
  let load: Load | undefined;
  let monitorOn = false;
  let monitorDone: Promise<void> | undefined;

  let cleaned = false;
  const cleanup = async (): Promise<void> => {
    if (cleaned) return;
    cleaned = true;
    monitorOn = false;
    await Promise.race([load?.stop(), sleep(CLIENT_TIMEOUT_MS + 2000)]).catch(() => undefined);
    await monitorDone?.catch(() => undefined);
    await affinity?.stop('SIGTERM', 10_000).catch(() => undefined);
    await redis?.stop().catch(() => undefined); // continues a frozen server first
    await sim?.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (sig: NodeJS.Signals) => {
    log(`${sig}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const watchdog = setTimeout(() => {
    log(`watchdog: the suite ran past ${o.maxSeconds} s; stopping everything`);
    void cleanup().finally(() => process.exit(2));
  }, o.maxSeconds * 1000);

  try {
    // --- Catalog: a generated shop exported as a Shopify CSV; the shop stand-in serves what the CSV parses to.
    const generated = generateCatalog({ size: o.products, seed: 11, currency: 'USD' });
    const csv = toShopifyCsv(generated);
    const parsed = parseShopifyCsv(csv, { currency: 'USD' });
    if (parsed.errors.length > 0) throw new Error(`the generated CSV has errors: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
    const products = parsed.products;
    const available = products.filter((p) => p.published && p.variants.some((v) => v.available));
    sim = await createShopSim({ products, shopDomain: SHOP, seed: 5 });
    log(`shop stand-in on ${sim.url} (${products.length} products)`);

    // --- Redis with the append-only file.
    mkdirSync(join(dir, 'redis'));
    redis = await startRedis({ appendonly: true, dir: join(dir, 'redis'), args: ['--appendfsync', o.appendfsync] });
    const probe = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await probe.connect();
    const cfg = async (p: string) => ((await probe.call('config', 'get', p)) as string[])[1] ?? '?';
    const persistence = { appendonly: await cfg('appendonly'), appendfsync: await cfg('appendfsync'), save: await cfg('save') };
    const redisVersion = /redis_version:(\S+)/.exec(String(await probe.call('info', 'server')))?.[1] ?? '?';
    probe.disconnect();
    log(`redis-server ${redisVersion} on ${redis.url} (pid ${redis.pid}), appendonly ${persistence.appendonly}, appendfsync ${persistence.appendfsync}`);

    // --- Affinity, a child process on a fixed port (a restart comes back on it).
    const port = await freePort();
    const env: Record<string, string> = {
      AFFINITY_STORE: 'redis',
      REDIS_URL: redis.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      AFFINITY_DB: join(dir, 'unused.db'),
      AFFINITY_UCP_AGENT_PROFILE_URL: AGENT_PROFILE,
      SHOPIFY_STOREFRONT_MCP_URL: sim.url,
      AFFINITY_CATALOG_CACHE_TTL_SECONDS: String(CATALOG_CACHE_TTL_S),
      AFFINITY_LOG_LEVEL: 'warn',
      AFFINITY_WORKERS: '1',
      AFFINITY_API_KEYS: [`${SHOP}:read+ingest:${KEYS.shop}`, `${SHOP}:read:${KEYS.readOnly}`, `${OTHER_SHOP}:read+ingest:${KEYS.other}`, `*:admin:${KEYS.admin}`].join(','),
    };
    affinity = new AffinityProcess(env);
    let t = performance.now();
    const url = await affinity.start();
    log(`affinity on ${url} (pid ${affinity.pid}), started in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    // --- Catalog import (the CSV, over HTTP) and seeded history.
    const imported = await postOk(`${url}/v1/catalog/products?shop=${SHOP}&currency=USD`, csv, { 'content-type': 'text/csv' }, KEYS.admin);
    log(`imported the CSV (${(csv.length / 1024).toFixed(0)} KB): ${JSON.stringify(imported).slice(0, 200)}`);
    // The simulator walks ±6 positions around an anchor within a department and indexes out of range in
    // departments of fewer than 6 products (src/sim/shopperSim.ts): give it the larger departments only.
    const simProducts = departments(products).filter(([, ps]) => ps.length >= 12).flatMap(([, ps]) => ps);
    const seedEvents = simulateSessions(simProducts, { sessions: o.users, seed: 3, now: Date.now() - 3_600_000, prefix: 'shopper' });
    const users = Array.from({ length: o.users }, (_, i) => `shopper-3-${i}`);
    t = performance.now();
    for (let i = 0; i < seedEvents.length; i += 250) {
      await postOk(`${url}/v1/events`, JSON.stringify({ shop: SHOP, events: seedEvents.slice(i, i + 250) }), { 'content-type': 'application/json' }, KEYS.shop);
    }
    const seedLag = await waitProjected(url, 60_000);
    log(`seeded ${seedEvents.length} events of ${o.users} shoppers in ${((performance.now() - t) / 1000).toFixed(1)} s (backlog ${seedLag})`);
    // Catalogs reach every component within its refresh interval.
    await sleep(2000);

    // --- The real MCP SDK client once: the server speaks MCP and the shop answers through it.
    let sdkCheck: string;
    let tools: string[] = [];
    try {
      const client = new Client({ name: 'faults-suite', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp?shop=${SHOP}`), { requestInit: { headers: { authorization: `Bearer ${KEYS.shop}` } } }));
      tools = (await client.listTools()).tools.map((x) => x.name);
      const probeSearch = (await client.callTool({ name: 'search_catalog', arguments: { query: available[0]?.productType ?? 'shirt', limit: 3 } })).structuredContent as { source?: string } | undefined;
      await client.close();
      sdkCheck = `the MCP SDK client listed ${tools.length} tools (${tools.join(', ')}) and \`search_catalog\` answered from \`${probeSearch?.source}\``;
    } catch (e) {
      sdkCheck = `the MCP SDK client check FAILED: ${(e as Error).message}`;
    }
    log(sdkCheck);

    // --- Load, readiness monitor, phases.
    let phase = 'warm-up';
    load = startLoad({ url, shop: SHOP, key: KEYS.shop, products: available, clients: o.clients, pauseMs: o.pauseMs, timeoutMs: CLIENT_TIMEOUT_MS, users, idPrefix: runTag, phase: () => phase });
    const readySamples: { phase: string; status: string; breaker: string }[] = [];
    monitorOn = true;
    monitorDone = (async () => {
      for (let i = 0; i < 100_000 && monitorOn; i++) {
        const p = phase;
        try {
          const r = await getJson(`${url}/health/ready`, 1500);
          readySamples.push({ phase: p, status: String(r.status), breaker: String(r.json?.checks?.shopCatalog?.breaker ?? '–') });
        } catch (e) {
          readySamples.push({ phase: p, status: (e as Error).name === 'TimeoutError' ? 'timeout' : 'conn-error', breaker: '–' });
        }
        await sleep(1000);
      }
    })();
    await sleep(2000); // warm-up, not measured

    const windows: Window[] = [];
    const stepErrors: string[] = [];
    const measure = async (name: string, fault: string | (() => string), body: () => Promise<void>): Promise<void> => {
      phase = name;
      const calls0 = sim?.calls ?? 0;
      const start = performance.now();
      log(`phase: ${name}`);
      try {
        await body();
      } catch (e) {
        // A fault step that failed is a result too: reported, and the suite goes on.
        stepErrors.push(`${name}: a step of the phase failed: ${(e as Error).message.split('\n')[0]}`);
        log(`  step failed: ${(e as Error).stack ?? e}`);
      }
      const end = performance.now();
      const samples = load?.samples.filter((s) => s.phase === name) ?? [];
      const firstOk = (pred: (s: (typeof samples)[number]) => boolean) => {
        const done = samples.filter(pred).map((s) => s.at + s.ms - start);
        return done.length > 0 ? Math.max(0, Math.min(...done)) : undefined;
      };
      const firstEventOkMs = firstOk((s) => s.op === 'event' && s.status === '202');
      const firstRecOkMs = firstOk((s) => s.op === 'recommend' && s.status === '200' && !s.degraded);
      const ready = readySamples.filter((r) => r.phase === name);
      windows.push({
        name,
        fault: typeof fault === 'string' ? fault : fault(),
        start,
        end,
        shopCalls: (sim?.calls ?? 0) - calls0,
        ready: ready.map((r) => r.status),
        breaker: ready.map((r) => r.breaker),
        ...(firstEventOkMs !== undefined ? { firstEventOkMs } : {}),
        ...(firstRecOkMs !== undefined ? { firstRecOkMs } : {}),
      });
      const s = summarize(samples);
      log(`  ${s.n} requests, p95 ${s.p95?.toFixed(0)} ms, p99 ${s.p99?.toFixed(0)} ms, degraded ${s.degraded}, 5xx ${s.fivexx}: ${JSON.stringify(s.statuses)}`);
    };
    const hold = (s: number) => () => sleep(s * 1000);
    const F = o.faultSeconds;
    const A = o.afterSeconds;
    const r = redis;
    const shop = sim;
    const aff = affinity;

    await measure('baseline', 'none', hold(o.baselineSeconds));

    process.kill(r.pid, 'SIGSTOP');
    await measure('redis frozen', `SIGSTOP redis-server for ${F} s`, hold(F));
    process.kill(r.pid, 'SIGCONT');
    await measure('after redis frozen', 'SIGCONT sent at the start', hold(A));

    await r.kill('SIGKILL');
    await measure('redis down', `SIGKILL redis-server, ${F} s down`, hold(F));
    let restartMs = 0;
    await measure('after redis down', () => `redis-server restarted on the same port and AOF dir (${restartMs.toFixed(0)} ms to PONG)`, async () => {
      const t0 = performance.now();
      await r.restart();
      restartMs = performance.now() - t0;
      await sleep(Math.max(0, A * 1000 - restartMs));
    });

    await shop.setFaults({ latencyMs: SHOP_SLOW_MS });
    await measure('shop slow', `shop stand-in answers after ${SHOP_SLOW_MS} ms (catalog client timeout 800 ms)`, hold(F));
    await shop.setFaults({ latencyMs: 0 });
    await measure('after shop slow', 'latency back to 0', hold(A));

    await shop.setFaults({ down: true });
    await measure('shop down', 'shop stand-in refuses connections', hold(F));
    await shop.setFaults({ down: false });
    await measure('after shop down', 'shop stand-in listening again', hold(A));

    let killMs = 0;
    await measure('affinity killed', () => `SIGKILL Affinity under load, restarted after 1 s; ${(killMs / 1000).toFixed(1)} s until it listened again`, async () => {
      const t0 = performance.now();
      await aff.stop('SIGKILL');
      await sleep(1000);
      await aff.start();
      killMs = performance.now() - t0;
    });
    await measure('after affinity restart', 'none', async () => {
      if (!aff.running) await aff.start(); // a second try when the first restart failed
      await sleep(A * 1000);
    });

    let barrage: CaseResult[] = [];
    await measure('bad-input barrage', () => `${barrage.length} malformed requests, 4 at a time`, async () => {
      const t0 = performance.now();
      barrage = await runBarrage({ url, shop: SHOP, otherShop: OTHER_SHOP, keys: KEYS, productId: available[0]?.id ?? '1' });
      await sleep(Math.max(0, 3000 - (performance.now() - t0)));
    });

    await measure('recovery', 'none', hold(o.baselineSeconds));

    // --- Stop the load; every acknowledged event must be in Redis.
    await load.stop();
    monitorOn = false;
    await monitorDone;
    const lagAtEnd = await waitProjected(url, 60_000);
    const acked = load.acked;
    const byUser = new Map<string, string[]>();
    for (const [id, user] of acked) byUser.set(user, [...(byUser.get(user) ?? []), id]);
    let inHistory = 0;
    let bySeenMarker = 0;
    const lostIds: string[] = [];
    let verifyError: string | undefined;
    try {
      const store = await RedisStore.connect(r.url, { profileTtlMs: PROFILE_TTL_MS });
      const raw = new Redis(r.url, { maxRetriesPerRequest: 1 });
      try {
        for (const [user, ids] of byUser) {
          const stored = new Set((await store.getUserEvents(SHOP, user, 500)).map((e) => e.id));
          for (const id of ids) {
            if (stored.has(id)) inHistory++;
            else if ((await raw.exists(seenKey(SHOP, id))) === 1) bySeenMarker++;
            else lostIds.push(id);
          }
        }
      } finally {
        await store.close();
        raw.disconnect();
      }
    } catch (e) {
      verifyError = (e as Error).message.split('\n')[0];
      log(`could not check the acknowledged events: ${(e as Error).stack ?? e}`);
    }
    log(`acknowledged ${acked.size}, in history ${inHistory}, by marker only ${bySeenMarker}, lost ${lostIds.length}`);

    // --- Findings, report, docs.
    const findings: string[] = [...stepErrors];
    if (verifyError) findings.push(`The acknowledged events could NOT be checked: ${verifyError}.`);
    for (const w of windows) {
      const inWindow = load.samples.filter((x) => x.phase === w.name);
      const rec = summarize(inWindow.filter((x) => x.op === 'recommend'));
      const ev = summarize(inWindow.filter((x) => x.op === 'event'));
      if (rec.fivexx > 0) findings.push(`${w.name}: ${rec.fivexx} of ${rec.n} recommendations answered 5xx.`);
      if (rec.p99 > 1000) findings.push(`${w.name}: recommendations p99 ${rec.p99.toFixed(0)} ms (max ${rec.max.toFixed(0)} ms), above ~1 s.`);
      if (ev.noRetryAfter503 > 0) findings.push(`${w.name}: ${ev.noRetryAfter503} event 503s came without Retry-After.`);
      const odd5 = inWindow.filter((x) => /^5\d\d$/.test(x.status) && !(x.op === 'event' && x.status === '503') && x.op !== 'recommend');
      if (odd5.length > 0) findings.push(`${w.name}: ${odd5.length} other 5xx answers (${[...new Set(odd5.map((x) => `${x.op} ${x.status}${x.code ? ` ${x.code}` : ''}`))].join(', ')}).`);
      const toolErrors = inWindow.filter((x) => x.toolError);
      if (toolErrors.length > 0) findings.push(`${w.name}: ${toolErrors.length} MCP tool calls answered with an error (${[...new Set(toolErrors.map((x) => `${x.op} ${x.toolError}`))].join(', ')}).`);
      if (w.name === 'baseline' || w.name === 'recovery') {
        const other = Object.entries(summarize(inWindow).statuses).filter(([k]) => !/^(200|202)$/.test(k));
        if (other.length > 0) findings.push(`${w.name} (no fault): non-2xx answers ${other.map(([k, v]) => `${v} × ${k}`).join(', ')}.`);
      }
    }
    const timeouts = load.samples.filter((x) => x.status === 'timeout');
    if (timeouts.length > 0) {
      const byPhase = new Map<string, number>();
      for (const x of timeouts) byPhase.set(`${x.phase}/${x.op}`, (byPhase.get(`${x.phase}/${x.op}`) ?? 0) + 1);
      findings.push(`Requests with no answer within the client's ${CLIENT_TIMEOUT_MS / 1000} s: ${[...byPhase].map(([k, v]) => `${k} ${v}`).join(', ')}.`);
    }
    const bad5 = barrage.filter((c) => c.fivexx);
    if (bad5.length > 0) findings.push(`Bad input answered 5xx: ${bad5.map((c) => `${c.name} (${c.status}${c.code ? ` ${c.code}` : ''})`).join('; ')}.`);
    const badShape = barrage.filter((c) => !c.ok && !c.fivexx);
    if (badShape.length > 0) findings.push(`Bad input not answered as expected: ${badShape.map((c) => `${c.name} → ${c.status} ${c.code ?? ''} (${c.shape})`).join('; ')}.`);
    if (lostIds.length > 0) findings.push(`${lostIds.length} acknowledged events are not in Redis (appendfsync ${persistence.appendfsync}).`);
    if (bySeenMarker > 0) findings.push(`${bySeenMarker} acknowledged events are in the log's dedupe markers but missing from the shopper's event history.`);

    const report: Report = {
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      machine: machine(`redis-server ${redisVersion}`),
      command: reproduceCommand(args),
      setup: [
        `redis-server with \`appendonly ${persistence.appendonly}\`, \`appendfsync ${persistence.appendfsync}\`, \`save "${persistence.save}"\`; Affinity (\`node --import tsx src/cli/main.ts serve\`, 1 process, \`AFFINITY_STORE=redis\`, API keys on) as a child process; the shop's Storefront Catalog MCP played by \`createShopSim\` (src/sim/shopSim) with \`SHOPIFY_STOREFRONT_MCP_URL\`, \`AFFINITY_UCP_AGENT_PROFILE_URL\`, catalog cache TTL ${CATALOG_CACHE_TTL_S} s (so the shop is really asked), timeout 800 ms (default).`,
        `Catalog: ${products.length} generated products exported as a Shopify CSV (${(csv.length / 1024).toFixed(0)} KB, legacy header dialect) and imported with \`POST /v1/catalog/products\` (text/csv); history: ${seedEvents.length} pixel events of ${o.users} shoppers.`,
        `Load: ${o.clients} closed-loop clients, ${o.pauseMs} ms pause between requests, client timeout ${CLIENT_TIMEOUT_MS / 1000} s; 40 % \`POST /v1/events\` (1–2 pixel events, unique ids), 30 % \`POST /v1/recommendations\`, 15 % MCP \`search_catalog\`, 15 % MCP \`recommend_products\` with a US market (raw JSON-RPC on the stateless \`/mcp\`; before the load, ${sdkCheck}). Latencies are client-side, including the client's own queueing.`,
        `"degraded" counts recommendations answered with \`"degraded": true\` and MCP answers with \`fallback_used: true\`. "first 202 after" / "first non-degraded rec after": from the start of the phase to the first such answer.`,
      ],
      windows,
      samples: load.samples,
      barrage,
      durability: { sent: load.sent(), acked: acked.size, inHistory, bySeenMarker, lost: lostIds.length, lostIds, lagAtEnd, ...(verifyError ? { error: verifyError } : {}) },
      findings,
      affinityLog: { lines: aff.logLines, exits: aff.exits },
      totalSeconds: (performance.now() - started) / 1000,
    };
    const md = renderReport(report);
    process.stdout.write(`\n${md}\n`);
    if (o.docs) {
      writeDocsSection(join(ROOT, 'docs/reliability.md'), md);
      log('summary written into docs/reliability.md (between the faults markers)');
    } else log('docs/reliability.md left as it is (`npm run faults -- --write` writes this summary into it)');
    if (o.json) writeFileSync(o.json, JSON.stringify({ ...report, samples: undefined }, null, 2));
    if (affinity.log.length > 0) {
      const tail = affinity.log.slice(-15).join('\n');
      log(`last lines of Affinity's log:\n${tail}`);
    }
    const recs5xx = load.samples.filter((x) => x.op === 'recommend' && /^5\d\d$/.test(x.status)).length;
    return bad5.length > 0 || lostIds.length > 0 || recs5xx > 0 || verifyError !== undefined || stepErrors.length > 0 ? 1 : 0;
  } finally {
    clearTimeout(watchdog);
    await cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** The arguments of this run when they are usable (a value out of range refused in one line, exit 2), else `undefined`. */
function checkedArgv(): readonly string[] | undefined {
  const argv = benchArgs(SPEC).argv;
  try {
    optionsOf(argv);
    return argv;
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    process.stderr.write(`bench/faults.ts: ${err.message} (see --help)\n`);
    process.exitCode = 2;
    return undefined;
  }
}

const argv = isMain(import.meta.url) ? checkedArgv() : undefined;
if (argv) {
  runFaults(argv).then(
    (code) => {
      process.exitCode = code;
      // Everything was closed; should a stray handle keep the process alive, leave anyway.
      setTimeout(() => process.exit(code), 5000).unref();
    },
    (err) => {
      process.stderr.write(`${err?.stack ?? err}\n`);
      process.exitCode = 1;
    },
  );
}
