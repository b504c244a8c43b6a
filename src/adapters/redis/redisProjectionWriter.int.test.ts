/**
 * Projection on Redis counts each event once, even when two projectors (two consumers of the group,
 * or two drains) hold the same pending entries: the one whose acknowledgement lands first writes the
 * deltas, the other writes nothing. Real redis-server, real `Projector`s.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CatalogRegistry } from '../../features/catalog/catalogRegistry.ts';
import type { ProjectionBatch, UserEventStore } from '../../core/ports.ts';
import { DEFAULT_EVENT_WEIGHTS } from '../../core/profile/fold.ts';
import { DEFAULT_COOC_PARAMS } from '../../core/recommend/cooccurrence.ts';
import { Projector } from '../../features/projection/projector.ts';
import { startRedis, startRedisCluster, type RedisClusterHandle, type RedisServerHandle } from '../../testing/redisServer.ts';
import { makeEvent } from '../../testing/userEventStoreContract.ts';
import { RedisStore, type RedisConnectOptions } from './redisStore.ts';

const TTL = 86_400_000;
const PARAMS = { fold: { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: TTL }, cooc: DEFAULT_COOC_PARAMS, popularHalfLifeMs: TTL, trendingHalfLifeMs: TTL };

let server: RedisServerHandle;
let cluster: RedisClusterHandle;
before(async () => {
  [server, cluster] = await Promise.all([startRedis(), startRedisCluster()]);
});
after(async () => {
  await Promise.all([server?.stop(), cluster?.stop()]);
});

/** Hooks of {@link gated}. */
interface Hooks {
  /** Called when a read returned entries. */
  readonly onRead: () => void;
  /** Applies wait for it. */
  readonly gate: Promise<void>;
  /** Called when an apply is done. */
  readonly onApplied: () => void;
}

/** `store` with hooks around its reads and applies (every other member bound to the store). */
function gated(store: RedisStore, { onRead, gate, onApplied }: Hooks): UserEventStore {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'readUnprojected') {
        return async (limit: number) => {
          const read = await target.readUnprojected(limit);
          if (read.length > 0) onRead();
          return read;
        };
      }
      if (prop === 'applyProjection') {
        return async (batch: ProjectionBatch) => {
          await gate;
          try {
            return await target.applyProjection(batch);
          } finally {
            onApplied();
          }
        };
      }
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  }) as UserEventStore;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const projector = (store: UserEventStore, catalogs: RedisStore): Projector => new Projector({ store, catalogs: new CatalogRegistry(catalogs), params: PARAMS });

type Open = (opts: RedisConnectOptions) => Promise<RedisStore>;

/**
 * Appends 3 events (u1 twice, u2 once); projector A reads them and holds its apply until projector B
 * (another consumer, which takes A's idle entries over) has `read` them too (both then apply at once)
 * or has `applied` them (A then applies what it folded, as a slow projector whose entries were
 * claimed does).
 */
async function twoProjectorsOneBacklog(open: Open, shop: string, until: 'read' | 'applied'): Promise<void> {
  const setup = await open({ profileTtlMs: TTL, consumer: `${shop}-setup` });
  const a = await open({ profileTtlMs: TTL, consumer: `${shop}-a`, claimIdleMs: 1 });
  const b = await open({ profileTtlMs: TTL, consumer: `${shop}-b`, claimIdleMs: 1 });
  try {
    // Whatever earlier tests left is projected first, by the setup consumer.
    for (let i = 0; i < 100; i++) {
      const rest = await setup.readUnprojected(1000);
      if (rest.length === 0) break;
      await setup.applyProjection({ seqs: rest.map((r) => r.seq), profiles: [], stats: [] });
    }
    await setup.append([
      makeEvent({ shop, userId: 'u1', ts: 1_000, items: [{ productId: 'p1', quantity: 1 }] }),
      makeEvent({ shop, userId: 'u1', ts: 2_000, items: [{ productId: 'p2', quantity: 1 }] }),
      makeEvent({ shop, userId: 'u2', ts: 3_000, items: [{ productId: 'p1', quantity: 1 }] }),
    ]);
    const aRead = deferred();
    const bRead = deferred();
    const bApplied = deferred();
    const nothing = (): void => {};
    const pa = projector(gated(a, { onRead: aRead.resolve, gate: until === 'read' ? bRead.promise : bApplied.promise, onApplied: nothing }), a);
    const pb = projector(gated(b, { onRead: bRead.resolve, gate: until === 'read' ? aRead.promise : Promise.resolve(), onApplied: bApplied.resolve }), b);
    const drainA = pa.flush();
    await aRead.promise;
    // A's entries must be idle for claimIdleMs (1 ms) before B may take them: idle time only grows.
    await new Promise((r) => setTimeout(r, 20));
    await Promise.all([drainA, pb.flush()]);
    const [u1, u2] = await setup.getProfiles(shop, ['u1', 'u2']);
    assert.equal(u1?.eventCount, 2, 'u1: each of its two events counted once');
    assert.equal(u2?.eventCount, 1, 'u2: its event counted once');
    assert.deepEqual(await setup.readUnprojected(10), [], 'everything acknowledged');
  } finally {
    await Promise.all([setup.close(), a.close(), b.close()]);
  }
}

