/**
 * What a shopper asked for, held end to end (docs/personalization.md, "Hard constraints"): Spanish
 * colour and metal words, leather families, budgets in another currency converted with the market's
 * rates and marked estimated, and an honest `constraints` answer when the shop has nothing that fits —
 * through the real HTTP API and the MCP SDK's own client.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startAffinity, type Running } from './helpers.ts';
import { loadWordList } from '../../src/adapters/intent/wordList.ts';

/** A USD shop: jewellery in silver and gold, shoes in leather and suede, formal wear. No running shoes. */
const CATALOG = [
  { id: '1', title: 'Sterling Silver Chain Necklace', vendor: 'Argenta', productType: 'Necklaces', category: 'Jewelry > Necklaces', tags: ['silver', 'women'], price: '45.00' },
  { id: '2', title: 'Silver Bar Pendant Necklace', vendor: 'Argenta', productType: 'Necklaces', category: 'Jewelry > Necklaces', tags: ['women'], price: '70.00' },
  { id: '3', title: 'Gold Choker', vendor: 'Aurum', productType: 'Necklaces', category: 'Jewelry > Necklaces', tags: ['gold', 'women'], price: '40.00' },
  { id: '4', title: 'Gold Rope Choker', vendor: 'Aurum', productType: 'Necklaces', category: 'Jewelry > Necklaces', tags: ['gold'], price: '52.00' },
  { id: '5', title: 'Silver Hoop Earrings', vendor: 'Argenta', productType: 'Earrings', category: 'Jewelry > Earrings', tags: ['silver'], price: '30.00' },
  { id: '6', title: 'Classic Black Tuxedo', vendor: 'Sartor', productType: 'Suits', category: 'Apparel > Formal Wear > Tuxedos', tags: ['formal', 'men'], price: '399.00' },
  { id: '7', title: 'Suede Chelsea Boot', vendor: 'Cobbler', productType: 'Boots', category: 'Shoes > Boots', tags: ['suede', 'men'], price: '160.00' },
  { id: '8', title: 'Nubuck Desert Boot', vendor: 'Cobbler', productType: 'Boots', category: 'Shoes > Boots', tags: ['men'], price: '140.00' },
  { id: '9', title: 'Canvas Rain Boot', vendor: 'Puddle', productType: 'Boots', category: 'Shoes > Boots', tags: ['rubber', 'waterproof'], price: '60.00' },
  { id: '10', title: 'Leather Oxford Shoe', vendor: 'Cobbler', productType: 'Dress Shoes', category: 'Shoes > Dress Shoes', tags: ['leather', 'formal'], price: '180.00' },
];

/** The US market with configured rates (USD per unit): 1 EUR = 1.10 USD, 1 MXN = 0.05 USD. */
const MARKETS = {
  defaultMarket: 'us',
  markets: [
    { handle: 'us', name: 'United States', countries: ['US'], currency: 'USD', language: 'en-US', cacheTtlSeconds: 60, privacy: 'none', priceInclusions: { duties: 'add_at_checkout', taxes: 'add_at_checkout' }, exchangeRates: { EUR: 1.1, MXN: 0.05 } },
    { handle: 'mx', name: 'Mexico', countries: ['MX'], currency: 'MXN', language: 'es-MX', cacheTtlSeconds: 60, privacy: 'none', priceInclusions: { duties: 'add_at_checkout', taxes: 'included' } },
  ],
};

const ids = (body: any): string[] => body.items.map((i: any) => i.productId);

