import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ByteReader, ByteWriter, dictionaryValues, idOfRaw, packServed, rawId, unpackServed } from './recordCodec.ts';
import type { ServedList } from './servedList.ts';

describe('packed served lists', () => {
  it('writes varints up to 2^53 and reads them back', () => {
    const ns = [0, 1, 127, 128, 16_383, 16_384, 86_399_999, 2 ** 32, Number.MAX_SAFE_INTEGER];
    const w = new ByteWriter();
    for (const n of ns) w.uint(n);
    const r = new ByteReader(w.done());
    assert.deepEqual(ns.map(() => r.uint()), ns);
    assert.equal(r.left, 0);
    assert.throws(() => r.uint(), RangeError);
    assert.throws(() => new ByteWriter().uint(-1), RangeError);
    assert.throws(() => new ByteWriter().uint(1.5), RangeError);
  });

  it('packs a list of 8 products in about 20 bytes and unpacks it through the dictionary', () => {
    const l: ServedList = {
      id: 'AbCdEfGhIjKlMnOp',
      shop: 's',
      ts: 1,
      surface: 'mcp',
      actor: 'agent',
      agent: 'claude-ai',
      experiment: { id: 'recs-v1', variant: 'affinity' },
      intent: 'gift',
      market: 'US/USD',
      items: Array.from({ length: 8 }, (_, i) => `merino-wool-crew-sweater-${i}`),
      tookMs: 12.34,
      status: 'degraded',
    };
    const values = dictionaryValues(l);
    const ref = new Map(values.map((v, i) => [v, i + 1]));
    const bytes = packServed(l, (v) => ref.get(v) as number).done();
    assert.ok(bytes.length <= 24, `${bytes.length} bytes`);
    const back = unpackServed(new ByteReader(bytes), (n) => values[n - 1]);
    const { id: _i, shop: _s, ts: _t, ...rest } = l;
    assert.deepEqual(back, { ...rest, tookMs: 12.3 });
    assert.equal(idOfRaw(rawId(l.id)!), l.id);
    assert.equal(rawId('list-1'), undefined);
  });
});
