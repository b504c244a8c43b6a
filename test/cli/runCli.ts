/**
 * The real `node bin/affinity.mjs …` in a child process, for the command-line tests. Every run is
 * bounded: a command that does not end within the bound (a server started by `--help`) is killed with
 * its process group and reported as `timedOut`, so the test fails instead of hanging. The bound only
 * catches a command that never ends; a loaded machine may take several seconds to start one (tsx).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const BIN = join(import.meta.dirname, '../../bin/affinity.mjs');
export const ROOT = join(import.meta.dirname, '../..');

/** How a run ended. */
export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The command was still running at the bound and was killed. */
  readonly timedOut: boolean;
}

/** Bound of one command run (it only ever elapses for a command that would not end by itself). */
export const RUN_BOUND_MS = 60_000;

/** Environment of every run: loopback, quiet logs, never the checkout's own database. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: '0', AFFINITY_LOG_LEVEL: 'silent', ...extra };
  // Variables of the developer's shell must not change what the commands under test do.
  for (const k of ['AFFINITY_STORE', 'AFFINITY_REDIS_CLUSTER', 'REDIS_URL', 'AFFINITY_ROLES', 'AFFINITY_WORKERS', 'AFFINITY_DEFAULT_SHOP', 'AFFINITY_API_KEYS', 'NODE_OPTIONS']) if (!(k in extra)) delete env[k];
  return env;
}

/** Kills `child` and every process it started (it leads its own process group). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/** Starts `affinity <args>` in its own process group (so that a timeout can end what it started). */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv, cwd = ROOT): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
}

/** Runs `affinity <args>` to its end (or the bound). */
export function runCli(args: readonly string[], opts: { env?: Record<string, string>; cwd?: string; boundMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = startCli(args, cliEnv(opts.env), opts.cwd);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, opts.boundMs ?? RUN_BOUND_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/** What a failed assertion shows about a run. */
export function show(r: CliRun): string {
  return `exit ${r.code ?? r.signal}${r.timedOut ? ' (killed at the bound: it did not end)' : ''}\n--- stdout\n${r.stdout.slice(0, 2000)}\n--- stderr\n${r.stderr.slice(0, 2000)}`;
}

/** A Node stack-trace line (`    at fn (file:1:2)`). */
export const STACK_LINE = /^\s+at .+[:(]/m;
