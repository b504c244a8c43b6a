/**
 * A real-shaped Shopify shop, as a developer following the README sets it up: the catalog is the
 * admin's product CSV export (products named by handle, no numeric id), the pixel sends Shopify's
 * numeric product and variant ids with `product.url` = `/products/<handle>`, and the theme asks by
 * numeric id, by handle or (an agent) by GID. Every path must reach the same products: profiles,
 * co-viewed neighbours, purchases and recommendations are built from the pixel's events.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startAffinity, type Running } from './helpers.ts';

/** A Shopify product CSV export (current header dialect, trimmed to the columns that matter). */
const CSV = [
  'Handle,Title,Body (HTML),Vendor,Product Category,Type,Tags,Published on online store,Status,Option1 Name,Option1 Value,SKU,Price,Inventory policy,Image src',
  'gold-chain-necklace,Gold Chain Necklace,<p>14k</p>,Aurum,Apparel & Accessories > Jewelry > Necklaces,Necklace,"gold, chain",TRUE,Active,Title,Default Title,AU-GCN,89.00,deny,https://cdn.example/gcn.jpg',
  'silver-pendant-necklace,Silver Pendant Necklace,<p>925</p>,Argent,Apparel & Accessories > Jewelry > Necklaces,Necklace,"silver, pendant",TRUE,Active,Title,Default Title,AR-SPN,59.00,deny,https://cdn.example/spn.jpg',
  'pearl-choker,Pearl Choker,<p>pearls</p>,Aurum,Apparel & Accessories > Jewelry > Necklaces,Necklace,pearl,TRUE,Active,Title,Default Title,AU-PC,120.00,deny,https://cdn.example/pc.jpg',
  'rose-gold-ring,Rose Gold Ring,<p>ring</p>,Aurum,Apparel & Accessories > Jewelry > Rings,Ring,gold,TRUE,Active,Title,Default Title,AU-RGR,149.00,deny,https://cdn.example/rgr.jpg',
  'canvas-tote,Canvas Tote,<p>bag</p>,Carry,Apparel & Accessories > Handbags > Totes,Bag,canvas,TRUE,Active,Title,Default Title,CA-CT,35.00,deny,https://cdn.example/ct.jpg',
  'trail-runner,Trail Runner,<p>shoe</p>,Stride,Apparel & Accessories > Shoes > Athletic Shoes,Shoes,running,TRUE,Active,Size,42,ST-TR-42,110.00,deny,https://cdn.example/tr.jpg',
  'trail-runner,,,,,,,,,Size,43,ST-TR-43,110.00,deny,',
  'wool-beanie,Wool Beanie,<p>hat</p>,Knit,Apparel & Accessories > Clothing Accessories > Hats,Hat,wool,TRUE,Active,Title,Default Title,KN-WB,25.00,deny,https://cdn.example/wb.jpg',
].join('\n');

/** Shopify's ids for those products (the CSV does not carry them; the pixel does). */
const IDS: Record<string, { product: string; variant: string }> = {
  'gold-chain-necklace': { product: '8001', variant: '45001' },
  'silver-pendant-necklace': { product: '8002', variant: '45002' },
  'pearl-choker': { product: '8003', variant: '45003' },
  'rose-gold-ring': { product: '8004', variant: '45004' },
  'canvas-tote': { product: '8005', variant: '45005' },
  'trail-runner': { product: '8006', variant: '45006' },
  'wool-beanie': { product: '8007', variant: '45007' },
};

const NOW = Date.now();

/** A pixel `product_viewed` exactly as Shopify's Web Pixels API shapes it (numeric ids, URL with the handle). */
function viewed(id: string, clientId: string, handle: string, msAgo: number) {
  const ids = IDS[handle]!;
  return {
    id,
    name: 'product_viewed',
    clientId,
    timestamp: new Date(NOW - msAgo).toISOString(),
    context: { document: { location: { pathname: `/products/${handle}`, href: `https://shop.example/products/${handle}`, search: '' } } },
    data: {
      productVariant: {
        id: ids.variant,
        price: { amount: 59, currencyCode: 'USD' },
        product: { id: ids.product, title: handle, vendor: 'x', type: 'y', untranslatedTitle: handle, url: `/products/${handle}` },
        sku: null,
        title: 'Default Title',
        untranslatedTitle: 'Default Title',
        image: null,
      },
    },
  };
}

