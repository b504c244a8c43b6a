/**
 * The bus between nodes on a real redis-server: a node hears the other nodes' messages and never its
 * own (it did the work of a message before publishing it; hearing it again would repeat it).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { startRedis, type RedisServerHandle } from '../../testing/redisServer.ts';
import { BUS_CHANNEL, RedisBus, type BusMessage } from './redisBus.ts';

let server: RedisServerHandle;
before(async () => {
  server = await startRedis();
});
after(async () => {
  await server?.stop();
});

/** Resolves once `heard` holds `n` messages; fails after a generous bound (a lost message, not a slow one). */
async function heardAtLeast(heard: readonly BusMessage[], n: number): Promise<void> {
  for (let i = 0; i < 500 && heard.length < n; i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(heard.length >= n, `heard ${heard.length} of ${n} messages: ${JSON.stringify(heard)}`);
}

describe('redis bus: node ids', () => {
  it("a node hears the other nodes' messages, not its own", async () => {
    const clients = [new Redis(server.url), new Redis(server.url)];
    const [a, b] = await Promise.all(clients.map((c) => RedisBus.open(c)));
    try {
      assert.notEqual(a!.nodeId, b!.nodeId);
      const heardA: BusMessage[] = [];
      const heardB: BusMessage[] = [];
      a!.on((m) => heardA.push(m));
      b!.on((m) => heardB.push(m));

      // A erases a shop (it already forgot the shop itself) and announces it.
      a!.publish({ type: 'shopErased', shop: 'erased-shop' });
      await heardAtLeast(heardB, 1);
      // Redis delivers in publication order: by the time B answers, A's subscriber has had A's own message.
      b!.publish({ type: 'neighbours', keys: ['n:1'] });
      await heardAtLeast(heardA, 1);

      assert.deepEqual(heardA, [{ type: 'neighbours', keys: ['n:1'] }], 'A does not act on its own erasure again');
      assert.deepEqual(heardB, [{ type: 'shopErased', shop: 'erased-shop' }], 'B hears A, and not its own message');
    } finally {
      await Promise.all([a?.close(), b?.close()]);
      for (const c of clients) c.disconnect();
    }
  });

  it('a message without a sender (a node of an older version) is heard; a foreign one is ignored', async () => {
    const client = new Redis(server.url);
    const raw = new Redis(server.url);
    const bus = await RedisBus.open(client, 'node-1');
    try {
      assert.equal(bus.nodeId, 'node-1');
      const heard: BusMessage[] = [];
      bus.on((m) => heard.push(m));
      await raw.publish(BUS_CHANNEL, JSON.stringify({ type: 'kick', from: 'node-1' }));
      await raw.publish(BUS_CHANNEL, 'not json');
      await raw.publish(BUS_CHANNEL, JSON.stringify({ type: 'shopErased' }));
      await raw.publish(BUS_CHANNEL, JSON.stringify({ type: 'privacy' }));
      await heardAtLeast(heard, 1);
      assert.deepEqual(heard, [{ type: 'privacy' }]);
    } finally {
      await bus.close();
      client.disconnect();
      raw.disconnect();
    }
  });
});
