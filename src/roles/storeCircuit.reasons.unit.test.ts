/**
 * What the shared-state circuit says when it refuses (the probe's failure, once, without repeating
 * "Redis"), and that a closed circuit no longer moves. The gate itself is `storeCircuit.unit.test.ts`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { StoreCircuit, type CircuitState } from './storeCircuit.ts';

function circuitWith(probe: () => Promise<unknown>, probeTimeoutMs = 500) {
  const waiting: { state: CircuitState; resolve: () => void }[] = [];
  const circuit = new StoreCircuit({
    probe,
    probeTimeoutMs,
    probeEveryMs: 60_000,
    onChange: (state) => {
      for (const w of waiting.splice(0)) (w.state === state ? w.resolve() : waiting.push(w));
    },
  });
  const reaches = (state: CircuitState) => (circuit.state === state ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ state, resolve })));
  return { circuit, reaches };
}

const failing = async (): Promise<string> => {
  throw new Error('Connection is closed.');
};

describe('store circuit reasons', () => {
  // The circuit's timers are unref'd (they never hold a process up): the test holds it up.
  let keepAlive: NodeJS.Timeout;
  before(() => (keepAlive = setInterval(() => {}, 1_000)));
  after(() => clearInterval(keepAlive));

  it('a refusal names the probe’s failure and what was not done', async () => {
    const { circuit, reaches } = circuitWith(async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    });
    await assert.rejects(circuit.write(failing, 1_000, 'write the session'), /Redis could not write the session: Connection is closed\./);
    await reaches('down');
    await assert.rejects(circuit.read(failing, 1_000, 'read the session'), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'STORE_UNAVAILABLE');
      assert.match(err.message, /^Redis is unreachable \(probe failed: connect ECONNREFUSED 127\.0\.0\.1:6379, \d+ ms ago\); did not read the session\.$/);
      return true;
    });
    circuit.close();
  });

  it('a probe that does not answer in time is named as such', async () => {
    const { circuit, reaches } = circuitWith(() => new Promise(() => {}), 5);
    await assert.rejects(circuit.read(failing, 1_000, 'read the session'));
    await reaches('down');
    await assert.rejects(circuit.write(failing, 1_000, 'write the session'), (err: Error) => {
      assert.match(err.message, /^Redis is unreachable \(probe failed: no answer within 5 ms, \d+ ms ago\); did not write the session\.$/);
      return true;
    });
    circuit.close();
  });

  it('once closed, a failing operation no longer makes Redis suspect', async () => {
    const { circuit } = circuitWith(async () => 'ok');
    circuit.close();
    await assert.rejects(circuit.read(failing, 1_000, 'read the session'), /Connection is closed/);
    assert.equal(circuit.state, 'up');
  });
});