/** A `checkout_completed` whose line items name only the variant and product ids (no URL). */
function purchased(id: string, clientId: string, handle: string, msAgo: number) {
  const ids = IDS[handle]!;
  return {
    id,
    name: 'checkout_completed',
    clientId,
    timestamp: new Date(NOW - msAgo).toISOString(),
    data: {
      checkout: {
        currencyCode: 'USD',
        order: { id: `gid://shopify/Order/${id}`, customer: null },
        lineItems: [{ quantity: 1, finalLinePrice: { amount: 59, currencyCode: 'USD' }, variant: { id: ids.variant, price: { amount: 59, currencyCode: 'USD' }, product: { id: ids.product, title: handle } } }],
      },
    },
  };
}

describe('a real Shopify shop: CSV catalog by handle, pixel events by numeric id', () => {
  let s: Running;
  const SHOP = 'jewels.myshopify.com';
  const rec = async (body: Record<string, unknown>) => {
    const r = await s.post('/v1/recommendations', { shop: SHOP, limit: 4, ...body });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body as { productKnown?: boolean; items: { productId: string; numericId?: string; gid?: string; handle?: string; reasons: { source: string }[] }[] };
  };

  before(async () => {
    s = await startAffinity();
    const res = await fetch(`${s.url}/v1/catalog/products?shop=${SHOP}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: CSV });
    assert.equal(res.status, 200, await res.text());
    const events = [];
    // Twenty shoppers look at the gold chain, then the silver pendant; ten others at the runner, then the beanie.
    for (let i = 0; i < 20; i++) events.push(viewed(`n-${i}-a`, `n-${i}`, 'gold-chain-necklace', 600_000), viewed(`n-${i}-b`, `n-${i}`, 'silver-pendant-necklace', 590_000));
    for (let i = 0; i < 10; i++) events.push(viewed(`r-${i}-a`, `r-${i}`, 'trail-runner', 600_000), viewed(`r-${i}-b`, `r-${i}`, 'wool-beanie', 590_000));
    // The shopper of the report: three necklaces, and she bought the pearl choker.
    events.push(viewed('a-1', 'alice', 'gold-chain-necklace', 300_000), viewed('a-2', 'alice', 'pearl-choker', 200_000), viewed('a-3', 'alice', 'silver-pendant-necklace', 100_000));
    events.push(purchased('5550001', 'alice', 'pearl-choker', 50_000));
    const r = await s.post('/v1/events', { shop: SHOP, events });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    await s.affinity.ctx.projector.flush();
  });
  after(async () => {
    await s.stop();
  });

  it("builds the shopper's profile from pixel events: affinities, recent items and purchases speak of catalog products", async () => {
    const p = await s.get(`/v1/users/alice/profile?shop=${SHOP}`);
    assert.equal(p.status, 200, p.text);
    assert.equal(p.body.affinities.productTypes[0].value, 'necklace');
    assert.ok(p.body.affinities.categories.some((c: { value: string }) => c.value === 'necklaces'), p.text);
    assert.deepEqual(
      p.body.recent.map((r: { productId: string }) => r.productId).filter((id: string, i: number, a: string[]) => a.indexOf(id) === i).sort(),
      ['gold-chain-necklace', 'pearl-choker', 'silver-pendant-necklace'],
    );
    assert.ok(p.body.recent.every((r: { title?: string }) => r.title), 'every recent item is a catalog product with a title');
    assert.deepEqual(p.body.purchased, ['pearl-choker'], 'the checkout line (variant and numeric id, no URL) resolved through the learned link');
  });

  it("personalizes the shopper's list (not catalog order) and leaves out what she bought", async () => {
    const r = await rec({ userId: 'alice' });
    assert.ok(r.items.length > 0);
    assert.ok(r.items.some((i) => i.reasons.some((x) => x.source !== 'catalog')), JSON.stringify(r.items));
    assert.ok(!r.items.some((i) => i.productId === 'pearl-choker'), 'bought: not recommended again');
    const jewellery = new Set(['gold-chain-necklace', 'silver-pendant-necklace', 'rose-gold-ring']);
    assert.ok(r.items.slice(0, 3).every((i) => jewellery.has(i.productId)), `jewellery first: ${r.items.map((i) => i.productId).join(', ')}`);
    assert.ok(r.items.some((i) => i.productId === 'rose-gold-ring' && i.reasons.some((x) => x.source === 'affinity')), 'the ring she never saw, for her taste');
  });

  it('co-viewed products follow each other whichever id the page uses: numeric id, handle, GID, variant id', async () => {
    const byNumeric = await rec({ productId: '8001' });
    const byHandle = await rec({ productId: 'gold-chain-necklace' });
    const byGid = await rec({ productId: 'gid://shopify/Product/8001' });
    const byVariant = await rec({ productId: '45001' });
    for (const r of [byNumeric, byHandle, byGid, byVariant]) {
      assert.equal(r.productKnown, undefined);
      assert.equal(r.items[0]?.productId, 'silver-pendant-necklace', JSON.stringify(r.items[0]));
      assert.ok(r.items[0]?.reasons.some((x) => x.source === 'cooc'));
      assert.ok(!r.items.some((i) => i.productId === 'gold-chain-necklace'), 'the product on the page is not recommended back');
    }
    assert.deepEqual(byHandle.items.map((i) => i.productId), byNumeric.items.map((i) => i.productId));
    // Answers give the catalog id plus the ids the shop uses.
    assert.equal(byNumeric.items[0]?.numericId, '8002');
    assert.equal(byNumeric.items[0]?.gid, 'gid://shopify/Product/8002');
    assert.equal(byNumeric.items[0]?.handle, 'silver-pendant-necklace');
    const runner = await rec({ productId: '8006' });
    assert.equal(runner.items[0]?.productId, 'wool-beanie');
  });

  it('an agent sees the same products: GIDs it can use, and any id it sends names the catalog product', async () => {
    const rpc = async (name: string, args: Record<string, unknown>) => {
      const res = await fetch(`${s.url}/mcp?shop=${SHOP}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } }),
      });
      return ((await res.json()) as { result: { structuredContent: any } }).result.structuredContent;
    };
    const rec = await rpc('recommend_products', { product_id: 'gid://shopify/Product/8001', limit: 3 });
    assert.equal(rec.items[0].product_id, 'silver-pendant-necklace');
    assert.equal(rec.items[0].gid, 'gid://shopify/Product/8002', 'the GID the shop knows, not the handle');
    const tracked = await rpc('track_event', { event: 'viewed', product_id: '8002', user_id: 'agent-shopper', event_id: 'agent-1' });
    assert.equal(tracked.product_id, 'silver-pendant-necklace');
    assert.equal(tracked.known_product, true);
  });

  it('says when the product is unknown under every id, and still answers', async () => {
    const r = await rec({ productId: '99999999' });
    assert.equal(r.productKnown, false);
    assert.ok(r.items.length > 0);
  });
});

