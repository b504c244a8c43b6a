/**
 * `npm run bench`: autocannon against `/v1/recommendations` and `/v1/events` on a 10,000-product
 * catalog with 100,000 users, on SQLite and on Redis, next to a hello-world server measured in the
 * same run. Servers run in their own processes; this process only generates load.
 *
 * Options: --store sqlite|redis|both (default both), --duration S (default 10), --connections N
 * (default 50), --users N (default 100000), --products N (default 10000), --workers N (HTTP worker
 * processes, default 2: one per core), --scenario core|storefront|all (default all), --json FILE.
 *
 * `--scenario storefront` (issue 14, see bench/storefront.ts): a 10,000-product Shopify CSV export
 * imported through the real import path, 2,000 shoppers whose history arrives as pixel payloads with
 * numeric ids, one process (`AFFINITY_WORKERS=1`, SQLite); plain, text EN, text ES, English messages each new, a shop with no
 * behaviour, and plain once every shopper is in a live session (last). `--users` does not apply to it (always 2,000 shoppers). `--storefront-workers N` runs it
 * with N HTTP worker processes instead (`AFFINITY_WORKERS=N`, the projection in the primary);
 * `--storefront-store redis` on a Redis server of its own (started on a free port) instead of SQLite.
 * `--only "text EN"` measures only the storefront scenarios whose name contains it (comma-separated),
 * `--repeat N` each of them N times in a row (a server's state drifts between runs: a collection, a
 * cache filling; the spread of N runs of one server is what a change must stand out of). `--gc` also
 * reports the storefront server's garbage collection per scenario (bench/gcTrace.ts); `--cpu-prof DIR`
 * has the storefront server write its CPU profile into DIR when it stops (bench/profileLines.ts reads it).
 */
import type autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CliError, isCliError } from '../src/cli/cliError.ts';
import { SERVING_START_FLAGS } from '../src/cli/heapTuning.ts';
import { commandSpec, commandUsage, type CommandSpec } from '../src/cli/commands.ts';
import { parseCommandArgs, wantsHelp } from '../src/cli/parseArgs.ts';
import { generateCatalog } from '../src/core/catalog/demoCatalog.ts';
import { productViewed } from '../src/sim/pixelPayloads.ts';
import { prng, simulateSessions } from '../src/sim/shopperSim.ts';
import { track } from './children.ts';
import { GcTrace, type GcSummary } from './gcTrace.ts';
import { steadyLoad } from './steadyLoad.ts';
import { autocannonRequests, seedStorefront, STOREFRONT_APP_SECRET, storefrontScenarios } from './storefront.ts';

const ROOT = join(import.meta.dirname, '..');

interface Result {
  readonly name: string;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
  /** Items (events) per second where one request carries several. */
  readonly itemsPerSec?: number;
  /** CPU used during the measured run, in % of one core, per role (Linux only). */
  readonly cpu?: Readonly<Record<string, number>>;
  /** The server's garbage collection during the measured run (`--gc`). */
  readonly gc?: GcSummary;
}

/** Processes whose CPU a scenario reports, by role. */
type Roles = Readonly<Record<string, () => number[]>>;

/** utime + stime of a process from `/proc`, in clock ticks (0 once it is gone or off Linux). */
function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0;
  }
}

/** Children of a process (the HTTP workers of `affinity serve`), from `/proc`. */
function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Starts counting CPU per role; the returned function gives % of one core per role since then. */
function cpuMeter(roles: Roles): () => Record<string, number> | undefined {
  const TICKS_PER_S = 100;
  const read = () => Object.fromEntries(Object.entries(roles).map(([role, pids]) => [role, pids().reduce((sum, pid) => sum + cpuTicks(pid), 0)]));
  const before = read();
  const self = process.cpuUsage();
  const t0 = performance.now();
  return () => {
    const secs = (performance.now() - t0) / 1000;
    const after = read();
    if (Object.values(after).every((v) => v === 0)) return undefined;
    const out: Record<string, number> = {};
    for (const role of Object.keys(roles)) out[role] = Math.round((((after[role] ?? 0) - (before[role] ?? 0)) / TICKS_PER_S / secs) * 100);
    const used = process.cpuUsage(self);
    out['load generator'] = Math.round(((used.user + used.system) / 1e6 / secs) * 100);
    return out;
  };
}

