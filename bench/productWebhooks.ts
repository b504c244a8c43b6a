/**
 * `node --import tsx bench/productWebhooks.ts`: a merchant's bulk edit arriving as Shopify product
 * webhooks, on a shop whose catalog came from a CSV export.
 *
 * In one process, over real HTTP on 127.0.0.1: Affinity on a fresh SQLite file (one process, as
 * `AFFINITY_WORKERS=1` runs it), a generated catalog (default 10,000 products) exported as a Shopify
 * product CSV and imported through `POST /v1/catalog/products` (keyed by handle, as a CSV is), then,
 * once the server has warmed the catalog, `--deliveries` signed `products/update` deliveries (a price
 * change each, the REST payload naming the product by its numeric id and handle), `--concurrency` at a
 * time, as Shopify sends a bulk edit. Meanwhile one client asks for plain recommendations back to back.
 *
 * Prints: deliveries per second and their p50/p99 answer time; the recommendations' p50/p99 during
 * the burst; the process's CPU during the burst and until it is idle again; and how long after the last
 * delivery was answered the catalog shows every new price (read back, product by product, through
 * `GET /v1/catalog/products/:id`).
 *
 * Options: --products N (10000), --deliveries N (300), --concurrency N (4).
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { generateCatalog } from '../src/core/catalog/demoCatalog.ts';
import type { Product } from '../src/core/catalog/product.ts';
import { createAffinity } from '../src/main.ts';
import { toShopifyCsv } from './faults/catalogCsv.ts';
import { benchArgs } from './args.ts';
import { waitIdle } from './storefront.ts';

const args = benchArgs({
  run: 'node --import tsx bench/productWebhooks.ts',
  summary: `A merchant's bulk edit arriving as signed Shopify products/update webhooks, on a shop whose catalog came
from a CSV export (Affinity in this process on a fresh SQLite file), while one client asks for recommendations.
Prints a Markdown row: deliveries per second, their p50/p99, the recommendations' p50/p99 during the burst, CPU,
and how long until the catalog shows every new price.`,
  options: [
    { name: 'products', value: 'N', number: true, default: '10000', help: 'Catalog size, generated and imported as a Shopify CSV' },
    { name: 'deliveries', value: 'N', number: true, default: '300', help: 'products/update deliveries, a price change each' },
    { name: 'concurrency', value: 'N', number: true, default: '4', help: 'Deliveries in flight at a time' },
  ],
  writes: 'nothing (the SQLite file is in a temporary directory, removed).',
});

const SHOP = 'bulk-edit.myshopify.com';
const SECRET = 'bench-webhook-secret';
const products = Number(args.get('products'));
const deliveries = Number(args.get('deliveries'));
const concurrency = Number(args.get('concurrency'));

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

/** The `products/update` body Shopify sends for `p` with its first variant at `price` (major units). */
function restPayload(p: Product, price: string, updatedAt: string): Record<string, unknown> {
  const names = Object.keys(p.options);
  return {
    id: Number(p.id),
    title: p.title,
    body_html: `<p>${p.description}</p>`,
    vendor: p.vendor,
    product_type: p.productType,
    handle: p.handle,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: updatedAt,
    published_at: '2026-01-01T00:00:00Z',
    status: 'active',
    tags: p.tags.join(', '),
    options: names.map((name, i) => ({ name, position: i + 1, values: p.options[name] })),
    variants: p.variants.map((v, i) => ({
      id: 900_000_000 + Number(p.id.slice(-6)) * 10 + i,
      product_id: Number(p.id),
      title: v.title,
      price: i === 0 ? price : (v.price.amount / 100).toFixed(2),
      sku: v.sku ?? '',
      ...Object.fromEntries(names.map((n, k) => [`option${k + 1}`, v.options[n] ?? null])),
      inventory_management: 'shopify',
      inventory_policy: 'deny',
      inventory_quantity: v.available ? 10 : 0,
    })),
    images: p.images.map((src, i) => ({ id: i + 1, src })),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'affinity-bench-hooks-'));
