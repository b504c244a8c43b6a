/**
 * Reading a V8 CPU profile (`node --cpu-prof`, the inspector's `Profiler.stop`): the time each function
 * spent itself, over the whole profile or its last seconds, and where inside one function the samples
 * fell, by line (`positionTicks`). Pure: the caller reads the file and, for the lines' text, the script
 * V8 compiled (bench/profileLines.ts).
 *
 * Lines are those of the script V8 ran: for a TypeScript file run through tsx, tsx's output, not the
 * `.ts` file. A line a function did not itself contain comes from a function V8 inlined into it, from
 * this script or another (its line numbers are that script's).
 */
import { moduleNotice } from './args.ts';

export interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
  readonly positionTicks?: readonly { readonly line: number; readonly ticks: number }[];
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** A function as the profile names it: `name path:line` (the path from `src/` or `node_modules/` on, the line 1-based). */
export function frameLabel(cf: ProfileNode['callFrame']): string {
  return `${cf.functionName || '(anonymous)'} ${cf.url.replace(/^.*\/(src|node_modules|bench)\//, '$1/')}:${cf.lineNumber + 1}`;
}

/** Which samples to count: those of the last `lastSeconds` before `skipSeconds` from the profile's end (all: undefined). */
export interface SampleWindow {
  readonly lastSeconds?: number;
  readonly skipSeconds?: number;
}

/** Self time per function in µs (a sample's time is the gap to the next sample), most first, and the total. */
export function selfTimes(p: CpuProfile, w: SampleWindow = {}): { readonly total: number; readonly rows: readonly (readonly [string, number])[] } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const end = p.endTime - (w.skipSeconds ?? 0) * 1e6;
  const start = w.lastSeconds !== undefined ? end - w.lastSeconds * 1e6 : -Infinity;
  const self = new Map<string, number>();
  let total = 0;
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i] ?? 0;
    if (t < start || t > end) continue;
    const dt = p.timeDeltas[i + 1] ?? 0;
    const node = byId.get(p.samples[i] as number);
    if (!node) continue;
    const k = frameLabel(node.callFrame);
    self.set(k, (self.get(k) ?? 0) + dt);
    total += dt;
  }
  return { total, rows: [...self].sort((a, b) => b[1] - a[1]) };
}

/**
 * Ticks by line (of the script V8 ran) inside the functions named `functionName` (`(anonymous)` for
 * one without a name) whose `url:line` contains `urlPart` (`personalize.ts:234` picks one of several),
 * most first, over the whole profile (V8 keeps them per node, not per sample), and each such
 * function's script URL and first line.
 */
export function lineTicks(p: CpuProfile, functionName: string, urlPart = ''): { readonly functions: readonly { readonly url: string; readonly line: number }[]; readonly lines: readonly (readonly [number, number])[] } {
  const lines = new Map<number, number>();
  const functions = new Map<string, { url: string; line: number }>();
  for (const n of p.nodes) {
    const cf = n.callFrame;
    if ((cf.functionName || '(anonymous)') !== functionName || !`${cf.url}:${cf.lineNumber + 1}`.includes(urlPart)) continue;
    functions.set(`${cf.url}:${cf.lineNumber}`, { url: cf.url, line: cf.lineNumber + 1 });
    for (const t of n.positionTicks ?? []) lines.set(t.line, (lines.get(t.line) ?? 0) + t.ticks);
  }
  return { functions: [...functions.values()], lines: [...lines].sort((a, b) => b[1] - a[1] || a[0] - b[0]) };
}

// This file is a module of the benchmarks, not a runner: run by itself it says which script uses it.
moduleNotice(import.meta.url, {
  run: 'node --import tsx bench/cpuProfile.ts --help',
  summary: `Reads a V8 CPU profile: self time per function over a window, a function's ticks by line. A module, not a
benchmark; used by:
  node --import tsx bench/profileLines.ts --profile FILE   (e.g. after npm run bench -- --scenario storefront --cpu-prof DIR)`,
  options: [],
  writes: 'nothing (it runs nothing by itself).',
});
