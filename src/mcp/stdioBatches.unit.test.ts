import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { batchRefusals, splitOutBatches, type RpcRefusal } from './stdioBatches.ts';

describe('JSON-RPC batches on stdio', () => {
  it('refuses each request of a batch with its own id, answers no notification, and an element that is no message with id null', () => {
    const answers = batchRefusals([
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 'b', method: 'ping' },
      { jsonrpc: '2.0', id: 9, result: {} },
      5,
    ]);
    assert.deepEqual(answers.map((a) => [a.id, a.error.code]), [[2, -32600], ['b', -32600], [null, -32600]]);
    assert.match(answers[0]?.error.message ?? '', /batches are not supported on stdio; send each message on its own line/);
    assert.deepEqual(batchRefusals([{ jsonrpc: '2.0', method: 'notifications/initialized' }]), []);
    assert.deepEqual(batchRefusals([]).map((a) => a.id), [null]);
  });

  it('passes every other line through in order, whole characters across chunks, and ends the last line', async () => {
    const stdin = new PassThrough();
    const replies: RpcRefusal[][] = [];
    const out = splitOutBatches(stdin, (a) => replies.push(a));
    let text = '';
    out.setEncoding('utf8').on('data', (c: string) => (text += c));
    const ended = new Promise((resolve) => out.on('end', resolve));
    const line = Buffer.from('{"jsonrpc":"2.0","id":1,"method":"ping","params":{"q":"más"}}\n');
    const cut = line.indexOf(Buffer.from('á')) + 1;
    stdin.write(line.subarray(0, cut));
    stdin.write(line.subarray(cut));
    stdin.write('[{"jsonrpc":"2.0","id":3,"method":"ping"}]\nnot json\n{"jsonrpc":"2.0","id":4,"method":"ping"}');
    stdin.end();
    await ended;
    assert.equal(text, `${line.toString()}not json\n{"jsonrpc":"2.0","id":4,"method":"ping"}\n`);
    assert.deepEqual(replies.map((r) => r.map((a) => a.id)), [[3]]);
  });
});
