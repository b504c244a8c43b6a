/**
 * `search_catalog` answered by Affinity's own catalog, as a shop set up from a CSV export without
 * product categories meets it: a Spanish query finds the shop's English titles through the category it
 * names, a `category` matches the product type, every match is held to what was asked before paging
 * (no page short, none lost), a budget in the query is applied, and a cursor past the end or not issued
 * here never says "nothing fits". Real HTTP and the MCP SDK's own client.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startAffinity, type Running } from './helpers.ts';

const HEAD = 'Title,URL handle,Vendor,Type,Tags,Published on online store,Status,SKU,Option1 name,Option1 value,Price';
const row = (title: string, handle: string, type: string, tags: string, price: string) => `${title},${handle},Lumen,${type},"${tags}",TRUE,active,${handle},Title,Default Title,${price}`;
/** A jewellery shop: types but no product category, English titles. */
const CSV = [
  HEAD,
  row('Dainty Gold Necklace', 'dainty-gold', 'Necklace', 'Gold', '44.95'),
  row('Silver Threader Necklace', 'silver-threader', 'Necklace', 'Silver', '25.00'),
  row('Gold Bird Necklace', 'gold-bird', 'Necklace', 'Gold', '28.00'),
  row('Origami Crane Necklace', 'origami-crane', 'Necklace', 'Silver', '63.99'),
  row('Pretty Gold Necklace', 'pretty-gold', 'Necklace', 'Gold', '79.99'),
  row('Galaxy Earrings', 'galaxy', 'Earrings', 'Silver', '19.99'),
  row('Guardian Angel Earrings', 'guardian-angel', 'Earrings', 'Silver', '41.99'),
  row('Boho Earrings', 'boho-earrings', 'Earrings', 'Gold', '24.99'),
  row('Bangle Bracelet', 'bangle', 'Bracelet', 'Gold', '39.99'),
  row('Moon Charm Bracelet', 'moon-charm', 'Bracelet', 'Gold', '29.99'),
].join('\n');

describe("search_catalog from Affinity's own catalog (CSV with types, no categories)", () => {
  let s: Running;
  let client: Client;
  before(async () => {
    s = await startAffinity({});
    const imp = await s.post('/v1/catalog/products?currency=USD', CSV, { 'content-type': 'text/csv' });
    assert.equal(imp.status, 200, JSON.stringify(imp.body));
    client = new Client({ name: 'search-local-e2e', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${s.url}/mcp`)));
  });
  after(async () => {
    await client.close();
    await s.stop();
  });

  const search = async (args: Record<string, unknown>) => {
    const r = (await client.callTool({ name: 'search_catalog', arguments: args })) as CallToolResult;
    assert.ok(!r.isError, JSON.stringify(r.content));
    const out = r.structuredContent as any;
    assert.equal(out.source, 'local');
    return { out, text: (r.content[0] as { text: string }).text, ids: (out.items as any[]).map((i) => i.product_id as string) };
  };

  it('finds the necklaces for a Spanish "collar", and the earrings by their product type', async () => {
    const collar = await search({ query: 'collar', limit: 10 });
    assert.deepEqual(collar.ids.sort(), ['dainty-gold', 'gold-bird', 'origami-crane', 'pretty-gold', 'silver-threader']);
    assert.deepEqual(collar.out.constraints, { satisfied: true });
    const earrings = await search({ category: 'Earrings', limit: 10 });
    assert.deepEqual(earrings.ids.sort(), ['boho-earrings', 'galaxy', 'guardian-angel']);
    assert.deepEqual(earrings.out.constraints, { satisfied: true });
    // A category as an agent writes it: plural, Spanish, another case.
    for (const category of ['Necklaces', 'collares', 'NECKLACE']) {
      const necklaces = await search({ category, limit: 10 });
      assert.equal(necklaces.ids.length, 5, category);
      assert.deepEqual(necklaces.out.constraints, { satisfied: true }, category);
    }
    const plata = await search({ query: 'pendientes de plata', limit: 10 });
    assert.deepEqual(plata.ids.sort(), ['galaxy', 'guardian-angel']);
  });

  it('pages through every match once, each page full, with the whole answer counted', async () => {
    const all = await search({ query: 'silver earrings', limit: 10 });
    assert.deepEqual(all.ids.sort(), ['galaxy', 'guardian-angel'], JSON.stringify(all.out));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await search({ query: 'silver earrings', limit: 1, ...(cursor ? { cursor } : {}) });
      assert.equal(page.out.total_count, 2, JSON.stringify(page.out));
      assert.deepEqual(page.out.constraints, { satisfied: true }, 'every page holds to the whole answer');
      assert.equal(page.ids.length, 1);
      seen.push(...page.ids);
      cursor = page.out.next_cursor;
      pages++;
    } while (cursor && pages < 5);
    assert.deepEqual(seen.sort(), ['galaxy', 'guardian-angel']);
  });

  it('applies a budget the query states, and says when one in another currency was not', async () => {
    const cheap = await search({ query: 'gold necklace under 30 dollars', limit: 10 });
    assert.deepEqual(cheap.ids, ['gold-bird']);
    assert.deepEqual(cheap.out.constraints, { satisfied: true });
    const euros = await search({ query: 'gold necklace under 30 euros', limit: 10 });
    assert.equal(euros.out.constraints.satisfied, false);
    assert.deepEqual(euros.out.constraints.unchecked, ['budget']);
    assert.match(euros.out.constraints.reason, /is in EUR, not USD: it was not applied/);
  });

  it('refuses a cursor it did not give for this search with a tool error that says to start again (past the end of a real one: the unit tests)', async () => {
    for (const cursor of ['garbage', 'affinity-local:abc', 'affinity-local:-3', 'affinity-local:999']) {
      const r = (await client.callTool({ name: 'search_catalog', arguments: { query: 'collar', limit: 5, cursor } })) as CallToolResult;
      assert.equal(r.isError, true, cursor);
      assert.match((r.content[0] as { text: string }).text, /^VALIDATION_FAILED: This cursor is not a next_cursor that search_catalog gave/, cursor);
    }
  });
});
