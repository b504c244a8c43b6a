/**
 * CPU profile of the storefront scenario (bench/storefront.ts), in process: the server (one process,
 * SQLite, as `AFFINITY_WORKERS=1` runs it) and autocannon share this process, and `node:inspector`'s
 * profiler records while one scenario runs. Prints the functions with the most self time and writes
 * the `.cpuprofile` (open it in Chrome DevTools or speedscope).
 *
 *   node --import tsx bench/profileStorefront.ts [--scenario plain|mixed|en|es|fresh|proxy|cold|live] [--duration 5]
 *     [--connections 50] [--products 10000] [--users 2000] [--top 30] [--out /tmp/storefront.cpuprofile]
 *   node --import tsx bench/profileStorefront.ts --cpu 2000 [--scenario plain|mixed|en|es|fresh|proxy|cold|live|all|plain,cold] [--warm 200] [--profile] [--heap]
 *   [--log warn]: the server's log level (`AFFINITY_LOG_LEVEL`; `info`, the default of a deployment,
 *   writes an access line per request to stderr: redirect it, `2>/tmp/access.log`, to measure that cost)
 *
 * `--cpu N` profiles nothing: it measures the server's CPU time per request, in process, for each
 * scenario (`all`: the eight of them, mixed and then live last; or a comma-separated list; in `mixed` one request in
 * five is a pixel event): `N` requests through `app.inject` (no sockets, no load generator), 50 at a
 * time, after `--warm` unmeasured ones (200; a few thousand fill the per-shopper and neighbour caches,
 * as a server that has been up a while has them). CPU time rather than throughput, because a shared
 * machine changes throughput far more than it changes the CPU a request costs (±20 % still).
 *
 * The load generator's own functions are in the profile too (autocannon, its HTTP parser); the
 * server's are those under src/ and Fastify.
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { tuneHeapForServing } from '../src/cli/heapTuning.ts';
import { createAffinity } from '../src/main.ts';
import { benchArgs, type BenchSpec } from './args.ts';
import { autocannonRequests, seedStorefront, STOREFRONT_APP_SECRET, storefrontRequests, storefrontScenarios, type StorefrontRequest, type StorefrontScenario } from './storefront.ts';

/** The words `--scenario` takes, and the part of the scenario's name each one names. */
const SCENARIO_WORDS: Readonly<Record<string, string>> = { plain: 'plain POST', mixed: 'mixed', en: 'text EN', es: 'text ES', fresh: 'new messages', proxy: 'theme block', cold: 'cold', live: 'browsing now' };

const SPEC: BenchSpec = {
  run: 'node --import tsx bench/profileStorefront.ts',
  summary: `CPU profile of the storefront scenario (bench/storefront.ts), in process: the server (one process, SQLite)
and autocannon share this process while node:inspector's profiler records one scenario. Prints the functions
with the most self time and writes the .cpuprofile (Chrome DevTools, speedscope).
With --cpu N it profiles nothing (unless --profile): it measures the server's CPU time per request for each
scenario named (all: the eight of them; or a comma-separated list), N requests through app.inject, 50 at a time,
after --warm unmeasured ones.`,
  options: [
    { name: 'scenario', value: 'S', default: 'plain', help: `${Object.keys(SCENARIO_WORDS).join(', ')}; with --cpu also all or a comma-separated list` },
    { name: 'duration', value: 'S', number: true, default: '5', help: 'autocannon seconds of the profiled run, after a 2 s warm-up' },
    { name: 'connections', value: 'N', number: true, default: '50', help: 'autocannon connections' },
    { name: 'products', value: 'N', number: true, default: '10000', help: 'Catalog size, a Shopify CSV export imported' },
    { name: 'users', value: 'N', number: true, default: '2000', help: 'Shoppers whose pixel history is seeded' },
    { name: 'top', value: 'N', number: true, default: '30', help: 'Functions listed in the summary' },
    { name: 'out', value: 'FILE', help: 'Where the profile is written (default $TMPDIR/storefront-<scenario>.cpuprofile)' },
    { name: 'cpu', value: 'N', number: true, default: '0', help: 'Measure server CPU per request over N requests instead of profiling; 0 profiles' },
    { name: 'warm', value: 'N', number: true, default: '200', help: 'With --cpu: unmeasured requests first; a few thousand fill the caches' },
    { name: 'profile', help: 'With --cpu: also record a profile of each scenario ($TMPDIR/storefront-cpu-<scenario>.cpuprofile)' },
    { name: 'heap', help: 'With --cpu: also sample what is allocated, and print the KB per request by function ($TMPDIR/storefront-heap-<scenario>.heapprofile)' },
    { name: 'log', value: 'LEVEL', default: 'warn', help: "The server's AFFINITY_LOG_LEVEL; info writes an access line per request to stderr" },
  ],
  writes: 'the .cpuprofile (see --out; with --cpu, only with --profile); the SQLite file is in a temporary directory, removed.',
};
const cli = benchArgs(SPEC);

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

