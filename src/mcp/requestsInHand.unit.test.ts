import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { trackRequestsInHand } from './requestsInHand.ts';

/** A transport whose server side is `received` (what `connect` would set) and whose writes are recorded. */
function fakeTransport(): Transport & { received: JSONRPCMessage[]; sent: JSONRPCMessage[] } {
  const t = {
    received: [] as JSONRPCMessage[],
    sent: [] as JSONRPCMessage[],
    async start() {},
    async close() {},
    async send(m: JSONRPCMessage) {
      t.sent.push(m);
    },
    onmessage: undefined as Transport['onmessage'],
  };
  t.onmessage = (m) => void t.received.push(m);
  return t;
}

const request = (id: number, method = 'tools/call'): JSONRPCMessage => ({ jsonrpc: '2.0', id, method, params: {} });

describe('requests in hand', () => {
  it('counts requests read until their answer (result or error) is written', async () => {
    const t = fakeTransport();
    const inHand = trackRequestsInHand(t);
    assert.equal(await inHand.settled(10), true, 'nothing read: settled at once');
    t.onmessage?.(request(1));
    t.onmessage?.(request(2));
    t.onmessage?.({ jsonrpc: '2.0', method: 'notifications/initialized' });
    assert.equal(t.received.length, 3, 'every message still reaches the server');
    assert.equal(inHand.count, 2);
    const settled = inHand.settled(5_000);
    await t.send({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'x' } });
    await t.send({ jsonrpc: '2.0', id: 1, result: {} });
    assert.equal(inHand.count, 1);
    await t.send({ jsonrpc: '2.0', id: 2, error: { code: -32602, message: 'no' } });
    assert.equal(await settled, true);
    assert.equal(t.sent.length, 3);
  });

  it('forgets a request the client cancelled (the server sends no answer to it)', async () => {
    const t = fakeTransport();
    const inHand = trackRequestsInHand(t);
    t.onmessage?.(request(7));
    t.onmessage?.({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 7 } });
    assert.equal(await inHand.settled(10), true);
  });

  it('gives up after the timeout when an answer never comes', async () => {
    const t = fakeTransport();
    const inHand = trackRequestsInHand(t);
    t.onmessage?.(request(3));
    assert.equal(await inHand.settled(20), false);
    assert.equal(inHand.count, 1);
  });
});
