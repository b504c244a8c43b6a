/**
 * Records served lists off the request path: answers push to an in-memory buffer (no store round
 * trip), and the buffer is written every `flushMs` or once 500 lists wait, and on close.
 * A crash loses at most the last `flushMs` of served lists (and a store outage what does not fit the
 * buffer): analytics then under-counts `served` by a fraction that does not depend on the variant,
 * so rates move by noise only and uplift and the ratio check stay unbiased (docs/decisions/0002).
 *
 * A write runs on the event loop (SQLite is synchronous; about 15–25 µs a list, bench/servedLists.ts):
 * it is done in slices of `sliceSize` lists, each in its own event-loop turn and never inside the
 * request that filled the buffer, so requests arriving meanwhile wait for one slice at most, not for
 * the whole buffer.
 *
 * A list served to a shopper erased while it waits here (by this process or any other) is dropped by
 * the store when it is written (erasure tombstones, `adapters/erasureTombstones.ts`); one whose shopper
 * withdrew their consent meanwhile is not sent (`keep`).
 */
import type { ServedList } from '../../core/attribution/servedList.ts';
import type { AttributionStore } from '../../core/ports.ts';

export interface ServedRecorderOptions {
  readonly store: AttributionStore;
  readonly flushMs?: number;
  readonly maxBuffer?: number;
  /** Lists written per store call (one event-loop turn each); default 100. */
  readonly sliceSize?: number;
  /** Lists dropped because the store kept failing and the buffer was full. */
  readonly onDropped?: (n: number) => void;
  /**
   * Lists the store did not write because their shopper was erased after they were served (another
   * process's erasure while they waited here: erasure tombstones, docs/privacy.md).
   */
  readonly onErased?: (n: number) => void;
  /**
   * Whether a buffered list may still be written, asked when it is (a shopper who withdrew their
   * consent after being served: `features/analytics/listAttribution.ts`). Absent: every list.
   */
  readonly keep?: (list: ServedList) => boolean;
  readonly onError?: (err: unknown) => void;
}

export class ServedRecorder {
  readonly #o: Required<Omit<ServedRecorderOptions, 'onDropped' | 'onError' | 'onErased' | 'keep'>> & Pick<ServedRecorderOptions, 'onDropped' | 'onError' | 'onErased' | 'keep'>;
  #buffer: ServedList[] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> | undefined;

  constructor(opts: ServedRecorderOptions) {
    this.#o = { flushMs: 1000, maxBuffer: 10_000, sliceSize: 100, ...opts };
  }

  /** Buffers a list (synchronous, no I/O). */
  record(list: ServedList): void {
    if (this.#buffer.length >= this.#o.maxBuffer) {
      this.#o.onDropped?.(1);
      return;
    }
    this.#buffer.push(list);
    // One flush at a time: with the store down, the buffer stays full and every request would queue another.
    if (this.#buffer.length >= 500 && !this.#flushing) void this.flush();
    else if (!this.#timer) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        void this.flush();
      }, this.#o.flushMs);
      this.#timer.unref();
    }
  }

  /** Writes what is buffered now, in slices; a failed write keeps the lists not written for the next flush. */
  async flush(): Promise<void> {
    while (this.#flushing) await this.#flushing;
    if (this.#buffer.length === 0) return;
    const batch = this.#buffer;
    this.#buffer = [];
    this.#flushing = this.#write(batch);
    try {
      await this.#flushing;
    } finally {
      this.#flushing = undefined;
    }
  }

  async #write(batch: readonly ServedList[]): Promise<void> {
    const size = Math.max(1, this.#o.sliceSize);
    for (let at = 0; at < batch.length; at += size) {
      // A turn of its own for each slice: the request that filled the buffer and those queued meanwhile go first.
      await new Promise<void>((resolve) => setImmediate(resolve));
      try {
        const slice = batch.slice(at, at + size);
        const keep = this.#o.keep;
        const erased = await this.#o.store.recordServed(keep ? slice.filter(keep) : slice);
        if (erased > 0) this.#o.onErased?.(erased);
      } catch (err) {
        this.#o.onError?.(err);
        const rest = batch.slice(at);
        const room = Math.max(0, this.#o.maxBuffer - this.#buffer.length);
        this.#buffer = [...rest.slice(0, room), ...this.#buffer];
        if (rest.length > room) this.#o.onDropped?.(rest.length - room);
        return;
      }
    }
  }

  async stop(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.flush();
  }
}
