/**
 * Reading a CPU profile (bench/cpuProfile.ts): self time per function, over a window of the profile's
 * end, and a function's ticks by line.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { frameLabel, lineTicks, selfTimes, type CpuProfile } from './cpuProfile.ts';

const URL = 'file:///work/main/src/core/recommend/rank.ts';
const cf = (functionName: string, lineNumber: number, url = URL) => ({ functionName, url, lineNumber });

// (root) → rank → rankInto, and (root) → (garbage collector); samples every 100 µs over 1 ms.
const PROFILE: CpuProfile = {
  nodes: [
    { id: 1, callFrame: cf('(root)', -1, ''), children: [2, 4] },
    { id: 2, callFrame: cf('rank', 73), children: [3], positionTicks: [{ line: 80, ticks: 1 }] },
    { id: 3, callFrame: cf('rankInto', 85), positionTicks: [{ line: 98, ticks: 3 }, { line: 540, ticks: 2 }] },
    { id: 4, callFrame: cf('(garbage collector)', -1, '') },
    // The same function reached through another caller: its ticks add up.
    { id: 5, callFrame: cf('rankInto', 85), positionTicks: [{ line: 98, ticks: 1 }] },
  ],
  startTime: 0,
  endTime: 1000,
  samples: [3, 3, 2, 4, 3, 3, 3, 4, 2, 3],
  timeDeltas: [0, 100, 100, 100, 100, 100, 100, 100, 100, 100],
};

describe('cpuProfile', () => {
  it('names a function by its name, its path from src/ on and its 1-based line', () => {
    assert.equal(frameLabel(cf('rankInto', 85)), 'rankInto src/core/recommend/rank.ts:86');
    assert.equal(frameLabel(cf('', 0, 'node:internal/timers')), '(anonymous) node:internal/timers:1');
  });

  it("gives each function's self time, most first, each sample lasting until the next", () => {
    const { total, rows } = selfTimes(PROFILE);
    // The last sample has no next one: it counts nothing.
    assert.equal(total, 900);
    assert.deepEqual(rows, [
      ['rankInto src/core/recommend/rank.ts:86', 500],
      ['rank src/core/recommend/rank.ts:74', 200],
      ['(garbage collector) :0', 200],
    ]);
  });

  it('counts only the samples of the last seconds asked for, before the seconds skipped', () => {
    // Samples at 0, 100, …, 900 µs and the end at 1,000: the last 200 µs hold the samples at 800 (rank)
    // and 900 (rankInto, which has no next sample).
    const last = selfTimes(PROFILE, { lastSeconds: 0.0002 });
    assert.deepEqual(last.rows, [['rank src/core/recommend/rank.ts:74', 100], ['rankInto src/core/recommend/rank.ts:86', 0]]);
    // 500 µs skipped: the samples at 300 (gc), 400 and 500 (rankInto).
    const skipped = selfTimes(PROFILE, { lastSeconds: 0.0002, skipSeconds: 0.0005 });
    assert.deepEqual(skipped.rows, [['rankInto src/core/recommend/rank.ts:86', 200], ['(garbage collector) :0', 100]]);
  });

  it("adds up a function's ticks by line over every node of it, most first", () => {
    const { functions, lines } = lineTicks(PROFILE, 'rankInto', 'rank.ts');
    assert.deepEqual(functions, [{ url: URL, line: 86 }]);
    assert.deepEqual(lines, [[98, 4], [540, 2]]);
    assert.deepEqual(lineTicks(PROFILE, 'rankInto', 'other.ts').lines, []);
    assert.deepEqual(lineTicks(PROFILE, 'rankInto', 'rank.ts:86').lines, [[98, 4], [540, 2]], 'picked by its first line');
    assert.deepEqual(lineTicks(PROFILE, 'rankInto', 'rank.ts:12').lines, []);
  });

  it('names a function without a name (anonymous)', () => {
    const p: CpuProfile = { ...PROFILE, nodes: [...PROFILE.nodes, { id: 6, callFrame: cf('', 233), positionTicks: [{ line: 240, ticks: 5 }] }] };
    assert.deepEqual(lineTicks(p, '(anonymous)', 'rank.ts:234'), { functions: [{ url: URL, line: 234 }], lines: [[240, 5]] });
  });
});
