/**
 * Markets end to end: a Shopify CSV export with per-market columns; products not sold in a market are
 * never recommended there (plain or conversational requests), and prices come from the market's column.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startAffinity, type Running } from './helpers.ts';

const CSV = [
  'Title,URL handle,Vendor,Type,Tags,Published on online store,Status,SKU,Option1 name,Option1 value,Price,Inventory tracker,Inventory quantity,Continue selling when out of stock,Price / EU,Included / EU',
  'Ridge Hiking Boot,ridge-boot,Alpina,Hiking Boots,hiking,TRUE,active,RB-1,Title,Default Title,149.00,,,,139.00,TRUE',
  'Summit Hiking Boot,summit-boot,Alpina,Hiking Boots,hiking,TRUE,active,SB-1,Title,Default Title,179.00,,,,,FALSE',
  'Trail Hiking Boot,trail-boot,Campco,Hiking Boots,hiking,TRUE,active,TB-1,Title,Default Title,99.00,,,,95.00,TRUE',
].join('\n');

describe('markets end to end', () => {
  let s: Running;
  before(async () => {
    s = await startAffinity();
    const res = await fetch(`${s.url}/v1/catalog/products`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: CSV });
    assert.equal(res.status, 200, await res.text());
  });
  after(async () => s.stop());

  for (const body of [{ market: 'eu', limit: 10 }, { market: 'eu', text: 'hiking boots please', limit: 10 }]) {
    it(`leaves out products not sold in the market (${body.text ? 'conversational' : 'plain'})`, async () => {
      const r = await s.post('/v1/recommendations', body);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const ids = r.body.items.map((i: { productId: string }) => i.productId);
      assert.ok(ids.includes('ridge-boot') && ids.includes('trail-boot'), JSON.stringify(ids));
      assert.ok(!ids.includes('summit-boot'), 'summit-boot is not sold in the EU');
      const ridge = r.body.items.find((i: { productId: string }) => i.productId === 'ridge-boot');
      assert.equal(ridge.price.currency, 'EUR');
      assert.equal(ridge.price.amount, 13900);
      assert.equal(ridge.price.estimated, false);
    });
  }

  it('still recommends it in the market where it is sold', async () => {
    const r = await s.post('/v1/recommendations', { market: 'us', text: 'hiking boots', limit: 10 });
    assert.ok(r.body.items.some((i: { productId: string }) => i.productId === 'summit-boot'));
  });
});
