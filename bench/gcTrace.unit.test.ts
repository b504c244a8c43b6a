/**
 * Reading V8's `--trace-gc-nvp` lines (bench/gcTrace.ts): the collection, its pause and what it
 * promoted, summed over a window; other lines are not collections.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { GcTrace, parseGcLine, summarizeGc } from './gcTrace.ts';

// Shortened lines as Node 20 writes them (the real ones carry ~80 more fields).
const SCAVENGE = '[23407:0x1bf9bde0]    25454 ms: pause=5.3 mutator=120.4 gc=s reduce_memory=0 scavenge=5.1 allocated=61234560 promoted=3243416 new_space_survived=4100000 nodes_promoted=0 promotion_rate=81.2%';
const FULL = '[23407:0x1bf9bde0]     3895 ms: pause=18.8 mutator=99.3 gc=mc reduce_memory=0 mark=4.2 promoted=0 total_size_before=443518784';

describe('gcTrace', () => {
  it('reads a scavenge and a mark-compact, and nothing else', () => {
    assert.deepEqual(parseGcLine(SCAVENGE), { kind: 'young', pauseMs: 5.3, promoted: 3243416 });
    assert.deepEqual(parseGcLine(FULL), { kind: 'full', pauseMs: 18.8, promoted: 0 });
    assert.equal(parseGcLine('listening on http://127.0.0.1:4000'), undefined);
    assert.equal(parseGcLine('{"level":30,"msg":"gc=s is not a collection here"}'), undefined);
  });

  it('sums a window: promoted MB per second, scavenge pauses, full collections', () => {
    const young = (pauseMs: number, promoted: number) => ({ kind: 'young' as const, pauseMs, promoted });
    const s = summarizeGc([young(4, 2e6), young(8, 4e6), young(6, 0), { kind: 'full', pauseMs: 12.5, promoted: 0 }], 2);
    assert.deepEqual(s, { promotedMBps: 3, youngCollections: 3, youngPauseMedianMs: 6, youngPauseTotalMs: 18, fullCollections: 1, fullPauseMaxMs: 12.5 });
    assert.deepEqual(summarizeGc([], 1), { promotedMBps: 0, youngCollections: 0, youngPauseMedianMs: 0, youngPauseTotalMs: 0, fullCollections: 0, fullPauseMaxMs: 0 });
  });

  it('counts only the collections reported between start and summary, lines split across chunks included', () => {
    const out = new PassThrough();
    const trace = new GcTrace(out);
    out.write(`${SCAVENGE}\n`);
    trace.start();
    out.write(`${FULL}\n${SCAVENGE.slice(0, 40)}`);
    out.write(`${SCAVENGE.slice(40)}\nlistening on http://127.0.0.1:4000\n`);
    const s = trace.summary();
    assert.equal(s.youngCollections, 1);
    assert.equal(s.fullCollections, 1);
    assert.equal(s.fullPauseMaxMs, 18.8);
  });
});
