/**
 * `node --import tsx bench/searchCatalog.ts`: ms per page of the MCP tool `search_catalog` answered by
 * Affinity's own catalog (no shop catalog MCP configured) on a large generated catalog.
 *
 * In one process: Affinity on a fresh SQLite file, and a generated catalog (`generateCatalog`, default
 * 100,000 products) indexed and prepared as the catalog registry warms a loaded catalog for answering
 * (each product's match features, the shop's intent vocabulary; not the content neighbours, which a
 * search does not read), given to the tool in place of the registry's (the tool's context with this
 * catalog and its vocabulary; everything else, profiles and attribution, Affinity's own). Storing 100,000
 * products in SQLite and the registry's full warming take minutes and measure nothing of the search.
 * Then, for each of 5 broad and 5 narrow requests: the first page the first time the request is asked ("cold"), then `--repeat` times
 * the first page again and the fifth page (reached by following `next_cursor` from the first page, as
 * an agent pages), each timed around the tool's `call` (argument parsing, search, re-ranking, output).
 * Prints a Markdown table of the medians and how many products each request matches (`total_count`).
 *
 * Options: --products N (default 100000), --repeat N (default 5), --limit N (page size, default 10).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { CatalogIndex } from '../src/core/catalog/catalogIndex.ts';
import { generateCatalog } from '../src/core/catalog/demoCatalog.ts';
import { ProductIdentity } from '../src/core/catalog/productIdentity.ts';
import { correctTypos, shopWords } from '../src/core/intent/typos.ts';
import { emptyIntent } from '../src/core/personalize/intentInput.ts';
import { prepareForMatching } from '../src/core/personalize/intentScoring.ts';
import { titleWords } from '../src/core/personalize/titleTerms.ts';
import { unknownBrand, vendorNames } from '../src/core/personalize/unknownBrand.ts';
import { isDictionaryWord } from '../src/adapters/intent/wordList.ts';
import type { AppContext } from '../src/features/appContext.ts';
import type { MCPAwareRecommender } from '../src/features/recommend/personalizedRecommender.ts';
import { ShopVocabularyCache, warmIntentData } from '../src/features/catalog/shopVocabulary.ts';
import { createAffinity } from '../src/main.ts';
import { searchCatalog } from '../src/mcp/tools/searchCatalog.ts';
import type { ToolEnv } from '../src/mcp/tool.ts';
import { benchArgs } from './args.ts';

const CATALOG_SEED = 11;

const args = benchArgs({
  run: 'node --import tsx bench/searchCatalog.ts',
  summary: `ms per page of the MCP tool search_catalog answered by Affinity's own catalog (no shop catalog MCP), in
process, on a large generated catalog: for 5 broad and 5 narrow requests, the first page cold, then the first
and the fifth page again. Prints a Markdown table of the medians (progress on stderr).`,
  options: [
    { name: 'products', value: 'N', number: true, default: '100000', help: 'Generated catalog size' },
    { name: 'repeat', value: 'N', number: true, default: '5', help: 'Times each request is asked again after the cold one' },
    { name: 'limit', value: 'N', number: true, default: '10', help: 'Page size' },
  ],
  writes: 'nothing (the SQLite file is in a temporary directory, removed).',
});

/** Broad requests match a large part of the catalog; narrow ones a few hundred products or fewer. */
const REQUESTS: readonly { readonly kind: 'broad' | 'narrow'; readonly args: Record<string, unknown> }[] = [
  { kind: 'broad', args: { query: 'shoes' } },
  { kind: 'broad', args: { query: 'black running shoes' } },
  { kind: 'broad', args: { query: 'gift for women' } },
  { kind: 'broad', args: { query: 'jacket', price: { max: 200 } } },
  { kind: 'broad', args: { price: { max: 100 } } },
  { kind: 'narrow', args: { query: 'huggies' } },
  { kind: 'narrow', args: { query: 'cloudrise carbon racer' } },
  { kind: 'narrow', args: { query: 'percale duvet cover', price: { max: 120 } } },
  { kind: 'narrow', args: { query: 'moonstone locket' } },
  { kind: 'narrow', args: { category: 'Earrings', query: 'rose gold hoops' } },
];

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : (s[Math.floor((s.length - 1) / 2)] as number);
}


