/**
 * Benchmark of the roles (issue 15): on a 3-master Redis Cluster, one `ingest`, one `project` and two
 * `recommend` nodes as separate processes (docs/operations.md). Measures, in one run:
 *
 * - the floor: a hello-world Node server on this machine (what one process can answer at all);
 * - `POST /v1/recommendations` against one recommend node, then against both at once (two load
 *   generators, the sum);
 * - `POST /v1/events` through the ingest node (one event per request, and batches of 20);
 * - the keyspace: Redis memory used per shopper after seeding (`used_memory` of the masters, before
 *   and after), scaled to a million shoppers.
 *
 *   node --import tsx bench/roles.ts [--duration S] [--connections N] [--users N] [--products N] [--json FILE]
 *
 * Defaults: 10 s per scenario, 32 connections, 5,000 shoppers, 2,000 products. Run on a quiet machine:
 * every process (Redis included) shares its cores with the load generator, and CPU per process is
 * reported beside each result. Every process it starts (the Redis Cluster, the four nodes, the
 * hello-world server) is stopped when it ends, fails, or is interrupted (Ctrl-C, SIGTERM).
 */
import type autocannon from 'autocannon';
import { steadyLoad, type SteadyResult } from './steadyLoad.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCatalog } from '../src/core/catalog/demoCatalog.ts';
import { productViewed } from '../src/sim/pixelPayloads.ts';
import { prng, simulateSessions } from '../src/sim/shopperSim.ts';
import { SERVING_START_FLAGS } from '../src/cli/heapTuning.ts';
import { redisCommand, startRedisCluster } from '../src/testing/redisServer.ts';
import { benchArgs, type BenchArgs, type BenchSpec } from './args.ts';
import { onSignalCleanup, stopChildren, track } from './children.ts';

const ROOT = join(import.meta.dirname, '..');

interface Result {
  readonly name: string;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly itemsPerSec?: number;
  /** % of one core per process during the run (Linux). */
  readonly cpu?: Readonly<Record<string, number>>;
}

const SPEC: BenchSpec = {
  run: 'node --import tsx bench/roles.ts',
  summary: `The roles on a 3-master Redis Cluster (started here; needs redis-server and redis-cli): one ingest, one
project and two recommend nodes as separate processes. Measures a hello-world floor, recommendations on one
and on two recommend nodes, events through the ingest node (1 per request, batches of 20), and Redis memory
per shopper. Prints a Markdown table (progress on stderr).`,
  options: [
    { name: 'duration', value: 'S', number: true, default: '10', help: 'autocannon seconds per scenario, after a 2 s warm-up on the same connections' },
    { name: 'connections', value: 'N', number: true, default: '32', help: 'autocannon connections' },
    { name: 'users', value: 'N', number: true, default: '5000', help: 'Shoppers seeded through the ingest node' },
    { name: 'products', value: 'N', number: true, default: '2000', help: 'Catalog size' },
    { name: 'json', value: 'FILE', help: 'Also write the results as JSON to FILE' },
  ],
  writes: 'FILE with --json; nothing else (the Redis Cluster lives in temporary directories it removes).',
};

function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0;
  }
}

/** % of one core each named process used between the call and the returned function's call. */
function cpuMeter(pids: Readonly<Record<string, number>>): () => Record<string, number> {
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuTicks(pid)]));
  const self = process.cpuUsage();
  const t0 = performance.now();
  return () => {
    const secs = (performance.now() - t0) / 1000;
    const used = process.cpuUsage(self);
    return {
      ...Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, Math.round(((cpuTicks(pid) - (before[k] ?? 0)) / 100 / secs) * 100)])),
      'load generator': Math.round(((used.user + used.system) / 1e6 / secs) * 100),
    };
  };
}

function startProcess(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = track(spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', AFFINITY_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
    let out = '';
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] as string });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`process exited ${code}: ${out.slice(-2000)}`)));
  });
}

const HELLO = `const http=require('node:http');const s=http.createServer((q,r)=>{r.writeHead(200,{'content-type':'application/json'});r.end('{"hello":"world"}')});s.listen(0,'127.0.0.1',()=>console.log('listening on http://127.0.0.1:'+s.address().port));`;

async function post(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(`${url} -> ${res.status} ${JSON.stringify(json).slice(0, 500)}`);
  return json;
}

