import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { turnBatcher, type TurnBatcherOptions } from './turnBatcher.ts';

/** A batcher of words (a request is a word, its answer the word upper-cased) that records its calls. */
function recording(opts: { fail?: string; maxBatch?: number; keysOf?: (w: string) => readonly string[]; short?: boolean } = {}) {
  const calls: string[] = [];
  const sizes: number[] = [];
  const answerOf = (w: string): string => {
    if (w === opts.fail) throw new Error(`no answer for ${w}`);
    return w.toUpperCase();
  };
  const o: TurnBatcherOptions<string, string> = {
    async one(w, now) {
      calls.push(`one ${w} @${now}`);
      return answerOf(w);
    },
    async batch(ws, now) {
      calls.push(`batch ${ws.join(',')} @${now}`);
      const all = ws.map(answerOf);
      return opts.short ? all.slice(1) : all;
    },
    ...(opts.maxBatch !== undefined ? { maxBatch: opts.maxBatch } : {}),
    ...(opts.keysOf ? { keysOf: opts.keysOf } : {}),
    onBatch: (n) => sizes.push(n),
  };
  return { ask: turnBatcher(o), calls, sizes };
}

describe('turnBatcher', () => {
  it('answers the requests of one turn with one batch, at the latest of their times, each with its own answer', async () => {
    const { ask, calls } = recording();
    assert.deepEqual(await Promise.all([ask('a', 1_000), ask('b', 1_003), ask('c', 1_001)]), ['A', 'B', 'C']);
    assert.deepEqual(calls, ['batch a,b,c @1003']);
  });

  it('asks for a lone request alone, with its own time, and batches the next turn anew', async () => {
    const { ask, calls } = recording();
    assert.equal(await ask('a', 5), 'A');
    assert.deepEqual(await Promise.all([ask('b', 6), ask('c', 6)]), ['B', 'C']);
    assert.deepEqual(calls, ['one a @5', 'batch b,c @6']);
  });

  it('splits a busy turn into batches of at most maxBatch, and reports each batch size', async () => {
    const { ask, calls, sizes } = recording({ maxBatch: 2 });
    assert.deepEqual(await Promise.all(['a', 'b', 'c', 'd', 'e'].map((w) => ask(w, 1))), ['A', 'B', 'C', 'D', 'E']);
    assert.deepEqual(calls, ['batch a,b @1', 'batch c,d @1', 'one e @1']);
    assert.deepEqual(sizes, [2, 2, 1]);
  });

  it('fails only the request a failed batch failed for: the others are answered one by one', async () => {
    const { ask, calls } = recording({ fail: 'bad' });
    const settled = await Promise.allSettled([ask('a', 1), ask('bad', 1), ask('c', 1)]);
    assert.deepEqual(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message)), ['A', 'no answer for bad', 'C']);
    assert.deepEqual(calls, ['batch a,bad,c @1', 'one a @1', 'one bad @1', 'one c @1']);
  });

  it('settles a request whose answer throws at once, and the others of its turn', async () => {
    const throwsAtOnce: TurnBatcherOptions<string, string> = {
      one: (w) => {
        if (w === 'bad') throw new Error('at once');
        return Promise.resolve(w.toUpperCase());
      },
      batch: () => {
        throw new Error('batch at once');
      },
    };
    const ask = turnBatcher(throwsAtOnce);
    assert.equal(await ask('bad', 1).catch((err: Error) => err.message), 'at once');
    const settled = await Promise.allSettled([ask('a', 1), ask('bad', 1)]);
    assert.deepEqual(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message)), ['A', 'at once']);
  });

  it('takes a batch answered with the wrong number of answers as failed, not as answers out of place', async () => {
    const { ask, calls } = recording({ short: true });
    assert.deepEqual(await Promise.all([ask('a', 1), ask('b', 1)]), ['A', 'B']);
    assert.deepEqual(calls, ['batch a,b @1', 'one a @1', 'one b @1']);
  });

  it('answers requests that share a key one after the other, in the order they came, the others together', async () => {
    // A word's key is its first letter: "a1", "a2" and "a3" are one conversation.
    const { ask, calls } = recording({ keysOf: (w) => [w[0] as string] });
    assert.deepEqual(await Promise.all(['a1', 'b1', 'a2', 'c1', 'a3'].map((w) => ask(w, 1))), ['A1', 'B1', 'A2', 'C1', 'A3']);
    assert.deepEqual(calls, ['batch a1,b1,c1 @1', 'one a2 @1', 'one a3 @1']);
  });

  it('holds back a request any of whose keys an earlier request of the turn holds', async () => {
    const { ask, calls } = recording({ keysOf: (w) => w.split('+') });
    await Promise.all(['x+y', 'z', 'y+w', 'w'].map((k) => ask(k, 1)));
    // "y+w" waits for "x+y"; "w" waits for "y+w" (its key was claimed by a request held back).
    assert.deepEqual(calls, ['batch x+y,z @1', 'one y+w @1', 'one w @1']);
  });
});