const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', AFFINITY_LOG_LEVEL: 'warn', AFFINITY_STORE: 'sqlite', AFFINITY_DB: join(dir, 'b.db'), SHOPIFY_API_SECRET: SECRET });
const a = await createAffinity(config);
const url = await a.app.listen({ port: 0, host: '127.0.0.1' });
try {
  const catalog = generateCatalog({ size: products, seed: 3, currency: 'USD', now: Date.now() });
  const imported = (await (await fetch(`${url}/v1/catalog/products`, { method: 'POST', headers: { 'content-type': 'text/csv', 'x-affinity-shop': SHOP }, body: toShopifyCsv(catalog) })).json()) as { imported: number };
  if (imported.imported !== catalog.length) throw new Error(`CSV import: ${imported.imported} of ${catalog.length}`);
  await waitIdle(cpuMs);

  // A price per edited product no catalog product has, so the read-back is unambiguous.
  const edits = Array.from({ length: deliveries }, (_, i) => ({ p: catalog[(i * 7919) % catalog.length] as Product, price: (1000 + i + 0.37).toFixed(2) }));
  const latencies: number[] = [];
  const recLatencies: number[] = [];
  let done = false;
  const recLoop = (async () => {
    let i = 0;
    while (!done) {
      const t = performance.now();
      const r = await fetch(`${url}/v1/recommendations`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-affinity-shop': SHOP }, body: JSON.stringify({ userId: `u-${i++ % 50}`, productId: catalog[i % catalog.length]!.handle, limit: 10 }) });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`recommendations: ${r.status}`);
      recLatencies.push(performance.now() - t);
    }
  })();
  const cpu0 = cpuMs();
  const t0 = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < edits.length) {
      const k = next++;
      const { p, price } = edits[k]!;
      const body = JSON.stringify(restPayload(p, price, new Date(Date.parse('2026-06-01T00:00:00Z') + k * 1000).toISOString()));
      const t = performance.now();
      const r = await fetch(`${url}/webhooks/shopify`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-shopify-topic': 'products/update',
          'x-shopify-shop-domain': SHOP,
          'x-shopify-webhook-id': `bench-${k}`,
          'x-shopify-triggered-at': new Date().toISOString(),
          'x-shopify-hmac-sha256': createHmac('sha256', SECRET).update(body).digest('base64'),
        },
        body,
      });
      const out = (await r.json()) as { outcome?: string };
      if (r.status !== 200 || out.outcome !== 'written') throw new Error(`delivery ${k}: ${r.status} ${JSON.stringify(out)}`);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const burstMs = performance.now() - t0;
  const burstCpu = cpuMs() - cpu0;
  done = true;
  await recLoop;

  // Until the catalog shows every new price (the API reads the index this process serves from).
  const tAnswered = performance.now();
  const pending = new Map(edits.map((e) => [e.p.handle, Math.round(Number(e.price) * 100)]));
  while (pending.size > 0) {
    for (const [handle, amount] of [...pending]) {
      const r = await fetch(`${url}/v1/catalog/products/${handle}`, { headers: { 'x-affinity-shop': SHOP } });
      const p = (await r.json()) as { variants?: { price: { amount: number } }[] };
      if (p.variants?.[0]?.price.amount === amount) pending.delete(handle);
      else break;
    }
    if (pending.size === 0) break;
    if (performance.now() - tAnswered > 120_000) throw new Error(`after 120 s the catalog shows ${deliveries - pending.size} of ${deliveries} new prices`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const visibleMs = performance.now() - tAnswered;
  await waitIdle(cpuMs);
  const totalCpu = cpuMs() - cpu0;

  console.log(`| catalog | deliveries (concurrency) | deliveries/s | delivery p50 / p99 ms | recommendations during the burst p50 / p99 ms (n) | CPU during the burst, s | CPU until idle, s | all prices shown, ms after the last answer |`);
  console.log(`|---:|---:|---:|---|---|---:|---:|---:|`);
  console.log(
    `| ${products} | ${deliveries} (${concurrency}) | ${((deliveries * 1000) / burstMs).toFixed(0)} | ${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 99).toFixed(1)} | ${percentile(recLatencies, 50).toFixed(1)} / ${percentile(recLatencies, 99).toFixed(1)} (${recLatencies.length}) | ${(burstCpu / 1000).toFixed(1)} | ${(totalCpu / 1000).toFixed(1)} | ${visibleMs.toFixed(0)} |`,
  );
} finally {
  await a.close();
  rmSync(dir, { recursive: true, force: true });
}
