/**
 * The projection writer of the Redis store: writes a batch's profile and statistics deltas and
 * acknowledges its entries in the projector group, each event counted once as far as the topology
 * allows.
 *
 * - Standalone: one Lua script (`affProject`, `redisScripts.ts`) checks that every entry of the batch
 *   is still pending, and only then writes the deltas, acknowledges the entries and trims the stream,
 *   in one atomic step. When another projector acknowledged some of them first (two nodes holding the
 *   same entries: one claimed them from the other with XAUTOCLAIM after it had read them, or two
 *   drains of one consumer), nothing is written and the entries still pending are reported, so the
 *   projector folds those again: exactly once.
 * - Cluster: a transaction cannot span slots. First one script in the `{log}` slot (`affLease`) keeps
 *   the entries that are still pending and not leased by another projector, and leases them to this
 *   consumer (`aff:{log}:lease:<id>`, for `leaseMs`); when that is not every entry of the batch,
 *   nothing is written and the leased ones are reported (folded again without the others). The lease
 *   also tells each entry's shop and user. Then each slot's share is one script (`affGuarded`): a
 *   user's profile, or a shop's statistics (co-occurrence, counters, last-seen). The script writes the
 *   share and records its entry ids in the slot's marker (`p:applied` of the user, `applied` of the
 *   shop) in one atomic step, and writes nothing when they are recorded already. Then the entries are
 *   acknowledged and the leases released. A failure between the first slot's write and the
 *   acknowledgement (a master down, a crash) leaves the entries pending; whoever projects them again
 *   (this projector, or another once the lease expired) finds the slots already written marked and
 *   skips them: each entry counts once in every profile and every shop's statistics. A share that
 *   mixes marked and unmarked entries (the entries came back in another batch) is not written; the
 *   batch is reported `stale` with a part that can be written consistently (the entries marked
 *   somewhere, else one entry), and the rest is read again by the next batch. The bound: markers are
 *   kept {@link MARKER_KEEP_MS}; an entry left half-applied longer than that (its acknowledgement
 *   failing for a day) counts again in the slots already written.
 * - The shops registry (`aff:shops`, one key, one master) is written once per shop per process, before
 *   the first acknowledgement of that shop's events, so the registry is complete (the retention sweep
 *   walks it) and a master outage holding it does not stop the projection of shops already registered.
 *
 * Each profile document is worked out here from the one stored now; the profile step writes it, or
 * adds the delta itself if another projector changed the document in between (no delta is lost).
 */
import { LRUCache } from 'lru-cache';
import { EPOCH_SPAN_MS } from '../../core/decay.ts';
import { AffinityError } from '../../core/errors.ts';
import type { ProjectionBatch, ProjectionOutcome } from '../../core/ports.ts';
import { RECENT_CAP, type ProfileDelta } from '../../core/profile/profileDelta.ts';
import { applyDelta } from '../../core/profile/profileDoc.ts';
import { NEIGHBOUR_CAP } from '../../core/recommend/statsDelta.ts';
import { LOG_KEY, PROJECTOR_GROUP, SHOPS_KEY, appliedKey, coocKey, counterKey, isStreamId, lastSeenKey, leaseKey, userKeys } from './keys.ts';
import type { RedisConnection } from './redisConnection.ts';
import { cmd, finite, positiveInt, script, type Arg, type Op } from './redisOps.ts';
import type { RedisProfileReads, StoredDoc } from './redisProfileReads.ts';

/**
 * How long a process trusts that a shop is in the shops registry (Cluster) before writing it again: a
 * shop erased meanwhile (`eraseShop` removes it) and sending events again must be back on the list the
 * retention sweeps walk. One SADD per shop and minute.
 */
const REGISTERED_TTL_MS = 60_000;

/** Counter epochs are read as "current and previous"; keep each for three epoch spans after its last write. */
const COUNTER_TTL_MS = 3 * EPOCH_SPAN_MS;

/**
 * How long a slot remembers that it holds a log entry's deltas, ms: longer than any entry stays
 * pending after its first slot was written (the acknowledgement follows at once, or once the failed
 * master is back).
 */
export const MARKER_KEEP_MS = 24 * 3_600_000;

/** Arguments of one variadic command of a batch, at most (an even number: `ZADD` takes pairs). */
const MAX_ARGS = 1_000;

