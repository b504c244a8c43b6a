/**
 * What an agent's conversation remembers, and the prices it is told, with the real MCP SDK client:
 * an explicitly empty list in `intent` clears what earlier turns said of that kind (absent keeps it);
 * a turn that lets go of the budget in words drops it; every quoted budget names its currency (a 0 max
 * is refused); a price is `estimated` exactly when a configured rate converted it, whatever the market.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { callOk } from './mcpCall.ts';
import { startAffinity, type Running } from './helpers.ts';

const READ = 'read-ingest-key-0123456789';
const ADMIN = 'admin-key-0123456789abcdef';
const SHOP = 'mem-jewel.myshopify.com';
const EURO_SHOP = 'mem-euro.myshopify.com';
const market = (handle: string, country: string, currency: string, exchangeRates?: Record<string, number>) => ({
  handle, countries: [country], currency, language: 'en', cacheTtlSeconds: 60, privacy: 'none',
  priceInclusions: { duties: 'add_at_checkout', taxes: 'included' }, ...(exchangeRates ? { exchangeRates } : {}),
});
const CATALOG = [
  { id: '1', title: 'Silver Hoop Earrings', vendor: 'Lumen', productType: 'Earrings', category: 'Jewelry > Earrings', tags: ['silver'], price: '40.00' },
  { id: '2', title: 'Gold Hoop Earrings', vendor: 'Lumen', productType: 'Earrings', category: 'Jewelry > Earrings', tags: ['gold'], price: '120.00' },
  { id: '3', title: 'Gold Stud Earrings', vendor: 'Aurum', productType: 'Earrings', category: 'Jewelry > Earrings', tags: ['gold'], price: '220.00' },
  { id: '4', title: 'Silver Drop Earrings', vendor: 'Aurum', productType: 'Earrings', category: 'Jewelry > Earrings', tags: ['silver'], price: '45.00' },
];

async function connect(url: string, shop: string): Promise<Client> {
  const client = new Client({ name: 'memory-e2e', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${READ}`, 'x-affinity-shop': shop } } }));
  return client;
}

const recommend = (client: Client, args: Record<string, unknown>): Promise<any> => callOk(client, 'recommend_products', args);

describe('MCP: what a conversation remembers, and the prices it is told', () => {
  let s: Running;
  let dir: string;
  let jewel: Client;
  let euro: Client;
  const titles = (r: any): string[] => r.items.map((i: any) => i.title).sort();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'affinity-mcp-memory-'));
    const file = join(dir, 'markets.json');
    writeFileSync(file, JSON.stringify({ defaultMarket: 'us', markets: [market('us', 'US', 'USD'), market('gb', 'GB', 'GBP', { EUR: 0.85 })] }));
    s = await startAffinity({ AFFINITY_API_KEYS: `*:read+ingest:${READ},*:admin:${ADMIN}`, AFFINITY_MARKETS_FILE: file });
    const admin = { authorization: `Bearer ${ADMIN}` };
    assert.equal((await s.post(`/v1/catalog/products?shop=${SHOP}`, CATALOG, admin)).status, 200);
    assert.equal((await s.post(`/v1/catalog/products?shop=${EURO_SHOP}&currency=EUR`, CATALOG, admin)).status, 200);
    jewel = await connect(`${s.url}/mcp`, SHOP);
    euro = await connect(`${s.url}/mcp`, EURO_SHOP);
  });
  after(async () => {
    await jewel?.close();
    await euro?.close();
    s?.affinity.app.server.closeAllConnections();
    await s?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an empty colours list clears the remembered colour; leaving it out keeps it', async () => {
    const first = await recommend(jewel, { session_id: 'colour', text: 'silver earrings' });
    assert.deepEqual(first.intent.colours, ['silver']);
    const kept = await recommend(jewel, { session_id: 'colour', intent: { type: 'browsing' } });
    assert.deepEqual([kept.intent.colours, titles(kept)], [['silver'], ['Silver Drop Earrings', 'Silver Hoop Earrings']]);
    const cleared = await recommend(jewel, { session_id: 'colour', intent: { colours: [] } });
    assert.deepEqual(cleared.intent.colours, []);
    assert.deepEqual(cleared.intent.categories, ['Jewelry > Earrings'], 'the rest of the conversation holds');
    assert.ok(cleared.items.some((i: any) => i.title.startsWith('Gold')), JSON.stringify(titles(cleared)));
  });

  it('an empty must_not list clears the remembered exclusions', async () => {
    await recommend(jewel, { session_id: 'exclude', text: 'earrings, no gold' });
    const cleared = await recommend(jewel, { session_id: 'exclude', intent: { must_not: [] } });
    assert.deepEqual(cleared.intent.must_not, []);
    assert.ok(cleared.items.some((i: any) => i.title.startsWith('Gold')));
  });

  for (const [said, first] of [
    ['forget the budget', 'earrings under 100'],
    ['any price', 'earrings under 100'],
    ["price doesn't matter", 'earrings under 100'],
    ['olvida el presupuesto', 'pendientes por menos de 100'],
    ['el precio da igual', 'pendientes por menos de 100'],
  ] as const) {
    it(`"${said}" drops the budget of an earlier turn`, async () => {
      const sid = `budget-${said}`;
      assert.equal((await recommend(jewel, { session_id: sid, text: first })).intent.budget?.max, 100);
      const r = await recommend(jewel, { session_id: sid, text: said });
      assert.equal(r.intent.budget, undefined);
      assert.ok(r.items.some((i: any) => i.price.amount > 10000), 'prices above the old budget come back');
    });
  }

  for (const [said, max] of [["I can't forget her birthday", 100], ['price matters a lot to me', 100], ["don't forget it has to be under 50", 50]] as const) {
    it(`"${said}" leaves the budget at ${max}`, async () => {
      const sid = `keep-${said}`;
      await recommend(jewel, { session_id: sid, text: 'earrings under 100' });
      assert.equal((await recommend(jewel, { session_id: sid, text: said })).intent.budget?.max, max);
    });
  }

  it('quotes every budget with its currency, and refuses a 0 max', async () => {
    const r = (await jewel.callTool({ name: 'recommend_products', arguments: { session_id: 'zero', intent: { budget: { max: 0 } } } })) as CallToolResult;
    assert.equal(r.isError, true);
    assert.match(JSON.stringify(r.content), /max must be above 0/);
    const us = await recommend(jewel, { session_id: 'quoted', text: 'earrings', intent: { budget: { max: 30 } }, market: { country: 'US' } });
    assert.match(us.constraints.reason, /\(earrings, up to 30 USD\)/);
    const plain = await recommend(jewel, { session_id: 'quoted-plain', text: 'earrings', intent: { budget: { max: 30 } } });
    // No market named: held against each price in its own currency, which this shop's products share.
    assert.match(plain.constraints.reason, /\(earrings, up to 30 USD\)/);
    const explained = (await jewel.callTool({ name: 'explain_recommendation', arguments: { session_id: 'quoted-explain', product_id: '1', intent: { budget: { max: 30 } } } })) as CallToolResult;
    const check = (explained.structuredContent as any).intent_checks.find((c: any) => c.kind === 'budget');
    assert.deepEqual(check, { kind: 'budget', term: 'up to 30 USD', ok: false, detail: 'Outside the budget (up to 30 USD)' });
  });

  it('marks a price estimated exactly when a configured rate converted it, whatever the market', async () => {
    const us = await recommend(euro, { session_id: 'us', text: 'earrings', market: { country: 'US' } });
    const jpy = await recommend(euro, { session_id: 'jpy', text: 'earrings', market: { currency: 'JPY' } });
    for (const r of [us, jpy]) {
      for (const i of r.items) {
        assert.equal(i.price.currency, 'EUR');
        assert.equal(i.price.estimated, undefined, JSON.stringify(i.price));
        assert.doesNotMatch(i.price.formatted, /≈/);
      }
    }
    assert.ok(us.notes.some((n: string) => /could not be converted to USD: they are the shop's own prices in EUR, not estimates/.test(n)), JSON.stringify(us.notes));
    assert.ok(jpy.notes.some((n: string) => /could not be converted to JPY/.test(n)), JSON.stringify(jpy.notes));
    // A country whose market prices in another currency than the one asked: the note says which market, not that none prices in it.
    const usInYen = await recommend(euro, { session_id: 'us-jpy', text: 'earrings', market: { country: 'US', currency: 'JPY' } });
    assert.ok(usInYen.notes.some((n: string) => /the us market, which US belongs to, prices in USD, not JPY/.test(n)), JSON.stringify(usInYen.notes));
    const gb = await recommend(euro, { session_id: 'gb', text: 'earrings', market: { country: 'GB' } });
    for (const i of gb.items) assert.deepEqual([i.price.currency, i.price.estimated, i.price.formatted.startsWith('≈ ')], ['GBP', true, true]);
  });
});
