/**
 * The connection of the Redis store (standalone or Cluster) and the two things every slice of the
 * store does with it: run an operation within its deadline and the health rules (`run`), and send a
 * batch of commands in as few round trips as the topology allows (`exec`). It also owns the health
 * hooks (`redisHealth.ts`) and the server's persistence settings (`redisDurability.ts`).
 *
 * Outages: the reads of the request path get a short budget (`readTimeoutMs`) and fail at once while
 * Redis is not known to be up, so the recommender answers from memory within the budget instead of
 * waiting for the client's timeouts; every other operation fails at once while a probe finds Redis
 * unreachable. Nothing waits for a restart: the state returns to up on the next successful probe or
 * reconnection.
 */
import { Cluster, Redis } from 'ioredis';
import type { ChainableCommander, ClusterOptions, RedisOptions } from 'ioredis';
import { AffinityError, isAffinityError } from '../../core/errors.ts';
import { hashPart } from './keys.ts';
import { positiveInt, type Arg, type Op } from './redisOps.ts';
import { readDurability, type RedisDurability } from './redisDurability.ts';
import { RedisHealth, type RedisHealthState } from './redisHealth.ts';
import { defineScripts, type ScriptName } from './redisScripts.ts';
import { errMessage } from './replies.ts';
import { requireReachable } from './clusterReach.ts';
import { deadline } from '../resilience/deadline.ts';

/** Options of {@link RedisConnection}. */
export interface RedisConnectionOptions {
  /** A connected (or connecting) ioredis client; the connection owns it from now on and quits it on `close`. */
  readonly client: Redis | Cluster;
  /** Every operation rejects with `STORE_UNAVAILABLE` when Redis has not answered within this, ms. Default 5000. */
  readonly opTimeoutMs?: number;
  /**
   * Budget of the reads of the request path (`getProfiles`, `getNeighbours`, `getTop`), ms: past it the
   * read rejects with `STORE_UNAVAILABLE` (the recommender then answers from memory) and Redis becomes
   * suspect until a probe answers. Default 500.
   */
  readonly readTimeoutMs?: number;
  /** Called when Redis becomes unreachable or reachable again (for logs and metrics). */
  readonly onHealthChange?: (state: RedisHealthState, reason: string) => void;
}

/** Default deadline of an operation, ms. */
export const DEFAULT_OP_TIMEOUT_MS = 5_000;
/** Default budget of a request-path read, ms (p99 of these reads under load is 15-25 ms). */
export const DEFAULT_READ_TIMEOUT_MS = 500;
const PING_TIMEOUT_MS = 1_000;

type ScriptHost = Record<ScriptName, (...args: Arg[]) => unknown>;

/** One ioredis client with deadlines, health and batching (see the module comment). */
export class RedisConnection {
  readonly #client: Redis | Cluster;
  readonly #cluster: boolean;
  readonly #opTimeout: number;
  readonly #readTimeout: number;
  readonly #health: RedisHealth;
  #durability: RedisDurability = { level: 'unknown', source: 'none', warning: 'Not checked yet.' };
  #closed = false;

