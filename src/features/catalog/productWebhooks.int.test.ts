import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { isAvailable } from '../../core/catalog/product.ts';
import { SqliteStore } from '../../adapters/sqlite/sqliteStore.ts';
import { CatalogRegistry } from './catalogRegistry.ts';
import { importCatalog } from './importCatalog.ts';
import { PRODUCT_WEBHOOK_TOPICS, applyProductWebhook, isProductWebhookTopic } from './productWebhooks.ts';

const SHOP = 'hooks.myshopify.com';

/** A REST Admin `products/update` payload (the fields Shopify sends that the catalog reads). */
function payload(over: Record<string, unknown> = {}, variant: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 632910392,
    title: 'IPod Nano - 8GB',
    body_html: '<p>It\'s the small <b>iPod</b>.</p>',
    vendor: 'Apple',
    product_type: 'Cult Products',
    created_at: '2024-01-02T10:00:00-05:00',
    handle: 'ipod-nano',
    updated_at: '2024-03-01T10:00:00-05:00',
    published_at: '2024-01-02T10:00:00-05:00',
    status: 'active',
    tags: 'Emotive, Flash Memory, MP3',
    options: [{ name: 'Color', position: 1, values: ['Pink', 'Red'] }],
    variants: [
      { id: 808950810, product_id: 632910392, title: 'Pink', price: '199.00', compare_at_price: '249.00', sku: 'IPOD2008PINK', option1: 'Pink', inventory_management: 'shopify', inventory_policy: 'deny', inventory_quantity: 10, ...variant },
      { id: 49148385, product_id: 632910392, title: 'Red', price: '199.00', sku: 'IPOD2008RED', option1: 'Red', inventory_management: 'shopify', inventory_policy: 'deny', inventory_quantity: 0 },
    ],
    images: [{ id: 850703190, src: 'https://cdn.shopify.com/s/files/1/0006/9093/3842/products/ipod-nano.png' }],
    ...over,
  };
}

