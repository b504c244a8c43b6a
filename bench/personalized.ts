/**
 * Latency of a personalized recommendation including intent extraction: `POST /v1/recommendations`
 * with the shopper's message (`text`, English and Spanish) on a 10,000-product catalog with 20,000
 * simulated shoppers, next to plain recommendations and a hello-world server in the same run.
 *
 *   node --import tsx bench/personalized.ts [--duration 10] [--connections 20] [--workers 2]
 */
import type autocannon from 'autocannon';
import { steadyLoad } from './steadyLoad.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCatalog } from '../src/core/catalog/demoCatalog.ts';
import { prng, simulateSessions } from '../src/sim/shopperSim.ts';
import { benchArgs } from './args.ts';
import { stopChildren, track } from './children.ts';

const ROOT = join(import.meta.dirname, '..');
const TEXTS = [
  'I need a gift for my mother under 50 dollars, nothing in leather',
  'show me some hiking boots',
  'which is better for running, cushioned or lightweight shoes?',
  'how do I choose a good chef knife?',
  'busco un regalo para mi novia, menos de 40 dólares',
  'quiero comprar unos auriculares inalámbricos hoy',
  '¿qué diferencia hay entre estos dos sérums?',
  'just browsing for something for the kitchen',
];

function start(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = track(spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
    let out = '';
    const on = (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] as string });
    };
    child.stdout?.on('data', on);
    child.stderr?.on('data', on);
    child.on('exit', (c) => reject(new Error(`exited ${c}: ${out.slice(-1000)}`)));
  });
}

async function post(url: string, body: unknown): Promise<void> {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`${url} -> ${r.status} ${await r.text()}`);
  await r.arrayBuffer();
}

async function measure(name: string, opts: autocannon.Options) {
  const r = await steadyLoad(opts);
  const row = { name, rps: Math.round(r.rps), p50: r.p50, p90: r.p90, p99: r.p99, non2xx: r.non2xx, errors: r.errors };
  process.stderr.write(`${JSON.stringify(row)}\n`);
  return row;
}

const args = benchArgs({
  run: 'node --import tsx bench/personalized.ts',
  summary: `Latency of a personalized recommendation including intent extraction: POST /v1/recommendations with the
shopper's message (English and Spanish) on a 10,000-product catalog with 20,000 simulated shoppers, next to
plain recommendations, POST /v1/intent and a hello-world server in the same run (servers in child processes).
Prints a Markdown table (each row also as JSON on stderr).`,
  options: [
    { name: 'duration', value: 'S', number: true, default: '10', help: 'autocannon seconds per scenario, after a 2 s warm-up on the same connections' },
    { name: 'connections', value: 'N', number: true, default: '20', help: 'autocannon connections' },
    { name: 'workers', value: 'N', number: true, default: '2', help: 'AFFINITY_WORKERS of the measured server' },
  ],
  writes: 'nothing (the server\'s SQLite file is in a temporary directory, removed).',
});
const duration = Number(args.get('duration'));
const connections = Number(args.get('connections'));
const hello = await start(['-e', `const s=require('node:http').createServer((q,r)=>{r.writeHead(200,{'content-type':'application/json'});r.end('{"hello":"world"}')});s.listen(0,'127.0.0.1',()=>console.log('listening on http://127.0.0.1:'+s.address().port))`], {});
const rows = [await measure('hello-world (node:http)', { url: hello.url, connections, duration })];
hello.child.kill();
const dir = mkdtempSync(join(tmpdir(), 'affinity-pbench-'));
const { url } = await start([join(ROOT, 'bin/affinity.mjs'), 'serve'], { PORT: '0', AFFINITY_LOG_LEVEL: 'warn', AFFINITY_DB: join(dir, 'b.db'), AFFINITY_WORKERS: args.get('workers') as string });
try {
  const now = Date.now();
  const catalog = generateCatalog({ size: 10_000, seed: 1, now });
  await post(`${url}/v1/catalog/products`, catalog.map((p) => ({ ...p, variants: p.variants.map((v) => ({ ...v, price: (v.price.amount / 100).toFixed(2) })) })));
  await new Promise((r) => setTimeout(r, 3000));
  const evs = simulateSessions(catalog, { sessions: 20_000, seed: 5, now: now - 3_600_000, prefix: 'u' });
  for (let i = 0; i < evs.length; i += 500) await post(`${url}/v1/events`, { events: evs.slice(i, i + 500) });
  for (;;) {
    const ready = (await (await fetch(`${url}/health/ready`)).json()) as { checks: { projector: { lag: number } } };
    if (ready.checks.projector.lag === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const rnd = prng(7);
  const user = () => `u-5-${Math.floor(rnd() * 20_000)}`;
  const req = (body: () => unknown): autocannon.Options => ({
    url,
    connections,
    duration,
    requests: [{ method: 'POST', path: '/v1/recommendations', headers: { 'content-type': 'application/json' }, setupRequest: (r) => ({ ...r, body: JSON.stringify(body()) }) }],
  });
  rows.push(await measure('plain: {userId, limit 10}', req(() => ({ userId: user(), limit: 10 }))));
  rows.push(await measure('personalized: {userId, text, limit 10}', req(() => ({ userId: user(), text: TEXTS[Math.floor(rnd() * TEXTS.length)], limit: 10 }))));
  rows.push(await measure('personalized, new shopper: {text, limit 10}', req(() => ({ text: TEXTS[Math.floor(rnd() * TEXTS.length)], limit: 10 }))));
  rows.push(await measure('intent only: POST /v1/intent', { ...req(() => ({ text: TEXTS[Math.floor(rnd() * TEXTS.length)] })), requests: [{ method: 'POST', path: '/v1/intent', headers: { 'content-type': 'application/json' }, setupRequest: (r) => ({ ...r, body: JSON.stringify({ text: TEXTS[Math.floor(rnd() * TEXTS.length)] }) }) }] }));
} finally {
  await stopChildren();
  rmSync(dir, { recursive: true, force: true });
}
const base = rows[0]?.rps ?? 1;
process.stdout.write(
  ['| scenario | req/s | p50 ms | p90 ms | p99 ms | non-2xx | vs hello-world |', '|---|---:|---:|---:|---:|---:|---:|', ...rows.map((r) => `| ${r.name} | ${r.rps} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.non2xx} | ${(r.rps / base).toFixed(3)} |`)].join('\n') +
    `\n\n(${connections} connections, ${duration} s per scenario after a 2 s warm-up on the same connections)\n`,
);
