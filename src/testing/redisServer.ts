/**
 * Test harness: real `redis-server` processes on free loopback ports, standalone or as a 3-master
 * Cluster. Every process started here is killed on `stop()` and, as a last resort, when the test
 * process exits. Needs `redis-server` (and `redis-cli` for the Cluster) on PATH, or in
 * `REDIS_SERVER_BIN` / `REDIS_CLI_BIN`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SERVER_BIN = process.env.REDIS_SERVER_BIN ?? 'redis-server';
const CLI_BIN = process.env.REDIS_CLI_BIN ?? 'redis-cli';
const INSTALL_HINT = 'Install it with: apt-get install -y redis-server (redis-cli comes with redis-tools)';

/** Every child still running, killed on process exit. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const killAll = (): void => {
    for (const c of live) c.kill('SIGKILL');
  };
  process.once('exit', killAll);
  // 'exit' does not run when a signal ends the process (e.g. the test runner's timeout): kill the
  // servers, then let the signal do what it would have done had nobody listened.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      killAll();
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    });
  }
}

/** Options of {@link startRedis}. */
export interface StartRedisOptions {
  /** Enable the append-only file (`appendfsync always`), so acknowledged writes survive a kill -9. */
  readonly appendonly?: boolean;
  /** Working directory (AOF, cluster config). Default: a fresh temp dir, removed on `stop()`. */
  readonly dir?: string;
  /** Fixed port (default: a free one). */
  readonly port?: number;
  /** Extra `redis-server` arguments. */
  readonly args?: readonly string[];
}

/** A running redis-server. */
export interface RedisServerHandle {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  /** PID of the current process (changes after `restart`). */
  readonly pid: number;
  /** Stops the server (SIGTERM, then SIGKILL) and removes the temp dir it created. */
  stop(): Promise<void>;
  /** Kills the server without cleanup (crash simulation); `restart()` brings it back on the same port and dir. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the server again on the same port and dir (after `kill`, or stops it first). */
  restart(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (the OS picks; the port is released before returning). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port > 0 ? resolve(port) : reject(new Error('could not get a free port'))));
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/**
 * Sends one command over a fresh connection and returns the reply as text (simple string, integer
 * or bulk string); rejects on an error reply, a refused connection or after `timeoutMs`.
 */
export function redisCommand(port: number, args: readonly string[], timeoutMs = 1_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = createConnection({ host: '127.0.0.1', port });
    let buf = Buffer.alloc(0);
    const done = (err: Error | undefined, value?: string): void => {
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(value ?? '');
    };
    const timer = setTimeout(() => done(new Error(`redis on port ${port} did not answer ${args[0]} within ${timeoutMs} ms`)), timeoutMs);
    sock.once('error', (e) => done(e));
    sock.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      const eol = buf.indexOf('\r\n');
      if (eol < 0) return;
      const head = buf.subarray(0, eol).toString();
      const kind = head[0];
      if (kind === '+' || kind === ':') return done(undefined, head.slice(1));
      if (kind === '-') return done(new Error(head.slice(1)));
      if (kind === '$') {
        const len = Number(head.slice(1));
        if (len < 0) return done(undefined, '');
        if (buf.length < eol + 2 + len + 2) return;
        return done(undefined, buf.subarray(eol + 2, eol + 2 + len).toString());
      }
      return done(new Error(`unexpected reply from redis: ${head}`));
    });
    sock.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

class RedisProcess implements RedisServerHandle {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  readonly #args: string[];
  readonly #ownsDir: boolean;
  #child: ChildProcess | undefined;
  #log: string[] = [];

  constructor(port: number, dir: string, ownsDir: boolean, args: string[]) {
    this.port = port;
    this.url = `redis://127.0.0.1:${port}`;
    this.dir = dir;
    this.#ownsDir = ownsDir;
    this.#args = args;
  }

  get pid(): number {
    return this.#child?.pid ?? -1;
  }

