/**
 * `node --expose-gc --import tsx bench/catalogMemory.ts [--products 10000] [--shops 3]`: the heap a
 * recommend node holds per shop catalog, by part: the products themselves (as the store's rows are
 * parsed), the index (`CatalogIndex.build`, `ProductIdentity.build`), what warming adds (each product's
 * content neighbours, then its match features for conversational requests: `prepareForMatching`).
 * Every shop's catalog stays in memory on a node that answers (features/catalog/catalogRegistry.ts), so
 * this sizes a node's heap. Figures after a full garbage collection, in MB of `heapUsed` plus
 * `arrayBuffers` (typed arrays' contents live outside V8's heap: the index's arrays, the content
 * neighbours, which the index allocates when it is built).
 */
import { generateCatalog } from '../src/core/catalog/demoCatalog.ts';
import { CatalogIndex } from '../src/core/catalog/catalogIndex.ts';
import { ProductIdentity } from '../src/core/catalog/productIdentity.ts';
import { prepareForMatching } from '../src/core/personalize/intentScoring.ts';
import { benchArgs } from './args.ts';

const args = benchArgs({
  run: 'node --expose-gc --import tsx bench/catalogMemory.ts',
  summary: `The heap a recommend node holds per shop catalog, by part (products, index, content neighbours, match
features), after a full garbage collection. Needs node's --expose-gc. Prints a Markdown table in MB.`,
  options: [
    { name: 'products', value: 'N', number: true, default: '10000', help: 'Generated products per shop' },
    { name: 'shops', value: 'N', number: true, default: '3', help: 'Shop catalogs held at once' },
  ],
  writes: 'nothing.',
});
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  process.stderr.write('bench/catalogMemory.ts: run it with node --expose-gc (see --help)\n');
  process.exit(2);
}
const products = Number(args.get('products'));
const shops = Number(args.get('shops'));
const heap = (): number => {
  gc();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1e6;
};

const held: unknown[] = [];
const start = heap();
console.log(`| shop | products, MB | index, MB | content neighbours, MB | match features, MB | this shop, MB | heap, MB |`);
console.log(`|---:|---:|---:|---:|---:|---:|---:|`);
for (let s = 0; s < shops; s++) {
  const m0 = heap();
  const catalog = generateCatalog({ size: products, seed: 3 + s, currency: 'USD', now: Date.now() });
  const m1 = heap();
  const index = CatalogIndex.build(catalog);
  const identity = ProductIdentity.build(catalog, new Map());
  const m2 = heap();
  index.newestRecommendable();
  for (const p of catalog) index.contentNeighbours(p.id, 1);
  const m3 = heap();
  for (const p of catalog) prepareForMatching(p);
  const m4 = heap();
  held.push(catalog, index, identity);
  console.log(`| ${s + 1} | ${(m1 - m0).toFixed(0)} | ${(m2 - m1).toFixed(0)} | ${(m3 - m2).toFixed(0)} | ${(m4 - m3).toFixed(0)} | ${(m4 - m0).toFixed(0)} | ${m4.toFixed(0)} |`);
}
const total = heap() - start;
// `held` is read here, so that everything it holds is alive for the measurement above.
console.log(`\n${held.length / 3} shops of ${products} products: ${total.toFixed(0)} MB, ${((total * 1e6) / (shops * products) / 1e3).toFixed(1)} KB per product`);
