/**
 * Affinity as a child process of the fault suite (`node --import tsx src/cli/main.ts serve`) on a fixed
 * loopback port, so that a restart after a SIGKILL comes back where the load clients are pointed.
 * Every child started here is SIGKILLed when the suite's process exits, whatever the reason.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

/** Children still running, killed on exit. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

/** A running (or killed) Affinity server. */
export class AffinityProcess {
  readonly #env: Record<string, string>;
  #child: ChildProcess | undefined;
  /** The last lines it wrote to stderr (its logs), for the report. */
  readonly log: string[] = [];
  /** Lines written to stderr since the start of the suite. */
  logLines = 0;
  /** Starts and their exit codes/signals, in order. */
  readonly exits: string[] = [];

  constructor(env: Record<string, string>) {
    this.#env = env;
  }

  get pid(): number {
    return this.#child?.pid ?? -1;
  }

  get running(): boolean {
    const c = this.#child;
    return c !== undefined && c.exitCode === null && c.signalCode === null;
  }

  /** Spawns the server and resolves with its URL once it is listening (rejects if it exits first or after `timeoutMs`). */
  start(timeoutMs = 90_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'serve'], {
        cwd: ROOT,
        env: { ...process.env, ...this.#env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      this.#child = child;
      live.add(child);
      let pending = '';
      let settled = false;
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        child.kill('SIGKILL');
        reject(new Error(`affinity did not start within ${timeoutMs} ms:\n${this.log.slice(-30).join('\n')}`));
      }, timeoutMs);
      child.stderr?.on('data', (d: Buffer) => {
        pending += d.toString();
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          this.logLines++;
          this.log.push(line.length > 600 ? `${line.slice(0, 600)}…` : line);
          if (this.log.length > 300) this.log.splice(0, this.log.length - 300);
          const m = /listening on (http:\/\/\S+)/.exec(line);
          if (m && !settled) {
            settled = true;
            clearTimeout(timer);
            resolve(m[1] as string);
          }
        }
      });
      child.once('exit', (code, signal) => {
        live.delete(child);
        this.exits.push(signal ?? `code ${code}`);
        if (!settled) {
          settled = true;
          clearTimeout(timer);
          reject(new Error(`affinity exited (${signal ?? `code ${code}`}) before listening:\n${this.log.slice(-30).join('\n')}`));
        }
      });
    });
  }

  /** Sends `signal` and waits for the process to be gone (SIGKILL after `graceMs`). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(signal);
    const escalate = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await gone;
    clearTimeout(escalate);
  }
}
