/**
 * A shopper stored per market (`<id>@<market>`: a US shopper who refused the sale of their data, an EU
 * shopper without preferences consent) is found after a restart: a new instance over the same SQLite
 * file / Redis, whose consent ledger has never seen the shopper, answers `GET /v1/users/:id/profile`,
 * MCP `get_shopper_profile` and recommendations from the market profile the store holds, as the first
 * instance did (it found it through its ledger). Real HTTP, the real MCP SDK, real redis-server.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startRedis, type RedisServerHandle } from '../../src/testing/redisServer.ts';
import { SMALL_CATALOG, startAffinity, type Running } from './helpers.ts';

const NOW = Date.now();
let seq = 0;

function viewed(clientId: string, productId: string) {
  return {
    id: `mspr-${++seq}`,
    name: 'product_viewed',
    clientId,
    timestamp: new Date(NOW - 600_000 + seq * 1000).toISOString(),
    data: { productVariant: { id: `${productId}9`, price: { amount: 149, currencyCode: 'USD' }, product: { id: productId, title: 'Boot', vendor: 'Alpina', type: 'Boots' } } },
  };
}

const ALL_ALLOWED = { analyticsProcessingAllowed: true, saleOfDataAllowed: true };
const SALE_REFUSED = { analyticsProcessingAllowed: true, saleOfDataAllowed: false };

/** What one instance answers about the shoppers: profile route, MCP tool, recommendations. */
async function answers(s: Running) {
  const client = new Client({ name: 'restart-test-agent', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${s.url}/mcp`)));
  try {
    const out: Record<string, unknown> = {};
    for (const id of ['us-optout', 'eu-noprefs', 'us-plain', 'came-back', 'then-refused', 'ghost', 'us-optout-2']) {
      const p = await s.get(`/v1/users/${id}/profile`);
      const tool = (await client.callTool({ name: 'get_shopper_profile', arguments: { user_id: id } })) as CallToolResult;
      assert.ok(!tool.isError, JSON.stringify(tool.content));
      const t = tool.structuredContent as { found: boolean; event_count?: number; recent_events: unknown[] };
      out[id] = {
        status: p.status,
        eventCount: p.body?.eventCount,
        recent: p.status === 200 ? p.body.recent.map((r: { productId: string }) => r.productId).sort() : [],
        tool: { found: t.found, eventCount: t.event_count, events: t.recent_events.length },
      };
    }
    const rec = await s.post('/v1/recommendations', { userId: 'us-optout', limit: 3 });
    assert.equal(rec.status, 200);
    const personal = new Set(['revisit', 'affinity']);
    out.recommendationsPersonal = rec.body.items.some((i: { reasons: { source: string }[] }) => i.reasons.some((r) => personal.has(r.source)));
    return out;
  } finally {
    await client.close();
  }
}

for (const backend of ['sqlite', 'redis'] as const) {
  describe(`the market profile of a shopper is found after a restart (${backend})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'affinity-msp-restart-'));
    let redis: RedisServerHandle | undefined;
    let env: Record<string, string>;
    let before_: Record<string, unknown>;
    let after_: Record<string, unknown>;
    before(async () => {
      if (backend === 'redis') redis = await startRedis();
      env = redis ? { AFFINITY_STORE: 'redis', REDIS_URL: redis.url } : { AFFINITY_DB: join(dir, 'shared.db') };
      const first = await startAffinity(env);
      try {
        assert.equal((await first.post('/v1/catalog/products', SMALL_CATALOG)).status, 200);
        const batches = [
          // US (CCPA): sale of data refused → `us-optout@us`.
          { consent: SALE_REFUSED, events: [viewed('us-optout', '101'), viewed('us-optout', '102')] },
          // EU (GDPR): analytics, no preferences → `eu-noprefs@eu`.
          { market: 'eu', consent: { analyticsProcessingAllowed: true, preferencesProcessingAllowed: false }, events: [viewed('eu-noprefs', '101')] },
          // US with nothing refused: the plain id.
          { consent: ALL_ALLOWED, events: [viewed('us-plain', '102')] },
          // Refused, then came back allowing everything: the plain profile is the newest.
          { consent: SALE_REFUSED, events: [viewed('came-back', '101')] },
          { consent: ALL_ALLOWED, events: [viewed('came-back', '103')] },
          // Allowed, then refused: the market profile is the newest.
          { consent: ALL_ALLOWED, events: [viewed('then-refused', '103')] },
          { consent: SALE_REFUSED, events: [viewed('then-refused', '102')] },
        ];
        for (const b of batches) assert.equal((await first.post('/v1/events', b)).status, 202);
        await first.affinity.ctx.projector.flush();
        before_ = await answers(first);
      } finally {
        await first.stop();
      }
      // A new instance over the same store: its consent ledger holds nobody.
      const second = await startAffinity(env);
      try {
        after_ = await answers(second);
      } finally {
        await second.stop();
      }
    });
    after(async () => {
      await redis?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('the first instance answers from the market profiles (the premise)', () => {
      assert.deepEqual(before_['us-optout'], { status: 200, eventCount: 2, recent: ['101', '102'], tool: { found: true, eventCount: 2, events: 2 } });
      assert.deepEqual(before_['eu-noprefs'], { status: 200, eventCount: 1, recent: ['101'], tool: { found: true, eventCount: 1, events: 1 } });
      assert.deepEqual(before_['then-refused'], { status: 200, eventCount: 1, recent: ['102'], tool: { found: true, eventCount: 1, events: 1 } });
      assert.deepEqual(before_['came-back'], { status: 200, eventCount: 1, recent: ['103'], tool: { found: true, eventCount: 1, events: 1 } });
      assert.equal(before_.recommendationsPersonal, true);
    });

    it('after the restart every answer is the same: profile route, get_shopper_profile, recommendations', () => {
      assert.deepEqual(after_, before_);
    });

    it('near misses stay unknown after the restart: a shopper never seen, another id sharing a prefix', () => {
      assert.deepEqual(after_.ghost, { status: 404, eventCount: undefined, recent: [], tool: { found: false, eventCount: undefined, events: 0 } });
      assert.deepEqual(after_['us-optout-2'], after_.ghost);
      assert.deepEqual(after_['us-plain'], { status: 200, eventCount: 1, recent: ['102'], tool: { found: true, eventCount: 1, events: 1 } });
    });
  });
}
