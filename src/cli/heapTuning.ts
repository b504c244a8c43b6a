/**
 * The garbage collector's settings for a serving process (`affinity serve`, each of its workers).
 *
 * V8 pretenures: an allocation site whose objects survived young-generation collections has its later
 * objects allocated in the old generation from the start. Under load a server keeps ~50 requests in
 * flight, so the objects a request builds and drops within milliseconds (a conversational request's
 * ~200 candidates, its reasons, its answer) are alive at many scavenges, their sites get pretenured,
 * and from then on each of those objects is an old object pointing at young ones: slower to allocate,
 * a remembered-set entry for every scavenge to visit, and garbage only a full collection frees (the heap
 * grew from ~400 MB to ~1 GB). It happens in some runs and not others (it depends on when scavenges
 * fall), and then stays: the storefront's text requests cost 0.41–0.73 ms of CPU in such runs and
 * 0.29–0.37 ms in the others, on the same machine in the same hour (docs/benchmarks.md, 2026-12-07).
 * Without pretenuring, every run is of the second kind. Nothing this server keeps for long (catalog
 * indexes, caches) is allocated often enough for pretenuring to matter.
 *
 * The young generation's size is the other setting, and V8 reads it only when the process starts. With
 * the default (16 MB semi-spaces) a server answering ~3,000 conversational requests a second scavenges
 * every ~16 ms, about as long as a request is in flight, so a request's objects often live through two
 * scavenges and are promoted: the old generation grew ~25 MB a second, and a full collection of the
 * ~330 MB it keeps (two 10,000-product catalogs) came every ~8 s and held every request in flight for
 * 115–180 ms. Those stalls were the storefront's slowest 1 % of answers. With 64 MB semi-spaces it grew
 * ~7 MB a second, and 30 s of load passed without one (docs/benchmarks.md, 2026-12-07, second session).
 */
import { setFlagsFromString } from 'node:v8';

/** The V8 flags {@link tuneHeapForServing} sets. */
export const SERVING_V8_FLAGS = ['--no-allocation-site-pretenuring'] as const;

/**
 * The V8 flags a serving process must be started with (V8 ignores them once the heap exists): on
 * `npm start`'s command line, the Dockerfile's entry point, the `affinity` command's first line, the
 * workers `serve` forks ({@link withServingStartFlags}) and the benchmark's servers.
 */
export const SERVING_START_FLAGS = ['--max-semi-space-size=64'] as const;

/**
 * Sets {@link SERVING_V8_FLAGS} in this process (they apply from the next collection on). Returns
 * false, changing nothing, where the runtime refuses flags after start (a runtime that freezes them):
 * the server then runs with V8's defaults, slower under load, not broken.
 */
export function tuneHeapForServing(): boolean {
  try {
    for (const flag of SERVING_V8_FLAGS) setFlagsFromString(flag);
    return true;
  } catch {
    return false;
  }
}

/** The name of a flag (`--max-semi-space-size=64` → `--max-semi-space-size`); V8 reads `_` as `-`. */
function flagName(flag: string): string {
  return (flag.split('=')[0] as string).replaceAll('_', '-');
}

/**
 * The arguments to start a serving process's Node with: `execArgv` and each of
 * {@link SERVING_START_FLAGS} it does not set already, neither there nor in `nodeOptions` (the
 * `NODE_OPTIONS` the process inherits). An operator's own value of a flag is kept.
 */
export function withServingStartFlags(execArgv: readonly string[], nodeOptions = ''): string[] {
  const given = new Set([...execArgv, ...nodeOptions.split(/\s+/)].filter((a) => a.startsWith('--')).map(flagName));
  return [...execArgv, ...SERVING_START_FLAGS.filter((f) => !given.has(flagName(f)))];
}