describe('Redis projection applies each event once', () => {
  const standalone: Open = (opts) => RedisStore.connect(server.url, opts);
  const onCluster: Open = (opts) => RedisStore.connectCluster(cluster.nodes, opts);

  it('standalone: a projector that applies after another one projected the same entries writes nothing', async () => {
    await twoProjectorsOneBacklog(standalone, 'once-standalone-after', 'applied');
  });

  it('standalone: two projectors applying the same entries at once count each event once', async () => {
    await twoProjectorsOneBacklog(standalone, 'once-standalone-together', 'read');
  });

  it('Cluster: a projector that applies after another one projected the same entries writes nothing', async () => {
    await twoProjectorsOneBacklog(onCluster, 'once-cluster-after', 'applied');
  });

  it('Cluster: two projectors applying the same entries at once count each event once (leases)', async () => {
    await twoProjectorsOneBacklog(onCluster, 'once-cluster-together', 'read');
  });

  it('standalone: a batch of thousands of users is one script (long argument lists are sent in chunks)', async () => {
    const store = await standalone({ profileTtlMs: TTL, consumer: 'wide' });
    try {
      const users = Array.from({ length: 4_500 }, (_, i) => `w${i}`);
      const profiles = users.map((userId, i) => ({ shop: 'wide', userId, features: { 'cat:x': 1 }, recent: [], purchased: [], events: 1, firstTs: i, lastTs: i }));
      assert.deepEqual(await store.applyProjection({ seqs: [], profiles, stats: [] }), { status: 'applied' });
      const got = await store.getProfiles('wide', users);
      assert.equal(got.filter((p) => p?.eventCount === 1).length, users.length);
      assert.deepEqual(await store.usersLastSeenBefore('wide', 3, 10), ['w0', 'w1', 'w2']);
    } finally {
      await store.close();
    }
  });
});

/**
 * Another node's projector has read the backlog (its batch holds the shopper's events) when the
 * shopper (or the shop) is erased on the privacy node: the batch comes back stale, its other entries
 * are reported still pending, and the erased shopper's profile is not written back.
 */
async function erasureBeatsAnotherNodesBatch(open: Open, shop: string, erase: 'user' | 'shop'): Promise<void> {
  const privacy = await open({ profileTtlMs: TTL, consumer: `${shop}-privacy` });
  const other = await open({ profileTtlMs: TTL, consumer: `${shop}-other` });
  try {
    for (let i = 0; i < 100; i++) {
      const rest = await privacy.readUnprojected(1000);
      if (rest.length === 0) break;
      await privacy.applyProjection({ seqs: rest.map((r) => r.seq), profiles: [], stats: [] });
    }
    await privacy.append([
      makeEvent({ shop, userId: 'gone', ts: 1_000, items: [{ productId: 'p1', quantity: 1 }] }),
      makeEvent({ shop: `${shop}-kept`, userId: 'kept', ts: 2_000, items: [{ productId: 'p1', quantity: 1 }] }),
    ]);
    const read = await other.readUnprojected(10);
    assert.equal(read.length, 2, 'the other node holds both entries');
    if (erase === 'user') await privacy.eraseUser(shop, 'gone');
    else await privacy.eraseShop(shop);
    const profile = (userId: string, s: string) => ({ shop: s, userId, features: { 'cat:x': 1 }, recent: [], purchased: [], events: 1, firstTs: 1, lastTs: 1 });
    const outcome = await other.applyProjection({ seqs: read.map((r) => r.seq), profiles: [profile('gone', shop), profile('kept', `${shop}-kept`)], stats: [] });
    const kept = read.find((r) => r.event.userId === 'kept')!.seq;
    assert.deepEqual(outcome, { status: 'stale', unprojected: [kept] }, 'the erased entry is no longer pending anywhere');
    assert.deepEqual(await privacy.getProfiles(shop, ['gone']), [undefined], 'the erased profile was not written back');
  } finally {
    await Promise.all([privacy.close(), other.close()]);
  }
}

describe('Redis erasure acknowledges what it deletes from the log', () => {
  const standalone: Open = (opts) => RedisStore.connect(server.url, opts);
  const onCluster: Open = (opts) => RedisStore.connectCluster(cluster.nodes, opts);
  it('standalone: another node’s batch holding an erased shopper’s events is stale', async () => {
    await erasureBeatsAnotherNodesBatch(standalone, 'erase-standalone-user', 'user');
  });
  it('standalone: another node’s batch holding an erased shop’s events is stale', async () => {
    await erasureBeatsAnotherNodesBatch(standalone, 'erase-standalone-shop', 'shop');
  });
  it('Cluster: another node’s batch holding an erased shopper’s events is stale (lease refused)', async () => {
    await erasureBeatsAnotherNodesBatch(onCluster, 'erase-cluster-user', 'user');
  });
});
