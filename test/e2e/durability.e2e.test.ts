/**
 * An event answered with 2xx is durable: the server process is SIGKILLed right after the last
 * acknowledgement, and every acknowledged event is still there, then projected after a restart.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { RedisStore } from '../../src/adapters/redis/redisStore.ts';
import { SqliteStore } from '../../src/adapters/sqlite/sqliteStore.ts';
import { loadConfig } from '../../src/config.ts';
import { createAffinity } from '../../src/main.ts';
import { startRedis } from '../../src/testing/redisServer.ts';
import { makeEvent } from '../../src/testing/userEventStoreContract.ts';

const BIN = join(import.meta.dirname, '../../bin/affinity.mjs');

function serve(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve'], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', AFFINITY_LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL'); // a server left running would keep this test file from ending
      reject(new Error(`${why}: ${err}`));
    };
    // Only a bound for a server that never starts: a loaded machine may take many seconds (tsx compiles the app).
    const timer = setTimeout(() => fail('server did not start'), 60_000);
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] as string });
      }
    });
    child.on('exit', (code) => fail(`server exited ${code}`));
  });
}

/** Sends `signal` to `child` unless it has exited, and waits until it has. */
async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

function event(i: number) {
  return {
    id: `kill-${i}`,
    name: 'product_viewed',
    clientId: `shopper-${i % 5}`,
    timestamp: new Date(Date.now() - 1000).toISOString(),
    data: { productVariant: { id: `9${i}`, price: { amount: 12.5, currencyCode: 'USD' }, product: { id: String(1000 + (i % 17)), title: 'P', vendor: 'V', type: 'T', url: '/p' }, sku: null, title: null, untranslatedTitle: null, image: null } },
  };
}

describe('durability under SIGKILL (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'affinity-kill-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged event', async () => {
    const db = join(dir, 'kill.db');
    const { child, url } = await serve({ AFFINITY_DB: db });
    const acked: string[] = [];
    const N = 300;
    let next = 0;
    const worker = async () => {
      while (next < N) {
        const i = next++;
        const res = await fetch(`${url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event(i)) });
        if (res.status === 202) acked.push(`kill-${i}`);
        await res.arrayBuffer();
      }
    };
    try {
      await Promise.all(Array.from({ length: 16 }, worker));
    } finally {
      await stop(child, 'SIGKILL');
    }
    assert.equal(acked.length, N);

    const store = new SqliteStore({ path: db, profileTtlMs: 86_400_000 });
    const stored = new Set<string>();
    for (let u = 0; u < 5; u++) for (const e of await store.getUserEvents('default', `shopper-${u}`, 1000)) stored.add(e.id);
    await store.close();
    const lost = acked.filter((id) => !stored.has(id));
    assert.deepEqual(lost, [], `${lost.length} acknowledged events lost`);

    // After a restart the projector catches up with whatever the killed process had not projected.
    const again = await serve({ AFFINITY_DB: db });
    try {
      let total = 0;
      // Polled: bounded, generous (a minute) so a loaded machine has time, no assertion on how long it took.
      for (let tries = 0; tries < 600; tries++) {
        total = 0;
        for (let u = 0; u < 5; u++) {
          const r = await fetch(`${again.url}/v1/users/shopper-${u}/profile`);
          if (r.status === 200) total += ((await r.json()) as { eventCount: number }).eventCount;
          else await r.arrayBuffer();
        }
        if (total === N) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(total, N);
    } finally {
      await stop(again.child, 'SIGTERM');
    }
  });
});

async function postAll(url: string, n: number, prefix: string): Promise<string[]> {
  const acked: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const e = { ...event(i), id: `${prefix}-${i}` };
      const res = await fetch(`${url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(e) });
      if (res.status === 202) acked.push(e.id);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return acked;
}

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

describe('shutdown with a backlog', () => {
  it('close() finishes the batch in hand and leaves the rest in the log; the next start projects it, each event once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'affinity-shutdown-'));
    try {
      const config = loadConfig({ PORT: '0', AFFINITY_DB: join(dir, 'a.db'), AFFINITY_LOG_LEVEL: 'silent' });
      const first = await createAffinity(config);
      // A burst the projector has not caught up with (5 batches of its default 1,000).
      await first.ctx.store.append(Array.from({ length: 5_000 }, (_, i) => makeEvent({ shop: 'burst', userId: `u${i % 50}` })));
      await first.close();
      const store = new SqliteStore({ path: join(dir, 'a.db'), profileTtlMs: 86_400_000 });
      const left = (await store.readUnprojected(10_000)).length;
      await store.close();
      assert.ok(left >= 3_000, `${left} of 5,000 events left in the log at shutdown`);

      const second = await createAffinity(config);
      await second.projector.flush();
      const profile = await second.ctx.store.getProfile('burst', 'u0');
      await second.close();
      assert.equal(profile?.eventCount, 100, 'every event of u0 projected once');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
