/**
 * Two project nodes on one Redis: each period's retention sweep runs on one of them (the claim is a
 * real `SET NX PX` on a real redis-server; the timers are mocked, so nothing depends on time).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import { Redis } from 'ioredis';
import { claimTurn, lockKey } from '../adapters/redis/redisLock.ts';
import { startRedis, type RedisServerHandle } from '../testing/redisServer.ts';
import { RETENTION_SWEEP_MS, startBackgroundWork, SWEEP_CLAIM_MS } from './backgroundWork.ts';

let server: RedisServerHandle;
let client: Redis;
before(async () => {
  server = await startRedis();
  client = new Redis(server.url);
});
after(async () => {
  client?.disconnect();
  await server?.stop();
});

describe('retention sweep on a shared store', () => {
  it('two project nodes: one sweep per period', async () => {
    let sweeps = 0;
    let claims = 0;
    const settled: Promise<unknown>[] = [];
    mock.timers.enable({ apis: ['setInterval'] });
    const nodes = ['node-a', 'node-b'].map((owner) =>
      startBackgroundWork({
        roles: ['project'],
        sweep: async () => void sweeps++,
        claimSweep: () => {
          const p = claimTurn(client, 'retention-sweep', owner, SWEEP_CLAIM_MS);
          settled.push(p.finally(() => claims++));
          return p;
        },
        refreshCatalogs: async () => undefined,
        catalogRefreshMs: RETENTION_SWEEP_MS,
        onError: (_, err) => assert.fail(String(err)),
      }),
    );
    try {
      mock.timers.tick(RETENTION_SWEEP_MS);
    } finally {
      for (const n of nodes) n.stop();
      mock.timers.reset();
    }
    await Promise.all(settled);
    for (let i = 0; i < 100 && sweeps === 0; i++) await new Promise((r) => setImmediate(r));
    assert.equal(claims, 2, 'both nodes tried');
    assert.equal(sweeps, 1, 'one of them swept');
    const ttl = await client.pttl(lockKey('retention-sweep'));
    assert.ok(ttl > 0 && ttl <= SWEEP_CLAIM_MS, `the claim expires by itself (pttl ${ttl})`);
  });
});
