/**
 * Waiting for a privacy job in tests that run a whole Affinity: the worker is kicked (its clock need
 * not come round) and the job polled until done. Bounded, and generous: a busy machine only makes it
 * slower, never fails it.
 */
import type { Affinity } from '../main.ts';

/** Polls (every 25 ms, at most `tries` times) until job `id` is done; throws when it never is. */
export async function untilJobDone(affinity: Affinity, id: string, tries = 2400): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if ((await affinity.privacy.queue.getJob(id))?.status === 'done') return;
    affinity.privacyWorker?.kick();
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`privacy job ${id} did not finish`);
}
