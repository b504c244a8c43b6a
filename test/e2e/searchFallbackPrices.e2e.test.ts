/**
 * `search_catalog` answered from Affinity's own catalog (the shop's catalog MCP down, or none
 * configured) holds its products to the price range in the range's currency: by the market's price
 * list, else converted with the configured rates (and says the comparison is an estimate), and never
 * calls a range satisfied that no rate let anyone check. Real HTTP, the MCP SDK's own client, and the
 * shop simulator refusing connections.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { parseShopifyCsv } from '../../src/core/catalog/csvImport.ts';
import { createShopSim, type ShopSim } from '../../src/sim/shopSim/shopSim.ts';
import { startAffinity, type Running } from './helpers.ts';

/**
 * A USD shop with a UK price list for two of its scarves, a US price list for one, and one scarf it does
 * not sell in the UK.
 */
const CSV = [
  'Title,URL handle,Vendor,Type,Tags,Published on online store,Status,SKU,Option1 name,Option1 value,Price,Price / UK,Included / UK,Price / United States',
  'Listed Wool Scarf,listed-scarf,Loom,Scarves,wool,TRUE,active,LS-1,Title,Default Title,50.00,38.00,TRUE,35.00',
  'Dear Wool Scarf,dear-scarf,Loom,Scarves,wool,TRUE,active,DS-1,Title,Default Title,30.00,45.00,TRUE,',
  'Converted Wool Scarf,converted-scarf,Loom,Scarves,wool,TRUE,active,CS-1,Title,Default Title,48.00,,TRUE,',
  'Costly Wool Scarf,costly-scarf,Loom,Scarves,wool,TRUE,active,XS-1,Title,Default Title,60.00,,TRUE,',
  'Homebound Wool Scarf,homebound-scarf,Loom,Scarves,wool,TRUE,active,HS-1,Title,Default Title,20.00,,FALSE,',
].join('\n');

const MARKET = { language: 'en', cacheTtlSeconds: 60, privacy: 'none', priceInclusions: { duties: 'add_at_checkout', taxes: 'included' } };

/** The UK market has a rate for dollars (0.80 GBP per USD); the Japanese one has none. */
const MARKETS = {
  defaultMarket: 'us',
  markets: [
    { ...MARKET, handle: 'us', name: 'United States', countries: ['US'], currency: 'USD' },
    { ...MARKET, handle: 'uk', name: 'United Kingdom', countries: ['GB'], currency: 'GBP', exchangeRates: { USD: 0.8 } },
    { ...MARKET, handle: 'jp', name: 'Japan', countries: ['JP'], currency: 'JPY' },
    // Euros per pound only: dollars reach euros through pounds (0.8 × 1.2 = 0.96).
    { ...MARKET, handle: 'eu', name: 'Europe', countries: ['DE'], currency: 'EUR', exchangeRates: { GBP: 1.2 } },
  ],
};