function flag(args: string[], name: string, def: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : def;
}

/** `affinity serve` as the command's first line starts it (with the young generation a server needs). */
const SERVE = [...SERVING_START_FLAGS, join(ROOT, 'bin/affinity.mjs'), 'serve'];

function startProcess(args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    // Tracked: stopped with this process, also on Ctrl-C or SIGTERM, when the finally blocks below do not run.
    const child = track(spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) {
        // Ready: stop keeping what it writes (a server with --trace-gc-nvp writes lines all along).
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve({ child, url: m[1] as string });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`process exited ${code}: ${out.slice(-2000)}`)));
  });
}

const HELLO = `const http=require('node:http');const s=http.createServer((q,r)=>{r.writeHead(200,{'content-type':'application/json'});r.end('{"hello":"world"}')});s.listen(0,'127.0.0.1',()=>console.log('listening on http://127.0.0.1:'+s.address().port));`;

/** One scenario, measured in its steady state ({@link steadyLoad}), with the CPU of each role over the measured seconds. */
async function load(name: string, opts: autocannon.Options, itemsPerRequest = 1, roles: Roles = {}, gcTrace?: GcTrace): Promise<Result> {
  let meter: (() => Record<string, number> | undefined) | undefined;
  const r = await steadyLoad(opts, () => {
    meter = cpuMeter(roles);
    gcTrace?.start();
  });
  const cpu = meter?.();
  const gc = gcTrace?.summary();
  const res: Result = {
    name,
    rps: Math.round(r.rps),
    p50: r.p50,
    p99: r.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    ...(itemsPerRequest > 1 ? { itemsPerSec: Math.round(r.rps * itemsPerRequest) } : {}),
    ...(cpu ? { cpu } : {}),
    ...(gc ? { gc } : {}),
  };
  const cpuText = cpu ? `; CPU % of a core: ${Object.entries(cpu).map(([role, v]) => `${role} ${v}`).join(', ')}` : '';
  const gcText = gc ? `; GC: ${gcLine(gc)}` : '';
  process.stderr.write(`${name}: ${res.rps} req/s, p50 ${res.p50} ms, p99 ${res.p99} ms, non-2xx ${res.non2xx}, errors ${res.errors}${cpuText}${gcText}\n`);
  return res;
}

/** A GC summary in a line: promoted MB/s, young collections and their pauses, full collections. */
function gcLine(g: GcSummary): string {
  return `promoted ${g.promotedMBps} MB/s; ${g.youngCollections} scavenges, pause median ${g.youngPauseMedianMs} ms, total ${g.youngPauseTotalMs} ms; ${g.fullCollections} full, longest pause ${g.fullPauseMaxMs} ms`;
}

async function post(url: string, body: unknown): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(`${url} -> ${res.status} ${JSON.stringify(json).slice(0, 500)}`);
  return json;
}

/** A redis-server of its own on a free port for a measured server, whose `REDIS_URL` in `env` it becomes. */
async function redisFor(env: Record<string, string>): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const { startRedis } = await import('../src/testing/redisServer.ts');
  const redis = await startRedis();
  env.REDIS_URL = redis.url;
  return redis;
}

