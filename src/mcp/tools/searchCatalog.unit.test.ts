/**
 * `search_catalog` answered by Affinity's own catalog, paged: the catalog is searched and held to what
 * was asked once per search, and the next pages are read from that match list (a large catalog costs
 * the first page, not every page); a catalog change is searched anew. The tool runs on a minimal
 * context (no shop catalog MCP, no markets, no personalization).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import type { Product } from '../../core/catalog/product.ts';
import { ProductIdentity } from '../../core/catalog/productIdentity.ts';
import { product } from '../../testing/productFixture.ts';
import { isDictionaryWord, loadWordList } from '../../adapters/intent/wordList.ts';
import { correctTypos } from '../../core/intent/typos.ts';
import type { McpContext } from '../context.ts';
import type { ToolEnv } from '../tool.ts';
import { searchCatalog } from './searchCatalog.ts';

/** The index, counting the keyword searches asked of it (each a walk over every matching product). */
function counted(products: readonly Product[]): { index: CatalogIndex; searches: () => number } {
  const real = CatalogIndex.build(products);
  let searches = 0;
  const index = new Proxy(real, {
    get(target, key) {
      const v = Reflect.get(target, key, target) as unknown;
      if (key === 'search') {
        return (...args: Parameters<CatalogIndex['search']>) => {
          searches++;
          return target.search(...args);
        };
      }
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return { index, searches: () => searches };
}

function envOf(shop: string, catalog: () => { index: CatalogIndex; identity: ProductIdentity }): ToolEnv {
  const ctx = {
    catalogs: { get: () => catalog(), canonical: (_: string, id: string) => id, ensure: () => undefined },
    recommender: {},
    store: { getProfile: async () => undefined },
    clock: () => Date.UTC(2026, 0, 1),
    profileView: { halfLifeMs: 86_400_000, sessionGapMs: 1_800_000 },
  } as unknown as McpContext;
  return { ctx, shop, may: () => true, agentName: () => undefined };
}

const shoes = Array.from({ length: 23 }, (_, i) => product({ id: `shoe-${i}`, title: `Trail Running Shoe ${i}`, productType: 'Running Shoes', price: 80 + i }));
const others = [product({ id: 'mug', title: 'Stoneware Mug', productType: 'Drinkware', price: 20 }), product({ id: 'tent', title: 'Dome Tent', productType: 'Tents', price: 200 })];

async function page(env: ToolEnv, args: Record<string, unknown>): Promise<{ ids: string[]; next?: string; total?: number }> {
  const r = await searchCatalog.call(args, env);
  assert.ok(!r.isError, JSON.stringify(r.content));
  const out = r.structuredContent as { items: { product_id: string }[]; next_cursor?: string; total_count?: number; source: string };
  assert.equal(out.source, 'local');
  return { ids: out.items.map((i) => i.product_id), ...(out.next_cursor ? { next: out.next_cursor } : {}), ...(out.total_count !== undefined ? { total: out.total_count } : {}) };
}

describe("search_catalog pages from Affinity's catalog", () => {
  it('searches the catalog once for a search and reads the next pages from its match list', async () => {
    const c = counted([...shoes, ...others]);
    const identity = ProductIdentity.build(c.index.all());
    const env = envOf('paging.myshopify.com', () => ({ index: c.index, identity }));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const p = await page(env, { query: 'running shoes', limit: 5, ...(cursor ? { cursor } : {}) });
      assert.equal(p.total, 23);
      assert.equal(p.ids.length, pages < 4 ? 5 : 3);
      seen.push(...p.ids);
      cursor = p.next;
      pages++;
    } while (cursor);
    assert.equal(pages, 5);
    assert.deepEqual([...seen].sort(), shoes.map((s) => s.id).sort(), 'every match once');
    assert.equal(c.searches(), 1, 'one keyword search for five pages');
    // The first page again, and another page size: the same match list.
    const first = await page(env, { query: 'running shoes', limit: 5 });
    await page(env, { query: 'running shoes', limit: 10, ...(first.next ? { cursor: first.next } : {}) });
    assert.equal(c.searches(), 1);
  });

  it('searches again for another price range (a near miss of the same query) and holds each to its own range', async () => {
    const c = counted([...shoes, ...others]);
    const identity = ProductIdentity.build(c.index.all());
    const env = envOf('ranges.myshopify.com', () => ({ index: c.index, identity }));
    const all = await page(env, { query: 'running shoes', limit: 50 });
    const cheap = await page(env, { query: 'running shoes', price: { max: 85 }, limit: 50 });
    const dear = await page(env, { query: 'running shoes', price: { min: 100 }, limit: 50 });
    const mugs = await page(env, { query: 'running shoes', category: 'Drinkware', limit: 50 });
    assert.equal(all.total, 23);
    assert.deepEqual(cheap.ids.sort(), ['shoe-0', 'shoe-1', 'shoe-2', 'shoe-3', 'shoe-4', 'shoe-5']);
    assert.equal(dear.total, 3);
    assert.equal(mugs.total, 0);
    assert.equal(c.searches(), 4);
  });

  it('searches the new catalog after a catalog change, never answering from the old one', async () => {
    const first = counted([...shoes, ...others]);
    const second = counted([...shoes.slice(0, 3), product({ id: 'shoe-new', title: 'Road Running Shoe', productType: 'Running Shoes', price: 99 })]);
    let current = first;
    const env = envOf('changes.myshopify.com', () => ({ index: current.index, identity: ProductIdentity.build(current.index.all()) }));
    const before = await page(env, { query: 'running shoes', limit: 5 });
    assert.equal(before.total, 23);
    current = second;
    const after = await page(env, { query: 'running shoes', limit: 5 });
    assert.equal(after.total, 4);
    assert.ok(after.ids.includes('shoe-new'), JSON.stringify(after.ids));
    assert.equal(second.searches(), 1);
    // A cursor of the old answer pages the new catalog's answer: past its end, nothing more.
    const past = await page(env, { query: 'running shoes', limit: 5, cursor: before.next });
    assert.deepEqual(past.ids, []);
  });
});

describe('search_catalog: a colour or size the query names prices the variant that has it', () => {
  const anchor = product({ id: 'anchor', title: 'Anchor Bracelet', productType: 'Bracelet', tags: ['Gold', 'Silver'], variants: [[69.99, true, { color: 'Gold' }], [55, true, { color: 'Silver' }]] });
  const bangle = product({ id: 'bangle', title: 'Gold Bangle Bracelet', productType: 'Bracelet', price: 39.99 });
  const index = CatalogIndex.build([anchor, bangle]);
  const env = envOf('variants.myshopify.com', () => ({ index, identity: ProductIdentity.build([anchor, bangle]) }));
  const shown = async (args: Record<string, unknown>) => {
    const r = await searchCatalog.call(args, env);
    assert.ok(!r.isError, JSON.stringify(r.content));
    const out = r.structuredContent as { items: { product_id: string; price?: { formatted: string } }[] };
    return { items: out.items.map((i) => `${i.product_id} ${i.price?.formatted}`).sort(), text: (r.content as { text: string }[])[0]?.text ?? '' };
  };

  it('filters and shows the wished variant at its price', async () => {
    assert.deepEqual((await shown({ query: 'gold bracelet under 60' })).items, ['bangle 39.99 USD']);
    assert.deepEqual((await shown({ query: 'gold bracelet', price: { min: 60 } })).items, ['anchor 69.99 USD']);
    const gold = await shown({ query: 'gold bracelet' });
    assert.deepEqual(gold.items, ['anchor 69.99 USD', 'bangle 39.99 USD']);
    assert.match(gold.text, /Anchor Bracelet \(id anchor\) — 69\.99 USD/);
    assert.deepEqual((await shown({ query: 'silver bracelet' })).items, ['anchor 55.00 USD']);
  });

  it('shows the cheapest available variant when the query wishes for none (near miss)', async () => {
    assert.deepEqual((await shown({ query: 'bracelet under 60' })).items, ['anchor 55.00 USD', 'bangle 39.99 USD']);
  });
});

describe('search_catalog: a cursor continues only the search that gave it', () => {
  const c = counted([...shoes, ...others]);
  const identity = ProductIdentity.build(c.index.all());
  const catalogOf = (_shop: string) => ({ index: c.index, identity });
  const asked: string[] = [];
  const envFor = (shop: string) => envOf(shop, () => (asked.push(shop), catalogOf(shop)));
  const refused = async (env: ToolEnv, args: Record<string, unknown>) => {
    const r = await searchCatalog.call(args, env);
    assert.equal(r.isError, true, JSON.stringify(r));
    return (r.content as { text: string }[])[0]?.text ?? '';
  };

  it('refuses a cursor of another query, price or market with an error that says to start again', async () => {
    const env = envFor('one.myshopify.com');
    const first = await page(env, { query: 'running shoes', limit: 5 });
    assert.ok(first.next);
    for (const other of [{ query: 'stoneware mug' }, { query: 'running shoes', price: { max: 90 } }, { query: 'running shoes', market: { currency: 'EUR' } }, { category: 'Running Shoes' }]) {
      const text = await refused(env, { ...other, limit: 5, cursor: first.next });
      assert.equal(text, 'VALIDATION_FAILED: This cursor belongs to another search (another query, category, price, market or shop); start again without cursor, or repeat exactly the arguments of the search that gave it. (cursor: belongs to another search)', JSON.stringify(other));
    }
    // The same search (its words in another case, another page size) pages on.
    const next = await page(env, { query: 'Running  Shoes', limit: 7, cursor: first.next });
    assert.equal(next.ids.length, 7);
  });

  it('takes a lower bound of 0, or an empty price range, for no price filter: the cursor pages on, to the same items', async () => {
    const env = envFor('one.myshopify.com');
    const first = await page(env, { query: 'running shoes', limit: 5 });
    const plain = await page(env, { query: 'running shoes', limit: 5, cursor: first.next });
    for (const price of [{ min: 0 }, {}]) {
      const next = await page(env, { query: 'running shoes', price, limit: 5, cursor: first.next });
      assert.deepEqual(next.ids, plain.ids, JSON.stringify(price));
    }
    // A cursor of the search with {min: 0} continues the one without, and a real bound is still another search.
    const zero = await page(env, { query: 'running shoes', price: { min: 0 }, limit: 5 });
    assert.deepEqual((await page(env, { query: 'running shoes', limit: 5, cursor: zero.next })).ids, plain.ids);
    assert.match(await refused(env, { query: 'running shoes', price: { min: 1 }, limit: 5, cursor: first.next }), /^VALIDATION_FAILED: This cursor belongs to another search/);
  });

  it("refuses another shop's cursor before searching anything, in the words it uses for another query", async () => {
    const mine = await page(envFor('mine.myshopify.com'), { query: 'running shoes', limit: 5 });
    asked.length = 0;
    const text = await refused(envFor('theirs.myshopify.com'), { query: 'running shoes', limit: 5, cursor: mine.next });
    assert.match(text, /^VALIDATION_FAILED: This cursor belongs to another search/);
    assert.doesNotMatch(text, /mine/);
    assert.deepEqual(asked, [], 'no catalog was read');
  });

  it('says a search that found nothing is not satisfied, with a sentence to quote (it was an empty page, "satisfied")', async () => {
    const r = await searchCatalog.call({ query: 'ukulele strings', limit: 5 }, envFor('nothing.myshopify.com'));
    const out = r.structuredContent as { items: unknown[]; constraints: { satisfied: boolean; reason?: string } };
    assert.deepEqual(out.items, []);
    assert.deepEqual(out.constraints, { satisfied: false, relaxed: [], reason: 'Nothing in this shop matches this search ("ukulele strings").' });
    assert.match((r.content as { text: string }[])[0]?.text ?? '', /Note: Nothing in this shop matches this search/);
  });

  it('refuses a cursor it did not give, or one cut short, instead of answering an empty page', async () => {
    const env = envFor('garbled.myshopify.com');
    const first = await page(env, { query: 'running shoes', limit: 5 });
    for (const cursor of ['garbage', 'affinity-local:10', (first.next as string).slice(0, -3)]) {
      const text = await refused(env, { query: 'running shoes', limit: 5, cursor });
      assert.match(text, /^VALIDATION_FAILED: This cursor is not a next_cursor that search_catalog gave .*; start again without cursor\. \(cursor: /, cursor);
    }
  });
});

describe('search_catalog: a query with a slip that finds nothing is searched as the shopper meant it', () => {
  const catalog = { index: CatalogIndex.build([...shoes, ...others]), identity: ProductIdentity.build([...shoes, ...others]) };
  // The personalizer's reading of a text, its slips read past as the recommendation path reads them (typos.ts).
  const env: ToolEnv = (() => {
    const base = envOf('slips.myshopify.com', () => catalog);
    const personalizer = { vocabulary: () => undefined, spelled: (_: string, t: string) => correctTypos(t, isDictionaryWord), unknownBrandIn: () => undefined };
    return { ...base, ctx: { ...base.ctx, personalizer } as unknown as McpContext };
  })();
  before(() => loadWordList());

  it('"sheos": the shoes, said to be the results for "shoes" (it was "nothing in this shop matches"), and the next page continues them', async () => {
    const r = await searchCatalog.call({ query: 'sheos', limit: 10 }, env);
    const out = r.structuredContent as { query: string; searched_as?: string; items: { product_id: string }[]; constraints: { satisfied: boolean }; next_cursor?: string };
    assert.deepEqual([out.query, out.searched_as, out.items.length, out.constraints.satisfied], ['sheos', 'shoes', 10, true]);
    assert.match((r.content as { text: string }[])[0]?.text ?? '', /Note: nothing in this shop matches "sheos"; these are the results for "shoes"\./);
    const next = await page(env, { query: 'sheos', limit: 10, cursor: out.next_cursor });
    assert.equal(next.ids.length, 10);
    assert.ok(next.ids.every((id) => id.startsWith('shoe-') && !out.items.some((i) => i.product_id === id)), 'the next shoes');
  });

  it('a query that finds something as given is searched as given; one that finds nothing either way says so of the query given', async () => {
    const found = (await searchCatalog.call({ query: 'mug', limit: 5 }, env)).structuredContent as { searched_as?: string; items: unknown[] };
    assert.deepEqual([found.searched_as, found.items.length], [undefined, 1]);
    const none = (await searchCatalog.call({ query: 'ukulele strings', limit: 5 }, env)).structuredContent as { searched_as?: string; constraints: { reason?: string } };
    assert.deepEqual([none.searched_as, none.constraints.reason], [undefined, 'Nothing in this shop matches this search ("ukulele strings").']);
  });
});

describe('search_catalog: a query that names only whom the products are for', () => {
  const items = [
    product({ id: 'dress', title: 'Linen Dress', productType: 'Dresses', tags: ['women'], price: 60 }),
    product({ id: 'shirt', title: 'Oxford Shirt', productType: 'Shirts', tags: ['men'], price: 40 }),
    product({ id: 'scarf', title: 'Wool Scarf', productType: 'Scarves', price: 25 }),
  ];
  const env = envOf('audience.myshopify.com', () => ({ index: CatalogIndex.build(items), identity: ProductIdentity.build(items) }));

  it('"gift for women", "for her", "regalo para ella": the products for women and those that say nothing of whom (it was "nothing fits")', async () => {
    for (const query of ['gift for women', 'for her', 'regalo para ella']) {
      const out = (await searchCatalog.call({ query, limit: 10 }, env)).structuredContent as { items: { product_id: string }[]; constraints: { satisfied: boolean } };
      assert.deepEqual(out.items.map((i) => i.product_id).sort(), ['dress', 'scarf'], query);
      assert.equal(out.constraints.satisfied, true, query);
    }
  });
});
