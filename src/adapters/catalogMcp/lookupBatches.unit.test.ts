import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LOOKUP_BATCH, chunks, correlate, mapBounded, requestOrder, schemaTakesHandles, shopLookupId } from './lookupBatches.ts';

describe('lookup batches', () => {
  it('splits at Shopify Storefront Catalog\'s limit of 10 ids', () => {
    assert.equal(LOOKUP_BATCH, 10);
    assert.deepEqual(chunks([...'abcdefghijkl'], LOOKUP_BATCH).map((c) => c.length), [10, 2]);
  });

  it('sends GIDs as they are, numbers as Product GIDs, handles only where the shop takes them', () => {
    assert.equal(shopLookupId('gid://shopify/ProductVariant/7', false), 'gid://shopify/ProductVariant/7');
    assert.equal(shopLookupId('123', false), 'gid://shopify/Product/123');
    assert.equal(shopLookupId('ocean-blue-shirt', false), undefined);
    assert.equal(shopLookupId('ocean-blue-shirt', true), 'ocean-blue-shirt');
  });

  it('runs at most `limit` at once, keeps order, and starts nothing after a failure', async () => {
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const out = await mapBounded([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      started.push(n);
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      running--;
      return n * 10;
    });
    assert.deepEqual(out, [10, 20, 30, 40, 50, 60, 70]);
    assert.equal(peak, 3);
    started.length = 0;
    await assert.rejects(mapBounded([1, 2, 3, 4, 5], 1, async (n) => (started.push(n), n === 2 ? Promise.reject(new Error('x')) : n)), /x/);
    assert.deepEqual(started, [1, 2]);
  });

  it('reads inputs: drops uncorrelated variants and puts products back in request order', () => {
    const raw = [
      { id: 'gid://shopify/Product/2', variants: [{ id: 'gid://shopify/ProductVariant/21', inputs: [{ id: 'gid://shopify/ProductVariant/21', match: 'exact' }] }, { id: 'gid://shopify/ProductVariant/22' }] },
      { id: 'gid://shopify/Product/1', variants: [{ id: 'gid://shopify/ProductVariant/11', inputs: [{ id: 'gid://shopify/Product/1', match: 'featured' }] }] },
    ];
    const c = correlate(raw);
    assert.deepEqual((c.products[0] as { variants: unknown[] }).variants.length, 1);
    assert.deepEqual([...c.found], [['gid://shopify/ProductVariant/21', '2'], ['gid://shopify/Product/1', '1']]);
    assert.deepEqual(requestOrder(['gid://shopify/Product/1', 'gid://shopify/ProductVariant/21'], c.found, ['2', '1', '9']), ['1', '2', '9']);
    // A shop that correlates nothing keeps its variants.
    assert.deepEqual(correlate([{ id: 'gid://shopify/Product/3', variants: [{ id: 'a' }, { id: 'b' }] }]).products, [{ id: 'gid://shopify/Product/3', variants: [{ id: 'a' }, { id: 'b' }] }]);
  });

  it('learns handle support from the lookup_catalog input schema', () => {
    const schema = (description: string) => ({ properties: { catalog: { properties: { ids: { type: 'array', description } } } } });
    assert.equal(schemaTakesHandles(schema('Product GIDs, variant GIDs or product handles')), true);
    assert.equal(schemaTakesHandles(schema('Product GIDs or variant GIDs')), false);
    assert.equal(schemaTakesHandles(undefined), false);
  });
});
