import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { startRedis, type RedisServerHandle } from '../../testing/redisServer.ts';
import { deadline } from './deadline.ts';

/** Blocks the event loop (a long synchronous task in the same process). */
function block(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy
  }
}

describe('deadline', () => {
  let redis: RedisServerHandle;
  let client: Redis;
  before(async () => {
    redis = await startRedis();
    client = new Redis(redis.url);
    await client.ping();
  });
  after(async () => {
    client.disconnect();
    await redis.stop();
  });

  it('does not expire when the reply arrived during an event-loop stall longer than the deadline', async () => {
    let expired = false;
    const cancel = deadline(20, () => {
      expired = true;
    });
    const pong = client.ping(); // sent now; Redis answers while the loop is blocked
    block(300);
    assert.equal(await pong, 'PONG');
    cancel();
    await new Promise((r) => setImmediate(r));
    assert.equal(expired, false);
  });

  it('expires when no answer comes', async () => {
    let expired = false;
    deadline(5, () => {
      expired = true;
    });
    for (let i = 0; i < 10_000 && !expired; i++) await new Promise((r) => setTimeout(r, 1));
    assert.equal(expired, true);
  });
});
