import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { redactShop } from '../../features/privacy/redaction.ts';
import { exportDuringShopErasureSuite } from '../../testing/exportDuringShopErasure.ts';
import { startRedis, startRedisCluster, type RedisClusterHandle, type RedisServerHandle } from '../../testing/redisServer.ts';
import { dumpRedis, findAny } from '../../testing/storeDump.ts';
import { RedisPrivacyQueue } from './redisPrivacyQueue.ts';
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

const TOPOLOGIES = ['redis', 'redis-cluster'] as const;
const connect = (kind: (typeof TOPOLOGIES)[number], consumer: string) =>
  kind === 'redis' ? RedisStore.connect(server.url, { profileTtlMs: TTL, consumer }) : RedisStore.connectCluster(cluster.nodes, { profileTtlMs: TTL, consumer });
const nodesOf = (kind: (typeof TOPOLOGIES)[number]) => (kind === 'redis' ? [{ host: '127.0.0.1', port: server.port }] : cluster.nodes);

for (const kind of TOPOLOGIES) {
  exportDuringShopErasureSuite(kind, {
    connect: async (name) => {
      const store = await connect(kind, name);
      return { store, queue: store.privacyQueue() };
    },
    dump: () => dumpRedis(nodesOf(kind)),
  });
}

describe('Redis export write and the shop’s erasure in another process, command by command', () => {
  for (const kind of TOPOLOGIES) {
    for (const when of ['before', 'after'] as const) {
      it(`an erasure that runs just ${when} the export is written leaves nothing of it (${kind})`, async () => {
        const shop = `export-step-${when}-${kind}.myshopify.com`;
        const customer = `cust-step-${when}-${kind}-6021`;
        const [a, b] = await Promise.all([connect(kind, 'export-step-a'), connect(kind, 'export-step-b')]);
        try {
          // A's client: the erasure (B's shop/redact) runs around the first command that writes the export.
          let erase: (() => Promise<void>) | undefined = () => redactShop(b, b.privacyQueue(), shop);
          const client = a.connection();
          const racing = new Proxy(client, {
            get(target, prop) {
              const v = Reflect.get(target, prop, target) as unknown;
              if (typeof v !== 'function') return v;
              const fn = (v as (...args: unknown[]) => Promise<unknown>).bind(target);
              if (prop !== 'eval' && prop !== 'set') return fn;
              return async (...args: unknown[]) => {
                const run = args.some((x) => typeof x === 'string' && x.includes(':export:')) ? erase : undefined;
                if (run) erase = undefined;
                if (when === 'before') await run?.();
                const r = await fn(...args);
                if (when === 'after') await run?.();
                return r;
              };
            },
          });
          const queue = new RedisPrivacyQueue(racing);
          const readsBegan = Date.now() - 1;
          const written = await queue.putExport(shop, `step-${when}`, customer, { ids: [customer] }, Date.now() + 3_600_000, readsBegan);
          assert.equal(erase, undefined, 'the erasure ran');
          assert.equal(written, false, 'the write reports the export dropped');
          assert.equal(await b.privacyQueue().getExport(shop, `step-${when}`, Date.now()), undefined);
          const lines = await dumpRedis(nodesOf(kind));
          assert.deepEqual(findAny(lines, [customer]), [], 'no key names the customer or holds the export');
          assert.deepEqual(findAny(lines, [shop]).map((l) => l.split(' => ')[0]), [`aff:{${shop}}:rx:shop`], 'the shop’s tombstone is its only key');
        } finally {
          await Promise.all([a.close(), b.close()]);
        }
      });
    }
  }
});
