/**
 * A shopper whose behaviour may not be merged across markets (a US shopper who refused the sale of
 * their data; an EU shopper who allowed analytics but not preferences) is stored as `<id>@<market>`
 * (core/privacy/consentPolicy.ts `storageUserId`). Their recommendations read that profile, and so must
 * `GET /v1/users/:id/profile` and MCP `get_shopper_profile` when asked for the id the shopper is known
 * by. Real HTTP, the real MCP SDK, the built-in markets (US: ccpa, EU: gdpr).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { SMALL_CATALOG, startAffinity, type Running } from './helpers.ts';

const NOW = Date.now();
let seq = 0;

function viewed(clientId: string, productId: string, currencyCode = 'USD') {
  return {
    id: `msp-${++seq}`,
    name: 'product_viewed',
    clientId,
    timestamp: new Date(NOW - 600_000 + seq * 1000).toISOString(),
    data: { productVariant: { id: `${productId}9`, price: { amount: 149, currencyCode }, product: { id: productId, title: 'Boot', vendor: 'Alpina', type: 'Boots' } } },
  };
}

/** The pixel's checkout of an EU shopper (its localization names the market; browsing events name none). */
function orderedInEur(clientId: string, productId: string) {
  return {
    id: `msp-${++seq}`,
    name: 'checkout_completed',
    clientId,
    timestamp: new Date(NOW - 600_000 + seq * 1000).toISOString(),
    data: {
      checkout: {
        currencyCode: 'EUR',
        localization: { country: { isoCode: 'DE' }, market: { id: 'gid://shopify/Market/7', handle: 'eu' } },
        order: { id: `gid://shopify/Order/${9000 + seq}`, customer: null },
        lineItems: [{ quantity: 1, finalLinePrice: { amount: 149, currencyCode: 'EUR' }, variant: { id: `${productId}9`, price: { amount: 149, currencyCode: 'EUR' }, product: { id: productId, title: 'Boot' } } }],
      },
    },
  };
}

async function profileTool(client: Client, userId: string): Promise<any> {
  const r = (await client.callTool({ name: 'get_shopper_profile', arguments: { user_id: userId } })) as CallToolResult;
  assert.ok(!r.isError, JSON.stringify(r.content));
  return r.structuredContent;
}