async function main(): Promise<void> {
  const products = Number(args.get('products'));
  const repeat = Number(args.get('repeat'));
  const limit = Number(args.get('limit'));
  const dir = mkdtempSync(join(tmpdir(), 'affinity-bench-search-'));
  const affinity = await createAffinity(loadConfig({ AFFINITY_DB: join(dir, 'bench.db'), AFFINITY_LOG_LEVEL: 'warn' }));
  try {
    const shop = affinity.ctx.defaultShop;
    let t = performance.now();
    const catalog = generateCatalog({ size: products, seed: CATALOG_SEED });
    const index = CatalogIndex.build(catalog);
    const identity = ProductIdentity.build(catalog);
    process.stderr.write(`catalog of ${products} products generated and indexed in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    t = performance.now();
    for (const p of index.all()) prepareForMatching(p);
    await warmIntentData(index);
    const vocabularies = new ShopVocabularyCache();
    const vocabulary = vocabularies.get(shop, index);
    // What the personalization layer answers search_catalog with: its vocabulary, a query's slips read past
    // (as the wiring's classifier reads them), and a brand the shop does not sell.
    const words = titleWords(index.all());
    const vendors = vendorNames(index.all().map((p) => p.vendor));
    process.stderr.write(`prepared for matching in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    const ctx = {
      ...affinity.ctx,
      // `ensure` as the registry answers for a catalog it holds (every tool call makes sure of its shop first).
      catalogs: { get: () => ({ index, identity }), ensure: () => undefined, canonical: (_: string, raw: unknown) => (typeof raw === 'string' ? (identity.resolve(raw) ?? raw) : undefined) },
      personalizer: {
        vocabulary: () => vocabulary,
        spelled: (_shop: string, text: string) => correctTypos(text, isDictionaryWord, vocabulary && shopWords(vocabulary)),
        unknownBrandIn: (_shop: string, text: string) => unknownBrand(text, emptyIntent().entities, words, vendors),
      } satisfies Pick<MCPAwareRecommender, 'vocabulary' | 'spelled' | 'unknownBrandIn'>,
    } as unknown as AppContext;
    const env: ToolEnv = { ctx, shop, may: () => true, agentName: () => 'bench' };
    const call = async (args: Record<string, unknown>): Promise<{ ms: number; out: { total_count?: number; next_cursor?: string; items: unknown[] } }> => {
      const t0 = performance.now();
      const r = await searchCatalog.call({ ...args, limit }, env);
      const ms = performance.now() - t0;
      if (r.isError) throw new Error(JSON.stringify(r.content));
      return { ms, out: r.structuredContent as { total_count?: number; next_cursor?: string; items: unknown[] } };
    };
    const rows: string[] = [];
    for (const { kind, args } of REQUESTS) {
      const cold = await call(args);
      const first: number[] = [];
      const fifth: number[] = [];
      for (let i = 0; i < repeat; i++) {
        const p1 = await call(args);
        first.push(p1.ms);
        let cursor = p1.out.next_cursor;
        for (let page = 2; page < 5 && cursor; page++) cursor = (await call({ ...args, cursor })).out.next_cursor;
        if (cursor) fifth.push((await call({ ...args, cursor })).ms);
      }
      rows.push(`| ${kind} | \`${JSON.stringify(args)}\` | ${cold.out.total_count ?? '?'} | ${cold.ms.toFixed(1)} | ${median(first).toFixed(1)} | ${fifth.length > 0 ? median(fifth).toFixed(1) : '–'} |`);
      process.stderr.write(`${rows.at(-1)}\n`);
    }
    const mem = process.memoryUsage();
    console.log(`\nsearch_catalog from Affinity's catalog, ${products} products, page size ${limit}, median of ${repeat} (ms per page):\n`);
    console.log('| kind | request | matches | first page, cold | first page | fifth page |');
    console.log('|---|---|---:|---:|---:|---:|');
    for (const r of rows) console.log(r);
    // The match-list memo of the catalog search use case (absent before it existed).
    const memo = await import('../src/features/catalog/localSearch.ts').then((m) => m.localSearchMemoStats()).catch(() => undefined);
    console.log(`\nheap used at the end: ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB${memo ? `; search memo: ${memo.entries} entries, ${memo.ids} ids` : ''}`);
  } finally {
    await affinity.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
