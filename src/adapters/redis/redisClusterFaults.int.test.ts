/**
 * One master of a real 3-master Redis Cluster killed (SIGKILL) while the store works: the master that
 * holds the shops registry (`aff:shops`), with every slot the test's shopper and shop use on the two
 * live masters. The projection counts each event once however often a failed batch is applied again,
 * appends go on, and the store says it is not whole (readiness). Nodes on free ports (their Cluster
 * bus free too), `cluster-require-full-coverage no` as docs/operations.md advises.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { Cluster } from 'ioredis';
import type { ProjectionBatch } from '../../core/ports.ts';
import { freeClusterPorts, redisCommand, startRedis, type RedisServerHandle } from '../../testing/redisServer.ts';
import { makeEvent } from '../../testing/userEventStoreContract.ts';
import { SHOPS_KEY, counterKey, userKeys } from './keys.ts';
import { RedisStore } from './redisStore.ts';

let PORTS: number[] = [];
const TTL = 86_400_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 100 ms until it is true; fails after `ms` naming `what`. */
async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const nodes: RedisServerHandle[] = [];

async function clusterOk(): Promise<boolean> {
  const infos = await Promise.all(nodes.map((n) => redisCommand(n.port, ['CLUSTER', 'INFO']).catch(() => '')));
  return infos.every((i) => i.includes('cluster_state:ok') && i.includes('cluster_known_nodes:3'));
}

/** The port of the master serving `key`'s slot (slots as `redis-cli --cluster create` splits 3 masters). */
async function ownerOf(key: string): Promise<number> {
  const slot = Number(await redisCommand(PORTS[0]!, ['CLUSTER', 'KEYSLOT', key]));
  return slot <= 5460 ? PORTS[0]! : slot <= 10922 ? PORTS[1]! : PORTS[2]!;
}