describe('a real Shopify shop whose pixel ran before the catalog was imported (and stores written by earlier versions)', () => {
  let s: Running;
  const SHOP = 'late-catalog.myshopify.com';
  before(async () => {
    s = await startAffinity();
    const events = [];
    for (let i = 0; i < 15; i++) events.push(viewed(`n-${i}-a`, `n-${i}`, 'gold-chain-necklace', 600_000), viewed(`n-${i}-b`, `n-${i}`, 'silver-pendant-necklace', 590_000));
    events.push(viewed('b-1', 'bea', 'rose-gold-ring', 100_000), purchased('5550002', 'bea', 'canvas-tote', 50_000));
    assert.equal((await s.post('/v1/events', { shop: SHOP, events })).status, 202);
    // Projected while the shop has no catalog: statistics and profiles are keyed by the numeric ids.
    await s.affinity.ctx.projector.flush();
    const res = await fetch(`${s.url}/v1/catalog/products?shop=${SHOP}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: CSV });
    assert.equal(res.status, 200, await res.text());
  });
  after(async () => {
    await s.stop();
  });

  it('resolves what was learned under numeric ids once the catalog arrives: neighbours, recent items, purchases', async () => {
    const r = await s.post('/v1/recommendations', { shop: SHOP, productId: 'gold-chain-necklace', limit: 3 });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.items[0].productId, 'silver-pendant-necklace');
    assert.ok(r.body.items[0].reasons.some((x: { source: string }) => x.source === 'cooc'), JSON.stringify(r.body.items[0]));
    const p = await s.get(`/v1/users/bea/profile?shop=${SHOP}`);
    assert.equal(p.status, 200);
    assert.ok(p.body.recent.some((x: { productId: string; title?: string }) => x.productId === 'rose-gold-ring' && x.title === 'Rose Gold Ring'), p.text);
    // The checkout line carried no URL, and its product was never viewed: nothing links 8005 to its handle yet.
    assert.deepEqual(p.body.purchased, ['8005']);
    const bea = await s.post('/v1/recommendations', { shop: SHOP, userId: 'bea', limit: 8 });
    assert.ok(bea.body.items.length > 0);
    assert.ok(bea.body.items.every((i: { productId: string }) => !/^\d+$/.test(i.productId)), 'every answer names catalog products');
  });
});
