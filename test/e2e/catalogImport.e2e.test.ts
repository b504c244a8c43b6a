/**
 * A large Shopify product CSV posted to `POST /v1/catalog/products` imports without holding the event
 * loop: `/health/live`, polled every 50 ms meanwhile, keeps answering. (A 56 MB export parsed in one
 * go made it wait 18.7 s.)
 *
 * The file is generated in memory, shaped like a real legacy-dialect export (all 45 columns, 12 variant
 * rows per product, a few KB of description HTML). `AFFINITY_E2E_CSV_MB` changes its size for a
 * measurement by hand (e.g. 56); the figures are printed as test diagnostics.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startAffinity, type Running } from './helpers.ts';

const HEADER = [
  'Handle', 'Title', 'Body (HTML)', 'Vendor', 'Product Category', 'Type', 'Tags', 'Published',
  'Option1 Name', 'Option1 Value', 'Option2 Name', 'Option2 Value', 'Option3 Name', 'Option3 Value',
  'Variant SKU', 'Variant Grams', 'Variant Inventory Tracker', 'Variant Inventory Qty', 'Variant Inventory Policy',
  'Variant Fulfillment Service', 'Variant Price', 'Variant Compare At Price', 'Variant Requires Shipping', 'Variant Taxable',
  'Variant Barcode', 'Image Src', 'Image Position', 'Image Alt Text', 'Gift Card', 'SEO Title', 'SEO Description',
  'Google Shopping / Google Product Category', 'Google Shopping / Gender', 'Google Shopping / Age Group', 'Google Shopping / MPN',
  'Google Shopping / Condition', 'Google Shopping / Custom Product', 'Variant Image', 'Variant Weight Unit', 'Variant Tax Code',
  'Cost per item', 'Included / International', 'Price / International', 'Compare At Price / International', 'Status',
].join(',');
const PARAGRAPH =
  '<p>Our everyday tee is cut from <strong>100% organic cotton</strong> &amp; garment-dyed for a lived-in feel. It keeps its shape wash after wash, and the brushed finish feels soft from the first wear.</p>';
const BODY = `"${PARAGRAPH.repeat(12)}<ul><li>Relaxed fit</li><li>Reinforced shoulder seams</li></ul><p><em>Care:</em> wash cold, hang dry.</p>"`;
const SEO = '"Breathable organic cotton tee with a relaxed fit, reinforced seams and a soft brushed finish. Free shipping and returns."';
const COLORS = ['Black', 'Navy', 'Olive', 'Sand'];
const SIZES = ['S', 'M', 'L'];

/** A legacy-dialect Shopify export of at least `bytes` characters: its text and how many products it has. */
function shopifyExport(bytes: number): { csv: string; products: number } {
  const lines = [HEADER];
  let size = HEADER.length + 1;
  let p = 0;
  for (; size < bytes; p++) {
    const handle = `organic-tee-${p}`;
    const price = 18 + (p % 40);
    let position = 0;
    for (const color of COLORS) {
      for (const sz of SIZES) {
        const first = position++ === 0;
        const image = sz === 'S' ? `https://cdn.shopify.com/s/files/1/0000/0001/products/${handle}-${color.toLowerCase()}.jpg?v=1700000000` : '';
        const product = (cells: string[]): string[] => (first ? cells : cells.map(() => ''));
        const line = [
          handle, ...product([`Organic Tee ${p}`, BODY, `Vendor ${p % 25}`, 'Apparel & Accessories > Clothing > Shirts & Tops', 'T-Shirts', `"tees, organic, line-${p % 30}"`, 'true']),
          first ? 'Color' : '', color, first ? 'Size' : '', sz, '', '',
          `OT-${p}-${color}-${sz}`, '200', 'shopify', String((p + position) % 9), 'deny',
          'manual', `${price}.00`, first ? `${price + 10}.00` : '', 'true', 'true',
          String(700_000_000_000 + p * 16 + position), image, image ? String(COLORS.indexOf(color) + 1) : '', image ? `Organic Tee ${p} in ${color}` : '',
          ...product(['false', `Organic Tee ${p} | Everyday Cotton T-Shirt`, SEO, '212', 'Unisex', 'Adult', `MPN-${p}`, 'New', 'FALSE']),
          image, 'g', '', '7.50', first ? 'true' : '', `${price + 2}.00`, '', first ? 'active' : '',
        ].join(',');
        lines.push(line);
        size += line.length + 1;
      }
    }
  }
  return { csv: `${lines.join('\n')}\n`, products: p };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('large CSV import (end to end)', () => {
  let s: Running;
  before(async () => {
    s = await startAffinity();
  });
  after(async () => {
    await s.stop();
  });

  it('keeps /health/live answering while a large Shopify CSV imports, and imports all of it', async (t) => {
    // 8 MB: parsed in one go this held the event loop for 2-4 s on a busy 2-core machine (nearly the
    // whole import); see the note on the bounds below for what still runs in one piece.
    const mb = Number(process.env.AFFINITY_E2E_CSV_MB ?? 8);
    const { csv, products } = shopifyExport(mb * 1_000_000);

    // Poll every 50 ms until the import answers (bounded: at most 10 minutes of polls).
    let importing = true;
    const answered: number[] = [];
    const poller = (async () => {
      for (let i = 0; importing && i < 12_000; i++) {
        const t0 = performance.now();
        const res = await fetch(`${s.url}/health/live`);
        assert.equal(res.status, 200);
        await res.arrayBuffer();
        answered.push(performance.now());
        await sleep(Math.max(0, 50 - (performance.now() - t0)));
      }
    })();
    await sleep(100);
    const start = performance.now();
    const res = await fetch(`${s.url}/v1/catalog/products`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
    const report = (await res.json()) as { imported?: number; catalogSize?: number; errors?: unknown[] };
    const end = performance.now();
    importing = false;
    await poller;

    assert.equal(res.status, 200, JSON.stringify(report).slice(0, 500));
    assert.equal(report.imported, products);
    assert.equal(report.catalogSize, products);
    assert.deepEqual(report.errors, []);

    // The longest stretch with no health answer, from the POST to its answer.
    const marks = [start, ...answered.filter((a) => a > start && a < end), end];
    let longest = 0;
    for (let i = 1; i < marks.length; i++) longest = Math.max(longest, (marks[i] as number) - (marks[i - 1] as number));
    const importMs = end - start;
    t.diagnostic(`${(csv.length / 1e6).toFixed(1)} MB, ${products} products: import ${importMs.toFixed(0)} ms, ${marks.length - 2} health answers meanwhile, longest wait ${longest.toFixed(0)} ms`);

    // Parsed in one go, the import was one block: the longest wait was nearly the whole import, at any
    // machine speed. Now the parse yields every 64 K characters; what still runs in one piece is storing
    // the parsed products and rebuilding the shop's index (CatalogRegistry.upsert): a fraction of the
    // import. Only that ratio is asserted: a busy machine stretches the import and its longest piece
    // alike, so a bound in milliseconds would test the machine's load, not the import.
    assert.ok(longest < importMs / 2, `longest wait ${longest.toFixed(0)} ms is under half the import (${importMs.toFixed(0)} ms)`);
  });
});