describe('the profile of a shopper stored per market is the one their recommendations read', () => {
  let s: Running;
  let client: Client;
  before(async () => {
    s = await startAffinity();
    assert.equal((await s.post('/v1/catalog/products', SMALL_CATALOG)).status, 200);
    const batches = [
      // US (the default market, CCPA): sale of data refused → stored as `us-optout@us`.
      { consent: { analyticsProcessingAllowed: true, saleOfDataAllowed: false }, events: [viewed('us-optout', '101'), viewed('us-optout', '102')] },
      // EU (GDPR): analytics allowed, preferences not → stored as `eu-noprefs@eu`.
      { market: 'eu', consent: { analyticsProcessingAllowed: true, preferencesProcessingAllowed: false }, events: [viewed('eu-noprefs', '101')] },
      // US with nothing refused: stored under the plain id.
      { consent: { analyticsProcessingAllowed: true, saleOfDataAllowed: true }, events: [viewed('us-plain', '102')] },
      // EU as the shipped pixel sends it: no market in the envelope; browsing priced in EUR, then the order.
      { consent: { analyticsProcessingAllowed: true, preferencesProcessingAllowed: false, saleOfDataAllowed: true }, events: [viewed('eu-pixel', '101', 'EUR'), viewed('eu-pixel', '102', 'EUR'), viewed('eu-pixel', '103', 'EUR')] },
      { consent: { analyticsProcessingAllowed: true, preferencesProcessingAllowed: false, saleOfDataAllowed: true }, events: [orderedInEur('eu-pixel', '103')] },
      // EU on a storefront that shows dollars everywhere: only the country the pixel adds (from the theme block) says where.
      { consent: { analyticsProcessingAllowed: true, preferencesProcessingAllowed: false, saleOfDataAllowed: true }, events: [{ ...viewed('eu-usd', '101'), affinity: { country: 'DE' } }, { ...viewed('eu-usd', '102'), affinity: { country: 'DE' } }] },
      // Near miss: the same without the hint is the default market's.
      { consent: { analyticsProcessingAllowed: true, preferencesProcessingAllowed: false, saleOfDataAllowed: true }, events: [viewed('no-hint', '101')] },
    ];
    for (const b of batches) assert.equal((await s.post('/v1/events', b)).status, 202);
    await s.affinity.ctx.projector.flush();
    client = new Client({ name: 'profile-test-agent', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${s.url}/mcp`)));
  });
  after(async () => {
    await client?.close();
    await s?.stop();
  });

  it('stores the opted-out shopper under the market-scoped id (the premise)', async () => {
    assert.equal((await s.get('/v1/users/us-optout%40us/profile')).status, 200);
    assert.equal((await s.get('/v1/users/eu-noprefs%40eu/profile')).status, 200);
  });

  it('GET /v1/users/:id/profile answers with the market profile for the id the shopper is known by', async () => {
    for (const [id, count] of [['us-optout', 2], ['eu-noprefs', 1], ['us-plain', 1]] as const) {
      const p = await s.get(`/v1/users/${id}/profile`);
      assert.equal(p.status, 200, `${id}: ${p.text}`);
      assert.equal(p.body.userId, id);
      assert.equal(p.body.eventCount, count, id);
      assert.ok(p.body.affinities.productTypes.some((t: { value: string }) => t.value.toLowerCase() === 'boots'), JSON.stringify(p.body.affinities));
    }
  });

  it('keeps an EU shopper\'s browsing (priced in euros, no market sent) and order in one EU profile, under GDPR', async () => {
    assert.equal((await s.get('/v1/users/eu-pixel%40us/profile')).status, 404, 'nothing taken for the default market');
    const p = await s.get('/v1/users/eu-pixel/profile');
    assert.equal(p.status, 200, p.text);
    assert.equal(p.body.eventCount, 4, 'three views and the order, one history');
    assert.equal((await s.get('/v1/users/eu-pixel%40eu/profile')).body.eventCount, 4);
  });

  it("files an EU shopper's dollar-priced browsing under the EU market by the storefront country the pixel adds", async () => {
    assert.equal((await s.get('/v1/users/eu-usd%40us/profile')).status, 404, 'nothing taken for the default market');
    assert.equal((await s.get('/v1/users/eu-usd%40eu/profile')).body.eventCount, 2);
    assert.equal((await s.get('/v1/users/no-hint%40eu/profile')).status, 404);
  });

  it('get_shopper_profile finds the shopper and lists their events', async () => {
    const r = await profileTool(client, 'us-optout');
    assert.equal(r.found, true, r.message);
    assert.equal(r.user_id, 'us-optout');
    assert.equal(r.event_count, 2);
    assert.equal(r.recent_events.length, 2);
    assert.equal(r.signals.storefront, 2);
    assert.equal((await profileTool(client, 'eu-noprefs')).event_count, 1);
  });

  it('still reports an unknown shopper as unknown, and never serves one shopper the scoped profile of another', async () => {
    assert.equal((await s.get('/v1/users/ghost/profile')).status, 404);
    assert.equal((await profileTool(client, 'ghost')).found, false);
    // `us-optout-2` is a different shopper: nothing of `us-optout@us` is theirs.
    assert.equal((await s.get('/v1/users/us-optout-2/profile')).status, 404);
  });

  it('recommendations and the profile agree: both personalized from the same events', async () => {
    const rec = await s.post('/v1/recommendations', { userId: 'us-optout', limit: 3 });
    assert.equal(rec.status, 200);
    const personal = new Set(['revisit', 'affinity']);
    const reasons = rec.body.items.flatMap((i: { reasons: { source: string }[] }) => i.reasons.map((r) => r.source));
    assert.ok(reasons.some((r: string) => personal.has(r)), `recommendations read the market profile: ${reasons.join(',')}`);
    const profile = await s.get('/v1/users/us-optout/profile');
    const viewedIds = new Set(profile.body.recent.map((r: { productId: string }) => r.productId));
    assert.deepEqual([...viewedIds].sort(), ['101', '102']);
  });
});