function summarize(name: string, runs: readonly SteadyResult[], itemsPerRequest: number, cpu: Record<string, number>): Result {
  const rps = runs.reduce((s, r) => s + r.rps, 0);
  const res: Result = {
    name,
    rps: Math.round(rps),
    p50: Math.max(...runs.map((r) => r.p50)),
    p99: Math.max(...runs.map((r) => r.p99)),
    non2xx: runs.reduce((s, r) => s + r.non2xx, 0),
    errors: runs.reduce((s, r) => s + r.errors, 0),
    ...(itemsPerRequest > 1 ? { itemsPerSec: Math.round(rps * itemsPerRequest) } : {}),
    cpu,
  };
  process.stderr.write(`${name}: ${res.rps} req/s, p50 ${res.p50} ms, p99 ${res.p99} ms, non-2xx ${res.non2xx}, errors ${res.errors}; CPU %: ${Object.entries(cpu).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
  return res;
}

/** Runs one steady autocannon run per target at the same time (steadyLoad.ts); the sum, with the CPU over the measured seconds. */
async function load(name: string, targets: readonly autocannon.Options[], pids: Record<string, number>, itemsPerRequest = 1): Promise<Result> {
  let meter: (() => Record<string, number>) | undefined;
  const runs = await Promise.all(targets.map((t, i) => steadyLoad(t, i === 0 ? () => (meter = cpuMeter(pids)) : undefined)));
  return summarize(name, runs, itemsPerRequest, meter?.() ?? {});
}

/** Bytes Redis uses, summed over the masters. */
async function usedMemory(ports: readonly number[]): Promise<number> {
  let sum = 0;
  for (const p of ports) sum += Number(/used_memory:(\d+)/.exec(await redisCommand(p, ['INFO', 'memory']))?.[1] ?? 0);
  return sum;
}

async function main(args: BenchArgs): Promise<void> {
  const duration = Number(args.get('duration'));
  const connections = Number(args.get('connections'));
  const users = Number(args.get('users'));
  const products = Number(args.get('products'));
  const jsonOut = args.get('json') ?? '';
  const cluster = await startRedisCluster();
  // On Ctrl-C or SIGTERM the `finally` below does not run: the cluster is stopped from there too.
  const unregister = onSignalCleanup(() => cluster.stop());
  try {
    const env = { AFFINITY_REDIS_CLUSTER: cluster.nodes.map((n) => `${n.host}:${n.port}`).join(',') };
    const bin = join(ROOT, 'bin/affinity.mjs');
    const [ingest, project, recA, recB, hello] = await Promise.all([
      startProcess([...SERVING_START_FLAGS, bin, 'serve', '--role', 'ingest'], env),
      startProcess([...SERVING_START_FLAGS, bin, 'serve', '--role', 'project'], env),
      startProcess([...SERVING_START_FLAGS, bin, 'serve', '--role', 'recommend'], env),
      startProcess([...SERVING_START_FLAGS, bin, 'serve', '--role', 'recommend'], env),
      startProcess(['-e', HELLO], {}),
    ]);
    const masterPorts = cluster.nodes.map((n) => n.port);

    const now = Date.now();
    const catalog = generateCatalog({ size: products, seed: 1, currency: 'USD', now });
    await post(
      `${ingest.url}/v1/catalog/products`,
      catalog.map((p) => ({ id: p.id, handle: p.handle, title: p.title, description: p.description, vendor: p.vendor, productType: p.productType, category: p.category, tags: p.tags, images: p.images, createdAt: p.createdAt, variants: p.variants.map((v) => ({ id: v.id, title: v.title, sku: v.sku, price: (v.price.amount / 100).toFixed(2), available: v.available, options: v.options })), published: p.published })),
    );
    // The catalog is in: what seeding adds is the shoppers' keys (profiles, histories) and the log.
    const memBefore = await usedMemory(masterPorts);
    const t0 = performance.now();
    let events = 0;
    const chunk = 5000;
    for (let s = 0; s < users; s += chunk) {
      const evs = simulateSessions(catalog, { sessions: Math.min(chunk, users - s), seed: 1000 + s, now: now - 3_600_000, prefix: 'u' });
      events += evs.length;
      const batches = [];
      for (let i = 0; i < evs.length; i += 500) batches.push(evs.slice(i, i + 500));
      for (let i = 0; i < batches.length; i += 4) await Promise.all(batches.slice(i, i + 4).map((b) => post(`${ingest.url}/v1/events`, { events: b })));
    }
    for (let i = 0; ; i++) {
      const ready = (await (await fetch(`${recA.url}/health/ready`)).json()) as { checks: { projector: { lag: number } } };
      if (ready.checks.projector.lag === 0) break;
      if (i > 3000) throw new Error('projection did not catch up within 10 minutes');
      await new Promise((r) => setTimeout(r, 200));
    }
    const memAfter = await usedMemory(masterPorts);
    const seedSecs = (performance.now() - t0) / 1000;
    const bytesPerShopper = (memAfter - memBefore) / users;
    process.stderr.write(`seeded ${products} products, ${users} shoppers, ${events} events in ${seedSecs.toFixed(1)} s through the ingest node and the project node\n`);
    process.stderr.write(`Redis memory: ${Math.round(bytesPerShopper)} bytes per shopper (${((bytesPerShopper * 1e6) / 2 ** 30).toFixed(2)} GiB per million shoppers, ~${(events / users).toFixed(1)} events each)\n`);

    // Catalog pick-up on the recommend nodes (they poll catalog versions every 2 s).
    await new Promise((r) => setTimeout(r, 3000));
    const redisPids = await Promise.all(masterPorts.map(async (p) => Number(/process_id:(\d+)/.exec(await redisCommand(p, ['INFO', 'server']))?.[1] ?? -1)));
    const pids: Record<string, number> = {
      ingest: ingest.child.pid ?? -1,
      project: project.child.pid ?? -1,
      recommendA: recA.child.pid ?? -1,
      recommendB: recB.child.pid ?? -1,
      ...Object.fromEntries(redisPids.map((pid, i) => [`redis${i + 1}`, pid])),
    };
    const rnd = prng(99);
    const userIds = Array.from({ length: users }, (_, i) => `u-${1000 + Math.floor(i / chunk) * chunk}-${i % chunk}`);
    const recBody = (): string => {
      const userId = userIds[Math.floor(rnd() * userIds.length)];
      const p = rnd() < 0.5 ? catalog[Math.floor(rnd() * catalog.length)] : undefined;
      return JSON.stringify({ userId, ...(p ? { productId: p.id } : {}), limit: 10 });
    };
    const recsOn = (url: string, conns: number): autocannon.Options => ({
      url,
      connections: conns,
      duration,
      requests: [{ method: 'POST', path: '/v1/recommendations', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: recBody() }) }],
    });
    let n = 0;
    const viewed = (prefix: string) => {
      const i = n++;
      const p = catalog[Math.floor(rnd() * catalog.length)];
      return productViewed(`${prefix}-${i}`, userIds[i % userIds.length] as string, Date.now(), p as never);
    };
    const eventsOn = (per: number): autocannon.Options => ({
      url: ingest.url,
      connections,
      duration,
      requests: [
        { method: 'POST', path: '/v1/events', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: JSON.stringify(per === 1 ? viewed('b1') : { events: Array.from({ length: per }, () => viewed('b20')) }) }) },
      ],
    });
    const results: Result[] = [];
    results.push(await load('floor: hello-world Node server', [{ url: hello.url, connections, duration }], { hello: hello.child.pid ?? -1 }));
    results.push(await load('POST /v1/recommendations, 1 recommend node', [recsOn(recA.url, connections)], pids));
    results.push(await load('POST /v1/recommendations, 2 recommend nodes', [recsOn(recA.url, Math.ceil(connections / 2)), recsOn(recB.url, Math.ceil(connections / 2))], pids));
    results.push(await load('POST /v1/events through 1 ingest node (1 event per request)', [eventsOn(1)], pids));
    results.push(await load('POST /v1/events through 1 ingest node (batches of 20)', [eventsOn(20)], pids, 20));

    const table = [
      '| scenario | req/s | events/s | p50 ms | p99 ms | non-2xx | CPU % of a core |',
      '|---|---:|---:|---:|---:|---:|---|',
      ...results.map((r) => `| ${r.name} | ${r.rps} | ${r.itemsPerSec ?? ''} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${Object.entries(r.cpu ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')} |`),
    ].join('\n');
    process.stdout.write(`${table}\n\nRedis memory per shopper: ${Math.round(bytesPerShopper)} bytes (${users} shoppers, ${events} events).\n`);
    if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ results, bytesPerShopper, users, events, products }, null, 2));
  } finally {
    // Every node started, also those started before another failed to (Promise.all above).
    await stopChildren();
    unregister();
    await cluster.stop();
  }
}

await main(benchArgs(SPEC));