interface HeapNode {
  readonly callFrame: ProfileNode['callFrame'];
  readonly selfSize: number;
  readonly children: readonly HeapNode[];
}
interface HeapProfile {
  readonly head: HeapNode;
}

/** Bytes allocated per request by each function (name + file:line), most first, from a sampling heap profile of `requests` requests. */
function allocations(p: HeapProfile, requests: number, top: number): string {
  const bytes = new Map<string, number>();
  let total = 0;
  const walk = (n: HeapNode): void => {
    const label = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(src|node_modules)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
    bytes.set(label, (bytes.get(label) ?? 0) + n.selfSize);
    total += n.selfSize;
    for (const c of n.children) walk(c);
  };
  walk(p.head);
  const rows = [...bytes].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [`allocated: ${(total / requests / 1024).toFixed(1)} KB per request`, ...rows.map(([k, v]) => `${(v / requests / 1024).toFixed(1).padStart(7)} KB  ${k}`)].join('\n');
}

/** Self time per function (name + file:line), and total time under each function, as % of samples. */
function summarise(p: Profile, top: number): string {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(src|node_modules)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const s of p.samples) {
    const n = byId.get(s);
    if (!n) continue;
    self.set(label(n), (self.get(label(n)) ?? 0) + 1);
    const seen = new Set<string>();
    for (let at: number | undefined = s; at !== undefined; at = parent.get(at)) {
      const l = label(byId.get(at) as ProfileNode);
      if (!seen.has(l)) total.set(l, (total.get(l) ?? 0) + 1);
      seen.add(l);
    }
  }
  const n = p.samples.length || 1;
  const fmt = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([l, c]) => `${((100 * c) / n).toFixed(1).padStart(5)} %  ${l}`)
      .join('\n');
  const ours = new Map([...total].filter(([l]) => l.includes(' src/')));
  return `self time (${n} samples):\n${fmt(self)}\n\ntotal time, project functions:\n${fmt(ours)}\n`;
}

/** The scenario a `--scenario` word names (plain, mixed, en, es, cold). */
function scenarioNamed(all: readonly StorefrontScenario[], w: string): StorefrontScenario {
  const part = SCENARIO_WORDS[w];
  const s = part ? all.find((x) => x.name.includes(part)) : undefined;
  if (!s) throw new Error(`unknown --scenario ${w} (${Object.keys(SCENARIO_WORDS).join(', ')}, all)`);
  return s;
}

