/**
 * The child processes a bench script starts (Affinity servers, a hello-world server), stopped however
 * the script ends: its own cleanup, an error that ends the process, Ctrl-C (SIGINT), SIGTERM or SIGHUP.
 * A child does not die with its parent: a bench killed by a signal used to leave its servers running
 * (bench/roles.ts left its recommend nodes and its hello-world server behind after a SIGTERM).
 *
 * On a signal the children get SIGTERM (SIGKILL after {@link GRACE_MS}), the registered cleanups run
 * (a Redis Cluster's stop), then the process ends as the signal would have ended it (exit 128 + n).
 * A second signal meanwhile SIGKILLs what is left and ends the process at once.
 */
import type { ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { moduleNotice } from './args.ts';

/** How long a child has to exit after SIGTERM before it gets SIGKILL. */
const GRACE_MS = 5000;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const live = new Set<ChildProcess>();
const cleanups = new Set<() => Promise<void>>();
let installed = false;
let stopping = false;

const running = (c: ChildProcess): boolean => c.exitCode === null && c.signalCode === null;

function exited(c: ChildProcess): Promise<void> {
  return running(c) ? new Promise((r) => c.once('exit', () => r())) : Promise.resolve();
}

function onSignal(sig: (typeof SIGNALS)[number]): void {
  const code = 128 + (constants.signals[sig] ?? 15);
  if (stopping) {
    for (const c of live) c.kill('SIGKILL');
    process.exit(code);
  }
  stopping = true;
  process.stderr.write(`\n${sig}: stopping ${live.size} child process(es)\n`);
  void Promise.allSettled([stopChildren(), ...[...cleanups].map((f) => f())]).finally(() => process.exit(code));
}

function install(): void {
  if (installed) return;
  installed = true;
  // 'exit' also runs after an uncaught error and after process.exit(); only synchronous work is possible there.
  process.on('exit', () => {
    for (const c of live) if (running(c)) c.kill('SIGTERM');
  });
  for (const sig of SIGNALS) process.on(sig, () => onSignal(sig));
}

/** Registers `child` to be stopped when this process ends; returns it. */
export function track<T extends ChildProcess>(child: T): T {
  install();
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/**
 * Registers `cleanup` to run if a signal ends the process (the script's own `finally` does not run
 * then); returns the function that unregisters it.
 */
export function onSignalCleanup(cleanup: () => Promise<void>): () => void {
  install();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** Stops every tracked child still running (SIGTERM, then SIGKILL after the grace) and waits until each has exited. */
export async function stopChildren(): Promise<void> {
  const children = [...live].filter(running);
  for (const c of children) c.kill('SIGTERM');
  const kill = setTimeout(() => {
    for (const c of children) if (running(c)) c.kill('SIGKILL');
  }, GRACE_MS);
  try {
    await Promise.all(children.map(exited));
  } finally {
    clearTimeout(kill);
  }
}

moduleNotice(import.meta.url, {
  run: 'node --import tsx bench/children.ts --help',
  summary: `Stops the child processes of a bench script (servers) however it ends, Ctrl-C and SIGTERM included: a
module of bench/roles.ts, bench/run.ts, bench/mcp.ts and bench/personalized.ts, not a benchmark.`,
  options: [],
  writes: 'nothing.',
});

/** Whether a process is still running (signal 0 probes without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
