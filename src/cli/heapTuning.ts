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
 */
import { setFlagsFromString } from 'node:v8';

/** The V8 flags {@link tuneHeapForServing} sets. */
export const SERVING_V8_FLAGS = ['--no-allocation-site-pretenuring'] as const;

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
