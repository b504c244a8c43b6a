/**
 * Requests that arrive together are answered together. Under load, one turn of the event loop reads
 * many requests (one per connection that has sent one), and each asks for one answer. A turn batcher
 * holds the answers asked for in a turn and, once the turn's I/O is read (`setImmediate`), asks for all
 * of them with one batch call: one profile read for the turn's shoppers, one neighbour read for their
 * seeds, and the lists ranked back to back while their data is in the processor's caches, instead of
 * each between two other requests' HTTP work. On the storefront benchmark this halves the CPU of a
 * plain request (docs/benchmarks.md, docs/decisions/0012-answers-by-the-turn.md).
 *
 * - A request waits no longer than the rest of its turn; a lone request is asked for alone (`one`).
 * - A batch that fails is asked again one request at a time, so a request fails only for its own reason.
 * - `now` of a batch is the latest of its requests' (the time it is answered at: a few milliseconds at
 *   most after any of them).
 * - Requests that share a key (`keysOf`: a conversation) are never in one batch: the later one is
 *   answered after the batch of the earlier, so it sees what that one changed, as it would have if the
 *   two had been answered one after the other.
 */

/** How a turn batcher answers. */
export interface TurnBatcherOptions<Req, Res> {
  /** Answers one request. */
  one(req: Req, now: number): Promise<Res>;
  /** Answers many requests, results aligned with them. */
  batch(reqs: readonly Req[], now: number): Promise<readonly Res[]>;
  /** Most requests per batch; a busier turn is asked for in several (default {@link DEFAULT_TURN_BATCH}). */
  readonly maxBatch?: number;
  /** What a request reads and changes (say, its conversation): requests sharing a key are answered one after the other. */
  keysOf?(req: Req): readonly string[];
  /** Called with the size of every batch asked for (1: a lone request), for metrics. */
  onBatch?(size: number): void;
}

/** Most requests in one batch by default. */
export const DEFAULT_TURN_BATCH = 64;

interface Waiting<Req, Res> {
  readonly req: Req;
  readonly now: number;
  readonly resolve: (res: Res) => void;
  readonly reject: (err: unknown) => void;
}

/** A function that answers a request with the other requests of its event-loop turn. */
export function turnBatcher<Req, Res>(o: TurnBatcherOptions<Req, Res>): (req: Req, now: number) => Promise<Res> {
  const max = Math.max(1, o.maxBatch ?? DEFAULT_TURN_BATCH);
  let waiting: Waiting<Req, Res>[] = [];
  let scheduled = false;

  /** One request asked for alone; whatever `one` does (even throw at once), the request is settled. */
  const alone = async (w: Waiting<Req, Res>): Promise<void> => {
    try {
      w.resolve(await o.one(w.req, w.now));
    } catch (err) {
      w.reject(err);
    }
  };

  const answer = async (batch: readonly Waiting<Req, Res>[]): Promise<void> => {
    o.onBatch?.(batch.length);
    if (batch.length === 1) return alone(batch[0] as Waiting<Req, Res>);
    let now = -Infinity;
    for (const w of batch) if (w.now > now) now = w.now;
    let results: readonly Res[];
    try {
      results = await o.batch(batch.map((w) => w.req), now);
      if (results.length !== batch.length) throw new RangeError(`a batch of ${batch.length} was answered with ${results.length}`);
    } catch {
      // One request's failure is its own alone: each is asked again by itself.
      await Promise.all(batch.map(alone));
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i] as Res));
  };

  /** The turn's requests in batches; those sharing a key with an earlier one wait for its batch. */
  const run = async (turn: Waiting<Req, Res>[]): Promise<void> => {
    while (turn.length > 0) {
      const ready: Waiting<Req, Res>[] = [];
      const later: Waiting<Req, Res>[] = [];
      const claimed = new Set<string>();
      for (const w of turn) {
        const keys = o.keysOf?.(w.req) ?? [];
        (keys.some((k) => claimed.has(k)) ? later : ready).push(w);
        for (const k of keys) claimed.add(k);
      }
      const batches: Promise<void>[] = [];
      for (let k = 0; k < ready.length; k += max) batches.push(answer(ready.slice(k, k + max)));
      await Promise.all(batches);
      turn = later;
    }
  };

  const flush = (): void => {
    scheduled = false;
    const turn = waiting;
    waiting = [];
    void run(turn);
  };

  return (req, now) =>
    new Promise<Res>((resolve, reject) => {
      waiting.push({ req, now, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}
