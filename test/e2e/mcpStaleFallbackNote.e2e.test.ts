/**
 * When a cached answer of the shop's catalog stands in for a failing shop (stale-if-error),
 * `recommend_products` says what happened in the resilient catalog's own words (`fallbackNote`): the
 * shop's earlier answer, not "Affinity's copy". Real HTTP, the MCP SDK's own client, the shop simulator.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import Fastify, { type FastifyInstance } from 'fastify';
import { ResilientCatalog } from '../../src/adapters/catalogMcp/resilientCatalog.ts';
import { StorefrontMcpClient } from '../../src/adapters/catalogMcp/storefrontMcpClient.ts';
import { installAccess } from '../../src/http/access.ts';
import { RequestGuard } from '../../src/http/requestGuard.ts';
import { callerOf } from '../../src/http/tenant.ts';
import { mcpHttpTransport } from '../../src/mcp/httpTransport.ts';
import { createShopSim, type ShopSim } from '../../src/sim/shopSim/shopSim.ts';
import { SMALL_CATALOG, startAffinity, type Running } from './helpers.ts';

describe('recommend_products over a stale cached shop answer', () => {
  let s: Running;
  let sim: ShopSim;
  let app: FastifyInstance;
  let client: Client;
  // The cache's clock, moved past the TTL by the test (the breaker's own clock is not involved).
  let clock = Date.now();

  before(async () => {
    s = await startAffinity();
    assert.equal((await s.post('/v1/catalog/products', SMALL_CATALOG)).status, 200);
    const ctx = s.affinity.ctx;
    sim = await createShopSim({ products: ctx.catalogs.get(ctx.defaultShop).index.all() });
    const shopCatalog = new ResilientCatalog({
      client: new StorefrontMcpClient({ url: sim.url, agentProfileUrl: 'https://affinity.example/agent-profile.json' }),
      localCatalog: (shop) => ctx.catalogs.get(shop).index,
      retryInitialDelayMs: 5,
      retryMaxDelayMs: 20,
      timeoutMs: 30_000,
      cacheTtlMs: 1000,
      now: () => clock,
    });
    app = Fastify();
    installAccess(app, { guard: RequestGuard.open(), defaultShop: ctx.defaultShop });
    mcpHttpTransport({ ...ctx, shopCatalog })(app, callerOf);
    const url = `${await app.listen({ port: 0, host: '127.0.0.1' })}/mcp`;
    client = new Client({ name: 'stale-note-e2e', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  });

  after(async () => {
    await client?.close();
    await app?.close();
    await sim?.close();
    await s?.stop();
  });

  it('says the prices are the shop’s earlier answer, not Affinity’s copy', async () => {
    const recommend = async () => {
      const r = (await client.callTool({ name: 'recommend_products', arguments: { user_id: 'traveller', market: { country: 'US', currency: 'USD' }, limit: 3 } })) as CallToolResult;
      assert.ok(!r.isError, JSON.stringify(r.content));
      return { structured: r.structuredContent as any, text: (r.content[0] as { text: string }).text };
    };
    const live = await recommend();
    assert.deepEqual([live.structured.price_source, live.structured.fallback_used], ['shop', false]);
    clock += 5000;
    await sim.setFaults({ down: true });
    try {
      const stale = await recommend();
      assert.deepEqual([stale.structured.price_source, stale.structured.fallback_used], ['cache', true]);
      const note = stale.structured.notes.find((n: string) => n.startsWith("The shop's catalog"));
      assert.match(note, /^The shop's catalog could not be reached \(.+\): this is its earlier answer \(cached\), which may be out of date\.$/);
      assert.ok(!stale.text.includes("Affinity's copy"), stale.text);
    } finally {
      await sim.setFaults({ down: false });
    }
  });
});
