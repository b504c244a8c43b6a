/**
 * `AFFINITY_EXPERIMENTS_FILE`: read at start, then re-read when its modification time changes (checked
 * every `checkMs`). A file that does not parse keeps the last good declaration and is reported.
 */
import { readFileSync, statSync } from 'node:fs';
import { ExperimentsFileSchema, type Experiment } from '../../core/attribution/experiments.ts';

export class ExperimentsFile {
  #experiments: readonly Experiment[] = [];
  #mtime = -1;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly path: string | undefined,
    private readonly onError: (err: unknown) => void = () => {},
    private readonly checkMs = 3000,
  ) {
    this.reload();
  }

  /** The current declaration. */
  get experiments(): readonly Experiment[] {
    return this.#experiments;
  }

  find(id: string): Experiment | undefined {
    return this.#experiments.find((e) => e.id === id);
  }

  /** Re-reads the file if it changed; returns whether the declaration changed. */
  reload(): boolean {
    if (!this.path) return false;
    try {
      const m = statSync(this.path).mtimeMs;
      if (m === this.#mtime) return false;
      this.#mtime = m;
      const doc = ExperimentsFileSchema.parse(JSON.parse(readFileSync(this.path, 'utf8')));
      this.#experiments = doc.experiments;
      return true;
    } catch (err) {
      this.onError(err);
      return false;
    }
  }

  start(): void {
    if (!this.path || this.#timer) return;
    this.#timer = setInterval(() => this.reload(), this.checkMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
