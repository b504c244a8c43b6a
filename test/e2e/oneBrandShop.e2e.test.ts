/**
 * A one-brand shop (every product by the same vendor, as the Shopify demo apparel export is): what
 * every product shares explains nothing, so no answer says the shopper likes that vendor — not the
 * REST reasons, not the MCP tools (recommend_products, explain_recommendation, get_shopper_profile)
 * through the real SDK client over HTTP.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startAffinity, type Running } from './helpers.ts';

const VENDOR = 'Solo Atelier';
const CATALOG = [
  { id: '11', title: 'Ocean Blue Shirt', vendor: VENDOR, productType: 'Shirts', tags: ['men'], price: '50.00' },
  { id: '12', title: 'Chequered Red Shirt', vendor: VENDOR, productType: 'Shirts', tags: ['men'], price: '50.00' },
  { id: '13', title: 'Classic Varsity Top', vendor: VENDOR, productType: 'Tops', tags: ['women'], price: '60.00' },
  { id: '14', title: 'Floral White Top', vendor: VENDOR, productType: 'Tops', tags: ['women'], price: '75.00' },
  { id: '15', title: 'Olive Green Jacket', vendor: VENDOR, productType: 'Jackets', tags: ['women'], price: '65.00' },
  { id: '16', title: 'Navy Sports Jacket', vendor: VENDOR, productType: 'Jackets', tags: ['men'], price: '60.00' },
];

function viewed(n: number, userId: string, productId: string) {
  return { id: `v-${userId}-${n}`, type: 'view', userId, productId, timestamp: new Date(Date.now() - (10 - n) * 60_000).toISOString() };
}

describe('a one-brand shop never says the shopper likes its only vendor', () => {
  let s: Running;
  let client: Client;
  before(async () => {
    s = await startAffinity();
    assert.equal((await s.post('/v1/catalog/products', CATALOG)).status, 200);
    const events = ['13', '14', '15', '13', '14'].map((p, i) => viewed(i, 'fan', p));
    assert.equal((await s.post('/v1/events', { events })).status, 202);
    await s.affinity.projector.flush();
    client = new Client({ name: 'one-brand-agent', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${s.url}/mcp`)));
  });
  after(async () => {
    await client.close();
    await s.stop();
  });

  it('REST and recommend_products: no reason names the vendor', async () => {
    const r = await s.post('/v1/recommendations', { userId: 'fan', limit: 6 });
    assert.equal(r.status, 200);
    assert.ok(r.body.items.length > 0);
    const features = r.body.items.flatMap((i: { reasons: { feature?: string }[] }) => i.reasons.map((x) => x.feature ?? ''));
    assert.ok(!features.some((f: string) => f.startsWith('vendor:')), JSON.stringify(features));
    const t = (await client.callTool({ name: 'recommend_products', arguments: { user_id: 'fan', limit: 6 } })).content as { text: string }[];
    assert.ok(!t[0]?.text.includes(VENDOR), t[0]?.text);
  });

  it('explain_recommendation and get_shopper_profile: interests that set products apart, not the vendor', async () => {
    const e = (await client.callTool({ name: 'explain_recommendation', arguments: { user_id: 'fan', product_id: '13' } })).structuredContent as { matched_affinities: { kind: string; value: string }[] };
    assert.ok(!e.matched_affinities.some((m) => m.kind === 'brand'), JSON.stringify(e.matched_affinities));
    assert.ok(e.matched_affinities.length > 0, 'the tops and the women tag still match');
    const p = (await client.callTool({ name: 'get_shopper_profile', arguments: { user_id: 'fan' } })).structuredContent as { top_brands: unknown[] };
    assert.deepEqual(p.top_brands, []);
  });
});
