/**
 * Durability on Redis: every acknowledged event survives a SIGKILL of the API process, and while
 * Redis is down events are refused (503), never acknowledged and lost.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RedisStore } from '../../src/adapters/redis/redisStore.ts';
import { startRedis } from '../../src/testing/redisServer.ts';
import { event, postAll, serve, stop } from './serveProcess.ts';

describe('durability under SIGKILL and Redis outages (Redis)', () => {
  it('keeps every acknowledged event when the API process is killed', async () => {
    const redis = await startRedis({ appendonly: true });
    try {
      const { child, url } = await serve({ AFFINITY_STORE: 'redis', REDIS_URL: redis.url });
      let acked: string[];
      try {
        acked = await postAll(url, 300, 'rk');
      } finally {
        await stop(child, 'SIGKILL');
      }
      assert.equal(acked.length, 300);
      const store = await RedisStore.connect(redis.url, { profileTtlMs: 86_400_000 });
      const stored = new Set<string>();
      for (let u = 0; u < 5; u++) for (const e of await store.getUserEvents('default', `shopper-${u}`, 1000)) stored.add(e.id);
      await store.close();
      assert.deepEqual(acked.filter((id) => !stored.has(id)), []);
    } finally {
      await redis.stop();
    }
  });

  it('answers 503 STORE_UNAVAILABLE (never 2xx) while Redis is down, and accepts again after it recovers', async () => {
    const redis = await startRedis({ appendonly: true });
    const { child, url } = await serve({ AFFINITY_STORE: 'redis', REDIS_URL: redis.url });
    try {
      assert.equal((await postAll(url, 5, 'before')).length, 5);
      await redis.kill('SIGKILL');
      const res = await fetch(`${url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...event(1), id: 'during' }) });
      assert.equal(res.status, 503);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'STORE_UNAVAILABLE');
      const ready = await fetch(`${url}/health/ready`);
      assert.equal(ready.status, 503);
      await ready.arrayBuffer();
      await redis.restart();
      let ok = false;
      // Polled: bounded, generous (a minute) so a loaded machine has time to reconnect, no assertion on how long it took.
      for (let i = 0; i < 300 && !ok; i++) {
        const r = await fetch(`${url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...event(1), id: 'during' }) });
        ok = r.status === 202;
        await r.arrayBuffer();
        if (!ok) await new Promise((r2) => setTimeout(r2, 200));
      }
      assert.ok(ok, 'accepts again after Redis recovers');
    } finally {
      await stop(child, 'SIGTERM');
      await redis.stop();
    }
  });
});
