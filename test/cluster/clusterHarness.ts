/**
 * Harness of the multi-node tests: a Redis Cluster of 3 masters, each with a replica (so a killed
 * master fails over), on free loopback ports, and `affinity serve --role …` nodes as separate
 * processes (`node --import tsx src/cli/main.ts serve`). Everything started here is killed by `stop()`
 * or, as a last resort, when the test process exits (`src/testing/redisServer.ts`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { redisCommand, startRedis, type RedisServerHandle } from '../../src/testing/redisServer.ts';

const ROOT = join(import.meta.dirname, '../..');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A running Redis Cluster with one replica per master. */
export interface ReplicatedCluster {
  /** `host:port,…` of every node, for AFFINITY_REDIS_CLUSTER. */
  readonly seeds: string;
  readonly nodes: readonly RedisServerHandle[];
  /** The node currently serving `key`'s slot as master. */
  masterOf(key: string): Promise<RedisServerHandle>;
  /** Waits (bounded) until every slot is served again and `cluster_state:ok` on every live node. */
  untilHealthy(deadlineMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts 6 cluster-enabled nodes (AOF `appendfsync always`) and joins them as 3 masters + 3 replicas. */
export async function startReplicatedCluster(): Promise<ReplicatedCluster> {
  const nodes: RedisServerHandle[] = [];
  const dead = new Set<RedisServerHandle>();
  const stop = async (): Promise<void> => {
    await Promise.all(nodes.map((n) => n.stop()));
  };
  try {
    const taken = new Set<number>();
    for (let i = 0; nodes.length < 6 && i < 200; i++) {
      const port = 20_000 + Math.floor(Math.random() * 25_000);
      if (taken.has(port) || taken.has(port + 10_000) || taken.has(port - 10_000)) continue;
      if (!(await portIsFree(port)) || !(await portIsFree(port + 10_000))) continue;
      taken.add(port);
      nodes.push(
        await startRedis({
          port,
          appendonly: true,
          args: ['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '2000', '--cluster-replica-validity-factor', '0'],
        }),
      );
    }
    if (nodes.length < 6) throw new Error('could not find free ports for a Redis Cluster');
    const create = spawnSync(
      process.env.REDIS_CLI_BIN ?? 'redis-cli',
      ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '1', '--cluster-yes'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed (${create.status}):\n${create.stdout}\n${create.stderr}`);
  } catch (e) {
    await stop();
    throw e;
  }
  const live = (): RedisServerHandle[] => nodes.filter((n) => !dead.has(n));
  const cluster: ReplicatedCluster = {
    seeds: nodes.map((n) => `127.0.0.1:${n.port}`).join(','),
    nodes,
    async masterOf(key) {
      const slot = Number(await redisCommand(live()[0]!.port, ['CLUSTER', 'KEYSLOT', key]));
      for (const n of live()) {
        const me = (await redisCommand(n.port, ['CLUSTER', 'NODES']).catch(() => '')).split('\n').find((l) => l.includes('myself'));
        if (me && /\bmaster\b/.test(me.split(' ')[2] ?? '') && ownsSlot(me, slot)) return n;
      }
      throw new Error(`no master found for slot ${slot}`);
    },
    async untilHealthy(deadlineMs) {
      const deadline = Date.now() + deadlineMs;
      for (;;) {
        const infos = await Promise.all(live().map((n) => redisCommand(n.port, ['CLUSTER', 'INFO']).catch(() => '')));
        if (infos.every((i) => i.includes('cluster_state:ok') && i.includes('cluster_slots_ok:16384'))) return;
        if (Date.now() > deadline) throw new Error(`Redis Cluster not healthy within ${deadlineMs} ms:\n${infos.join('\n---\n')}`);
        await sleep(100);
      }
    },
    stop,
  };
  const kill = (n: RedisServerHandle) => {
    const original = n.kill.bind(n);
    return async (signal?: NodeJS.Signals) => {
      dead.add(n);
      await original(signal);
    };
  };
  for (const n of nodes) Object.defineProperty(n, 'kill', { value: kill(n) });
  await cluster.untilHealthy(30_000);
  return cluster;
}

/** Whether a `CLUSTER NODES` line lists `slot` among its ranges. */
function ownsSlot(line: string, slot: number): boolean {
  for (const part of line.split(' ').slice(8)) {
    const [a, b] = part.split('-');
    if (a === undefined || a.startsWith('[')) continue;
    const lo = Number(a);
    const hi = b === undefined ? lo : Number(b);
    if (slot >= lo && slot <= hi) return true;
  }
  return false;
}

/** One `affinity serve` process. */
export interface Node {
  readonly url: string;
  readonly child: ChildProcess;
  /** Sends `signal` and waits until the process has exited. */
  stop(signal: NodeJS.Signals): Promise<void>;
}

/** Starts `affinity serve --role <roles>` on a free loopback port; resolves once it listens (bounded: 120 s). */
export function startNode(roles: string, env: Record<string, string>): Promise<Node> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--role', roles], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', AFFINITY_LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${roles} node: ${why}: ${err}`));
    };
    // Only a bound for a node that never starts: tsx compiles the app, which takes long on a loaded machine.
    const timer = setTimeout(() => fail('did not start'), 120_000);
    const onExit = (code: number | null): void => fail(`exited ${code}`);
    child.on('exit', onExit);
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(err);
      if (!m) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve({
        url: m[1]!,
        child,
        async stop(signal) {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise((r) => child.once('exit', r));
          child.kill(signal);
          await exited;
        },
      });
    });
  });
}

/** Polls `check` every 200 ms until it returns a value (not undefined) or `deadlineMs` passes (then throws with `what`). */
export async function until<T>(what: string, deadlineMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${deadlineMs} ms${last ? ` (last error: ${String(last)})` : ''}`);
    await sleep(200);
  }
}
