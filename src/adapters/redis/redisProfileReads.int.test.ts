import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { startRedis, type RedisServerHandle } from '../../testing/redisServer.ts';
import { userKeys } from './keys.ts';
import { RedisStore } from './redisStore.ts';

let server: RedisServerHandle;
before(async () => {
  server = await startRedis();
});
after(async () => {
  await server?.stop();
});

describe('RedisStore profile reads on the request path', () => {
  it('decode a document once: the same text gives the same frozen profile, a changed one (any writer) a new one', async () => {
    const store = await RedisStore.connect(server.url, { profileTtlMs: 86_400_000, consumer: 'reads' });
    const delta = (features: Record<string, number>, ts: number) => ({ shop: 's', userId: 'u', features, recent: [{ productId: 'p1', type: 'view' as const, ts }], purchased: [], events: 1, firstTs: ts, lastTs: ts });
    await store.applyProjection({ seqs: [], profiles: [delta({ 'cat:x': 1 }, 1000)], stats: [] });
    const [a] = await store.getProfiles('s', ['u']);
    const [b] = await store.getProfiles('s', ['u']);
    assert.ok(a && Object.isFrozen(a) && Object.isFrozen(a.recent) && Object.isFrozen(a.features));
    assert.equal(b, a, 'unchanged document: the same object');
    // Another writer (here a plain client) changes the stored document: the next read sees it.
    const other = new Redis(server.url);
    const key = userKeys('s', 'u').doc;
    const doc = JSON.parse((await other.get(key)) as string) as unknown[];
    (doc[0] as Record<string, number>)['cat:x'] = 5;
    await other.set(key, JSON.stringify(doc));
    other.disconnect();
    const [c] = await store.getProfiles('s', ['u']);
    assert.notEqual(c, a);
    assert.equal(c?.features['cat:x'], 5);
    // A projection changes it too; an erased user is gone.
    await store.applyProjection({ seqs: [], profiles: [delta({ 'cat:x': 1 }, 2000)], stats: [] });
    const [d] = await store.getProfiles('s', ['u']);
    assert.equal(d?.features['cat:x'], 6);
    await store.eraseUser('s', 'u');
    assert.deepEqual(await store.getProfiles('s', ['u']), [undefined]);
    await store.close();
  });
});