const which = cli.get('scenario') as string;
// A misspelt scenario is refused now, not after the catalog and the shoppers are seeded.
{
  const measuring = Number(cli.get('cpu')) > 0;
  const words = measuring ? which.split(',') : [which];
  const bad = words.find((w) => !(w in SCENARIO_WORDS) && !(measuring && w === 'all'));
  if (bad !== undefined) {
    process.stderr.write(`bench/profileStorefront.ts: unknown --scenario ${bad} (one of ${Object.keys(SCENARIO_WORDS).join(', ')}; with --cpu also all or a comma-separated list); see --help\n`);
    process.exit(2);
  }
}
const duration = Number(cli.get('duration'));
const connections = Number(cli.get('connections'));
const dir = mkdtempSync(join(tmpdir(), 'affinity-prof-'));
const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', AFFINITY_LOG_LEVEL: cli.get('log'), AFFINITY_STORE: 'sqlite', AFFINITY_DB: join(dir, 'p.db'), SHOPIFY_API_SECRET: STOREFRONT_APP_SECRET });
// The collector's settings of `affinity serve` (src/cli/heapTuning.ts), so that this measures what it runs.
tuneHeapForServing();
const a = await createAffinity(config);
const url = await a.listen();
try {
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const data = await seedStorefront(url, { products: Number(cli.get('products')), users: Number(cli.get('users')), serverCpuMs: cpuMs });
  const cpuN = Number(cli.get('cpu'));
  if (cpuN > 0) {
    // Mixed last: the projection of its events would otherwise run during the next scenario's measurement.
    // Live sessions after that: they would change what the others measure.
    const wanted = which === 'all' ? ['plain', 'en', 'es', 'fresh', 'proxy', 'cold', 'mixed', 'live'] : which.split(',');
    for (const w of wanted) {
      const s = scenarioNamed(storefrontScenarios(data), w);
      const requests = storefrontRequests(s);
      const one = async (k: number): Promise<void> => {
        const r = requests[k % requests.length] as StorefrontRequest;
        const res = await a.app.inject({ method: r.method, url: r.path(), headers: r.headers, payload: r.body() });
        if (res.statusCode < 200 || res.statusCode > 299) throw new Error(`${s.name}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      };
      // Each of the 50 concurrent callers cycles through the scenario's requests, as a connection does.
      const run = async (n: number): Promise<void> => {
        let left = n;
        await Promise.all(Array.from({ length: Math.min(50, n) }, async () => {
          for (let k = 0; left-- > 0; k++) await one(k);
        }));
      };
      await s.before?.(url, cpuMs);
      await run(Number(cli.get('warm')));
      const session = cli.has('profile') ? new Session() : undefined;
      if (session) {
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 100 });
        await session.post('Profiler.start');
      }
      const heap = cli.has('heap') ? new Session() : undefined;
      if (heap) {
        heap.connect();
        await heap.post('HeapProfiler.enable');
        // Every ~1 KB allocated is sampled, also what a scavenge or a mark-sweep collected since: all that a request allocates.
        await heap.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
      }
      const c0 = cpuMs();
      const t0 = performance.now();
      await run(cpuN);
      const cpu = cpuMs() - c0;
      const wall = performance.now() - t0;
      process.stdout.write(`${s.name}: ${((1000 * cpu) / cpuN).toFixed(0)} µs CPU per request (${cpuN} requests, ${(wall / 1000).toFixed(1)} s wall, CPU ${((100 * cpu) / wall).toFixed(0)} % of a core)\n`);
      if (heap) {
        const { profile } = (await heap.post('HeapProfiler.stopSampling')) as unknown as { profile: HeapProfile };
        heap.disconnect();
        const out = join(tmpdir(), `storefront-heap-${w}.heapprofile`);
        writeFileSync(out, JSON.stringify(profile));
        process.stdout.write(`${out}\n${allocations(profile, cpuN, Number(cli.get('top')))}\n`);
      }
      if (session) {
        const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
        session.disconnect();
        const out = join(tmpdir(), `storefront-cpu-${w}.cpuprofile`);
        writeFileSync(out, JSON.stringify(profile));
        process.stdout.write(`${out}\n${summarise(profile, Number(cli.get('top')))}\n`);
      }
    }
  } else {
    const sc = scenarioNamed(storefrontScenarios(data), which);
    await sc.before?.(url, cpuMs);
    const opts: autocannon.Options = { url, connections, duration, requests: autocannonRequests(sc) as autocannon.Request[] };
    await autocannon({ ...opts, duration: 2 });
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    const r = await autocannon(opts);
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
    session.disconnect();
    const out = cli.get('out') ?? join(tmpdir(), `storefront-${which}.cpuprofile`);
    writeFileSync(out, JSON.stringify(profile));
    process.stdout.write(
      `${sc.name}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx} (in process, with the profiler on)\n${out}\n\n${summarise(profile, Number(cli.get('top')))}`,
    );
  }
} finally {
  await a.close();
  rmSync(dir, { recursive: true, force: true });
}
