/**
 * `track_event` through the real MCP SDK (a linked in-memory pair) and the ingest use case it shares
 * with `POST /v1/events` (`features/ingest/recordEvents.ts`): the same gate, gift marking, metrics,
 * projector kick and idempotent append; a store outage is an `isError` answer that tells the agent how
 * to retry.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { giftMarker, ingestHarness } from '../../testing/ingestHarness.ts';
import { createMcpServer } from '../server.ts';

async function connect(h: ReturnType<typeof ingestHarness>) {
  const server = createMcpServer(h.ctx);
  const client = new Client({ name: 'test-agent', version: '1.0.0' });
  const [ct, st] = InMemoryTransport.createLinkedPair();
  await server.connect(st);
  await client.connect(ct);
  return { client, close: async () => void (await client.close(), await server.close()) };
}

describe('track_event stores through the ingest use case', () => {
  const h = ingestHarness({ personalizer: giftMarker });
  after(() => h.close());

  it('records once per event_id, marked, counted and kicked', async () => {
    const c = await connect(h);
    try {
      const args = { event: 'viewed', product_id: '8', user_id: 'u-1', event_id: 'e-1' };
      const first = await c.client.callTool({ name: 'track_event', arguments: args });
      assert.equal(first.isError, undefined, JSON.stringify(first.content));
      assert.deepEqual([(first.structuredContent as any).recorded, (first.structuredContent as any).agent], [true, 'test-agent']);
      assert.equal(h.appended.at(-1)?.[0]?.context?.gift, true);
      assert.equal(h.kicks.count, 1);
      const again = await c.client.callTool({ name: 'track_event', arguments: args });
      assert.deepEqual([(again.structuredContent as any).recorded, (again.structuredContent as any).duplicate], [false, true]);
      assert.equal(h.kicks.count, 1, 'a duplicate kicks nothing');
      const ingested = (await h.metrics.eventsIngested.get()).values.find((v) => v.labels.source === 'agent')?.value;
      assert.equal(ingested, 2);
      assert.equal((await h.metrics.eventsDuplicate.get()).values[0]?.value, 1);
      // Another event under the same id is not stored either, and the answer says to use a new id.
      const other = await c.client.callTool({ name: 'track_event', arguments: { ...args, product_id: '9', user_id: 'u-9' } });
      assert.equal((other.structuredContent as any).recorded, false);
      assert.match(JSON.stringify(other.content), /were not stored\. An event_id names one event/);
    } finally {
      await c.close();
    }
  });

  it('says when the product is not in the catalog (another shop\'s id, a mistyped one: it was only known_product false, MCP probe), and still records it', async () => {
    const c = await connect(h);
    try {
      const r = await c.client.callTool({ name: 'track_event', arguments: { event: 'viewed', product_id: 'ocean-blue-shirt-of-another-shop', user_id: 'u-3', event_id: 'e-3' } });
      const out = r.structuredContent as { recorded: boolean; known_product: boolean };
      assert.deepEqual([out.recorded, out.known_product], [true, false]);
      assert.match(JSON.stringify(r.content), /Note: ocean-blue-shirt-of-another-shop is not a product of this shop's catalog \(known_product: false\); check the id/);
    } finally {
      await c.close();
    }
  });

  it('answers a store outage with an error that says how to retry', async () => {
    const c = await connect(h);
    h.failAppends(true);
    try {
      const r = await c.client.callTool({ name: 'track_event', arguments: { event: 'purchased', product_id: '8', user_id: 'u-2', event_id: 'e-2' } });
      assert.equal(r.isError, true);
      assert.match(JSON.stringify(r.content), /retry later with the same event_id/);
      assert.equal(h.errors.length, 1, 'logged once');
    } finally {
      h.failAppends(false);
      await c.close();
    }
  });
});