  /** Spawns the server and waits until it answers PING; rejects (with its log) if it exits first. */
  async start(): Promise<void> {
    installExitHook();
    this.#log = [];
    const child = spawn(SERVER_BIN, ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, ...this.#args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    live.add(child);
    let exited: Error | undefined;
    const record = (d: Buffer): void => {
      this.#log.push(...d.toString().split('\n').filter(Boolean));
      if (this.#log.length > 50) this.#log.splice(0, this.#log.length - 50);
    };
    child.stdout?.on('data', record);
    child.stderr?.on('data', record);
    child.once('error', (e: NodeJS.ErrnoException) => {
      exited =
        e.code === 'ENOENT'
          ? new Error(`redis-server is not installed (could not run "${SERVER_BIN}"). ${INSTALL_HINT}.`)
          : new Error(`could not start redis-server: ${e.message}`);
    });
    child.once('exit', (code, signal) => {
      live.delete(child);
      exited ??= new Error(`redis-server on port ${this.port} exited (${signal ?? `code ${code}`}):\n${this.#log.join('\n')}`);
    });
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (exited) throw exited;
      try {
        if ((await redisCommand(this.port, ['PING'], 500)) === 'PONG') return;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) {
        await this.kill('SIGKILL');
        throw new Error(`redis-server on port ${this.port} did not answer PING within 10 s:\n${this.#log.join('\n')}`);
      }
      await sleep(25);
    }
  }

  /** Whether the last start failed because the port was taken. */
  portTaken(): boolean {
    return this.#log.some((l) => /Address already in use/i.test(l));
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(signal);
    const escalate = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await gone;
    clearTimeout(escalate);
  }

  async restart(): Promise<void> {
    await this.kill('SIGTERM');
    await this.start();
  }

  async stop(): Promise<void> {
    // A stopped (SIGSTOP) server would not act on SIGTERM until continued.
    const child = this.#child;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGCONT');
    await this.kill('SIGTERM');
    if (this.#ownsDir) rmSync(this.dir, { recursive: true, force: true });
  }
}

async function launch(port: number, opts: StartRedisOptions, extra: string[]): Promise<RedisProcess> {
  const ownsDir = opts.dir === undefined;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'affinity-redis-'));
  const args = [
    '--save',
    '',
    ...(opts.appendonly ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
    ...extra,
    ...(opts.args ?? []),
  ];
  const p = new RedisProcess(port, dir, ownsDir, args);
  try {
    await p.start();
  } catch (e) {
    if (ownsDir) rmSync(dir, { recursive: true, force: true });
    if (p.portTaken()) throw Object.assign(new Error(`port ${port} taken`), { portTaken: true });
    throw e;
  }
  return p;
}

function isPortTaken(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { portTaken?: boolean }).portTaken === true;
}

/** Starts a standalone redis-server on a free loopback port (retrying if the port is taken meanwhile). */
export async function startRedis(opts: StartRedisOptions = {}): Promise<RedisServerHandle> {
  for (let attempt = 0; ; attempt++) {
    const port = opts.port ?? (await freePort());
    try {
      return await launch(port, opts, []);
    } catch (e) {
      if (!isPortTaken(e) || opts.port !== undefined || attempt >= 5) throw e;
    }
  }
}

/** A running 3-master Redis Cluster. */
export interface RedisClusterHandle {
  readonly nodes: { host: string; port: number }[];
  stop(): Promise<void>;
}

/** A port p with p and p + 10000 (the cluster bus) both free. */
async function freeClusterPort(taken: ReadonlySet<number>): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const p = 20_000 + Math.floor(Math.random() * 25_000);
    if (taken.has(p) || taken.has(p + 10_000) || taken.has(p - 10_000)) continue;
    if ((await portIsFree(p)) && (await portIsFree(p + 10_000))) return p;
  }
  throw new Error('could not find free ports for a Redis Cluster node');
}

/**
 * `n` distinct ports, each with its cluster bus port (p + 10000) free too, for a test that starts its own
 * Cluster nodes (`startRedis({ port, args })`: custom settings, nodes it kills): never fixed ports, which
 * any other process on the machine may hold.
 */
export async function freeClusterPorts(n: number): Promise<number[]> {
  const taken = new Set<number>();
  while (taken.size < n) taken.add(await freeClusterPort(taken));
  return [...taken];
}

/** Starts 3 cluster-enabled nodes, joins them with `redis-cli --cluster create` and waits for `cluster_state:ok`. */
export async function startRedisCluster(): Promise<RedisClusterHandle> {
  const procs: RedisProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(procs.map((p) => p.stop()));
  };
  try {
    const taken = new Set<number>();
    while (procs.length < 3) {
      const port = await freeClusterPort(taken);
      try {
        procs.push(
          await launch(port, {}, ['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '2000']),
        );
        taken.add(port);
      } catch (e) {
        if (!isPortTaken(e)) throw e;
      }
    }
    const create = spawnSync(
      CLI_BIN,
      ['--cluster', 'create', ...procs.map((p) => `127.0.0.1:${p.port}`), '--cluster-replicas', '0', '--cluster-yes'],
      { encoding: 'utf8', timeout: 30_000 },
    );
    if (create.error) {
      const code = (create.error as NodeJS.ErrnoException).code;
      throw code === 'ENOENT'
        ? new Error(`redis-cli is not installed (could not run "${CLI_BIN}"). ${INSTALL_HINT}.`)
        : create.error;
    }
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed (${create.status}):\n${create.stdout}\n${create.stderr}`);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const infos = await Promise.all(procs.map((p) => redisCommand(p.port, ['CLUSTER', 'INFO']).catch(() => '')));
      if (infos.every((i) => i.includes('cluster_state:ok') && i.includes('cluster_known_nodes:3'))) break;
      if (Date.now() > deadline) throw new Error(`Redis Cluster did not reach cluster_state:ok within 20 s:\n${infos.join('\n---\n')}`);
      await sleep(100);
    }
    return { nodes: procs.map((p) => ({ host: '127.0.0.1', port: p.port })), stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
