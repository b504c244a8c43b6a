/**
 * `affinity demo`: a fresh embedded store, a generated catalog, simulated background traffic, then
 * four shoppers with clearly different tastes replayed as real pixel events over HTTP; prints each
 * one's recommendations with reasons and how different the lists are, and leaves the API running.
 */
import { rmSync } from 'node:fs';
import { loadConfig } from '../config.ts';
import { generateCatalog } from '../core/catalog/demoCatalog.ts';
import type { Product } from '../core/catalog/product.ts';
import { createAffinity } from '../main.ts';
import { addedToCart, checkoutCompleted, productViewed } from '../sim/pixelPayloads.ts';
import { departments, simulateSessions } from '../sim/shopperSim.ts';
import { listenOrExplain } from './listenProblem.ts';

const SHOPPERS = ['ana', 'ben', 'chloe', 'dev'] as const;

function jaccardDistance(a: readonly string[], b: readonly string[]): number {
  const A = new Set(a);
  const B = new Set(b);
  const inter = [...A].filter((x) => B.has(x)).length;
  const union = new Set([...A, ...B]).size;
  return union === 0 ? 0 : 1 - inter / union;
}

export async function runDemo(args: string[]): Promise<number> {
  const exit = args.includes('--exit');
  const env = { ...process.env, AFFINITY_STORE: 'sqlite', AFFINITY_DB: process.env.AFFINITY_DB ?? 'data/demo.db', AFFINITY_LOG_LEVEL: process.env.AFFINITY_LOG_LEVEL ?? 'warn' };
  const config = loadConfig(env);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${config.sqlitePath}${suffix}`, { force: true });
  const out = (s = '') => process.stdout.write(`${s}\n`);

  const now = Date.now();
  const affinity = await createAffinity(config);
  const catalog = generateCatalog({ size: 2000, seed: 42, currency: 'USD', now });
  await affinity.ctx.catalogs.upsert(config.defaultShop, catalog);
  const base = await listenOrExplain(() => affinity.listen(), () => affinity.close(), config.host, config.port);
  out(`Affinity demo: ${catalog.length} generated products, embedded store at ${config.sqlitePath}`);

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await res.json()) as any;
    if (!res.ok) throw new Error(`${path} -> ${res.status} ${JSON.stringify(json)}`);
    return json;
  };

  // Background traffic: other shoppers whose sessions teach co-occurrence and popularity.
  const background = simulateSessions(catalog, { sessions: 3000, seed: 7, now: now - 3_600_000 });
  for (let i = 0; i < background.length; i += 500) await post('/v1/events', { events: background.slice(i, i + 500) });
  out(`Replayed ${background.length} background pixel events from 3000 simulated sessions.`);

  // Four shoppers, each browsing a different department in their own session.
  const depts = departments(catalog).slice(0, SHOPPERS.length);
  let t = now - 20 * 60_000;
  for (const [i, name] of SHOPPERS.entries()) {
    const [dept, pool] = depts[i % depts.length] as [string, Product[]];
    const picks = pool.slice(7 * i, 7 * i + 5);
    const events: unknown[] = [];
    picks.forEach((p, j) => events.push(productViewed(`${name}-v${j}`, name, (t += 40_000), p)));
    if (picks[1]) events.push(addedToCart(`${name}-c1`, name, (t += 10_000), picks[1]));
    if (picks[3] && i % 2 === 0) events.push(checkoutCompleted(`${name}-o1`, name, (t += 60_000), [picks[3]], `100${i}`));
    await post('/v1/events', { events });
    out(`\n${name} browsed ${dept}: ${picks.map((p) => p.title).join(' · ')}`);
  }
  await affinity.ctx.projector.flush();

  const lists: string[][] = [];
  for (const name of SHOPPERS) {
    // "Discover more": what they have not looked at yet (excludeSeen), to show what Affinity adds.
    const r = await post('/v1/recommendations', { userId: name, limit: 10, excludeSeen: true });
    lists.push(r.items.map((x: { productId: string }) => x.productId));
    out(`\nTop new picks for ${name} (${r.tookMs} ms):`);
    for (const item of r.items.slice(0, 5)) {
      const why = item.reasons
        .slice(0, 2)
        .map((x: any) => `${x.source}${x.seedTitle ? ` ← ${x.seedTitle}` : x.feature ? ` (${x.feature})` : ''}`)
        .join('; ');
      out(`  ${item.title.padEnd(46)} ${String(item.price?.formatted ?? '').padStart(12)}  ${why}`);
    }
  }
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < lists.length; i++)
    for (let j = i + 1; j < lists.length; j++) {
      sum += jaccardDistance(lists[i] as string[], lists[j] as string[]);
      pairs++;
    }
  out(`\nVariation between the four shoppers' top-10 lists (mean pairwise 1 − Jaccard): ${(sum / pairs).toFixed(3)}`);
  // With --exit nothing listens once this returns: no address to try (a newcomer tried them).
  if (exit) {
    await affinity.close();
    out('\n(--exit: the API was stopped. Without --exit it keeps running, and this prints where to call it.)');
    return 0;
  }
  out(`\nAPI:        ${base}/`);
  out(`Recommend:  curl -s -XPOST ${base}/v1/recommendations -H 'content-type: application/json' -d '{"userId":"ana","limit":5}'`);
  out(`Profile:    ${base}/v1/users/ana/profile`);
  out(`Health:     ${base}/health/ready`);
  out(`Metrics:    ${base}/metrics`);
  out(`OpenAPI:    ${base}/openapi.json`);
  out('\nThe API keeps running; press Ctrl+C to stop.');
  const stop = () => void affinity.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return -1;
}
