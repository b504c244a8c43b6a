import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Stan, type KnnSession, type StanParams } from './stan.ts';

const DAY = 86_400_000;
const OFF: StanParams = { k: 100, sampleSize: 0, lambdaSpw: null, lambdaSnh: null, lambdaInh: null, lambdaIpw: null, lambdaIdf: null };
const s = (items: string, lastTs = 0): KnnSession => ({ items: items.split(''), lastTs });
const scores = (m: Stan, session: string, now = 0): Record<string, number> =>
  Object.fromEntries(m.recommend(session.split(''), now, 100).map((r) => [r.productId, r.weight]));
const close = (a: number | undefined, b: number, what: string): void => assert.ok(a !== undefined && Math.abs(a - b) < 1e-12, `${what}: ${a} ≠ ${b}`);

describe('Stan (session-rec STAN / VSTAN)', () => {
  const train = [s('abc'), s('bd'), s('aefg')];

  it('sums the cosine similarity of every neighbour holding the item, over all shared items', () => {
    const sc = scores(new Stan(train, OFF), 'ab');
    const s1 = 2 / (Math.sqrt(2) * Math.sqrt(3));
    const s2 = 1 / (Math.sqrt(2) * Math.sqrt(2));
    const s3 = 1 / (Math.sqrt(2) * 2);
    close(sc['b'], s1 + s2, 'b');
    close(sc['a'], s1 + s3, 'a');
    close(sc['c'], s1, 'c');
    close(sc['d'], s2, 'd');
    close(sc['e'], s3, 'e');
  });

  it('keeps the k most similar neighbours and orders ties by item id', () => {
    const out = new Stan(train, { ...OFF, k: 2 }).recommend(['a', 'b'], 0, 10).map((r) => r.productId);
    assert.deepEqual(out, ['b', 'a', 'c', 'd']);
  });

  it('weights session items by position (λ_spw) and neighbour recency (λ_snh, days)', () => {
    const m = new Stan([s('bd', 0), s('ae', -DAY)], { ...OFF, lambdaSpw: 1, lambdaSnh: 2 });
    const sc = scores(m, 'ab', 0);
    const norm = Math.sqrt(Math.exp(-2) + 1);
    close(sc['d'], 1 / (norm * Math.sqrt(2)), 'd (b is the last click: weight 1)');
    close(sc['e'], (Math.exp(-1) / (norm * Math.sqrt(2))) * Math.exp(-1 / 2), 'e (a one click back, a day older)');
  });

  it('decays items by their distance from the last shared item in the neighbour (λ_inh)', () => {
    const sc = scores(new Stan([s('xabc')], { ...OFF, lambdaInh: 1 }), 'a');
    const sim = 1 / Math.sqrt(4);
    close(sc['a'], sim, 'a');
    close(sc['b'], sim * Math.exp(-1), 'b');
    close(sc['c'], sim * Math.exp(-2), 'c');
    close(sc['x'], sim * Math.exp(-1), 'x (before the shared item)');
  });

  it('VSTAN: adds λ_idf · idf and the position of the latest shared item (λ_ipw)', () => {
    // Sessions: 'ab', 'cd', 'cb'; clicks: b 2, d 1 → idf(b) = ln(3/2), idf(d) = ln 3.
    const m = new Stan([s('ab'), s('cd'), s('cb')], { ...OFF, lambdaIdf: 2, lambdaIpw: 1 });
    const sc = scores(m, 'ac');
    const sim = 1 / (Math.sqrt(2) * Math.sqrt(2));
    // 'ab' shares a (position 1 of 2: ipw e^-1); 'cd' and 'cb' share c (the last click: ipw 1).
    close(sc['d'], sim * (1 + 2 * Math.log(3)), 'd');
    close(sc['b'], sim * (1 + 2 * Math.log(3 / 2)) * Math.exp(-1) + sim * (1 + 2 * Math.log(3 / 2)), 'b');
  });

  it('samples the most recent candidate sessions when there are more than sampleSize', () => {
    const m = new Stan([s('ax', 1), s('ay', 3), s('az', 2)], { ...OFF, sampleSize: 2 });
    assert.deepEqual(Object.keys(scores(m, 'a')).sort(), ['a', 'y', 'z']);
  });

  it('with perItemCap, each item remembers only its latest sessions (a bounded per-item index)', () => {
    // Training sessions in the order they started: a's holders are ax, ay, az; with a cap of 2 only ay and az.
    const train3 = [s('ax', 1), s('ay', 2), s('az', 3), s('bx', 4)];
    assert.deepEqual(Object.keys(scores(new Stan(train3, OFF), 'a')).sort(), ['a', 'x', 'y', 'z']);
    assert.deepEqual(Object.keys(scores(new Stan(train3, { ...OFF, perItemCap: 2 }), 'a')).sort(), ['a', 'y', 'z']);
    // x's holders are ax and bx: both kept with a cap of 2.
    assert.deepEqual(Object.keys(scores(new Stan(train3, { ...OFF, perItemCap: 2 }), 'x')).sort(), ['a', 'b', 'x']);
  });

  it('returns nothing for a session of unknown items', () => {
    assert.deepEqual(new Stan(train, OFF).recommend(['q'], 0, 10), []);
  });
});