for (const setup of ['the shop catalog MCP is down', 'no shop catalog MCP is configured'] as const) {
  describe(`search_catalog prices when Affinity's catalog answers (${setup})`, () => {
    let dir: string;
    let sim: ShopSim | undefined;
    let s: Running;
    let client: Client;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'affinity-fallback-prices-'));
      const file = join(dir, 'markets.json');
      writeFileSync(file, JSON.stringify(MARKETS));
      if (setup === 'the shop catalog MCP is down') {
        sim = await createShopSim({ products: parseShopifyCsv(CSV, { currency: 'USD' }).products });
        await sim.setFaults({ down: true });
      }
      s = await startAffinity({
        AFFINITY_MARKETS_FILE: file,
        ...(sim ? { AFFINITY_UCP_AGENT_PROFILE_URL: 'https://affinity.example.com/.well-known/ucp-agent.json', SHOPIFY_STOREFRONT_MCP_URL: sim.url } : {}),
      });
      const imp = await s.post('/v1/catalog/products?currency=USD', CSV, { 'content-type': 'text/csv' });
      assert.equal(imp.status, 200, JSON.stringify(imp.body));
      client = new Client({ name: 'fallback-prices-e2e', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${s.url}/mcp`)));
    });
    after(async () => {
      await client.close();
      await s.stop();
      await sim?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const search = async (args: Record<string, unknown>) => {
      const r = (await client.callTool({ name: 'search_catalog', arguments: { query: 'wool scarf', limit: 10, ...args } })) as CallToolResult;
      assert.ok(!r.isError, JSON.stringify(r.content));
      const structured = r.structuredContent as any;
      assert.equal(structured.source, 'local');
      assert.equal(structured.fallback_used, setup === 'the shop catalog MCP is down');
      return { structured, text: (r.content[0] as { text: string }).text, ids: (structured.items as any[]).map((i) => i.product_id).sort() };
    };

    it('compares pence with the UK price list, and dollar prices converted with the rate, marked estimated', async () => {
      const r = await search({ price: { max: 40 }, market: { country: 'GB', currency: 'GBP' } });
      // Listed: 38 GBP on the price list (its 50 USD is not compared with pence). Dear: 45 GBP listed, over.
      // Converted: 48 USD ≈ 38.40 GBP. Costly: 60 USD ≈ 48 GBP, over.
      assert.deepEqual(r.ids, ['converted-scarf', 'listed-scarf']);
      assert.deepEqual(r.structured.constraints, { satisfied: true });
      assert.deepEqual(r.structured.estimated_prices.product_ids, ['converted-scarf']);
      assert.match(r.structured.estimated_prices.note, /^One of these products is priced in USD; its price was converted to GBP with the configured exchange rate .*\(up to 40 GBP\), so whether it fits is an estimate\.$/);
      assert.ok(r.text.includes(`Note: ${r.structured.estimated_prices.note}`), r.text);
      // Shown as the UK shows them: the price list's pence exactly, the converted one marked as an estimate.
      const price = (id: string) => (r.structured.items as any[]).find((i) => i.product_id === id).price;
      assert.deepEqual(price('listed-scarf'), { amount: 3800, currency: 'GBP', formatted: '38.00 GBP' });
      assert.deepEqual(price('converted-scarf'), { amount: 3840, currency: 'GBP', formatted: '≈ 38.40 GBP', estimated: true });
      assert.match(r.text, /Listed Wool Scarf \(id listed-scarf\) — 38\.00 GBP/);
      // Not sold in the UK: left out, also when the shopper there asks for dollars.
      const ukDollars = await search({ price: { max: 40 }, market: { country: 'GB', currency: 'USD' } });
      assert.ok(!ukDollars.ids.includes('homebound-scarf') && ukDollars.ids.includes('dear-scarf'), JSON.stringify(ukDollars.ids));
      // Not sold in the UK: left out, though 20 USD would fit (the UK answers above never list it).
      assert.ok(!r.ids.includes('homebound-scarf'));
      // In the range's own currency, prices are compared as they are (and nothing is estimated), the US
      // price list first: the Listed scarf is 35 USD there (50 USD base), and shown and held at that price.
      const usd = await search({ price: { max: 40 }, market: { country: 'US', currency: 'USD' } });
      assert.deepEqual(usd.ids, ['dear-scarf', 'homebound-scarf', 'listed-scarf']);
      assert.deepEqual([usd.structured.constraints, usd.structured.estimated_prices], [{ satisfied: true }, undefined]);
      assert.deepEqual((usd.structured.items as any[]).find((i) => i.product_id === 'listed-scarf').price, { amount: 3500, currency: 'USD', formatted: '35.00 USD' });
    });

    it("recommend_products shows Affinity's copy in the market's prices too, and says which were converted", async () => {
      const r = (await client.callTool({ name: 'recommend_products', arguments: { session_id: 'uk-chat', text: 'a wool scarf', market: { country: 'GB' }, limit: 4 } })) as CallToolResult;
      assert.ok(!r.isError, JSON.stringify(r.content));
      const out = r.structuredContent as any;
      assert.equal(out.price_source, 'local');
      const prices = Object.fromEntries((out.items as any[]).map((i) => [i.product_id, i.price]));
      assert.deepEqual(prices, {
        'listed-scarf': { amount: 3800, currency: 'GBP', formatted: '38.00 GBP' },
        'dear-scarf': { amount: 4500, currency: 'GBP', formatted: '45.00 GBP' },
        'converted-scarf': { amount: 3840, currency: 'GBP', formatted: '≈ 38.40 GBP', estimated: true },
        'costly-scarf': { amount: 4800, currency: 'GBP', formatted: '≈ 48.00 GBP', estimated: true },
      });
      assert.ok((out.notes as string[]).includes('2 price(s) were converted to GBP with the configured exchange rates (marked ≈): the shop converts at checkout with its own rate.'), JSON.stringify(out.notes));
      // A rate derived through another currency: shown at the rate the budget is checked with.
      const de = (await client.callTool({ name: 'recommend_products', arguments: { session_id: 'de-chat', text: 'a wool scarf', market: { country: 'DE' }, limit: 5 } })) as CallToolResult;
      const deItems = (de.structuredContent as any).items as any[];
      assert.deepEqual(deItems.find((i) => i.product_id === 'listed-scarf')?.price, { amount: 4800, currency: 'EUR', formatted: '≈ 48.00 EUR', estimated: true });
      const deSearch = await search({ price: { max: 47 }, market: { country: 'DE' } });
      assert.ok(!deSearch.ids.includes('listed-scarf') && deSearch.ids.includes('converted-scarf'), 'compared as shown: 48 EUR is over 47, 46.08 EUR is not');
      assert.deepEqual((deSearch.structured.items as any[]).find((i) => i.product_id === 'converted-scarf').price, { amount: 4608, currency: 'EUR', formatted: '≈ 46.08 EUR', estimated: true });
      // A market with no rate for dollars: the shop's own dollar prices, exact (not estimated: nothing was converted), and said so.
      const jp = (await client.callTool({ name: 'recommend_products', arguments: { session_id: 'jp-chat', text: 'a wool scarf', market: { country: 'JP' }, limit: 1 } })) as CallToolResult;
      const jpOut = jp.structuredContent as any;
      assert.equal(jpOut.items[0].price.currency, 'USD');
      assert.equal(jpOut.items[0].price.estimated, undefined);
      assert.ok((jpOut.notes as string[]).includes("1 price(s) could not be converted to JPY: they are the shop's own prices in USD, not estimates (no exchange rate from USD to JPY is configured)."), JSON.stringify(jpOut.notes));
    });

    it('leaves prices no rate converts out of the filter and says the budget was not checked, never satisfied', async () => {
      const r = await search({ price: { max: 5000 }, market: { country: 'JP', currency: 'JPY' } });
      assert.deepEqual(r.ids, ['converted-scarf', 'costly-scarf', 'dear-scarf', 'homebound-scarf', 'listed-scarf'], 'cents are not yen: nothing is filtered on price');
      assert.equal(r.structured.constraints.satisfied, false);
      assert.deepEqual(r.structured.constraints.unchecked, ['budget']);
      assert.deepEqual(r.structured.constraints.relaxed, []);
      assert.equal(r.structured.constraints.reason, 'These products are priced in USD and no exchange rate to JPY is known, so they were not checked against the budget (up to 5000 JPY).');
      assert.ok(r.text.includes(`Note: ${r.structured.constraints.reason}`), r.text);
      assert.equal(r.structured.estimated_prices, undefined);
    });
  });
}