  constructor(opts: RedisConnectionOptions) {
    this.#client = opts.client;
    this.#cluster = opts.client instanceof Cluster || (opts.client as { isCluster?: boolean }).isCluster === true;
    this.#opTimeout = positiveInt('opTimeoutMs', opts.opTimeoutMs ?? DEFAULT_OP_TIMEOUT_MS);
    this.#readTimeout = positiveInt('readTimeoutMs', opts.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS);
    defineScripts(this.#client);
    this.#health = new RedisHealth(this.#client, {
      onChange: (state, reason) => {
        // A server that comes back may be another one, or the same with other settings.
        if (state === 'up') void this.refreshDurability();
        opts.onHealthChange?.(state, reason);
      },
    });
  }

  /** The ioredis client (for the state nodes share through this Redis, and the privacy slices). */
  get client(): Redis | Cluster {
    return this.#client;
  }

  /** Whether the client talks to a Cluster (commands of one round trip are grouped per slot). */
  get cluster(): boolean {
    return this.#cluster;
  }

  /** The deadline of an operation that is not a request-path read, ms. */
  get opTimeoutMs(): number {
    return this.#opTimeout;
  }

  /** Whether Redis is up, suspect (reads degrade) or down (everything fails at once), see `redisHealth.ts`. */
  get health(): RedisHealthState {
    return this.#health.state;
  }

  /**
   * The server's persistence settings as last read (at connect, then at every reconnection): whether
   * an acknowledged event survives a crash of Redis. See `redisDurability.ts`.
   */
  durability(): RedisDurability {
    return this.#durability;
  }

  /** Reads the persistence settings again (never throws; `unknown` when they cannot be read). */
  async refreshDurability(): Promise<RedisDurability> {
    if (this.#closed) return this.#durability;
    this.#durability = await readDurability(this.#client);
    return this.#durability;
  }

  /** ioredis options for a standalone client: bounded waits everywhere, reconnect forever in the background. */
  static clientOptions(commandTimeoutMs = 2_000): RedisOptions {
    return {
      lazyConnect: false,
      connectTimeout: commandTimeoutMs,
      // A command rejects after this long instead of waiting for an answer that may never come.
      commandTimeout: commandTimeoutMs,
      // While disconnected, commands queue (so a blip is invisible) but fail after two failed reconnect
      // attempts (100 + 200 ms): with more, appends waited up to 3 s for a dead server. Once a probe
      // finds Redis unreachable, the store fails operations before they reach the queue (redisHealth.ts).
      enableOfflineQueue: true,
      maxRetriesPerRequest: 1,
      // A command in flight when the connection drops fails; the caller retries (appends dedupe).
      autoResendUnfulfilledCommands: false,
      // Reconnect every 500 ms at most while Redis is away, so it is used again within half a second
      // of its return (a refused or failed connect costs next to nothing).
      retryStrategy: (times: number) => Math.min(100 * times, 500),
      reconnectOnError: (err: Error) => err.message.startsWith('READONLY'),
      // Commands issued in the same event-loop turn (by concurrent requests) go out in one write.
      enableAutoPipelining: true,
    };
  }

  /** A standalone client for `url` (`redis://[:password@]host:port[/db]`), once its first connection is ready. */
  static async openStandalone(url: string, connectTimeoutMs?: number, commandTimeoutMs?: number): Promise<Redis> {
    const client = new Redis(url, RedisConnection.clientOptions(commandTimeoutMs));
    await RedisConnection.#waitReady(client, redactUrl(url), connectTimeoutMs);
    // A database the server does not have: ioredis reports the failed SELECT as an error event and goes
    // on in database 0 (someone else's keys, say). The start stops instead.
    const db = client.options.db ?? 0;
    if (db !== 0) {
      try {
        await client.select(db);
      } catch (err) {
        client.disconnect();
        throw new AffinityError('STORE_UNAVAILABLE', `Redis at ${redactUrl(url)} has no database ${db} (${errMessage(err)}): name one it has in REDIS_URL (0 to 15 unless its "databases" setting says more).`, [], { cause: err });
      }
    }
    return client;
  }

  /** A Cluster client reaching the Cluster through any of `nodes`, once it is ready. */
  static async openCluster(nodes: readonly { readonly host: string; readonly port: number }[], connectTimeoutMs?: number, commandTimeoutMs?: number): Promise<Cluster> {
    const { retryStrategy: _unused, enableOfflineQueue: _unused2, ...redisOptions } = RedisConnection.clientOptions(commandTimeoutMs);
    const options: ClusterOptions = {
      redisOptions,
      enableOfflineQueue: true,
      enableReadyCheck: true,
      clusterRetryStrategy: (times: number) => Math.min(100 * times, 500),
      maxRedirections: 16,
      retryDelayOnClusterDown: 200,
      retryDelayOnFailover: 200,
      slotsRefreshTimeout: commandTimeoutMs ?? 2_000,
      // The slot map read again every second: a master that was lost (whose keys fail at once meanwhile,
      // clusterReach.ts) is found again, and its keys used, within about a second of its return.
      slotsRefreshInterval: 1_000,
    };
    const client = new Cluster(nodes.map((n) => ({ host: n.host, port: n.port })), options);
    await RedisConnection.#waitReady(client, nodes.map((n) => `${n.host}:${n.port}`).join(','), connectTimeoutMs);
    return client;
  }

  static async #waitReady(client: Redis | Cluster, where: string, timeoutMs = 5_000): Promise<void> {
    let last: unknown;
    // Without a listener ioredis prints every failed reconnect; the store reports failures itself.
    client.on('error', (e: unknown) => {
      last = e;
    });
    if (client.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        client.off('ready', onReady);
        client.disconnect();
        reject(
          new AffinityError(
            'STORE_UNAVAILABLE',
            `Could not connect to Redis at ${where} within ${timeoutMs} ms${last ? ` (last error: ${errMessage(last)})` : ''}.`,
            [],
            { cause: last },
          ),
        );
      }, timeoutMs);
      const onReady = (): void => {
        clearTimeout(timer);
        resolve();
      };
      client.once('ready', onReady);
    });
  }

  /**
   * Whether Redis answers within a second (false at once while it is known to be down). Standalone: a
   * PING. Cluster: the Cluster is `cluster_state:ok`, no master that serves slots is failing or cut
   * off from the node asked, and every master this client knows answers a PING: one master down
   * makes the store not ready, even while the slots of the others still answer.
   */
  async ping(): Promise<boolean> {
    // Down: the probes (every 250 ms) will tell when it answers again; no need to wait here.
    if (this.#closed || this.#health.down) return false;
    let cancel: (() => void) | undefined;
    try {
      const pong = await Promise.race([
        this.#client instanceof Cluster ? this.#pingCluster(this.#client) : this.#client.ping(),
        new Promise<never>((_, reject) => {
          cancel = deadline(PING_TIMEOUT_MS, () => reject(new Error('ping timed out')));
        }),
      ]);
      return pong === 'PONG';
    } catch {
      // No answer: reads degrade until a probe finds Redis again (a Cluster with one master down
      // still serves the other masters' slots: its reads go on).
      if (!this.#cluster) this.#health.suspect('ping got no answer');
      return false;
    } finally {
      cancel?.();
    }
  }

  /** 'PONG' when the Cluster is whole (see {@link ping}); throws or answers otherwise when not. */
  async #pingCluster(client: Cluster): Promise<string> {
    const masters = client.nodes('master');
    if (masters.length === 0) return 'no master';
    const pongs = await Promise.all(masters.map((n) => n.ping()));
    if (pongs.some((p) => p !== 'PONG')) return 'no PONG';
    const asked = masters[0]!;
    const [info, nodes] = await Promise.all([asked.call('cluster', 'info'), asked.call('cluster', 'nodes')]);
    if (!/^cluster_state:ok\s*$/m.test(String(info))) return 'cluster_state not ok';
    return clusterNodesProblem(String(nodes)) ?? 'PONG';
  }

  /** Stops the health probes and quits the client (disconnects when Redis does not answer within a second). Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#health.close();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.#client.quit(),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, PING_TIMEOUT_MS);
        }),
      ]);
    } catch {
      // Unreachable server: nothing to say goodbye to.
    } finally {
      clearTimeout(timer);
      this.#client.disconnect();
    }
  }

  /**
   * Runs an operation with a deadline; every failure becomes a `STORE_UNAVAILABLE` error naming it.
   * A `read` of the request path gets the short `readTimeoutMs` budget and fails at once unless Redis
   * is up; running out of it makes Redis suspect (`redisHealth.ts`). Any other operation waits for the
   * verdict while Redis is suspect and fails at once while it is down. (On the healthy path this is a
   * field read: nothing is added per call.)
   */
  async run<T>(op: string, fn: () => Promise<T>, read = false): Promise<T> {
    if (this.#closed) throw new AffinityError('STORE_UNAVAILABLE', 'The Redis store is closed.');
    // Only while Redis is suspect (never on the healthy path): wait for the probe's verdict.
    if (!read && this.#health.state === 'suspect') await this.#health.decided();
    if (read ? !this.#health.up : this.#health.down) {
      throw new AffinityError('STORE_UNAVAILABLE', `${this.#health.describe()}; ${op} was not attempted.`);
    }
    const budget = read ? this.#readTimeout : this.#opTimeout;
    let cancel: (() => void) | undefined;
    try {
      return await Promise.race([
        fn(),
        new Promise<never>((_, reject) => {
          cancel = deadline(budget, () => {
            this.#health.suspect(`${op} got no answer within ${budget} ms`);
            reject(new AffinityError('STORE_UNAVAILABLE', `Redis did not complete ${op} within ${budget} ms.`));
          });
        }),
      ]);
    } catch (e) {
      if (isAffinityError(e)) throw e;
      const msg = errMessage(e);
      // The client's own command timeout: the connection is open but Redis does not answer.
      if (msg.includes('Command timed out')) this.#health.suspect(`${op}: ${msg}`);
      if (msg.includes('AFF_BACKLOG_FULL')) {
        throw new AffinityError(
          'STORE_UNAVAILABLE',
          `Redis ${op} refused: ${msg.replace(/^.*AFF_BACKLOG_FULL\s*/, '')}; is the projector running?`,
          [],
          { cause: e },
        );
      }
      throw new AffinityError('STORE_UNAVAILABLE', `Redis ${op} failed: ${msg}`, [], { cause: e });
    } finally {
      cancel?.();
    }
  }

  /**
   * Sends commands in as few round trips as the topology allows and returns their replies in order;
   * throws the first command error. Standalone: one pipeline (one `MULTI` when `atomic`). Cluster:
   * one pipeline (or `MULTI`) per hash tag, since neither may span slots there; sent concurrently.
   */
  async exec(ops: readonly Op[], atomic = false): Promise<unknown[]> {
    if (ops.length === 0) return [];
    if (!this.#cluster) return this.#execGroup(ops, atomic);
    const groups = new Map<string, number[]>();
    ops.forEach((op, i) => {
      const tag = hashPart(op.key);
      const g = groups.get(tag);
      if (g) g.push(i);
      else groups.set(tag, [i]);
    });
    const out: unknown[] = new Array(ops.length);
    const settled = await Promise.allSettled(
      [...groups.values()].map(async (idx) => {
        const res = await this.#execGroup(idx.map((i) => ops[i]!), atomic && idx.length > 1);
        idx.forEach((i, j) => (out[i] = res[j]));
      }),
    );
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return out;
  }

  /** One pipeline (or `MULTI` when `atomic`) of commands for one node. */
  async #execGroup(ops: readonly Op[], atomic: boolean): Promise<unknown[]> {
    // A Cluster master known to be gone: this group fails at once, as a store refusal that marks
    // nothing else down (the other masters' keys go on; `clusterReach.ts`).
    if (this.#cluster) {
      try {
        requireReachable(this.#client, ops.map((op) => op.key));
      } catch (err) {
        throw new AffinityError('STORE_UNAVAILABLE', `Redis could not be asked: ${errMessage(err)}.`, [], { cause: err });
      }
    }
    if (!atomic && this.#client.options.enableAutoPipelining && !ops.some((op) => op.script)) {
      // Plain commands (the reads of the request path): the client batches them with every other
      // command of this event-loop turn, so concurrent requests share one write and one read.
      // Script calls (appends) keep their own pipeline: auto-pipelined, a batch waits for the previous
      // one's replies, and batched appends fell from 14-15k to 11.6-11.8k events/s.
      const settled = await Promise.allSettled(ops.map((op) => this.#client.call(op.cmd, ...op.args)));
      return settled.map((r, i) => {
        if (r.status === 'fulfilled') return r.value;
        const err = r.reason as Error;
        throw new Error(`${ops[i]!.cmd} on ${ops[i]!.key}: ${err.message}`, { cause: err });
      });
    }
    const p: ChainableCommander = atomic ? this.#client.multi() : this.#client.pipeline();
    for (const op of ops) {
      if (op.script) (p as unknown as ScriptHost)[op.cmd as ScriptName](...op.args);
      else p.call(op.cmd, ...op.args);
    }
    const res = await p.exec();
    if (!res) throw new Error('Redis transaction was aborted.');
    return res.map(([err, value], i) => {
      if (err) throw new Error(`${ops[i]!.cmd} on ${ops[i]!.key}: ${err.message}`, { cause: err });
      return value;
    });
  }
}

/**
 * What is wrong with a Cluster as `CLUSTER NODES` describes it (one line per node: id, address,
 * flags, master, ping sent, pong received, epoch, link state, slots…): a master serving slots that is
 * failing (`fail`, `fail?`) or whose link is `disconnected`; `undefined` when nothing is.
 */
export function clusterNodesProblem(text: string): string | undefined {
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 9) continue;
    const flags = (f[2] ?? '').split(',');
    if (!flags.includes('master')) continue;
    if (flags.includes('fail') || flags.includes('fail?')) return `master ${f[1]} is failing`;
    if (!flags.includes('myself') && f[7] === 'disconnected') return `master ${f[1]} is unreachable`;
  }
  return undefined;
}

/** `url` with its password, if any, shown as `***` (for messages and logs). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid url>';
  }
}
