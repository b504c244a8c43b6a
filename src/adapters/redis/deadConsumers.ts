/**
 * Which projector consumers of the event log are dead, and the script that takes their pending
 * entries over.
 *
 * Entries read by a projector stay pending at its consumer until the batch is applied. If the process
 * dies in between, nobody else reads them until they are claimed. Two rules tell a dead consumer from
 * a live one that is busy with its batch:
 *
 * 1. The default consumer name is `<hostname>-<pid>`. A consumer of this host whose process no longer
 *    exists (`kill(pid, 0)` fails with ESRCH) is dead now: its entries are taken over at once, so a
 *    process restarted after a crash (a new pid) projects its predecessor's batch at start instead of
 *    after an idle timeout. A restarted container keeps its hostname and pid (1), so it has the same
 *    name and gets its own pending entries back first anyway. This relies on hostnames telling pid
 *    namespaces apart (true for hosts and for containers with their own UTS namespace; containers
 *    sharing the host's name, `--uts=host`, must be given distinct consumer names).
 * 2. Any other consumer (another host, a pod replaced under a new name, a custom name) is dead once it
 *    has not touched the group for `claimIdleMs` (XINFO CONSUMERS `idle`). A live projector touches it
 *    at least every 250 ms while idle (its poll) and at every batch (it re-reads its own pending
 *    entries with `XREADGROUP … 0`, which also resets their idle time), and each store call of a batch
 *    gives up after `opTimeoutMs` (5 s): a live consumer is never idle for anything close to the 30 s
 *    default. The periodic `XAUTOCLAIM` (entries idle for `claimIdleMs`) stays as a second net.
 *
 * Dead consumers with nothing pending are removed from the group, so restarts on a host do not
 * accumulate names.
 */
import { hostname } from 'node:os';
import { pairs } from './replies.ts';

/** Default: a consumer that has not touched the group for this long is dead, ms. */
export const DEFAULT_CLAIM_IDLE_MS = 30_000;

/** A consumer of the group as XINFO CONSUMERS reports it. */
export interface ConsumerInfo {
  readonly name: string;
  readonly pending: number;
  /** Milliseconds since the consumer last touched the group. */
  readonly idle: number;
}

/** Parses an XINFO CONSUMERS reply (a list of flat `[field, value, …]` arrays). */
export function parseConsumers(reply: unknown): ConsumerInfo[] {
  if (!Array.isArray(reply)) return [];
  return reply.map((c) => {
    const f = new Map(Array.isArray(c) ? pairs(c) : []);
    return { name: String(f.get('name') ?? ''), pending: Number(f.get('pending') ?? 0), idle: Number(f.get('idle') ?? 0) };
  });
}

/** Whether `name` is a default consumer name (`<host>-<pid>`) of a process of this host that no longer runs. */
export function isGoneLocalProcess(name: string, host: string = hostname()): boolean {
  const m = /^(.+)-(\d+)$/.exec(name);
  if (!m || m[1] !== host) return false;
  const pid = Number(m[2]);
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    // EPERM: the process exists (another user's).
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** The consumers (other than `self`) that are dead by the rules above. */
export function deadConsumers(consumers: readonly ConsumerInfo[], self: string, claimIdleMs: number, host: string = hostname()): string[] {
  return consumers.filter((c) => c.name !== self && (c.idle >= claimIdleMs || isGoneLocalProcess(c.name, host))).map((c) => c.name);
}

/**
 * Lua: moves every pending entry of the named dead consumers to `me` (at most `max` in one call) and
 * deletes each of them once nothing is pending there any more. KEYS: stream; ARGV: group, me, max,
 * dead consumer names…  →  entries claimed. Atomic, so two processes starting together cannot both
 * take the same entries.
 */
export const RECLAIM_LUA = `
local stream, group, me, max = KEYS[1], ARGV[1], ARGV[2], tonumber(ARGV[3])
local claimed = 0
for i = 4, #ARGV do
  local dead = ARGV[i]
  while claimed < max do
    local p = redis.call('XPENDING', stream, group, '-', '+', math.min(500, max - claimed), dead)
    if #p == 0 then break end
    local args = {stream, group, me, 0}
    for _, e in ipairs(p) do args[#args + 1] = e[1] end
    args[#args + 1] = 'JUSTID'
    redis.call('XCLAIM', unpack(args))
    claimed = claimed + #p
  end
  if #redis.call('XPENDING', stream, group, '-', '+', 1, dead) == 0 then
    redis.call('XGROUP', 'DELCONSUMER', stream, group, dead)
  end
end
return claimed
`;
