/**
 * MCP answers are attributable (docs/decisions/0002), with the SDK's own client against a running
 * Affinity: `recommend_products` and `search_catalog` return a `recommendation_id` and item links carrying
 * `aff_rec`, the shopper's experiment variant decides what `recommend_products` serves (as on REST), and a
 * pixel click on the link the agent gave is attributed to that list, by surface `mcp` and by agent name.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ExperimentsFileSchema, variantOf } from '../../src/core/attribution/experiments.ts';
import { SMALL_CATALOG, startAffinity, type Running } from './helpers.ts';

const AGENT = 'attribution-e2e-agent';
const EXPERIMENTS = {
  experiments: [
    {
      id: 'agents-v1',
      variants: [
        { name: 'control', strategy: 'popular', weight: 25 },
        { name: 'affinity', strategy: 'personalized', weight: 25 },
        { name: 'base', strategy: 'hybrid', weight: 25 },
        { name: 'holdout', strategy: 'none', weight: 25 },
      ],
    },
  ],
};
const CATALOG = SMALL_CATALOG.map((p) => ({ ...p, handle: p.title.toLowerCase().replace(/[^a-z0-9]+/g, '-') }));
const NOW = Date.now();
let seq = 0;

function viewed(clientId: string, productId: string, search = '') {
  return {
    id: `v-${++seq}`,
    name: 'product_viewed',
    clientId,
    timestamp: new Date(NOW - 300_000 + seq * 1000).toISOString(),
    data: { productVariant: { id: `${productId}9`, price: { amount: 10, currencyCode: 'USD' }, product: { id: productId, title: 't', vendor: 'x', type: 'y', url: '/p' }, title: 'Default' } },
    context: { document: { location: { pathname: '/p', search, href: `https://shop.example/p${search}` } } },
  };
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<any> {
  const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
  assert.ok(!r.isError, `${name} failed: ${JSON.stringify(r.content)}`);
  return r.structuredContent;
}

const experiment = ExperimentsFileSchema.parse(EXPERIMENTS).experiments[0]!;
function shopperIn(variant: string, shop: string): string {
  for (let i = 0; i < 10_000; i++) if (variantOf(experiment, shop, `agent-shopper-${i}`).name === variant) return `agent-shopper-${i}`;
  throw new Error(`no shopper in ${variant}`);
}

describe('MCP answers are attributable', () => {
  let s: Running;
  let client: Client;
  let shop: string;

  let dir: string | undefined;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'affinity-mcp-exp-'));
    const file = join(dir, 'experiments.json');
    writeFileSync(file, JSON.stringify(EXPERIMENTS));
    s = await startAffinity({ AFFINITY_EXPERIMENTS_FILE: file });
    shop = s.affinity.ctx.defaultShop;
    assert.equal((await s.post('/v1/catalog/products', CATALOG)).status, 200);
    const events = [];
    for (let i = 0; i < 10; i++) events.push(viewed(`bg-${i}`, '101'), viewed(`bg-${i}`, '102'), viewed(`bg-${i}`, '201'));
    assert.equal((await s.post('/v1/events', { events })).status, 202);
    await s.affinity.ctx.projector.flush();
    client = new Client({ name: AGENT, version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${s.url}/mcp`)));
  });
  after(async () => {
    await client?.close();
    await s?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('recommend_products returns the list id, the variant and aff_rec links; a click on the link is attributed to the list by surface mcp and agent', async () => {
    const shopper = shopperIn('affinity', shop);
    const r = await call(client, 'recommend_products', { user_id: shopper, text: 'hiking boots please', intent: { category: 'hiking boots' }, limit: 3 });
    assert.match(r.recommendation_id, /^[A-Za-z0-9_-]{16}$/);
    assert.deepEqual(r.experiment, { id: 'agents-v1', variant: 'affinity' });
    assert.ok(r.items.length > 0);
    for (const i of r.items) assert.ok(i.url.endsWith(`?aff_rec=${r.recommendation_id}`), i.url);
    const first = r.items[0];
    assert.equal(first.url, `/products/${first.handle}?aff_rec=${r.recommendation_id}`);

    // The shopper follows the link the agent gave: the pixel sees aff_rec in the landing URL.
    const search = first.url.slice(first.url.indexOf('?'));
    assert.equal((await s.post('/v1/events', { events: [viewed(shopper, first.product_id, search)] })).status, 202);
    await s.affinity.ctx.projector.flush();

    const range = `from=${NOW - 3_600_000}&to=${Date.now() + 60_000}`;
    const byAgent = await s.get(`/v1/analytics?by=agent&${range}`);
    assert.equal(byAgent.status, 200, byAgent.text);
    const g = byAgent.body.groups.find((x: { key: string }) => x.key === AGENT);
    assert.ok(g, JSON.stringify(byAgent.body.groups));
    assert.equal(g.clicks, 1);
    const bySurface = await s.get(`/v1/analytics?by=surface&${range}`);
    const mcp = bySurface.body.groups.find((x: { key: string }) => x.key === 'mcp');
    assert.equal(mcp.clicks, 1);
    const list = (await s.affinity.ctx.analytics!.store.servedBetween(shop, NOW - 3_600_000, Date.now() + 60_000)).find((l) => l.id === r.recommendation_id);
    assert.ok(list);
    assert.equal(list.surface, 'mcp');
    assert.equal(list.actor, 'agent');
    assert.equal(list.agent, AGENT);
    assert.equal(list.userId, shopper);
    assert.deepEqual(list.experiment, { id: 'agents-v1', variant: 'affinity' });
    assert.deepEqual(list.items, r.items.map((i: { product_id: string }) => i.product_id));

    // Online quality metrics from this traffic: the list's diversity, its status, and the click validating its intent.
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    assert.match(metrics, /affinity_lists_served_total\{surface="mcp",status="ok"\} 1\b/);
    assert.match(metrics, /affinity_list_diversity_count\{surface="mcp"\} 1\b/);
    assert.match(metrics, /affinity_intent_validated_clicks_total\{result="match"\} 1\b/);
  });

  it('serves each variant its strategy: none is empty, popular and hybrid skip the conversational layer', async () => {
    const args = { intent: { category: 'Dresses' }, limit: 3 };
    const holdout = await call(client, 'recommend_products', { user_id: shopperIn('holdout', shop), ...args });
    assert.equal(holdout.experiment.variant, 'holdout');
    assert.deepEqual(holdout.items, []);
    assert.match(holdout.recommendation_id, /^[A-Za-z0-9_-]{16}$/);
    for (const v of ['control', 'base']) {
      const r = await call(client, 'recommend_products', { user_id: shopperIn(v, shop), ...args });
      assert.equal(r.experiment.variant, v);
      assert.equal(r.intent.source, 'none', `${v} has no conversational layer`);
      assert.ok(r.items.length > 0);
    }
    const personalized = await call(client, 'recommend_products', { user_id: shopperIn('affinity', shop), ...args });
    assert.equal(personalized.intent.source, 'agent');
    const report = await s.get(`/v1/analytics?experiment=agents-v1&from=${NOW - 3_600_000}&to=${Date.now() + 60_000}`);
    assert.equal(report.status, 200, report.text);
    const served = Object.fromEntries(report.body.groups.map((x: { key: string; served: number }) => [x.key, x.served]));
    assert.deepEqual(served, { control: 1, affinity: 2, base: 1, holdout: 1 });
    // Guardrails per variant: every served list recorded its answer time; nothing failed.
    for (const g of report.body.groups) {
      assert.equal(g.guardrails.latencyMs.samples, g.served, g.key);
      assert.ok(g.guardrails.latencyMs.p95 >= 0, g.key);
      assert.equal(g.guardrails.errors, 0);
    }
  });

  it("a purchase the agent reports is credited to its list when the shopper's view was tracked with the recommendation_id", async () => {
    const shopper = 'agent-buyer-1';
    const r = await call(client, 'recommend_products', { user_id: shopper, text: 'hiking boots please', limit: 3 });
    const product = r.items[0].product_id as string;
    const view = await call(client, 'track_event', { event: 'viewed', user_id: shopper, product_id: product, recommendation_id: r.recommendation_id });
    assert.equal(view.recorded, true);
    assert.equal(view.recommendation.status, 'credited', JSON.stringify(view.recommendation));
    await call(client, 'track_event', { event: 'purchased', user_id: shopper, product_id: product, price: 50, quantity: 1, order_id: '6800000000777' });
    await s.affinity.ctx.projector.flush();
    const report = await s.get(`/v1/analytics?by=agent&from=${NOW - 3_600_000}&to=${Date.now() + 60_000}`);
    const g = report.body.groups.find((x: { key: string }) => x.key === AGENT);
    assert.ok(g, JSON.stringify(report.body.groups));
    assert.equal(g.orders, 1);
    assert.equal(g.revenue, 5000);
    // A recommendation_id goes with the view only: a purchase that names one is refused, saying what to do.
    const wrong = (await client.callTool({ name: 'track_event', arguments: { event: 'purchased', user_id: shopper, product_id: product, recommendation_id: r.recommendation_id } })) as CallToolResult;
    assert.equal(wrong.isError, true);
    assert.match((wrong.content[0] as { text: string }).text, /recommendation_id: goes with event viewed/);
  });

  it('says whether a view is credited: a made-up recommendation_id and a product the list did not hold are recorded, and said to be credited to nothing', async () => {
    const shopper = 'agent-viewer-credit';
    const r = await call(client, 'recommend_products', { user_id: shopper, text: 'hiking boots please', limit: 2 });
    const outside = (await call(client, 'search_catalog', { query: 'tent', user_id: shopper })).items.map((i: { product_id: string }) => i.product_id).find((id: string) => !r.items.some((i: { product_id: string }) => i.product_id === id));
    assert.ok(outside, 'a product the first list did not hold');
    const notInList = await call(client, 'track_event', { event: 'viewed', user_id: shopper, product_id: outside, recommendation_id: r.recommendation_id });
    assert.deepEqual([notInList.recorded, notInList.recommendation.status], [true, 'not_in_list']);
    const madeUp = await call(client, 'track_event', { event: 'viewed', user_id: shopper, product_id: r.items[0].product_id, recommendation_id: 'AAAAAAAAAAAAAAAA' });
    assert.deepEqual([madeUp.recorded, madeUp.recommendation.status], [true, 'not_found']);
    assert.match(madeUp.recommendation.detail, /No list this server served to this shop lately/);
  });

  it("an EU shopper without consent: track_event says the event is held for the conversation only, and get_shopper_profile shows it as such (it said there was no data)", async () => {
    const market = { country: 'DE', currency: 'EUR' };
    const tracked = await call(client, 'track_event', { event: 'viewed', session_id: 'eu-conv-1', product_id: '102', market });
    assert.deepEqual([tracked.recorded, tracked.kept], [true, 'session']);
    const profile = await call(client, 'get_shopper_profile', { session_id: 'eu-conv-1' });
    assert.deepEqual([profile.found, profile.session_only], [true, true]);
    assert.match(profile.message, /Held for this conversation only/);
    assert.deepEqual(profile.recent_events.map((e: { product_id: string }) => e.product_id), ['102']);
    // A shopper whose events are stored is told so.
    const us = await call(client, 'track_event', { event: 'viewed', user_id: 'us-shopper-1', product_id: '102', market: { country: 'US', currency: 'USD' } });
    assert.equal(us.kept, 'stored');
    assert.equal((await call(client, 'get_shopper_profile', { user_id: 'us-shopper-1' })).session_only, undefined);
  });

  it('a purchase reported without a price counts at the list price, not as a sale of nothing', async () => {
    const before = async () => (await s.get(`/v1/analytics?by=agent&from=${NOW - 3_600_000}&to=${Date.now() + 60_000}`)).body.groups.find((x: { key: string }) => x.key === AGENT);
    const was = await before();
    const shopper = 'agent-buyer-no-price';
    const r = await call(client, 'recommend_products', { user_id: shopper, text: 'hiking boots please', limit: 3 });
    const item = r.items[0] as { product_id: string; price: { amount: number } };
    await call(client, 'track_event', { event: 'viewed', user_id: shopper, product_id: item.product_id, recommendation_id: r.recommendation_id });
    await call(client, 'track_event', { event: 'purchased', user_id: shopper, product_id: item.product_id, quantity: 2, order_id: '6800000000778' });
    await s.affinity.ctx.projector.flush();
    const g = await before();
    assert.equal(g.orders, (was?.orders ?? 0) + 1);
    assert.equal(g.revenue - (was?.revenue ?? 0), 2 * item.price.amount, 'two units at the list price (minor units, as the answer gives them)');
    // A price for a product the catalog does not know, with no currency: refused, saying what to send.
    const bad = (await client.callTool({ name: 'track_event', arguments: { event: 'purchased', user_id: shopper, product_id: 'not-in-catalog', price: 20 } })) as CallToolResult;
    assert.equal(bad.isError, true);
    assert.match((bad.content[0] as { text: string }).text, /price: in which currency\? .*pass market\.currency/);
  });

  it('search_catalog answers are attributable too (in no experiment)', async () => {
    const r = await call(client, 'search_catalog', { query: 'hiking boot', user_id: shopperIn('affinity', shop) });
    assert.match(r.recommendation_id, /^[A-Za-z0-9_-]{16}$/);
    assert.equal(r.experiment, undefined);
    assert.ok(r.items.length > 0);
    for (const i of r.items) assert.ok(i.url.endsWith(`?aff_rec=${r.recommendation_id}`), i.url);
    await s.affinity.ctx.analytics!.flush?.();
    const list = (await s.affinity.ctx.analytics!.store.servedBetween(shop, NOW - 3_600_000, Date.now() + 60_000)).find((l) => l.id === r.recommendation_id);
    assert.equal(list?.surface, 'mcp');
    assert.equal(list?.agent, AGENT);
  });
});