/** One write of a batch: a user's profile (the `affProfileSet` step) or a plain one-key command. */
type Step =
  | { readonly kind: 'profile'; readonly keys: readonly string[]; readonly args: readonly Arg[]; readonly delta?: ProfileDelta }
  | { readonly kind: 'command'; readonly key: string; readonly name: string; readonly args: readonly Arg[]; readonly shop?: string };

/** The keys and arguments of steps, as the projection scripts (`affProject`, `affGuarded`) read them. */
function pushSteps(steps: readonly Step[], keys: string[], args: Arg[]): void {
  for (const s of steps) {
    if (s.kind === 'profile') {
      keys.push(...s.keys);
      args.push('P', ...s.args);
    } else {
      keys.push(s.key);
      args.push('C', s.name, s.args.length, ...s.args);
    }
  }
}

/** One slot's share of a batch on a Cluster: its marker, the entries it holds, its steps. */
interface Share {
  readonly marker: string;
  readonly seqs: string[];
  readonly steps: Step[];
}

/**
 * Whether `seqs` folded together can be written: every share they touch holds all of them or none of
 * them (`sharesOf`: entry → indexes of its shares; `marked`: per share, the entries it holds). One
 * entry always can.
 */
function consistent(seqs: readonly string[], sharesOf: ReadonlyMap<string, readonly number[]>, marked: readonly ReadonlySet<string>[]): boolean {
  const state = new Map<number, boolean>();
  for (const q of seqs) {
    for (const i of sharesOf.get(q) ?? []) {
      const has = marked[i]!.has(q);
      if (state.get(i) === !has) return false;
      state.set(i, has);
    }
  }
  return true;
}

/** Options of {@link RedisProjectionWriter}. */
export interface RedisProjectionWriterOptions {
  /** Every key of a projected user expires this long after the projection, ms. */
  readonly profileTtlMs: number;
  /** This projector's consumer name in the group (the owner of its leases on a Cluster). */
  readonly consumer: string;
  /**
   * How long a lease holds on a Cluster, ms: `RedisStore` takes the larger of the event log's
   * `claimIdleMs` (entries pending that long are claimed by others) and the operation deadline.
   */
  readonly leaseMs: number;
}

/** Writes projection batches to Redis (see the module comment). */
export class RedisProjectionWriter {
  readonly #c: RedisConnection;
  readonly #reads: RedisProfileReads;
  readonly #ttl: number;
  readonly #owner: string;
  readonly #leaseMs: number;
  /** Shops this process has written to the shops registry in the last {@link REGISTERED_TTL_MS}. */
  readonly #registered = new LRUCache<string, true>({ max: 100_000, ttl: REGISTERED_TTL_MS });

  constructor(connection: RedisConnection, reads: RedisProfileReads, opts: RedisProjectionWriterOptions) {
    this.#c = connection;
    this.#reads = reads;
    this.#ttl = positiveInt('profileTtlMs', opts.profileTtlMs);
    this.#owner = opts.consumer;
    this.#leaseMs = positiveInt('leaseMs', opts.leaseMs);
  }