describe('product webhooks applied to the catalog', () => {
  const dir = mkdtempSync(join(tmpdir(), 'affinity-hooks-'));
  let store: SqliteStore;
  let catalogs: CatalogRegistry;
  let other: CatalogRegistry;
  let otherStore: SqliteStore;
  before(async () => {
    store = new SqliteStore({ path: join(dir, 'a.db'), profileTtlMs: 86_400_000 });
    catalogs = new CatalogRegistry(store, { warm: false });
    // A second process on the same file.
    otherStore = new SqliteStore({ path: join(dir, 'a.db'), profileTtlMs: 86_400_000 });
    other = new CatalogRegistry(otherStore, { warm: false });
    await importCatalog(catalogs, SHOP, [{ id: '1', title: 'Something', price: '5.00', currency: 'EUR' }], { currency: 'EUR' });
  });
  after(async () => {
    await store.close();
    await otherStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A delivery applied, then this process's index caught up with it (see the test of batching below). */
  const applied = async (...args: Parameters<typeof applyProductWebhook> extends [unknown, unknown, ...infer R] ? R : never) => {
    const out = await applyProductWebhook(catalogs, SHOP, ...args);
    await catalogs.settled(SHOP);
    return out;
  };

  it('names the topics it handles', () => {
    assert.deepEqual([...PRODUCT_WEBHOOK_TOPICS], ['products/create', 'products/update', 'products/delete']);
    assert.ok(isProductWebhookTopic('products/delete'));
    for (const t of ['customers/redact', 'product/update', 'products/delete ', 'collections/update', undefined]) assert.ok(!isProductWebhookTopic(t));
  });

  it('creates the product from a REST payload, in the catalog’s currency, stamped with its updated_at', async () => {
    const r = await applied('products/create', payload());
    assert.deepEqual(r, { topic: 'products/create', outcome: 'written', id: '632910392', numericId: '632910392' });
    const p = catalogs.get(SHOP).index.get('632910392');
    assert.ok(p);
    assert.equal(p.handle, 'ipod-nano');
    assert.equal(p.description, "It's the small iPod.");
    assert.deepEqual(p.tags, ['Emotive', 'Flash Memory', 'MP3']);
    assert.deepEqual(p.variants.map((v) => [v.id, v.price.amount, v.price.currency, v.available, v.options.color, v.compareAtPrice?.amount]), [
      ['808950810', 19900, 'EUR', true, 'Pink', 24900],
      ['49148385', 19900, 'EUR', false, 'Red', undefined],
    ]);
    assert.equal(p.updatedAt, '2024-03-01T15:00:00.000Z');
    assert.ok(isAvailable(p));
    await other.refresh();
    assert.ok(other.get(SHOP).index.get('632910392'), 'the other process sees it after its refresh');
  });

  it('an update older than the one held changes nothing; a newer one wins', async () => {
    const old = await applied('products/update', payload({ title: 'Old title', updated_at: '2024-03-01T09:59:59-05:00' }));
    assert.equal(old.outcome, 'stale');
    assert.equal(catalogs.get(SHOP).index.get('632910392')?.title, 'IPod Nano - 8GB');
    const fresh = await applied('products/update', payload({ title: 'New title', updated_at: '2024-03-02T00:00:00Z' }));
    assert.equal(fresh.outcome, 'written');
    assert.equal(catalogs.get(SHOP).index.get('632910392')?.title, 'New title');
  });

  it('a product set to draft or archived, or sold out, stays but is no longer recommendable', async () => {
    for (const [i, over, variant] of [
      [1, { status: 'draft' }, {}],
      [2, { status: 'archived' }, {}],
      [3, { published_at: null }, {}],
      [4, {}, { inventory_quantity: 0 }],
    ] as const) {
      const r = await applied('products/update', payload({ title: 'New title', ...over, updated_at: `2024-03-0${2 + i}T00:00:00Z` }, variant));
      assert.equal(r.outcome, 'written');
      const p = catalogs.get(SHOP).index.get('632910392');
      assert.ok(p && !isAvailable(p), JSON.stringify(over));
    }
    // Back to active, in stock, sells when out of stock.
    await applied('products/update', payload({ updated_at: '2024-03-09T00:00:00Z' }, { inventory_quantity: 0, inventory_policy: 'continue' }));
    assert.ok(isAvailable(catalogs.get(SHOP).index.get('632910392')!));
  });

  it('products/delete removes it on every process, and an update delivered late does not bring it back', async () => {
    const del = await applied('products/delete', { id: 632910392 }, { at: '2024-03-10T00:00:00Z' });
    assert.deepEqual(del, { topic: 'products/delete', outcome: 'removed', id: '632910392', numericId: '632910392' });
    assert.equal(catalogs.get(SHOP).index.get('632910392'), undefined);
    await other.refresh();
    assert.equal(other.get(SHOP).index.get('632910392'), undefined);
    const late = await applied('products/update', payload({ updated_at: '2024-03-09T12:00:00Z' }));
    assert.equal(late.outcome, 'stale');
    assert.equal(catalogs.get(SHOP).index.get('632910392'), undefined);
    const again = await applied('products/delete', { id: 632910392 }, { at: '2024-03-10T00:00:01Z' });
    assert.equal(again.outcome, 'stale', 'a redelivered deletion');
  });

  it('finds a CSV-imported product by handle, keeps its id, learns its numeric id, and a later delete by id removes it', async () => {
    const csv = 'Handle,Title,Variant Price,Status,Published\nlinen-shirt,Linen Shirt,40.00,active,true\n';
    await importCatalog(catalogs, SHOP, csv, { format: 'csv', currency: 'EUR' });
    const r = await applied('products/update', payload({ id: 7001, handle: 'linen-shirt', title: 'Linen Shirt (new)', updated_at: '2024-04-01T00:00:00Z' }));
    assert.equal(r.outcome, 'written');
    assert.equal(r.id, 'linen-shirt');
    assert.equal(catalogs.get(SHOP).index.get('7001'), undefined, 'no second product under the numeric id');
    assert.equal(catalogs.get(SHOP).index.get('linen-shirt')?.title, 'Linen Shirt (new)');
    const del = await applied('products/delete', { id: 7001 });
    assert.equal(del.outcome, 'removed');
    assert.equal(del.id, 'linen-shirt');
    assert.equal(catalogs.get(SHOP).index.get('linen-shirt'), undefined);
  });

  it('a burst of deliveries is written to the store at once and reaches the index in one rebuild', async () => {
    // Timers under the test's control: nothing is rebuilt until the clock moves.
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const before = catalogs.get(SHOP).index;
      const ids = Array.from({ length: 20 }, (_, i) => 9001 + i);
      for (const id of ids) {
        const r = await applyProductWebhook(catalogs, SHOP, 'products/create', payload({ id, handle: `bulk-${id}`, title: `Bulk ${id}`, updated_at: '2024-05-01T00:00:00Z' }));
        assert.equal(r.outcome, 'written');
      }
      assert.equal(catalogs.get(SHOP).index, before, 'the index is not rebuilt for each delivery');
      await other.refresh();
      assert.deepEqual(ids.filter((id) => !other.get(SHOP).index.has(String(id))), [], 'the store holds every delivery when it is answered');
      const settled = catalogs.settled(SHOP);
      mock.timers.tick(1_000);
      await settled;
      const after = catalogs.get(SHOP).index;
      assert.notEqual(after, before);
      assert.deepEqual(ids.filter((id) => !after.has(String(id))), []);
      assert.equal(after.size, before.size + ids.length);
    } finally {
      mock.timers.reset();
    }
  });

  it('an import made while deliveries wait for the index keeps them, and another process’s import is not lost', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      await applyProductWebhook(catalogs, SHOP, 'products/create', payload({ id: 9101, handle: 'waiting', title: 'Waiting', updated_at: '2024-05-02T00:00:00Z' }));
      await importCatalog(catalogs, SHOP, [{ id: 'imported-now', title: 'Imported now', price: '5.00', currency: 'EUR' }], { currency: 'EUR' });
      assert.ok(catalogs.get(SHOP).index.has('imported-now'));
      assert.ok(catalogs.get(SHOP).index.has('9101'), 'the import did not drop the delivery waiting for the index');
      // Another process imports, then a delivery comes here (which reads the other's change first).
      await importCatalog(other, SHOP, [{ id: 'from-elsewhere', title: 'From elsewhere', price: '6.00', currency: 'EUR' }], { currency: 'EUR' });
      await applyProductWebhook(catalogs, SHOP, 'products/create', payload({ id: 9102, handle: 'after-elsewhere', title: 'After elsewhere', updated_at: '2024-05-02T00:00:00Z' }));
      const settled = catalogs.settled(SHOP);
      mock.timers.tick(1_000);
      await settled;
      for (const id of ['imported-now', '9101', 'from-elsewhere', '9102']) assert.ok(catalogs.get(SHOP).index.has(id), id);
    } finally {
      mock.timers.reset();
    }
  });

  it('decides on what the store holds, not on an index that has not caught up yet', async () => {
    const csv = 'Handle,Title,Variant Price,Status,Published\nwool-hat,Wool Hat,30.00,active,true\n';
    await importCatalog(catalogs, SHOP, csv, { format: 'csv', currency: 'EUR' });
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const hat = (over: Record<string, unknown>) => payload({ id: 7100, handle: 'wool-hat', title: 'Wool Hat', ...over });
      assert.equal((await applyProductWebhook(catalogs, SHOP, 'products/update', hat({ updated_at: '2024-06-01T00:00:00Z' }))).id, 'wool-hat');
      assert.equal((await applyProductWebhook(catalogs, SHOP, 'products/delete', { id: 7100 }, { at: '2024-06-02T00:00:00Z' })).outcome, 'removed');
      // Both still wait for the index; the product is gone all the same, so a change after the deletion
      // creates it under its Shopify id (the CSV's handle went with it), and an older one stays out.
      assert.equal((await applyProductWebhook(catalogs, SHOP, 'products/update', hat({ updated_at: '2024-06-01T12:00:00Z' }))).outcome, 'stale');
      const again = await applyProductWebhook(catalogs, SHOP, 'products/update', hat({ title: 'Wool Hat (again)', updated_at: '2024-06-03T00:00:00Z' }));
      assert.deepEqual([again.outcome, again.id], ['written', '7100']);
      const settled = catalogs.settled(SHOP);
      mock.timers.tick(1_000);
      await settled;
      assert.equal(catalogs.get(SHOP).index.get('wool-hat'), undefined);
      assert.equal(catalogs.get(SHOP).index.get('7100')?.title, 'Wool Hat (again)');
    } finally {
      mock.timers.reset();
    }
  });

  it('with another process writing too, a delivery does not wait for a reload, and the index catches up', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      // The other process answers a delivery: this one's catalog is behind the store now.
      await applyProductWebhook(other, SHOP, 'products/create', payload({ id: 9201, handle: 'from-the-other', title: 'From the other', updated_at: '2024-07-01T00:00:00Z' }));
      const before = catalogs.get(SHOP).index;
      const here = await applyProductWebhook(catalogs, SHOP, 'products/create', payload({ id: 9202, handle: 'from-here', title: 'From here', updated_at: '2024-07-01T00:00:00Z' }));
      assert.equal(here.outcome, 'written');
      assert.equal(catalogs.get(SHOP).index, before, 'answered without reading the catalog again');
      const settled = catalogs.settled(SHOP);
      mock.timers.tick(1_000);
      await settled;
      for (const id of ['9201', '9202']) assert.ok(catalogs.get(SHOP).index.has(id), id);
    } finally {
      mock.timers.reset();
    }
  });

  it('two changes of one product in one call: the index holds the one the store kept', async () => {
    const product = (title: string, at: string) => ({ id: '9301', stamp: at, product: { ...catalogs.get(SHOP).index.all()[0]!, id: '9301', handle: 'twice', title } });
    await catalogs.applyStamped(SHOP, [product('newer', '2024-08-02T00:00:00.000Z'), product('older', '2024-08-01T00:00:00.000Z')]);
    assert.notEqual(catalogs.current(SHOP, '9301')?.title, 'older', 'the change the store dropped is never shown');
    await catalogs.settled(SHOP);
    assert.equal((await store.listProducts(SHOP)).find((p) => p.id === '9301')?.title, 'newer');
    assert.equal(catalogs.get(SHOP).index.get('9301')?.title, 'newer');
    assert.equal(catalogs.current(SHOP, '9301')?.title, 'newer');
  });

  it('ignores what it cannot read, and changes nothing', async () => {
    const size = catalogs.get(SHOP).index.size;
    for (const bad of [{}, { id: 'abc' }, null, { id: 55, title: '' }, { id: 56, title: 'No variants', variants: [] }, { id: 57, title: 'Bad price', variants: [{ id: 1, price: 'free' }] }]) {
      const r = await applied('products/update', bad);
      assert.equal(r.outcome, 'ignored', JSON.stringify(bad));
      assert.ok(r.reason);
    }
    assert.equal((await applied('products/delete', { nope: 1 })).outcome, 'ignored');
    assert.equal(catalogs.get(SHOP).index.size, size);
  });
});
