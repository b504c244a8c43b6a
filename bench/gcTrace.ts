/**
 * What a server's garbage collector did during a measured run, read from V8's `--trace-gc-nvp` lines on
 * the server's stdout (`npm run bench -- --scenario storefront --gc`): how much the run promoted to the
 * old generation, how long its scavenges held the process, and its full collections. Promotion is what
 * turns into full collections, the storefront's slowest answers (docs/benchmarks.md, "What mixed load
 * promotes").
 */
import type { Readable } from 'node:stream';
import { moduleNotice } from './args.ts';

/** One collection of a `--trace-gc-nvp` line. */
export interface GcEvent {
  /** `young`: a scavenge (`gc=s`) or a young mark-sweep (`gc=ms`); `full`: a mark-compact (`gc=mc`). */
  readonly kind: 'young' | 'full';
  readonly pauseMs: number;
  /** Bytes moved to the old generation (young collections). */
  readonly promoted: number;
}

/** What {@link summarizeGc} reports of a window. */
export interface GcSummary {
  /** MB (10^6 bytes) promoted per second. */
  readonly promotedMBps: number;
  readonly youngCollections: number;
  readonly youngPauseMedianMs: number;
  readonly youngPauseTotalMs: number;
  readonly fullCollections: number;
  readonly fullPauseMaxMs: number;
}

/** The collection a `--trace-gc-nvp` line reports, or undefined for any other line. */
export function parseGcLine(line: string): GcEvent | undefined {
  const kind = /\sgc=(\w+)/.exec(line)?.[1];
  if (kind !== 's' && kind !== 'ms' && kind !== 'mc') return undefined;
  const num = (key: string): number => Number(new RegExp(`\\s${key}=([\\d.]+)`).exec(line)?.[1] ?? 0);
  return { kind: kind === 'mc' ? 'full' : 'young', pauseMs: num('pause'), promoted: num('promoted') };
}

/** Sums the collections of a window of `seconds`. */
export function summarizeGc(events: readonly GcEvent[], seconds: number): GcSummary {
  const young = events.filter((e) => e.kind === 'young');
  const full = events.filter((e) => e.kind === 'full');
  const pauses = young.map((e) => e.pauseMs).sort((a, b) => a - b);
  const round = (x: number): number => Math.round(x * 10) / 10;
  return {
    promotedMBps: round(young.reduce((s, e) => s + e.promoted, 0) / 1e6 / seconds),
    youngCollections: young.length,
    youngPauseMedianMs: round(pauses.length > 0 ? (pauses[Math.floor(pauses.length / 2)] as number) : 0),
    youngPauseTotalMs: Math.round(pauses.reduce((s, p) => s + p, 0)),
    fullCollections: full.length,
    fullPauseMaxMs: round(Math.max(0, ...full.map((e) => e.pauseMs))),
  };
}

/**
 * The collections a process reports on `stream` (its stdout, with `--trace-gc-nvp`), windowed: `start()`
 * begins a window, `summary()` sums the collections reported since.
 */
export class GcTrace {
  #window: GcEvent[] | undefined;
  #startedAt = 0;
  #partial = '';

  constructor(stream: Readable) {
    stream.on('data', (chunk: Buffer) => {
      const lines = (this.#partial + chunk.toString()).split('\n');
      this.#partial = lines.pop() ?? '';
      if (this.#window === undefined) return;
      for (const line of lines) {
        const e = parseGcLine(line);
        if (e) this.#window.push(e);
      }
    });
  }

  start(): void {
    this.#window = [];
    this.#startedAt = performance.now();
  }

  /** The collections since `start()` (none before it). */
  summary(): GcSummary {
    const seconds = (performance.now() - this.#startedAt) / 1000;
    const s = summarizeGc(this.#window ?? [], seconds > 0 ? seconds : 1);
    this.#window = undefined;
    return s;
  }
}

// This file is a module of the benchmarks, not a runner: run by itself it says which script uses it.
moduleNotice(import.meta.url, {
  run: 'node --import tsx bench/gcTrace.ts --help',
  summary: `Reads a server's --trace-gc-nvp lines: promoted MB/s, scavenge pauses and full collections of a measured
run. A module, not a benchmark; used by:
  npm run bench -- --scenario storefront --gc   (bench/run.ts)`,
  options: [],
  writes: 'nothing (it runs nothing by itself).',
});
