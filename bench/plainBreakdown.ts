/**
 * Where the CPU of a plain storefront request goes (issue 14's plain path): the server's CPU per
 * request, measured over real HTTP on 127.0.0.1, for the same requests with parts of the work taken
 * away one at a time, next to two floors measured in the same run:
 *
 * - `node:http`, and Fastify with no hooks, answering the same JSON body with an answer of the size of
 *   Affinity's (about 8.4 KB: ten items with their facts and reasons): what parsing, routing and
 *   writing such an answer costs before any of Affinity's work;
 * - Affinity's `GET /` (its hooks, no recommendation);
 * - `POST /v1/recommendations` with a fixed list (the recommender answers one list computed before)
 *   and no served-list recording: the route, the hooks, the answer's presentation;
 * - the same with the real recommender (profile read, neighbours, ranking), still no recording;
 * - the whole request, as served;
 * - the recommender alone, called as the route calls it with the same kind of requests, 50 at a time,
 *   in this process (no HTTP): what the ranking costs outside the server;
 * - the presentation alone: the JSON of 3,000 of the recommender's real lists, as the route writes their
 *   items, and its length in bytes (no HTTP);
 * - `POST /v1/recommendations` answering those 3,000 real lists in turn (a varied list, no recommender),
 *   then the same with a busy-wait of the recommender alone's CPU time in place of the recommender: if
 *   the HTTP path only added its own work, that row would cost what the real request costs.
 *
 * It is a diagnostic, not a scenario a deployment runs: the server runs in this process (one process,
 * SQLite, the storefront scenario's catalog and shoppers: bench/storefront.ts), and the variants are
 * made by replacing parts of the app's context (`ctx.recommender.recommend`, `ctx.attribution`). The
 * load generator (autocannon, 50 connections, a plain body per request: one of the 2,000 shoppers, a
 * numeric product id half of the time) runs in a child process, so that this process's CPU
 * (`process.cpuUsage`) is the server's alone.
 *
 *   node --import tsx bench/plainBreakdown.ts [--duration 4] [--rounds 2] [--products 10000] [--users 2000]
 */
import Fastify from 'fastify';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { createAffinity } from '../src/main.ts';
import type { RecommendedItem, RecommendRequest } from '../src/core/recommend/baseRecommender.ts';
import { presentListInto } from '../src/http/recommendationView.ts';
import { benchArgs } from './args.ts';
import { seedStorefront, STOREFRONT_APP_SECRET } from './storefront.ts';

const cli = benchArgs({
  run: 'node --import tsx bench/plainBreakdown.ts',
  summary: `Where the CPU of a plain storefront request goes: the server's CPU per request over real HTTP for the
same plain requests with parts of the work taken away (a fixed list, no served-list recording), next to
node:http and Fastify answering an answer of the same size, and Affinity's GET /. A diagnostic: the server
runs in this process and the variants replace parts of its context; the load generator is a child process.`,
  options: [
    { name: 'duration', value: 'S', number: true, default: '4', help: 'Seconds per measurement (after a 2 s warm-up on the same connections)' },
    { name: 'rounds', value: 'N', number: true, default: '2', help: 'Times the list of measurements is run (each printed)' },
    { name: 'products', value: 'N', number: true, default: '10000', help: 'Catalog size, a Shopify CSV export imported' },
    { name: 'users', value: 'N', number: true, default: '2000', help: 'Shoppers whose pixel history is seeded' },
  ],
  writes: 'nothing (a temporary directory with the SQLite file and the load generator\'s request data, removed).',
});

/**
 * The load generator, run by `node --input-type=module -e`: autocannon against `url` + `path` for
 * `seconds` (after a 2 s warm-up on the same connections), a plain body per request for POST; prints
 * `{requests, p99}` of the measured part as JSON.
 */