describe('constraints end to end', () => {
  let s: Running;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'affinity-constraints-'));
    const file = join(dir, 'markets.json');
    writeFileSync(file, JSON.stringify(MARKETS));
    s = await startAffinity({ AFFINITY_MARKETS_FILE: file });
    // What `affinity serve` reads at start (typing slips are corrected once the word lists are read).
    await loadWordList();
    assert.equal((await s.post('/v1/catalog/products?currency=USD', CATALOG)).status, 200);
  });
  after(async () => {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const recommend = (body: Record<string, unknown>) => s.post('/v1/recommendations', { userId: 'u1', limit: 5, market: 'US', ...body });

  it('“collar de plata” gives silver and no gold chokers', async () => {
    const r = await recommend({ text: 'collar de plata' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body.intent.entities.colours, ['silver']);
    assert.deepEqual(ids(r.body).sort(), ['1', '2'], 'the two silver necklaces, nothing else');
    assert.deepEqual(r.body.constraints, { satisfied: true });
    const en = await recommend({ text: 'a golden necklace' });
    assert.deepEqual(ids(en.body).sort(), ['3', '4']);
  });

  it('a typing slip is read as the word meant ("neckalce", "wfie", "earings"); the shop\'s brand is not corrected', async () => {
    const r = await recommend({ text: 'a silver neckalce for my wfie' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body.intent.entities.categories, ['Jewelry > Necklaces']);
    assert.equal(r.body.intent.entities.recipient, 'wife');
    assert.deepEqual(ids(r.body).sort(), ['1', '2']);
    const intent = await s.post('/v1/intent', { text: 'braclet or earings from Argenta' });
    assert.ok(intent.body.entities.categories.includes('Jewelry > Earrings'), JSON.stringify(intent.body.entities));
    assert.deepEqual(intent.body.entities.brands, ['Argenta']);
  });

  it('“no leather” and “sin piel” leave out suede and nubuck too', async () => {
    for (const text of ['boots, no leather', 'botas sin piel', 'botas que no sean de cuero']) {
      const r = await recommend({ text });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(r.body.intent.entities.rejections, [{ kind: 'material', value: 'leather' }], text);
      assert.deepEqual(ids(r.body), ['9'], `${text}: only the canvas boot`);
    }
  });

  it('converts a budget in euros or pesos with the market’s rates and marks it estimated', async () => {
    const eur = await recommend({ text: 'a necklace under 50 euros' });
    assert.equal(eur.status, 200, JSON.stringify(eur.body));
    assert.deepEqual(eur.body.intent.entities.budget, { max: 55, currency: 'USD', text: 'under 50 euros', estimated: true, stated: { max: 50, currency: 'EUR' }, rate: 1.1 });
    assert.deepEqual(ids(eur.body).sort(), ['1', '3', '4'], '45, 40 and 52 USD are within 55 USD; 70 is not');
    const mxn = await recommend({ text: 'un collar por menos de 1000 pesos' });
    assert.equal(mxn.body.intent.entities.budget.max, 50);
    assert.equal(mxn.body.intent.entities.budget.estimated, true);
    assert.deepEqual(ids(mxn.body).sort(), ['1', '3']);
  });

  it('does not call a budget satisfied when no rate lets it be checked, and says so', async () => {
    // The market has rates for EUR and MXN only: pounds cannot be compared with dollar prices.
    const r = await recommend({ text: 'a necklace under 40 pounds' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.intent.entities.budget.currency, 'GBP');
    assert.equal(r.body.constraints.satisfied, false);
    assert.deepEqual(r.body.constraints.unchecked, ['budget']);
    assert.match(r.body.constraints.reason, /priced in USD and no exchange rate to GBP is known, so (it was|they were) not checked against the budget/);
    assert.ok(r.body.items.length > 0 && r.body.items.every((i: any) => i.reasons.some((x: any) => x.code === 'budget_currency_unknown')));
  });

  it('says so when the shop has no running shoes, instead of presenting other products as matches', async () => {
    const r = await recommend({ text: 'I need running shoes' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body.intent.entities.categories, ['running shoes']);
    assert.equal(r.body.constraints.satisfied, false);
    assert.deepEqual(r.body.constraints.relaxed, ['category']);
    assert.match(r.body.constraints.reason, /running shoes/);
    for (const item of r.body.items) assert.ok(!item.reasons.some((x: any) => x.source === 'intent' && x.field === 'category'), 'nothing claims to match');
    // A budget relaxes before the category: boots over the budget, not something else within it.
    const boots = await recommend({ text: 'boots under $20' });
    assert.deepEqual(boots.body.constraints.relaxed, ['budget']);
    assert.ok(ids(boots.body).every((id) => ['7', '8', '9'].includes(id)), `boots: ${ids(boots.body)}`);
    assert.match(boots.body.constraints.reason, /outside the budget/);
  });

  it('MCP: recommend_products and search_catalog carry the constraints and their reason', async () => {
    const client = new Client({ name: 'constraints-e2e', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${s.url}/mcp`)));
    try {
      const call = async (name: string, args: Record<string, unknown>) => {
        const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
        assert.ok(!r.isError, JSON.stringify(r.content));
        return { structured: r.structuredContent as any, text: (r.content[0] as { text: string }).text };
      };
      const rec = await call('recommend_products', { user_id: 'u2', text: 'running shoes please', limit: 3 });
      assert.equal(rec.structured.constraints.satisfied, false);
      assert.deepEqual(rec.structured.constraints.relaxed, ['category']);
      assert.ok(rec.structured.notes.includes(rec.structured.constraints.reason), 'the reason is among the notes');
      assert.match(rec.text, /not running shoes/);
      const ok = await call('recommend_products', { user_id: 'u2', text: 'collar de plata', limit: 3 });
      assert.deepEqual(ok.structured.constraints, { satisfied: true });
      assert.deepEqual(ok.structured.items.map((i: any) => i.product_id).sort(), ['1', '2']);
      const euro = await call('recommend_products', { user_id: 'u2', text: 'a necklace under 50 euros', market: { country: 'US' }, limit: 5 });
      assert.deepEqual(euro.structured.intent.budget, { max: 55, currency: 'USD', estimated: true, stated: { max: 50, currency: 'EUR' } });
      const pounds = await call('recommend_products', { user_id: 'u2', text: 'a necklace under 40 pounds', market: { country: 'US' }, limit: 5 });
      assert.deepEqual(pounds.structured.constraints.unchecked, ['budget']);
      assert.ok(pounds.structured.notes.includes(pounds.structured.constraints.reason), 'the reason is among the notes');
      // The outcome speaks of the items shown, not of the longer list the tool ranked them from.
      const one = await call('recommend_products', { user_id: 'u2', text: 'a necklace under 40 pounds', market: { country: 'US' }, limit: 1 });
      assert.equal(one.structured.items.length, 1);
      assert.match(one.structured.constraints.reason, /^This product is priced in USD .* so it was not checked against the budget \(up to 40 GBP\)\.$/);

      const search = await call('search_catalog', { query: 'running shoes', limit: 5 });
      assert.equal(search.structured.constraints.satisfied, false);
      assert.deepEqual(search.structured.constraints.relaxed, ['category']);
      assert.match(search.text, /Note: .*running shoes/);
      const silver = await call('search_catalog', { query: 'silver necklace', limit: 5 });
      assert.deepEqual(silver.structured.constraints, { satisfied: true });
      assert.deepEqual(silver.structured.items.map((i: any) => i.product_id).sort(), ['1', '2'], 'no gold chokers');
    } finally {
      await client.close();
    }
  });
});