  /**
   * Applies the batch's deltas and acknowledges its seqs when every seq is still pending; otherwise
   * writes nothing and names the seqs still pending (see the module comment for Cluster).
   * @throws AffinityError `INTERNAL` for a seq that is not a stream id or a non-finite delta (nothing is sent)
   */
  async applyProjection(batch: ProjectionBatch): Promise<ProjectionOutcome> {
    return this.#c.run('applyProjection', async () => {
      for (const s of batch.seqs) if (!isStreamId(s)) throw new AffinityError('INTERNAL', `Not a Redis event-log position: ${JSON.stringify(s)}.`);
      this.#check(batch);
      if (!this.#c.cluster) return this.#applyStandalone(batch);
      return this.#applyCluster(batch);
    });
  }

  /** Cluster: lease, one guarded script per slot, acknowledge (see the module comment). */
  async #applyCluster(batch: ProjectionBatch): Promise<ProjectionOutcome> {
    const owners = new Map<string, { shop: string; user: string }>();
    if (batch.seqs.length > 0) {
      const [leased] = await this.#c.exec([script('affLease', [LOG_KEY, ...batch.seqs.map(leaseKey)], [PROJECTOR_GROUP, this.#owner, this.#leaseMs, ...batch.seqs])]);
      for (const row of (leased as unknown[] | null) ?? []) {
        const [id, shop, user] = (Array.isArray(row) ? row : [row]).map((v) => String(v ?? ''));
        owners.set(id as string, { shop: shop ?? '', user: user ?? '' });
      }
      if (owners.size < batch.seqs.length) return { status: 'stale', unprojected: [...owners.keys()] };
    }
    const shares = await this.#shares(batch, owners);
    const newShops = [...new Set([...batch.profiles.map((p) => p.shop), ...batch.stats.map((d) => d.shop)])].filter((s) => !this.#registered.has(s));
    const ops: Op[] = shares.map((sh) => {
      const keys: string[] = [sh.marker];
      const args: Arg[] = [MARKER_KEEP_MS, MARKER_KEEP_MS, sh.seqs.length, ...sh.seqs];
      pushSteps(sh.steps, keys, args);
      return script('affGuarded', keys, args);
    });
    for (let i = 0; i < newShops.length; i += MAX_ARGS) ops.push(cmd(SHOPS_KEY, 'sadd', SHOPS_KEY, ...newShops.slice(i, i + MAX_ARGS)));
    const replies = await this.#c.exec(ops);
    for (const s of newShops) this.#registered.set(s, true);
    // Which entries each share holds now: all of them unless it refused a mix of marked and unmarked.
    const marked = shares.map((sh, i) => {
      const [status, list] = replies[i] as [number, unknown[] | undefined];
      return new Set(Number(status) === -1 ? (list ?? []).map(String) : sh.seqs);
    });
    const mixed = shares.some((_, i) => Number((replies[i] as [number])[0]) === -1);
    if (!mixed) {
      await this.#ack(batch.seqs);
      return { status: 'applied' };
    }
    const sharesOf = new Map<string, number[]>();
    shares.forEach((sh, i) => {
      for (const q of sh.seqs) sharesOf.set(q, [...(sharesOf.get(q) ?? []), i]);
    });
    const done = batch.seqs.filter((q) => (sharesOf.get(q) ?? []).every((i) => marked[i]!.has(q)));
    await this.#ack(done);
    const open = batch.seqs.filter((q) => !done.includes(q));
    const dirty = open.filter((q) => (sharesOf.get(q) ?? []).some((i) => marked[i]!.has(q)));
    return { status: 'stale', unprojected: dirty.length === 0 ? open : consistent(dirty, sharesOf, marked) ? dirty : dirty.slice(0, 1) };
  }

  /** Acknowledges entries and releases their leases. */
  async #ack(seqs: readonly string[]): Promise<void> {
    if (seqs.length > 0) await this.#c.exec([script('affAck', [LOG_KEY, ...seqs.map(leaseKey)], [PROJECTOR_GROUP, ...seqs])]);
  }

  /** The batch's writes as one share per slot, each with the entries it holds. */
  async #shares(batch: ProjectionBatch, owners: ReadonlyMap<string, { shop: string; user: string }>): Promise<Share[]> {
    const byUser = new Map<string, string[]>();
    const byShop = new Map<string, string[]>();
    for (const [seq, { shop, user }] of owners) {
      if (shop === '') continue;
      const u = `${shop}\u0000${user}`;
      byUser.set(u, [...(byUser.get(u) ?? []), seq]);
      byShop.set(shop, [...(byShop.get(shop) ?? []), seq]);
    }
    const shares = new Map<string, Share>();
    const share = (marker: string, seqs: string[] | undefined): Share => {
      let sh = shares.get(marker);
      if (!sh) shares.set(marker, (sh = { marker, seqs: seqs ?? [], steps: [] }));
      return sh;
    };
    for (const s of await this.#steps(batch, false)) {
      if (s.kind === 'profile') {
        const { shop, userId } = s.delta!;
        share(userKeys(shop, userId).applied, byUser.get(`${shop}\u0000${userId}`)).steps.push(s);
      } else {
        share(appliedKey(s.shop!), byShop.get(s.shop!)).steps.push(s);
      }
    }
    return [...shares.values()];
  }
  /** Standalone: the pending check, the deltas and the acknowledgement in one script. */
  async #applyStandalone(batch: ProjectionBatch): Promise<ProjectionOutcome> {
    const steps = await this.#steps(batch);
    if (steps.length === 0 && batch.seqs.length === 0) return { status: 'applied' };
    const keys: string[] = [LOG_KEY];
    const args: Arg[] = [PROJECTOR_GROUP, batch.seqs.length, ...batch.seqs];
    pushSteps(steps, keys, args);
    const [reply] = await this.#c.exec([script('affProject', keys, args)]);
    const [applied, waiting] = reply as [number, unknown[] | null | undefined];
    return Number(applied) === 1 ? { status: 'applied' } : { status: 'stale', unprojected: (waiting ?? []).map(String) };
  }

  /** Refuses a delta Redis would store as garbage, before anything is sent. */
  #check(batch: ProjectionBatch): void {
    for (const p of batch.profiles) {
      if (!Number.isSafeInteger(p.events) || p.events < 0) {
        throw new AffinityError('INTERNAL', `Redis store: profile delta event count must be a non-negative integer, got ${String(p.events)}.`);
      }
      for (const [f, v] of Object.entries(p.features)) finite(`feature ${f}`, v);
      finite('firstTs', p.firstTs);
      finite('lastTs', p.lastTs);
      for (const r of p.recent) finite('recent ts', r.ts);
    }
    for (const d of batch.stats) finite(d.kind === 'cooc' ? 'co-occurrence weight' : 'counter weight', d.weight);
  }

  /**
   * The writes of a batch, in order (profiles read now to work out their new documents); with
   * `registry`, the shops registry's too (a Cluster writes it apart, see the module comment).
   */
  async #steps(batch: ProjectionBatch, registry = true): Promise<Step[]> {
    const steps: Step[] = [];
    let shopOf = '';
    const command = (key: string, name: string, ...args: Arg[]): void => {
      steps.push({ kind: 'command', key, name, args, shop: shopOf });
    };
    const shops = new Set<string>();
    /** Per shop, (last ts, user id) pairs for one ZADD of the shop's last-seen index. */
    const lastSeen = new Map<string, Arg[]>();
    const stored = await this.#reads.readDocs(batch.profiles);
    batch.profiles.forEach((p, i) => {
      shops.add(p.shop);
      const { read, doc, legacy } = stored[i] as StoredDoc;
      const k = userKeys(p.shop, p.userId);
      // Every key of the user gets the TTL (see allUserKeys); identity links live as long as the
      // profile they belong to is active.
      steps.push({
        kind: 'profile',
        keys: [k.doc, k.feat, k.meta, k.recent, k.bought, k.events, k.eventBodies, k.links],
        args: [this.#ttl, RECENT_CAP, read ?? '', applyDelta(doc, p).doc, JSON.stringify(p), legacy ? '1' : '0'],
        delta: p,
      });
      let seen = lastSeen.get(p.shop);
      if (!seen) lastSeen.set(p.shop, (seen = []));
      seen.push(p.lastTs, p.userId);
    });
    // In chunks: the standalone script passes a command's arguments through Lua's unpack (8000 at most).
    for (const [shop, members] of lastSeen) {
      shopOf = shop;
      for (let i = 0; i < members.length; i += MAX_ARGS) command(lastSeenKey(shop), 'zadd', 'GT', ...members.slice(i, i + MAX_ARGS));
    }
    // Key → shop (every statistics key is in its shop's slot).
    const coocKeys = new Map<string, string>();
    const counterKeys = new Map<string, string>();
    for (const d of batch.stats) {
      shops.add(d.shop);
      shopOf = d.shop;
      if (d.kind === 'cooc') {
        const key = coocKey(d.shop, d.from);
        coocKeys.set(key, d.shop);
        command(key, 'zincrby', d.weight, d.to);
      } else {
        const key = counterKey(d.shop, d.kind, d.epoch);
        counterKeys.set(key, d.shop);
        command(key, 'zincrby', d.weight, d.productId);
      }
    }
    // Keep the strongest NEIGHBOUR_CAP neighbours: a no-op (O(log n)) unless the list grew past it.
    for (const [key, shop] of coocKeys) {
      shopOf = shop;
      command(key, 'zremrangebyrank', 0, -(NEIGHBOUR_CAP + 1));
    }
    for (const [key, shop] of counterKeys) {
      shopOf = shop;
      command(key, 'pexpire', COUNTER_TTL_MS);
    }
    if (registry) {
      const shopList = [...shops];
      for (let i = 0; i < shopList.length; i += MAX_ARGS) command(SHOPS_KEY, 'sadd', ...shopList.slice(i, i + MAX_ARGS));
    }
    return steps;
  }
}