const LOAD = `
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
const [url, path, dataFile, seconds] = process.argv.slice(1);
const d = JSON.parse(readFileSync(dataFile, 'utf8'));
let s = 7;
const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const body = () => JSON.stringify({ userId: pick(d.users), ...(rnd() < 0.5 ? { productId: pick(d.products) } : {}), limit: 10 });
const post = path !== '/';
const opts = { url: url + path, connections: 50, requests: [{ method: post ? 'POST' : 'GET', headers: { 'content-type': 'application/json' }, setupRequest: (r) => (post ? { ...r, body: body() } : r) }] };
await autocannon({ ...opts, duration: 2 });
const r = await autocannon({ ...opts, duration: Number(seconds) });
process.stdout.write(JSON.stringify({ requests: r.requests.total, p99: r.latency.p99, non2xx: r.non2xx }));
`;

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const dir = mkdtempSync(join(tmpdir(), 'affinity-plain-breakdown-'));
const dataFile = join(dir, 'requests.json');
const duration = Number(cli.get('duration'));

/** Runs the load generator against one server; this process's CPU per request meanwhile (µs), and the p99. */
async function measure(url: string, path: string): Promise<{ cpuUs: number; p99: number; perSecond: number }> {
  const before = cpuMs();
  const t0 = performance.now();
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', LOAD, url, path, dataFile, String(duration)], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (text += c));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`load generator exited ${code}`))));
  });
  const cpu = cpuMs() - before;
  const wall = (performance.now() - t0) / 1000;
  const r = JSON.parse(out) as { requests: number; p99: number; non2xx: number };
  if (r.non2xx > 0) throw new Error(`${path}: ${r.non2xx} answers were not 2xx`);
  // The CPU of the warm-up is counted too, over the requests of both parts (at the same rate).
  const all = r.requests * ((duration + 2) / duration);
  return { cpuUs: (1000 * cpu) / all, p99: r.p99, perSecond: all / wall };
}

