/**
 * `node --import tsx bench/servedLists.ts [--lists 20000] [--rounds 3]`: the CPU that recording served
 * lists costs the request-serving thread (docs/decisions/0002), per list, through the real components
 * as src/wiring/analytics.ts joins them: `ListAttribution` (`begin` + `served`, with the consent
 * ledger's check and the online `QualityMonitor`), `ServedRecorder` and the SQLite store
 * (`SqliteStore` on a temporary file, WAL, as a deployment opens it).
 *
 * Realistic lists: 10 products of a 10,000-product shop (numeric Shopify ids), 2,000 shoppers (pixel
 * client ids, each with a consent state), product/cart/home surfaces, latency; run twice, without an
 * experiment and with a two-variant experiment on every surface (then `begin` also reads the shopper's
 * identity links, as it does in production).
 *
 * Prints µs of CPU (user + system, `process.cpuUsage`) per list for (a) the request path: `begin` +
 * `served` (what each answer pays before it is sent); (b) the write: the recorder's flush of 400
 * buffered lists at a time (slices of 100, as in production). Each value is the median of `--rounds`
 * rounds of `--lists` lists, after a warm-up round (code, dictionary and shopper numbers warm).
 * `--slice N`: lists per store write (default: the recorder's). `--no-shopper-index`: drops the index of
 * lists by shopper (`rec_lists_u`, what erasure and export look lists up by) from the temporary
 * database, to show what its upkeep costs a write (each list adds an entry at a random place in it, so
 * the cost grows with the table: the rounds run one after another on one database).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../src/adapters/sqlite/sqliteStore.ts';
import type { Surface } from '../src/core/attribution/servedList.ts';
import { CatalogIndex } from '../src/core/catalog/catalogIndex.ts';
import { ExperimentsFile } from '../src/features/analytics/experimentsFile.ts';
import { ListAttribution } from '../src/features/analytics/listAttribution.ts';
import { QualityMonitor } from '../src/features/analytics/qualityMonitor.ts';
import { ServedRecorder } from '../src/features/analytics/servedRecorder.ts';
import { Metrics } from '../src/features/operations/metrics.ts';
import { ConsentLedger } from '../src/features/privacy/consentLedger.ts';
import { product } from '../src/testing/productFixture.ts';
import { mulberry32 } from '../src/core/random.ts';
import { benchArgs } from './args.ts';

const args = benchArgs({
  run: 'node --import tsx bench/servedLists.ts',
  summary: `The CPU that recording served lists costs the request-serving thread (docs/decisions/0002), per list:
the request path (ListAttribution begin + served) and the write (the recorder's flush to SQLite), without and
with a two-variant experiment. Prints a Markdown table of µs CPU per list (median of the rounds).`,
  options: [
    { name: 'lists', value: 'N', number: true, default: '20000', help: 'Lists per round' },
    { name: 'rounds', value: 'N', number: true, default: '3', help: 'Measured rounds (after one warm-up round); the median is printed' },
    { name: 'slice', value: 'N', number: true, help: "Lists per store write (default: the recorder's)" },
    { name: 'no-shopper-index', help: 'Drop the index of lists by shopper (rec_lists_u) from the temporary database, to show its upkeep cost' },
  ],
  writes: 'nothing (a temporary directory with the SQLite file and an experiments file, removed).',
});
const N = Number(args.get('lists'));
const ROUNDS = Math.max(1, Number(args.get('rounds')));
const SHOP = 'northwind-outfitters.myshopify.com';
const PRODUCTS = 10_000;
const SHOPPERS = 2_000;
const ITEMS = 10;
/** Lists served between two flushes (the recorder writes at 500 by itself). */
const PER_FLUSH = 400;

