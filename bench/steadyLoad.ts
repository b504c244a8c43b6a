/**
 * A load run that measures a server in its steady state: one autocannon run of {@link WARM_S} seconds of
 * warm-up and then `opts.duration` measured seconds on the same connections, of which only the answers
 * after the warm-up count (rate, latency). Non-2xx answers and errors are counted over the whole run,
 * warm-up included.
 *
 * Warming up with a run of its own and measuring a second one (as the benchmarks did before
 * 2026-12-05) measured the second run's connection start too: the first request on each of 50 new
 * connections waited up to 2 s, as much against a bare node:http server that burns a fixed 1.4 ms of
 * CPU per request (p99 255–302 ms, max 1.9 s), which put the 1 % slowest answers of a 5-second run of a
 * 1 ms scenario into that start (docs/benchmarks.md, 2026-12-05).
 */
import autocannon from 'autocannon';
import { moduleNotice } from './args.ts';

/** Seconds of warm-up (JIT, caches, the connections' start) before the measured seconds. */
export const WARM_S = 2;

/** What a steady run measured. Latencies in ms; `rps` is answers (2xx) per measured second. */
export interface SteadyResult {
  readonly rps: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly non2xx: number;
  readonly errors: number;
}

/** The `q` quantile (0..1) of sorted values, nearest rank; 0 for none. */
export function quantile(sorted: Float64Array, q: number): number {
  return sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number);
}

/**
 * Runs `opts` (its `duration` is the measured seconds) after {@link WARM_S} seconds of warm-up on the
 * same connections. `onMeasure` is called when the measured seconds start (a CPU meter starts there).
 */
export async function steadyLoad(opts: autocannon.Options, onMeasure?: () => void): Promise<SteadyResult> {
  const seconds = (opts.duration as number | undefined) ?? 10;
  let instance: autocannon.Instance | undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon({ ...opts, duration: WARM_S + seconds }, (err, result) => (err ? reject(err) : resolve(result)));
  });
  const latencies: number[] = [];
  let measuring = false;
  let from = 0;
  const warm = setTimeout(() => {
    measuring = true;
    from = performance.now();
    onMeasure?.();
  }, WARM_S * 1000);
  instance?.on('response', (_client, status, _bytes, ms) => {
    if (measuring && status >= 200 && status < 300) latencies.push(ms);
  });
  const r = await done;
  clearTimeout(warm);
  const secs = from > 0 ? (performance.now() - from) / 1000 : 0;
  const sorted = Float64Array.from(latencies).sort();
  return {
    rps: secs > 0 ? latencies.length / secs : 0,
    p50: Math.round(quantile(sorted, 0.5)),
    p90: Math.round(quantile(sorted, 0.9)),
    p99: Math.round(quantile(sorted, 0.99)),
    max: Math.round(quantile(sorted, 1)),
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

// This file is a module of the benchmarks, not a runner: run by itself it says which scripts use it.
moduleNotice(import.meta.url, {
  run: 'node --import tsx bench/steadyLoad.ts --help',
  summary: `The steady-state load run of the benchmarks (autocannon: a 2 s warm-up, then the measured seconds on the
same connections, only the answers after the warm-up counted). A module, not a benchmark; used by:
  npm run bench (bench/run.ts), node --import tsx bench/mcp.ts, node --import tsx bench/personalized.ts,
  node --import tsx bench/roles.ts`,
  options: [],
  writes: 'nothing (it runs nothing by itself).',
});
