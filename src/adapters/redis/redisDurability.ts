/**
 * What a Redis server promises about acknowledged writes, read from its persistence settings.
 *
 * Affinity acknowledges an event once Redis has it in memory (docs/decisions/0001). Whether it
 * survives a crash of Redis depends on the server's persistence (docs/reliability.md, "Redis
 * durability"):
 * - `appendonly yes` (AOF): every write is in the append-only file before the reply, so a crash of the
 *   Redis process loses nothing; a crash of the machine loses up to a second with `appendfsync
 *   everysec`, nothing with `always`, up to the OS flush interval (~30 s) with `no`. → `durable`.
 * - RDB snapshots only (`save …`): everything since the last snapshot is lost (minutes). → `volatile`.
 * - neither: everything is lost. → `volatile`.
 *
 * The settings come from `CONFIG GET`; managed services often disable or rename CONFIG, and then
 * `INFO persistence` still tells whether AOF is on (not the fsync policy or the snapshot schedule).
 */
import type { Cluster, Redis } from 'ioredis';
import { errMessage, pairs } from './replies.ts';

/** What the server promises about acknowledged writes. */
export type DurabilityLevel = 'durable' | 'volatile' | 'unknown';

/** The persistence settings of the server (of the weakest master, on a Cluster). */
export interface RedisDurability {
  readonly level: DurabilityLevel;
  /** Append-only file on; undefined when it could not be read. */
  readonly aof?: boolean;
  /** `always`, `everysec` or `no` (only from CONFIG). */
  readonly appendfsync?: string;
  /** The RDB snapshot schedule (`save`, e.g. "3600 1 300 100"); '' when snapshots are off (only from CONFIG). */
  readonly rdb?: string;
  /** Where the settings were read: `config` (CONFIG GET), `info` (INFO persistence), `none`. */
  readonly source: 'config' | 'info' | 'none';
  /** The node described (`host:port`), on a Cluster. */
  readonly node?: string;
  /** Why this is not durable, or what could not be checked (absent when durable and fully known). */
  readonly warning?: string;
}

type Client = Pick<Redis, 'call'>;

/** A `CONFIG GET` reply as a map. */
function asPairs(reply: unknown): Map<string, string> {
  return new Map(pairs(reply));
}

/** The settings of one server (one node of a Cluster). Never throws. */
export async function readNodeDurability(client: Client): Promise<RedisDurability> {
  let configError: string;
  try {
    // One parameter per call: CONFIG GET with several parameters needs Redis 7.
    const [aof, fsync, save] = await Promise.all(['appendonly', 'appendfsync', 'save'].map((p) => client.call('config', 'get', p)));
    const aofOn = asPairs(aof).get('appendonly');
    if (aofOn === undefined) throw new Error('CONFIG GET appendonly returned nothing');
    return describe({ aof: aofOn === 'yes', appendfsync: asPairs(fsync).get('appendfsync') ?? '', rdb: asPairs(save).get('save') ?? '', source: 'config' });
  } catch (e) {
    configError = errMessage(e);
  }
  try {
    const info = String(await client.call('info', 'persistence'));
    const m = /^aof_enabled:(\d)/m.exec(info);
    if (!m) throw new Error('INFO persistence has no aof_enabled');
    return describe({ aof: m[1] === '1', source: 'info', note: `CONFIG GET failed (${configError}); fsync policy and snapshot schedule unknown` });
  } catch (e) {
    return {
      level: 'unknown',
      source: 'none',
      warning: `Could not read the Redis persistence settings (CONFIG GET: ${configError}; INFO persistence: ${errMessage(e)}); acknowledged events may not survive a Redis crash.`,
    };
  }
}

function describe(s: { aof: boolean; appendfsync?: string; rdb?: string; source: 'config' | 'info'; note?: string }): RedisDurability {
  const details = { aof: s.aof, ...(s.appendfsync !== undefined ? { appendfsync: s.appendfsync } : {}), ...(s.rdb !== undefined ? { rdb: s.rdb } : {}), source: s.source };
  if (!s.aof) {
    const rdb = s.rdb === undefined ? 'RDB snapshots unknown' : s.rdb === '' ? 'no RDB snapshots either' : `RDB snapshots only (save "${s.rdb}")`;
    return {
      level: 'volatile',
      ...details,
      warning:
        `Redis runs without the append-only file (appendonly no; ${rdb}): acknowledged events are lost when Redis crashes or restarts` +
        `${s.rdb ? ' (everything since the last snapshot)' : ''}. Set appendonly yes (appendfsync everysec or always), see docs/reliability.md.`,
    };
  }
  const warning =
    s.appendfsync === 'no'
      ? 'Redis runs with appendfsync no: a crash of the machine (not only of Redis) loses the writes the OS had not flushed yet (up to ~30 s); use everysec or always.'
      : s.note;
  return { level: 'durable', ...details, ...(warning ? { warning } : {}) };
}

const RANK: Record<DurabilityLevel, number> = { volatile: 0, unknown: 1, durable: 2 };

/** The settings of a standalone server, or of the weakest master of a Cluster. Never throws. */
export async function readDurability(client: Redis | Cluster): Promise<RedisDurability> {
  if ((client as { isCluster?: boolean }).isCluster !== true) return readNodeDurability(client);
  const masters = (client as Cluster).nodes('master');
  if (masters.length === 0) return { level: 'unknown', source: 'none', warning: 'No Redis Cluster master is known yet; persistence not checked.' };
  const all = await Promise.all(masters.map(async (n) => ({ ...(await readNodeDurability(n)), node: `${n.options.host}:${n.options.port}` })));
  return all.reduce((weakest, d) => (RANK[d.level] < RANK[weakest.level] ? d : weakest));
}
