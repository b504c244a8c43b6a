/**
 * The up / suspect / down machine: only `up` becomes suspect, a probe (or an answer seen elsewhere)
 * decides, waiters are released when the state leaves `suspect`, probes go on while down, and nothing
 * moves once closed. Behaviour only: probes are counted, states are awaited through `onChange`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Availability, type AvailabilityOptions, type AvailabilityState } from './availability.ts';

function harness(opts: Partial<AvailabilityOptions> = {}) {
  let answers = true;
  let probes = 0;
  const changes: [AvailabilityState, string][] = [];
  const waiting: { state: AvailabilityState; resolve: () => void }[] = [];
  const availability = new Availability({
    name: 'Redis',
    probeEveryMs: 1,
    probe: async () => {
      probes++;
      if (!answers) throw new Error('connect ECONNREFUSED');
    },
    ...opts,
    onChange: (state, reason) => {
      changes.push([state, reason]);
      for (const w of waiting.splice(0)) (w.state === state ? w.resolve() : waiting.push(w));
    },
  });
  return {
    availability,
    changes,
    probes: () => probes,
    answers: (v: boolean) => (answers = v),
    reaches: (state: AvailabilityState) =>
      availability.state === state ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ state, resolve })),
  };
}

/** Resolves with whether `p` settled once everything already queued (timers of 0 ms included) ran. */
async function settledSoon(p: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void p.then(() => (settled = true));
  await new Promise((r) => setImmediate(r));
  return settled;
}

describe('availability', () => {
  // Its timers are unref'd (they never hold a process up): the test holds it up.
  let keepAlive: NodeJS.Timeout;
  before(() => (keepAlive = setInterval(() => {}, 1_000)));
  after(() => clearInterval(keepAlive));

  it('starts up and stays there without a probe while nothing is reported', async () => {
    const h = harness();
    assert.equal(h.availability.state, 'up');
    assert.equal(h.availability.describe(), 'Redis is up');
    assert.equal(await settledSoon(h.availability.decided()), true);
    assert.equal(h.probes(), 0);
    h.availability.answered('connection ready');
    assert.deepEqual(h.changes, [], 'an answer while up changes nothing');
  });

  it('suspect, then a probe that answers brings it up and releases the waiters', async () => {
    const h = harness();
    h.availability.suspect('read got no answer within 500 ms');
    assert.equal(h.availability.state, 'suspect');
    assert.match(h.availability.describe(), /^Redis is not answering \(read got no answer within 500 ms, \d+ ms ago\)$/);
    await h.availability.decided();
    assert.equal(h.availability.state, 'up');
    assert.deepEqual(h.changes, [
      ['suspect', 'read got no answer within 500 ms'],
      ['up', 'probe answered'],
    ]);
    assert.equal(h.probes(), 1);
  });

  it('a probe that fails makes it down (waiters released), probes go on, and the first answer brings it up', async () => {
    const h = harness();
    h.answers(false);
    h.availability.suspect('connection closed');
    const waiter = h.availability.decided();
    await h.reaches('down');
    assert.equal(await settledSoon(waiter), true, 'the waiter is released by the down verdict');
    assert.match(h.availability.describe(), /^Redis is unreachable \(probe failed: connect ECONNREFUSED, \d+ ms ago\)$/);
    const before = h.probes();
    h.answers(true);
    await h.reaches('up');
    assert.ok(h.probes() > before, 'a later probe, not a request, found it back');
    assert.deepEqual(h.changes.at(-1), ['up', 'probe answered']);
  });

  it('only up becomes suspect: a report while down keeps the probe’s verdict', async () => {
    const h = harness();
    h.answers(false);
    h.availability.suspect('connection closed');
    await h.reaches('down');
    h.availability.suspect('another failure');
    assert.equal(h.availability.state, 'down');
    assert.equal(h.changes.filter(([s]) => s === 'suspect').length, 1);
    h.availability.close();
  });

  it('a probe that does not settle in time fails with the late reason, and its signal aborts', async () => {
    let signal: AbortSignal | undefined;
    const h = harness({
      probeTimeoutMs: 5,
      probe: (s) => {
        signal = s;
        return new Promise<never>(() => {});
      },
      late: (ms) => `no PONG within ${ms} ms`,
    });
    h.availability.suspect('connection closed');
    await h.reaches('down');
    assert.deepEqual(h.changes[1], ['down', 'probe failed: no PONG within 5 ms']);
    assert.equal(signal?.aborted, true, 'the probe is told to stop waiting');
    h.availability.close();
  });

  it('without a late reason, a late probe fails with “no answer within”', async () => {
    const h = harness({ probeTimeoutMs: 5, probe: () => new Promise<never>(() => {}) });
    h.availability.suspect('x');
    await h.reaches('down');
    assert.deepEqual(h.changes[1], ['down', 'probe failed: no answer within 5 ms']);
    h.availability.close();
  });

  it('a probe that throws at once counts as failed', async () => {
    const h = harness({
      probe: () => {
        throw new Error('not connected');
      },
    });
    h.availability.suspect('x');
    await h.reaches('down');
    assert.deepEqual(h.changes[1], ['down', 'probe failed: not connected']);
    h.availability.close();
  });

  it('an answer seen elsewhere while the probe waits brings it up; the probe’s failure then does not take it down', async () => {
    let fail!: (err: Error) => void;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const h = harness({
      probe: () =>
        new Promise<never>((_, reject) => {
          fail = reject;
          started();
        }),
    });
    h.availability.suspect('connection closed');
    const waiter = h.availability.decided();
    await running;
    h.availability.answered('connection ready');
    assert.equal(await settledSoon(waiter), true);
    fail(new Error('Connection is closed.'));
    await new Promise((r) => setImmediate(r));
    assert.equal(h.availability.state, 'up');
    assert.deepEqual(h.changes, [
      ['suspect', 'connection closed'],
      ['up', 'connection ready'],
    ]);
  });

  it('can start suspect: a probe runs at once, without a change reported for the start', async () => {
    const h = harness({ suspectFromStart: 'connection reconnecting' });
    assert.equal(h.availability.state, 'suspect');
    assert.match(h.availability.describe(), /^Redis is not answering \(connection reconnecting, \d+ ms ago\)$/);
    await h.reaches('up');
    assert.deepEqual(h.changes, [['up', 'probe answered']]);
  });

  it('once closed: waiters are released, probes stop, and the state no longer moves', async () => {
    const h = harness();
    h.answers(false);
    h.availability.suspect('x');
    await h.reaches('down');
    h.availability.close();
    const n = h.probes();
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(h.probes(), n, 'no probe after close');
    h.availability.answered('connection ready');
    assert.equal(h.availability.state, 'down');

    const s = harness({ probe: () => new Promise<never>(() => {}) });
    s.availability.suspect('x');
    const waiter = s.availability.decided();
    s.availability.close();
    assert.equal(await settledSoon(waiter), true, 'a waiter does not outlive close');
    assert.equal(await settledSoon(s.availability.decided()), true);

    let signal: AbortSignal | undefined;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const p = harness({
      probeTimeoutMs: 60_000,
      probe: (sig) => {
        signal = sig;
        started();
        return new Promise<never>(() => {});
      },
    });
    p.availability.suspect('x');
    await running;
    p.availability.close();
    assert.equal(signal?.aborted, true, 'close ends the probe in flight (its deadline too)');

    const u = harness();
    u.availability.close();
    u.availability.suspect('a failure after close');
    assert.equal(u.availability.state, 'up');
    assert.equal(u.probes(), 0);
  });
});
