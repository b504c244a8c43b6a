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

/** A USD shop with a UK price list for two of its scarves. */
const CSV = [
  'Title,URL handle,Vendor,Type,Tags,Published on online store,Status,SKU,Option1 name,Option1 value,Price,Price / UK',
  'Listed Wool Scarf,listed-scarf,Loom,Scarves,wool,TRUE,active,LS-1,Title,Default Title,50.00,38.00',
  'Dear Wool Scarf,dear-scarf,Loom,Scarves,wool,TRUE,active,DS-1,Title,Default Title,30.00,45.00',
  'Converted Wool Scarf,converted-scarf,Loom,Scarves,wool,TRUE,active,CS-1,Title,Default Title,48.00,',
  'Costly Wool Scarf,costly-scarf,Loom,Scarves,wool,TRUE,active,XS-1,Title,Default Title,60.00,',
].join('\n');

const MARKET = { language: 'en', cacheTtlSeconds: 60, privacy: 'none', priceInclusions: { duties: 'add_at_checkout', taxes: 'included' } };

/** The UK market has a rate for dollars (0.80 GBP per USD); the Japanese one has none. */
const MARKETS = {
  defaultMarket: 'us',
  markets: [
    { ...MARKET, handle: 'us', name: 'United States', countries: ['US'], currency: 'USD' },
    { ...MARKET, handle: 'uk', name: 'United Kingdom', countries: ['GB'], currency: 'GBP', exchangeRates: { USD: 0.8 } },
    { ...MARKET, handle: 'jp', name: 'Japan', countries: ['JP'], currency: 'JPY' },
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
      // In the range's own currency, prices are compared as they are (and nothing is estimated).
      const usd = await search({ price: { max: 40 }, market: { country: 'US', currency: 'USD' } });
      assert.deepEqual(usd.ids, ['dear-scarf']);
      assert.deepEqual([usd.structured.constraints, usd.structured.estimated_prices], [{ satisfied: true }, undefined]);
    });

    it('leaves prices no rate converts out of the filter and says the budget was not checked, never satisfied', async () => {
      const r = await search({ price: { max: 5000 }, market: { country: 'JP', currency: 'JPY' } });
      assert.deepEqual(r.ids, ['converted-scarf', 'costly-scarf', 'dear-scarf', 'listed-scarf'], 'cents are not yen: nothing is filtered on price');
      assert.equal(r.structured.constraints.satisfied, false);
      assert.deepEqual(r.structured.constraints.unchecked, ['budget']);
      assert.deepEqual(r.structured.constraints.relaxed, []);
      assert.equal(r.structured.constraints.reason, 'These products are priced in USD and no exchange rate to JPY is known, so they were not checked against the budget (up to 5000 JPY).');
      assert.ok(r.text.includes(`Note: ${r.structured.constraints.reason}`), r.text);
      assert.equal(r.structured.estimated_prices, undefined);
    });
  });
}
