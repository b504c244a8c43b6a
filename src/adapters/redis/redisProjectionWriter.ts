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
 *   nothing is written and the leased ones are reported (folded again without the others). Then each
 *   slot's deltas are one `MULTI` (a user's profile is always updated as a whole), then the entries
 *   are acknowledged and the leases released once all of them succeeded. Two projectors holding the
 *   same entries therefore write them once. What remains at-least-once is a failure (a crash, an
 *   outage) between the first slot's write and the acknowledgement: the entries stay pending, the
 *   lease expires, and another projector (or this one) projects them again, so the slots already
 *   written count that batch twice. A projector whose lease expired while it was still writing (a
 *   pause longer than `leaseMs`) can also meet another one that took the entries over meanwhile.
 *
 * Each profile document is worked out here from the one stored now; the profile step writes it, or
 * adds the delta itself if another projector changed the document in between (no delta is lost).
 */
import { EPOCH_SPAN_MS } from '../../core/decay.ts';
import { AffinityError } from '../../core/errors.ts';
import type { ProjectionBatch, ProjectionOutcome } from '../../core/ports.ts';
import { RECENT_CAP } from '../../core/profile/profileDelta.ts';
import { applyDelta } from '../../core/profile/profileDoc.ts';
import { NEIGHBOUR_CAP } from '../../core/recommend/statsDelta.ts';
import { LOG_KEY, PROJECTOR_GROUP, SHOPS_KEY, coocKey, counterKey, isStreamId, lastSeenKey, leaseKey, userKeys } from './keys.ts';
import type { RedisConnection } from './redisConnection.ts';
import { cmd, finite, positiveInt, script, type Arg } from './redisOps.ts';
import type { RedisProfileReads, StoredDoc } from './redisProfileReads.ts';

/** Counter epochs are read as "current and previous"; keep each for three epoch spans after its last write. */
const COUNTER_TTL_MS = 3 * EPOCH_SPAN_MS;

/** Arguments of one variadic command of a batch, at most (an even number: `ZADD` takes pairs). */
const MAX_ARGS = 1_000;

/** One write of a batch: a user's profile (the `affProfileSet` step) or a plain one-key command. */
type Step =
  | { readonly kind: 'profile'; readonly keys: readonly string[]; readonly args: readonly Arg[] }
  | { readonly kind: 'command'; readonly key: string; readonly name: string; readonly args: readonly Arg[] };

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
      const leases = batch.seqs.map(leaseKey);
      if (batch.seqs.length > 0) {
        const [leased] = await this.#c.exec([script('affLease', [LOG_KEY, ...leases], [PROJECTOR_GROUP, this.#owner, this.#leaseMs, ...batch.seqs])]);
        const mine = ((leased as unknown[] | null) ?? []).map(String);
        if (mine.length < batch.seqs.length) return { status: 'stale', unprojected: mine };
      }
      const ops = (await this.#steps(batch)).map((s) => (s.kind === 'profile' ? script('affProfileSet', s.keys, s.args) : cmd(s.key, s.name, s.key, ...s.args)));
      // One transaction per slot, acknowledgement only after every slot was written.
      if (ops.length > 0) await this.#c.exec(ops, true);
      if (batch.seqs.length > 0) await this.#c.exec([script('affAck', [LOG_KEY, ...leases], [PROJECTOR_GROUP, ...batch.seqs])]);
      return { status: 'applied' };
    });
  }

  /** Standalone: the pending check, the deltas and the acknowledgement in one script. */
  async #applyStandalone(batch: ProjectionBatch): Promise<ProjectionOutcome> {
    const steps = await this.#steps(batch);
    if (steps.length === 0 && batch.seqs.length === 0) return { status: 'applied' };
    const keys: string[] = [LOG_KEY];
    const args: Arg[] = [PROJECTOR_GROUP, batch.seqs.length, ...batch.seqs];
    for (const s of steps) {
      if (s.kind === 'profile') {
        keys.push(...s.keys);
        args.push('P', ...s.args);
      } else {
        keys.push(s.key);
        args.push('C', s.name, s.args.length, ...s.args);
      }
    }
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

  /** The writes of a batch, in order (profiles read now to work out their new documents). */
  async #steps(batch: ProjectionBatch): Promise<Step[]> {
    const steps: Step[] = [];
    const command = (key: string, name: string, ...args: Arg[]): void => {
      steps.push({ kind: 'command', key, name, args });
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
      });
      let seen = lastSeen.get(p.shop);
      if (!seen) lastSeen.set(p.shop, (seen = []));
      seen.push(p.lastTs, p.userId);
    });
    // In chunks: the standalone script passes a command's arguments through Lua's unpack (8000 at most).
    for (const [shop, members] of lastSeen) {
      for (let i = 0; i < members.length; i += MAX_ARGS) command(lastSeenKey(shop), 'zadd', 'GT', ...members.slice(i, i + MAX_ARGS));
    }
    const coocKeys = new Set<string>();
    const counterKeys = new Set<string>();
    for (const d of batch.stats) {
      shops.add(d.shop);
      if (d.kind === 'cooc') {
        const key = coocKey(d.shop, d.from);
        coocKeys.add(key);
        command(key, 'zincrby', d.weight, d.to);
      } else {
        const key = counterKey(d.shop, d.kind, d.epoch);
        counterKeys.add(key);
        command(key, 'zincrby', d.weight, d.productId);
      }
    }
    // Keep the strongest NEIGHBOUR_CAP neighbours: a no-op (O(log n)) unless the list grew past it.
    for (const key of coocKeys) command(key, 'zremrangebyrank', 0, -(NEIGHBOUR_CAP + 1));
    for (const key of counterKeys) command(key, 'pexpire', COUNTER_TTL_MS);
    const shopList = [...shops];
    for (let i = 0; i < shopList.length; i += MAX_ARGS) command(SHOPS_KEY, 'sadd', ...shopList.slice(i, i + MAX_ARGS));
    return steps;
  }
}
