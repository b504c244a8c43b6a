import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { startRedis, startRedisCluster, type RedisClusterHandle, type RedisServerHandle } from '../../testing/redisServer.ts';
import { privacyStoreContract } from '../../testing/privacyStoreContract.ts';
import { RedisConversations } from './redisConversations.ts';
import { RedisSessionState } from './redisSessionState.ts';
import { RedisStore } from './redisStore.ts';

const TTL = 90 * 86_400_000;
let server: RedisServerHandle;
let cluster: RedisClusterHandle;
before(async () => {
  [server, cluster] = await Promise.all([startRedis(), startRedisCluster()]);
});
after(async () => {
  await Promise.all([server?.stop(), cluster?.stop()]);
});

privacyStoreContract('redis', async () => {
  const store = await RedisStore.connect(server.url, { profileTtlMs: TTL, consumer: 'privacy' });
  return { store, queue: store.privacyQueue() };
});

privacyStoreContract('redis-cluster', async () => {
  const store = await RedisStore.connectCluster(cluster.nodes, { profileTtlMs: TTL, consumer: 'privacy' });
  return { store, queue: store.privacyQueue() };
});

describe('redis erasure: what stateless nodes keep for the shopper', () => {
  it("removes the session-only events, the latest-conversation pointer and that conversation's context; keeps the consent state", async () => {
    const store = await RedisStore.connect(server.url, { profileTtlMs: TTL, consumer: 'privacy-sess' });
    const client = new Redis(server.url);
    try {
      const state = new RedisSessionState(client, { sessionTtlMs: 60_000, consentTtlMs: 60_000, eventCap: 50 });
      const conversations = new RedisConversations(client, 60_000);
      await state.addEvents('sess-shop', 'u1', ['{"id":"e1"}']);
      await state.setConsent('sess-shop', 'u1', '{"withdrawn":true}');
      await conversations.write('sess-shop', 'chat-1', '{"ctx":1}', 'u1');
      await conversations.write('sess-shop', 'chat-other', '{"ctx":2}', 'u2');
      await store.eraseUser('sess-shop', 'u1');
      const [read] = await state.read([{ shop: 'sess-shop', userId: 'u1' }]);
      assert.deepEqual(read?.events, [], 'session-only events erased');
      assert.equal(read?.consent, '{"withdrawn":true}', 'the consent state (the withdrawal) stays');
      assert.deepEqual(await conversations.latest([{ shop: 'sess-shop', userId: 'u1' }]), [undefined], 'latest-conversation pointer erased');
      assert.deepEqual(await conversations.contexts([{ shop: 'sess-shop', sessionId: 'chat-1' }, { shop: 'sess-shop', sessionId: 'chat-other' }]), [undefined, '{"ctx":2}'], "the shopper's conversation context erased, another's kept");
    } finally {
      client.disconnect();
      await store.close();
    }
  });
});