before(async () => {
  PORTS = await freeClusterPorts(3);
  // One by one, so that `after` stops every node started, also when a later one fails to start.
  for (const port of PORTS) {
    nodes.push(await startRedis({ port, args: ['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '2000', '--cluster-require-full-coverage', 'no'] }));
  }
  const create = spawnSync('redis-cli', ['--cluster', 'create', ...PORTS.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(create.status, 0, `redis-cli --cluster create failed:\n${create.stdout}\n${create.stderr}`);
  await until('cluster_state:ok', clusterOk);
});

after(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
});

const connect = (): Promise<RedisStore> =>
  RedisStore.connectCluster(
    PORTS.map((port) => ({ host: '127.0.0.1', port })),
    { profileTtlMs: TTL, opTimeoutMs: 2_000, commandTimeoutMs: 1_000, consumer: `faults-${Math.random().toString(36).slice(2)}` },
  );

/** A shop and a shopper whose slots (shop tag, user tag) are not on `dead`. */
async function placedAway(dead: number, prefix: string): Promise<{ shop: string; user: string }> {
  for (let i = 0; ; i++) {
    const shop = `${prefix}-shop-${i}.myshopify.com`;
    if ((await ownerOf(counterKey(shop, 'popular', 1))) === dead) continue;
    for (let j = 0; j < 50; j++) {
      const user = `${prefix}-u${j}`;
      if ((await ownerOf(userKeys(shop, user).doc)) !== dead) return { shop, user };
    }
  }
}

/** Kills the master holding the shops registry (the event log's master must stay up). */
async function killRegistryMaster(): Promise<RedisServerHandle> {
  const port = await ownerOf(SHOPS_KEY);
  assert.notEqual(port, await ownerOf('aff:{log}:events'), 'the test needs the event log on another master than aff:shops');
  const node = nodes.find((n) => n.port === port)!;
  await node.kill('SIGKILL');
  return node;
}

async function revive(node: RedisServerHandle): Promise<void> {
  await node.restart();
  await until('cluster_state:ok after the restart', clusterOk);
}

describe('Redis Cluster with one master down', () => {
  it('projects each event once however often a batch failing on another master is applied again', async () => {
    const store = await connect();
    try {
      const { shop, user } = await placedAway(await ownerOf(SHOPS_KEY), 'once');
      await store.append([makeEvent({ shop, userId: user, id: 'once-1', ts: 1_000 })]);
      const [logged] = await store.readUnprojected(10);
      assert.ok(logged);
      const epoch = 1;
      const batch: ProjectionBatch = {
        seqs: [logged.seq],
        profiles: [{ shop, userId: user, features: { 'cat:scarves': 1 }, recent: [], purchased: [], events: 1, firstTs: 1_000, lastTs: 1_000 }],
        stats: [{ kind: 'popular', shop, epoch, productId: 'p1', weight: 1 }],
      };
      const node = await killRegistryMaster();
      // The registry's master is down: the batch fails there, after the shopper's and shop's slots.
      for (let i = 0; i < 3; i++) await assert.rejects(store.applyProjection(batch), /STORE_UNAVAILABLE|unavailable|Redis/i);
      await revive(node);
      await until('the batch to apply', async () => (await store.applyProjection(batch)).status === 'applied');
      const profile = await store.getProfile(shop, user);
      assert.equal(profile?.eventCount, 1, 'one event counts once in the profile');
      assert.equal(profile?.features['cat:scarves'], 1);
      const [score] = await store.conn.exec([{ key: counterKey(shop, 'popular', epoch), cmd: 'zscore', args: [counterKey(shop, 'popular', epoch), 'p1'] }]);
      assert.equal(Number(score), 1, 'one event counts once in the shop statistics');
      assert.equal(await store.backlog(), 0, 'the entry is acknowledged');
      assert.ok((await store.listShops()).includes(shop), 'the shop is registered before its events are acknowledged');
      // Applied again (another projector holding the same entry): still once.
      const again = await store.applyProjection(batch);
      assert.equal(again.status, 'stale');
      assert.equal((await store.getProfile(shop, user))?.eventCount, 1);
    } finally {
      await store.close();
    }
  });

  it('a batch mixing applied and new entries of one shopper is folded apart, each entry counted once', async () => {
    const store = await connect();
    try {
      const { shop, user } = await placedAway(await ownerOf(SHOPS_KEY), 'mix');
      await store.append([makeEvent({ shop, userId: user, id: 'mix-1', ts: 1_000 })]);
      const [first] = await store.readUnprojected(10);
      const one = (seqs: string[], events: number): ProjectionBatch => ({
        seqs,
        profiles: [{ shop, userId: user, features: { 'cat:hats': events }, recent: [], purchased: [], events, firstTs: 1_000, lastTs: 2_000 }],
        stats: [],
      });
      const node = await killRegistryMaster();
      await assert.rejects(store.applyProjection(one([first!.seq], 1)));
      await revive(node);
      await store.append([makeEvent({ shop, userId: user, id: 'mix-2', ts: 2_000 })]);
      const both = await store.readUnprojected(10);
      assert.equal(both.length, 2);
      // The first entry is in the profile already: the writer names what can be folded alone.
      const out = await store.applyProjection(one(both.map((b) => b.seq), 2));
      assert.equal(out.status, 'stale');
      const rest = out.status === 'stale' ? out.unprojected : [];
      assert.equal(rest.length, 1);
      assert.equal((await store.getProfile(shop, user))?.eventCount, 1, 'nothing written from the mixed batch');
      for (let round = 0; round < 4 && (await store.backlog()) > 0; round++) {
        const read = await store.readUnprojected(10);
        const fresh = read.filter((r) => r.seq !== first!.seq);
        const res = await store.applyProjection(one(read.map((r) => r.seq), read.length));
        if (res.status === 'stale') {
          const part = read.filter((r) => res.unprojected.includes(r.seq));
          await store.applyProjection(one(part.map((r) => r.seq), part.length));
        }
        assert.ok(fresh.length <= 1);
      }
      assert.equal(await store.backlog(), 0);
      assert.equal((await store.getProfile(shop, user))?.eventCount, 2, 'two events, each counted once');
    } finally {
      await store.close();
    }
  });

  it('appends for shoppers on live masters go on while the shops registry’s master is down', async () => {
    const store = await connect();
    try {
      const { shop, user } = await placedAway(await ownerOf(SHOPS_KEY), 'ingest');
      const node = await killRegistryMaster();
      const res = await store.append([makeEvent({ shop, userId: user, id: 'ingest-1', ts: 1_000 })]);
      assert.deepEqual(res, { accepted: 1, duplicates: 0 });
      assert.equal((await store.getUserEvents(shop, user, 10)).length, 1);
      await revive(node);
    } finally {
      await store.close();
    }
  });

  it('is not ready while a master is down, and ready again once it is back', async () => {
    const store = await connect();
    try {
      assert.equal(await store.ping(), true);
      const node = nodes[2]!;
      await node.kill('SIGKILL');
      // Every check must see it (one node answering is not the Cluster answering).
      await until('ping to report the missing master', async () => {
        for (let i = 0; i < 5; i++) if (await store.ping()) return false;
        return true;
      }, 10_000);
      await revive(node);
      await until('ping to report the Cluster whole again', () => store.ping());
    } finally {
      await store.close();
    }
  });

  it('a shopper whose keys are on the lost master is refused at once, without marking Redis down; the others read on; after the restart the shopper reads again', async () => {
    const store = await connect();
    try {
      const dead = await ownerOf(SHOPS_KEY);
      const shop = 'reach.myshopify.com';
      const users = Array.from({ length: 40 }, (_, i) => `reach-u${i}`);
      const owners = await Promise.all(users.map((u) => ownerOf(userKeys(shop, u).doc)));
      const onDead = users.filter((_, i) => owners[i] === dead);
      const onLive = users.filter((_, i) => owners[i] !== dead);
      assert.ok(onDead.length > 0 && onLive.length > 0);
      const node = await killRegistryMaster();
      const client = store.conn.client as Cluster;
      await until('the client to drop the lost master', async () => !client.nodes('master').some((n) => n.options.port === dead && n.status === 'ready'));
      for (const user of onDead) await assert.rejects(store.getProfiles(shop, [user]), /Redis Cluster master 127\.0\.0\.1:\d+ serving .* is unreachable/, 'not sent: no budget waited for');
      assert.equal(store.conn.health, 'up', 'one master gone is not Redis gone');
      for (const user of onLive) assert.deepEqual(await store.getProfiles(shop, [user]), [undefined]);
      await revive(node);
      await until('the shopper on the restarted master to read again', async () => (await store.getProfiles(shop, [onDead[0]!])).length === 1);
    } finally {
      await store.close();
    }
  });
});
