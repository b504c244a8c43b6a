import { after, before } from 'node:test';
import { startRedis, startRedisCluster, type RedisClusterHandle, type RedisServerHandle } from '../../testing/redisServer.ts';
import { privacyStoreContract } from '../../testing/privacyStoreContract.ts';
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
