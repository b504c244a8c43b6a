/**
 * The shared-state circuit: once an operation failed and the probe found Redis unreachable, reads and
 * writes fail at once without reaching Redis; a probe that answers brings them back. Behaviour only:
 * the probe and the operations are counted, states are awaited through `onChange`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { StoreCircuit, type CircuitState } from './storeCircuit.ts';

function harness() {
  let redisUp = true;
  let probes = 0;
  const waiting: { state: CircuitState; resolve: () => void }[] = [];
  const circuit = new StoreCircuit({
    probeEveryMs: 1,
    probe: async () => {
      probes++;
      if (!redisUp) throw new Error('connect ECONNREFUSED');
    },
    onChange: (state) => {
      for (const w of waiting.splice(0)) (w.state === state ? w.resolve() : waiting.push(w));
    },
  });
  let calls = 0;
  const op = async (): Promise<string> => {
    calls++;
    if (!redisUp) throw new Error('Connection is closed.');
    return 'ok';
  };
  return {
    circuit,
    op,
    calls: () => calls,
    probes: () => probes,
    setUp: (v: boolean) => (redisUp = v),
    reaches: (state: CircuitState) => (circuit.state === state ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ state, resolve }))),
  };
}

const unavailable = (err: Error & { code?: string }) => err.code === 'STORE_UNAVAILABLE';

describe('store circuit', () => {
  // The circuit's timers are unref'd (they never hold a process up): the test holds it up.
  let keepAlive: NodeJS.Timeout;
  before(() => (keepAlive = setInterval(() => {}, 1_000)));
  after(() => clearInterval(keepAlive));

  it('runs operations while Redis is up, one field read each', async () => {
    const h = harness();
    assert.equal(await h.circuit.read(h.op, 1_000, 'read'), 'ok');
    assert.equal(await h.circuit.write(h.op, 1_000, 'write'), 'ok');
    assert.equal(h.calls(), 2);
    assert.equal(h.probes(), 0, 'no probe on the healthy path');
    assert.equal(h.circuit.state, 'up');
  });

  it('after a failure and a failed probe, reads and writes fail at once without reaching Redis', async () => {
    const h = harness();
    h.setUp(false);
    await assert.rejects(h.circuit.read(h.op, 1_000, 'read the session'), unavailable);
    assert.equal(h.circuit.state, 'suspect');
    // A read while suspect does not wait and does not reach Redis.
    await assert.rejects(h.circuit.read(h.op, 1_000, 'read the session'), unavailable);
    assert.equal(h.calls(), 1);
    await h.reaches('down');
    for (let i = 0; i < 5; i++) {
      await assert.rejects(h.circuit.read(h.op, 1_000, 'read the session'), (err: Error & { code?: string }) => unavailable(err) && /unreachable/.test(err.message));
      await assert.rejects(h.circuit.write(h.op, 1_000, 'write the session'), unavailable);
    }
    assert.equal(h.calls(), 1, 'nothing went to Redis while it was known down');
    h.circuit.close();
  });

  it('a write while suspect waits for the verdict: goes through when the probe answers', async () => {
    const h = harness();
    h.setUp(false);
    await assert.rejects(h.circuit.read(h.op, 1_000, 'read'), unavailable);
    // Redis is back before the probe ran (a blip): the write waits for the probe, then runs.
    h.setUp(true);
    assert.equal(h.circuit.state, 'suspect');
    assert.equal(await h.circuit.write(h.op, 1_000, 'write'), 'ok');
    assert.equal(h.circuit.state, 'up');
    assert.equal(h.calls(), 2);
  });

  it('recovers by itself: probes go on while down, and the first that answers reopens every path', async () => {
    const h = harness();
    h.setUp(false);
    await assert.rejects(h.circuit.write(h.op, 1_000, 'write'), unavailable);
    await h.reaches('down');
    const before = h.probes();
    h.setUp(true);
    await h.reaches('up');
    assert.ok(h.probes() > before, 'a probe, not a request, found Redis back');
    assert.equal(await h.circuit.read(h.op, 1_000, 'read'), 'ok');
  });

  it('an operation that outlives its budget makes Redis suspect (a frozen server keeps its connection)', async () => {
    const h = harness();
    let release!: () => void;
    const frozen = () => new Promise<string>((resolve) => (release = () => resolve('late')));
    await assert.rejects(h.circuit.read(frozen, 20, 'read the session'), (err: Error & { code?: string }) => unavailable(err) && /within 20 ms/.test(err.message));
    assert.notEqual(h.circuit.state, 'up');
    release();
    h.circuit.close();
  });

  it('stops probing once closed', async () => {
    const h = harness();
    h.setUp(false);
    await assert.rejects(h.circuit.read(h.op, 1_000, 'read'), unavailable);
    await h.reaches('down');
    h.circuit.close();
    const n = h.probes();
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(h.probes(), n);
  });
});