async function benchStore(store: 'sqlite' | 'redis', o: { duration: number; connections: number; users: number; products: number; workers: number }): Promise<Result[]> {
  const dir = mkdtempSync(join(tmpdir(), 'affinity-bench-'));
  const env: Record<string, string> = { PORT: '0', HOST: '127.0.0.1', AFFINITY_LOG_LEVEL: 'warn', AFFINITY_STORE: store, AFFINITY_DB: join(dir, 'bench.db'), AFFINITY_WORKERS: String(o.workers) };
  const redis = store === 'redis' ? await redisFor(env) : undefined;
  const { child, url } = await startProcess(SERVE, env, /listening on (http:\/\/\S+)/);
  try {
    const now = Date.now();
    const catalog = generateCatalog({ size: o.products, seed: 1, currency: 'USD', now });
    await post(`${url}/v1/catalog/products`, catalog.map((p) => ({ id: p.id, handle: p.handle, title: p.title, description: p.description, vendor: p.vendor, productType: p.productType, category: p.category, tags: p.tags, images: p.images, createdAt: p.createdAt, variants: p.variants.map((v) => ({ id: v.id, title: v.title, sku: v.sku, price: (v.price.amount / 100).toFixed(2), available: v.available, options: v.options })), published: p.published })));
    // Every process (other HTTP workers, the projector) picks the new catalog up within CATALOG_REFRESH_MS (src/wiring/nodeWork.ts).
    await new Promise((r) => setTimeout(r, 3000));
    // One simulated session per user: ~4-5 pixel events each.
    const t0 = performance.now();
    let events = 0;
    const chunk = 5000;
    for (let s = 0; s < o.users; s += chunk) {
      const evs = simulateSessions(catalog, { sessions: Math.min(chunk, o.users - s), seed: 1000 + s, now: now - 3_600_000, prefix: 'u' });
      events += evs.length;
      const batches = [];
      for (let i = 0; i < evs.length; i += 500) batches.push(evs.slice(i, i + 500));
      for (let i = 0; i < batches.length; i += 4) await Promise.all(batches.slice(i, i + 4).map((b) => post(`${url}/v1/events`, { events: b })));
    }
    // Wait for the projector to catch up.
    for (;;) {
      const ready = (await (await fetch(`${url}/health/ready`)).json()) as { checks: { projector: { lag: number } } };
      if (ready.checks.projector.lag === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const seedSecs = (performance.now() - t0) / 1000;
    process.stderr.write(`[${store}] seeded ${o.products} products, ${o.users} users, ${events} events in ${seedSecs.toFixed(1)} s (ingest + projection)\n`);

    const serverPid = child.pid ?? -1;
    const roles: Roles = {
      primary: () => [serverPid],
      workers: () => childPids(serverPid),
      ...(redis ? { 'redis-server': () => [redis.pid] } : {}),
    };
    const rnd = prng(99);
    const userIds = Array.from({ length: o.users }, (_, i) => `u-${1000 + Math.floor(i / chunk) * chunk}-${i % chunk}`);
    /** A POST scenario whose body is built per request. */
    const scenario = (name: string, path: string, body: () => unknown, itemsPerRequest = 1): Promise<Result> =>
      load(
        name,
        {
          url,
          connections: o.connections,
          duration: o.duration,
          requests: [{ method: 'POST', path, headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: JSON.stringify(body()) }) }],
        },
        itemsPerRequest,
        roles,
      );
    const recs = await scenario(`${store} POST /v1/recommendations`, '/v1/recommendations', () => {
      const userId = userIds[Math.floor(rnd() * userIds.length)];
      const p = rnd() < 0.5 ? catalog[Math.floor(rnd() * catalog.length)] : undefined;
      return { userId, ...(p ? { productId: p.id } : {}), limit: 10 };
    });
    let n = 0;
    const viewed = (prefix: string) => {
      const i = n++;
      const p = catalog[Math.floor(rnd() * catalog.length)];
      return productViewed(`${prefix}-${store}-${i}`, userIds[i % userIds.length] as string, Date.now(), p as never);
    };
    const ev = await scenario(`${store} POST /v1/events (1 pixel event per request)`, '/v1/events', () => viewed('bench'));
    const evBatch = await scenario(`${store} POST /v1/events (batches of 20)`, '/v1/events', () => ({ events: Array.from({ length: 20 }, () => viewed('benchb')) }), 20);
    return [recs, ev, evBatch];
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Shoppers with history in the storefront scenario (issue 14). */
const STOREFRONT_USERS = 2000;

/**
 * The storefront scenario (issue 14): one process, SQLite, a CSV-imported catalog, shoppers from
 * pixel payloads with numeric ids; see bench/storefront.ts.
 */
async function benchStorefront(o: { duration: number; connections: number; products: number; storefrontWorkers: number; storefrontStore: 'sqlite' | 'redis'; only: readonly string[]; repeat: number; gc: boolean; cpuProf: string }): Promise<Result[]> {
  const dir = mkdtempSync(join(tmpdir(), 'affinity-bench-sf-'));
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    AFFINITY_LOG_LEVEL: 'warn',
    AFFINITY_STORE: o.storefrontStore,
    AFFINITY_DB: join(dir, 'bench.db'),
    AFFINITY_WORKERS: String(o.storefrontWorkers),
    // The theme block's requests come through the app proxy, signed with the app's secret.
    SHOPIFY_API_SECRET: STOREFRONT_APP_SECRET,
  };
  // --storefront-store redis: the same scenario on a Redis server of its own (the production store).
  const redis = o.storefrontStore === 'redis' ? await redisFor(env) : undefined;
  // With --gc the server reports each collection on its stdout (--trace-gc-nvp), read per scenario; with
  // --cpu-prof it writes its CPU profile when it stops (the profile of one process: AFFINITY_WORKERS=1).
  const extra = [...(o.gc ? ['--trace-gc-nvp'] : []), ...(o.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${resolve(o.cpuProf)}`] : [])];
  const serve = [...SERVING_START_FLAGS, ...extra, ...SERVE.slice(SERVING_START_FLAGS.length)];
  const { child, url } = await startProcess(serve, env, /listening on (http:\/\/\S+)/);
  const gcTrace = o.gc && child.stdout ? new GcTrace(child.stdout) : undefined;
  try {
    const t0 = performance.now();
    const serverPid = child.pid ?? -1;
    // With worker processes, the server is the primary and its workers.
    const serverCpuMs = () => [serverPid, ...childPids(serverPid)].reduce((ms, pid) => ms + cpuTicks(pid) * 10, 0);
    const data = await seedStorefront(url, { products: o.products, users: STOREFRONT_USERS, serverCpuMs });
    process.stderr.write(
      `[storefront] CSV of ${data.catalog.length} products (${(data.csvBytes / 1e6).toFixed(1)} MB) imported twice, ${data.userIds.length} shoppers, ${data.events} pixel events in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    );
    const roles: Roles = { server: () => [serverPid, ...childPids(serverPid)], ...(redis ? { 'redis-server': () => [redis.pid] } : {}) };
    const out: Result[] = [];
    const all = storefrontScenarios(data);
    const chosen = all.filter((s) => o.only.length === 0 || o.only.some((w) => s.name.includes(w)));
    if (chosen.length === 0) throw new CliError(`--only ${JSON.stringify(o.only.join(','))} names no storefront scenario; they are: ${all.map((s) => s.name).join('; ')}`);
    for (const sc of chosen) {
      await sc.before?.(url, serverCpuMs);
      for (let k = 0; k < o.repeat; k++) {
        out.push(
          await load(
            o.repeat > 1 ? `${sc.name} (run ${k + 1})` : sc.name,
            {
              url,
              connections: o.connections,
              duration: o.duration,
              requests: autocannonRequests(sc) as autocannon.Request[],
            },
            1,
            roles,
            gcTrace,
          ),
        );
      }
    }
    return out;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
    if (o.cpuProf) process.stderr.write(`[storefront] the server's CPU profile is in ${resolve(o.cpuProf)} (node --import tsx bench/profileLines.ts --profile FILE --last <duration> --skip 0.5)\n`);
  }
}

/** Runs the benchmark and prints a Markdown table (and JSON with --json FILE). */
export async function runBench(args: string[]): Promise<void> {
  const which = flag(args, 'store', 'both');
  const o = {
    duration: Number(flag(args, 'duration', '10')),
    connections: Number(flag(args, 'connections', '50')),
    users: Number(flag(args, 'users', '100000')),
    products: Number(flag(args, 'products', '10000')),
    workers: Number(flag(args, 'workers', '2')),
    storefrontWorkers: Number(flag(args, 'storefront-workers', '1')),
    // Checked against the command's choices (sqlite, redis) before it gets here, as --store is.
    storefrontStore: flag(args, 'storefront-store', 'sqlite') as 'sqlite' | 'redis',
    only: flag(args, 'only', '').split(',').map((w) => w.trim()).filter((w) => w !== ''),
    repeat: Math.max(1, Math.floor(Number(flag(args, 'repeat', '1')) || 1)),
    gc: args.includes('--gc'),
    cpuProf: flag(args, 'cpu-prof', ''),
  };
  const only = flag(args, 'scenario', 'all');
  const hello = await startProcess(['-e', HELLO], {}, /listening on (http:\/\/\S+)/);
  let baseline: Result;
  try {
    const helloPid = hello.child.pid ?? -1;
    baseline = await load('hello-world (node:http)', { url: hello.url, connections: o.connections, duration: o.duration }, 1, { server: () => [helloPid] });
  } finally {
    hello.child.kill('SIGTERM');
  }
  const results: Result[] = [baseline];
  if (only !== 'storefront') for (const store of which === 'both' ? (['sqlite', 'redis'] as const) : [which as 'sqlite' | 'redis']) results.push(...(await benchStore(store, o)));
  if (only !== 'core') results.push(...(await benchStorefront(o)));
  const lines = [
    `| scenario | req/s | events/s | p50 ms | p99 ms | non-2xx | errors | req/s vs hello-world |`,
    `|---|---:|---:|---:|---:|---:|---:|---:|`,
    ...results.map((r) => `| ${r.name} | ${r.rps} | ${r.itemsPerSec ?? (r.name.includes('events') ? r.rps : '')} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} | ${(r.rps / baseline.rps).toFixed(2)} |`),
  ];
  const cpuLines = results.some((r) => r.cpu)
    ? [
        '',
        '| scenario | CPU % of one core per process | server CPU ms per request |',
        '|---|---|---:|',
        ...results.map((r) => {
          const server = r.cpu ? Object.entries(r.cpu).filter(([role]) => role !== 'load generator').reduce((s, [, v]) => s + v, 0) : 0;
          const perReq = r.cpu && r.rps > 0 ? ((server / 100) * 1000) / r.rps : undefined;
          return `| ${r.name} | ${r.cpu ? Object.entries(r.cpu).map(([role, v]) => `${role} ${v}`).join(', ') : ''} | ${perReq === undefined ? '' : perReq.toFixed(2)} |`;
        }),
      ]
    : [];
  const gcLines = results.some((r) => r.gc)
    ? ['', '| scenario | server garbage collection (measured seconds) |', '|---|---|', ...results.filter((r) => r.gc).map((r) => `| ${r.name} | ${gcLine(r.gc as GcSummary)} |`)]
    : [];
  const storefrontNote = only !== 'core' ? `; storefront: ${o.products} products from a CSV export, ${STOREFRONT_USERS} shoppers, AFFINITY_WORKERS=${o.storefrontWorkers}` : '';
  process.stdout.write(`\n${[...lines, ...cpuLines, ...gcLines].join('\n')}\n\n(${o.connections} connections, ${o.duration} s per scenario after a 2 s warm-up on the same connections; ${o.products} products, ${o.users} users; AFFINITY_WORKERS=${o.workers}${storefrontNote})\n`);
  const json = flag(args, 'json', '');
  if (json) writeFileSync(json, JSON.stringify({ options: o, results }, null, 2));
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() as string)) {
  // `npm run bench -- <options>`: the same help and argument check as `affinity bench`.
  const spec = commandSpec('bench') as CommandSpec;
  const args = process.argv.slice(2);
  if (wantsHelp(args)) process.stdout.write(commandUsage(spec));
  else {
    let argv: string[] | undefined;
    try {
      argv = parseCommandArgs(spec, args).argv;
    } catch (err) {
      if (!isCliError(err)) throw err;
      process.stderr.write(`bench: ${err.message}\n\n${commandUsage(spec)}`);
      process.exitCode = err.exitCode;
    }
    if (argv)
      runBench(argv).catch((err) => {
        process.stderr.write(`${err?.stack ?? err}\n`);
        process.exitCode = 1;
      });
  }
}