/** Deterministic (mulberry32), so runs compare. */
const r = mulberry32(7);
const PRODUCT_IDS = Array.from({ length: PRODUCTS }, (_, i) => String(8_012_345_600_000 + i * 37));
const CATEGORIES = ['Apparel > Tops', 'Apparel > Dresses', 'Footwear > Boots', 'Outdoor > Tents', 'Jewelry > Necklaces', 'Home > Kitchen'];
const VENDORS = ['Alpina', 'Campco', 'Mira', 'Aurum', 'Northwind', 'Hearth'];
const index = CatalogIndex.build(
  PRODUCT_IDS.map((id, i) => product({ id, title: `Product ${i}`, vendor: VENDORS[i % VENDORS.length] as string, category: CATEGORIES[(i * 7) % CATEGORIES.length] as string, price: 10 + (i % 90) })),
);
const hex = (n: number) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
const SHOPPER_IDS = Array.from({ length: SHOPPERS }, () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`);
const SURFACES: readonly Surface[] = ['product', 'cart', 'home'];

interface Request {
  readonly userId: string;
  readonly surface: Surface;
  readonly items: readonly string[];
  readonly tookMs: number;
}
const requests: Request[] = Array.from({ length: N }, (_, i) => {
  const start = Math.floor(r() * (PRODUCTS - ITEMS));
  return {
    userId: SHOPPER_IDS[Math.floor(r() * SHOPPERS)] as string,
    surface: SURFACES[i % SURFACES.length] as Surface,
    items: Array.from({ length: ITEMS }, (_, k) => PRODUCT_IDS[(start + k * 13 + Math.floor(r() * 40)) % PRODUCTS] as string),
    tookMs: 0.3 + r() * 2,
  };
});

const cpuUs = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function run(withExperiment: boolean): Promise<{ request: number; write: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'affinity-served-'));
  const experimentsPath = join(dir, 'experiments.json');
  writeFileSync(experimentsPath, JSON.stringify({ experiments: withExperiment ? [{ id: 'ranker-2026', variants: [{ name: 'control', weight: 1, strategy: 'popular' }, { name: 'hybrid', weight: 1, strategy: 'hybrid' }] }] : [] }));
  const store = new SqliteStore({ path: join(dir, 'a.db'), profileTtlMs: 90 * 86_400_000 });
  if (args.has('no-shopper-index')) {
    const db = new Database(join(dir, 'a.db'));
    db.exec('DROP INDEX rec_lists_u');
    db.close();
  }
  try {
    const ledger = new ConsentLedger({ ttlMs: 86_400_000 });
    const decision = { persist: true, linkIdentity: true, shareWithThirdParties: true, consolidate: true };
    for (const id of SHOPPER_IDS) ledger.set(SHOP, id, { market: 'us', regime: 'ccpa', decision, at: Date.now() });
    const metrics = new Metrics();
    const quality = new QualityMonitor({ metrics, catalog: () => index });
    const recorder = new ServedRecorder({ store: store.attribution(), flushMs: 3_600_000, ...(args.get('slice') ? { sliceSize: Number(args.get('slice')) } : {}) });
    const attribution = new ListAttribution({
      experiments: new ExperimentsFile(experimentsPath),
      recorder,
      clock: Date.now,
      mayStore: (shop, userId) => ledger.get(shop, userId)?.decision.persist !== false,
      onServed: (l, want) => quality.served(l, want),
      links: (shop, id) => store.linkedIds(shop, id),
    });
    const rounds: { request: number; write: number }[] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      let request = 0;
      let write = 0;
      for (let at = 0; at < N; at += PER_FLUSH) {
        const t0 = cpuUs();
        for (let i = at; i < Math.min(N, at + PER_FLUSH); i++) {
          const q = requests[i] as Request;
          const start = await attribution.begin({ shop: SHOP, surface: q.surface, userId: q.userId });
          attribution.served(start, { shop: SHOP, surface: q.surface, actor: 'human', userId: q.userId, items: q.items, tookMs: q.tookMs });
        }
        const t1 = cpuUs();
        await recorder.flush();
        write += cpuUs() - t1;
        request += t1 - t0;
      }
      // The first round warms the code, the dictionary and the shopper numbers up.
      if (round > 0) rounds.push({ request: request / N, write: write / N });
    }
    await recorder.stop();
    return { request: median(rounds.map((x) => x.request)), write: median(rounds.map((x) => x.write)) };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`${N} lists of ${ITEMS} products (shop of ${PRODUCTS.toLocaleString('en')} products, ${SHOPPERS.toLocaleString('en')} shoppers), median of ${ROUNDS} rounds\n`);
console.log('| experiment | request path (begin + served), µs CPU/list | write (flush), µs CPU/list | total |');
console.log('|---|---:|---:|---:|');
for (const withExperiment of [false, true]) {
  const m = await run(withExperiment);
  console.log(`| ${withExperiment ? 'yes' : 'no'} | ${m.request.toFixed(1)} | ${m.write.toFixed(1)} | ${(m.request + m.write).toFixed(1)} |`);
}
