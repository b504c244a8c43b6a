/**
 * The store's health driven by its client: connection events move the state, the probe PINGs only a
 * ready connection (a PING while reconnecting would sit in the offline queue) and says why it failed.
 * A fake client (an EventEmitter with ioredis' `status` and `ping`) stands in for ioredis; the real
 * one against a killed and a frozen server is `redisResilience.int.test.ts`.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { after, before, describe, it } from 'node:test';
import type { Redis } from 'ioredis';
import { RedisHealth, type RedisHealthState } from './redisHealth.ts';

class FakeClient extends EventEmitter {
  status = 'ready';
  pings = 0;
  /** What a PING does: answers PONG by default. */
  pong: () => Promise<string> = async () => 'PONG';
  ping(): Promise<string> {
    this.pings++;
    return this.pong();
  }
  drop(): void {
    this.status = 'reconnecting';
    this.emit('close');
  }
  reconnect(): void {
    this.status = 'ready';
    this.emit('ready');
  }
}

function harness(client = new FakeClient(), probeTimeoutMs = 10) {
  const changes: [RedisHealthState, string][] = [];
  const waiting: { state: RedisHealthState; resolve: () => void }[] = [];
  const health = new RedisHealth(client as unknown as Redis, {
    probeTimeoutMs,
    probeEveryMs: 1,
    onChange: (state, reason) => {
      changes.push([state, reason]);
      for (const w of waiting.splice(0)) (w.state === state ? w.resolve() : waiting.push(w));
    },
  });
  const reaches = (state: RedisHealthState) => (health.state === state ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ state, resolve })));
  return { client, health, changes, reaches };
}

describe('redis health', () => {
  // Its timers are unref'd (they never hold a process up): the test holds it up.
  let keepAlive: NodeJS.Timeout;
  before(() => (keepAlive = setInterval(() => {}, 1_000)));
  after(() => clearInterval(keepAlive));

  it('a dropped connection is suspect at once; the probe PINGs only once it is ready again, and the reconnection brings it up', async () => {
    const h = harness(undefined, 60_000);
    h.client.drop();
    assert.equal(h.health.state, 'suspect');
    assert.equal(h.health.up, false);
    assert.equal(h.health.down, false);
    const waiter = h.health.decided();
    while (h.client.listenerCount('ready') < 2) await new Promise((r) => setImmediate(r)); // the probe waits for 'ready'
    assert.equal(h.client.pings, 0, 'nothing is queued on the reconnecting connection');
    h.client.reconnect();
    await waiter;
    assert.equal(h.health.state, 'up');
    assert.deepEqual(h.changes, [
      ['suspect', 'connection closed'],
      ['up', 'connection ready'],
    ]);
    while (h.client.pings === 0) await new Promise((r) => setImmediate(r));
    assert.equal(h.client.listenerCount('ready'), 1, 'the probe’s wait is gone');
    h.health.close();
  });

  it('no reconnection within the probe’s wait: down, saying so, and the wait leaves no listener behind', async () => {
    const h = harness();
    h.client.drop();
    await h.reaches('down');
    assert.deepEqual(h.changes[1], ['down', 'probe failed: connection reconnecting']);
    assert.match(h.health.describe(), /^Redis is unreachable \(probe failed: connection reconnecting, \d+ ms ago\)$/);
    // Probes go on every probeEveryMs; each one's wait for 'ready' is removed when it runs out.
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 2));
    h.health.close();
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(h.client.listenerCount('ready'), 1, 'only the health’s own listener');
    assert.equal(h.client.pings, 0);
  });

  it('a frozen server (connection open, no PONG) is found down by the probe; a PONG brings it back', async () => {
    const h = harness();
    h.client.pong = () => new Promise<string>(() => {});
    h.health.suspect('read got no answer within 500 ms');
    await h.reaches('down');
    assert.deepEqual(h.changes[1], ['down', 'probe failed: no PONG within 10 ms']);
    h.client.pong = async () => 'PONG';
    await h.reaches('up');
    assert.deepEqual(h.changes.at(-1), ['up', 'probe answered']);
    h.health.close();
  });

  it('a reply other than PONG is a failed probe', async () => {
    const h = harness();
    h.client.pong = async () => 'LOADING';
    h.health.suspect('x');
    await h.reaches('down');
    assert.deepEqual(h.changes[1], ['down', 'probe failed: no PONG']);
    h.health.close();
  });

  it('a client that lost its connection before is suspect from the start, saying why, and probed at once', async () => {
    const client = new FakeClient();
    client.status = 'reconnecting';
    const h = harness(client);
    assert.equal(h.health.state, 'suspect');
    assert.match(h.health.describe(), /^Redis is not answering \(connection reconnecting, \d+ ms ago\)$/);
    await h.reaches('down');
    h.health.close();
  });

  it('a client still connecting counts as up', () => {
    const client = new FakeClient();
    client.status = 'connecting';
    const h = harness(client);
    assert.equal(h.health.state, 'up');
    assert.equal(h.health.describe(), 'Redis is up');
    h.health.close();
  });
});