const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', AFFINITY_LOG_LEVEL: 'warn', AFFINITY_STORE: 'sqlite', AFFINITY_DB: join(dir, 'b.db'), SHOPIFY_API_SECRET: STOREFRONT_APP_SECRET });
const a = await createAffinity(config);
const url = await a.listen();
let plain: Server | undefined;
const bare = Fastify({ logger: false });
try {
  const data = await seedStorefront(url, { products: Number(cli.get('products')), users: Number(cli.get('users')), serverCpuMs: cpuMs });
  writeFileSync(dataFile, JSON.stringify({ users: data.userIds, products: data.catalog.map((p) => p.id) }));
  const ctx = a.ctx as { recommender: { recommend: (r: RecommendRequest, now: number) => Promise<RecommendedItem[]> }; attribution?: unknown };
  const recommend = ctx.recommender.recommend.bind(ctx.recommender);
  const attribution = ctx.attribution;
  // One real answer, for the size of the floors' answers and the fixed list.
  const sample = await fetch(`${url}/v1/recommendations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: data.userIds[0], limit: 10 }) });
  const answer = await sample.text();
  const fixed = await recommend({ shop: config.defaultShop, userId: data.userIds[0] as string, limit: 10 }, Date.now());
  plain = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (c: string) => (body += c));
    req.on('end', () => {
      JSON.parse(body || '{}');
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => (plain as Server).listen(0, '127.0.0.1', resolve));
  const plainUrl = `http://127.0.0.1:${(plain.address() as { port: number }).port}`;
  bare.post('/v1/recommendations', async (_req, reply) => reply.type('application/json; charset=utf-8').send(answer));
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

  /** The recommender as the route calls it, with the load generator's kind of requests, 50 at a time, in this process. */
  const direct = async (): Promise<{ cpuUs: number; p99: number; perSecond: number }> => {
    let seed = 11;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const request = (): RecommendRequest => {
      const p = rnd() < 0.5 ? a.ctx.catalogs.canonical(config.defaultShop, pick(data.catalog).id) : undefined;
      return { shop: config.defaultShop, userId: pick(data.userIds), ...(p !== undefined ? { productId: p } : {}), limit: 10 };
    };
    const calls = async (n: number): Promise<void> => {
      let left = n;
      await Promise.all(Array.from({ length: 50 }, async () => {
        while (left-- > 0) await recommend(request(), Date.now());
      }));
    };
    const n = Math.max(1000, duration * 1000);
    await calls(n);
    const before = cpuMs();
    const t0 = performance.now();
    await calls(n);
    return { cpuUs: (1000 * (cpuMs() - before)) / n, p99: Number.NaN, perSecond: n / ((performance.now() - t0) / 1000) };
  };

  /** The plain route measured with `standIn` as the recommender (the real one: `recommend`) and no served-list recording. */
  const servedBy = async (standIn: (r: RecommendRequest, now: number) => Promise<RecommendedItem[]>): Promise<{ cpuUs: number; p99: number; perSecond: number }> => {
    ctx.recommender.recommend = standIn;
    ctx.attribution = undefined;
    try {
      return await measure(url, '/v1/recommendations');
    } finally {
      ctx.recommender.recommend = recommend;
      ctx.attribution = attribution;
    }
  };

  /** Real lists of the recommender for the load generator's kind of requests. */
  const realLists: RecommendedItem[][] = [];
  {
    let seed = 23;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    for (let i = 0; i < 3000; i++) {
      const p = rnd() < 0.5 ? a.ctx.catalogs.canonical(config.defaultShop, pick(data.catalog).id) : undefined;
      realLists.push(await recommend({ shop: config.defaultShop, userId: pick(data.userIds), ...(p !== undefined ? { productId: p } : {}), limit: 10 }, Date.now()));
    }
  }
  /**
   * The JSON of the real lists' items as `respond` writes them (parts joined once) and its length in
   * bytes as Fastify takes it, timed in a loop (µs per list).
   */
  const presentation = async (): Promise<{ cpuUs: number; p99: number; perSecond: number }> => {
    const { index, identity } = a.ctx.catalogs.get(config.defaultShop);
    const once = (): void => {
      for (const items of realLists) {
        const out = ['{"items":['];
        presentListInto(out, items, index, identity, 'rec_0123456789abcdef');
        out.push(']}');
        Buffer.byteLength(out.join(''));
      }
    };
    once();
    const before = cpuMs();
    const t0 = performance.now();
    const times = 5;
    for (let k = 0; k < times; k++) once();
    const n = times * realLists.length;
    return { cpuUs: (1000 * (cpuMs() - before)) / n, p99: Number.NaN, perSecond: n / ((performance.now() - t0) / 1000) };
  };
  /** The route answering the real lists in turn, with `burnUs` of busy CPU in place of the recommender. */
  const cycled = (burnUs: number): Promise<{ cpuUs: number; p99: number; perSecond: number }> => {
    let k = 0;
    return servedBy(async () => {
      if (burnUs > 0) {
        const t = performance.now();
        while (performance.now() - t < burnUs / 1000);
      }
      return realLists[k++ % realLists.length] as RecommendedItem[];
    });
  };
  let aloneUs = 0;

  process.stdout.write(`answer: ${answer.length} bytes; ${duration} s per row after a 2 s warm-up, 50 connections\n\n`);
  const rows: [string, () => Promise<{ cpuUs: number; p99: number; perSecond: number }>][] = [
    ['node:http, the same answer', () => measure(plainUrl, '/v1/recommendations')],
    ['Fastify, no hooks, the same answer', () => measure(bareUrl, '/v1/recommendations')],
    ['Affinity GET /', () => measure(url, '/')],
    ['Affinity plain, fixed list, no recording', () => servedBy(async () => fixed)],
    ['Affinity plain, no recording', () => servedBy(recommend)],
    ['Affinity plain, as served', () => measure(url, '/v1/recommendations')],
    [
      'the recommender alone, called directly (no HTTP), 50 at a time',
      async () => {
        const r = await direct();
        aloneUs = r.cpuUs;
        return r;
      },
    ],
    ['the presentation alone: the items of a real list as JSON (no HTTP)', () => presentation()],
    ['Affinity plain, real lists in turn (no recommender), no recording', () => cycled(0)],
    ['the same, with a busy-wait of the recommender alone\'s CPU time in its place', () => cycled(aloneUs)],
  ];
  for (let round = 1; round <= Number(cli.get('rounds')); round++) {
    process.stdout.write(`round ${round}\n\n| measurement | server CPU µs per request | req/s | p99 ms |\n|---|---:|---:|---:|\n`);
    for (const [name, run] of rows) {
      const r = await run();
      process.stdout.write(`| ${name} | ${r.cpuUs.toFixed(0)} | ${r.perSecond.toFixed(0)} | ${Number.isNaN(r.p99) ? '' : r.p99} |\n`);
    }
    process.stdout.write('\n');
  }
} finally {
  await bare.close();
  await new Promise<void>((resolve) => (plain ? plain.close(() => resolve()) : resolve()));
  await a.close();
  rmSync(dir, { recursive: true, force: true });
}
