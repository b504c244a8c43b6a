/**
 * A shopper naming a product by its title gets it first: "the classic varsity top" in a shop whose CSV
 * has no product types, "a vanilla candle" among candles. Real HTTP, a CSV import.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startAffinity, type Running } from './helpers.ts';

const HEAD = 'Title,URL handle,Vendor,Type,Tags,Published on online store,Status,SKU,Option1 name,Option1 value,Price';
const CSV = [
  HEAD,
  'Classic Varsity Top,classic-varsity-top,Partners,,,TRUE,active,V1,Title,Default Title,60.00',
  'Classic Leather Jacket,classic-leather-jacket,Partners,,,TRUE,active,J1,Title,Default Title,80.00',
  'Dark Denim Top,dark-denim-top,Partners,,,TRUE,active,D1,Title,Default Title,60.00',
  'Floral White Top,floral-white-top,Partners,,,TRUE,active,F1,Title,Default Title,75.00',
  'Vanilla candle,vanilla-candle,Partners,Candles,,TRUE,active,C1,Title,Default Title,20.00',
  'Rose candle,rose-candle,Partners,Candles,,TRUE,active,C2,Title,Default Title,20.00',
].join('\n');

describe('products named by their titles', () => {
  let s: Running;
  before(async () => {
    s = await startAffinity({});
    const imp = await s.post('/v1/catalog/products?currency=USD', CSV, { 'content-type': 'text/csv' });
    assert.equal(imp.status, 200, JSON.stringify(imp.body));
  });
  after(async () => s.stop());

  const ask = async (text: string) => {
    const r = await s.post('/v1/recommendations', { userId: 'new-shopper', text, limit: 3 });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const b = r.body as { items: { productId: string; reasons: { source: string }[] }[]; intent: { entities: { terms?: string[] } } };
    return { ids: b.items.map((i) => i.productId), terms: b.intent.entities.terms, first: b.items[0] };
  };

  it('puts the product the shopper names first, with the words quoted as the reason', async () => {
    // A message with nothing to match first: its answers must not stand for the next one's (nor the other way round).
    const before = await ask('hello there');
    const top = await ask('do you have the classic varsity top?');
    assert.equal(top.ids[0], 'classic-varsity-top');
    // "top" is the kind asked for (a family of garments), not a title word.
    assert.deepEqual(top.terms, ['classic', 'varsity']);
    assert.equal(top.first?.reasons[0]?.source, 'intent');
    assert.ok(before.ids.length > 0);
    const candle = await ask('a vanilla candle please');
    assert.equal(candle.ids[0], 'vanilla-candle');
    assert.deepEqual(candle.terms, ['vanilla']);
  });

  it('reads no terms from conversation alone', async () => {
    const chat = await ask('hi, what can you show me today?');
    assert.equal(chat.terms, undefined);
  });

  it("does not let one shopper's terms order another's answer", async () => {
    const plain = await ask('good evening');
    await ask('do you have the classic varsity top?');
    const again = await ask('good evening');
    assert.deepEqual(again.ids, plain.ids);
  });
});
