/**
 * The Lua scripts of the Redis store, registered on the client once (`defineScripts`). Each touches
 * keys of one slot only (so it runs on a Cluster), but for the two that exist for a standalone server
 * (`affAppendWithHistory`, `affProject`), whose keys span slots.
 */
import type { Cluster, Redis } from 'ioredis';
import { RECLAIM_LUA } from './deadConsumers.ts';

/**
 * Lua: appends event bodies to the log, once per event id (a seen marker per id holds its stream
 * id). Returns `{{isNew, streamId}…}`, or nil and an error message when the log's backlog is full.
 */
const APPEND_FN = `
local function appendEvents(stream, seen, group, dedupeTtl, maxlen, bodies)
  if redis.call('EXISTS', stream) == 0 then
    redis.call('XGROUP', 'CREATE', stream, group, '0', 'MKSTREAM')
  end
  local n = #bodies
  if maxlen > 0 then
    local len = redis.call('XLEN', stream)
    if len + n > maxlen then
      return nil, 'AFF_BACKLOG_FULL the event log holds ' .. len .. ' unprojected events (limit ' .. maxlen .. ')'
    end
  end
  local out = {}
  for i = 1, n do
    local prev = redis.call('GET', seen[i])
    if prev then
      out[i] = {0, prev}
    else
      local id = redis.call('XADD', stream, '*', 'e', bodies[i])
      redis.call('SET', seen[i], id, 'PX', dedupeTtl)
      out[i] = {1, id}
    end
  end
  return out
end
`;

/**
 * Lua: adds (member, ts, body, event id) quadruples (a flat list) to one user's history (sorted set
 * by time, bodies hash, event-id set), keeps the newest `cap`, refreshes the TTLs. Idempotent.
 */
const HISTORY_FN = `
local function historyAdd(z, h, ids, cap, ttl, idsTtl, entries)
  for i = 1, #entries, 4 do
    redis.call('ZADD', z, 'NX', entries[i + 1], entries[i])
    redis.call('HSETNX', h, entries[i], entries[i + 2])
    redis.call('SADD', ids, entries[i + 3])
  end
  redis.call('PEXPIRE', ids, idsTtl)
  local extra = redis.call('ZCARD', z) - tonumber(cap)
  if extra > 0 then
    local old = redis.call('ZRANGE', z, 0, extra - 1)
    redis.call('ZREMRANGEBYRANK', z, 0, extra - 1)
    for j = 1, #old, 500 do
      redis.call('HDEL', h, unpack(old, j, math.min(j + 499, #old)))
    end
  end
  redis.call('PEXPIRE', z, ttl)
  redis.call('PEXPIRE', h, ttl)
end
`;

/** KEYS: stream, seen markers…; ARGV: group, dedupe ttl ms, max backlog (0 = none), bodies…  →  {{isNew, streamId}…} */
const APPEND_LUA = `${APPEND_FN}
local seen, bodies = {}, {}
for i = 2, #KEYS do seen[i - 1] = KEYS[i]; bodies[i - 1] = ARGV[i + 2] end
local out, err = appendEvents(KEYS[1], seen, ARGV[1], ARGV[2], tonumber(ARGV[3]), bodies)
if err then return redis.error_reply(err) end
return out
`;

/**
 * KEYS: history zset, bodies hash, event-id set; ARGV: cap, ttl ms, event-id ttl ms, then
 * (member, ts, body, event id) quadruples. Idempotent.
 */
const HISTORY_ADD_LUA = `${HISTORY_FN}
local entries = {}
for i = 4, #ARGV do entries[#entries + 1] = ARGV[i] end
historyAdd(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2], ARGV[3], entries)
return 1
`;

/**
 * The append and the users' histories in one call, for a standalone server (its keys span slots, so
 * a Cluster runs the two scripts above instead). KEYS: stream, seen markers (n), then per user its
 * history zset, bodies hash and event-id set. ARGV: group, dedupe ttl ms, max backlog, history cap,
 * ttl ms, event-id ttl ms, n, bodies (n), then per event (user number from 1, ts, event id). Returns
 * what APPEND_LUA returns.
 */
const APPEND_WITH_HISTORY_LUA = `${APPEND_FN}${HISTORY_FN}
local n = tonumber(ARGV[7])
local seen, bodies = {}, {}
for i = 1, n do seen[i] = KEYS[i + 1]; bodies[i] = ARGV[7 + i] end
local out, err = appendEvents(KEYS[1], seen, ARGV[1], ARGV[2], tonumber(ARGV[3]), bodies)
if err then return redis.error_reply(err) end
local per = {}
for i = 1, n do
  local at = 7 + n + (i - 1) * 3
  local u = tonumber(ARGV[at + 1])
  local e = per[u]
  if not e then e = {}; per[u] = e end
  local ms, sq = string.match(out[i][2], '^(%d+)-(%d+)$')
  e[#e + 1] = string.rep('0', 16 - #ms) .. ms .. '-' .. string.rep('0', 20 - #sq) .. sq
  e[#e + 1] = ARGV[at + 2]
  e[#e + 1] = bodies[i]
  e[#e + 1] = ARGV[at + 3]
end
for u, e in pairs(per) do
  local k = 1 + n + (u - 1) * 3
  historyAdd(KEYS[k + 1], KEYS[k + 2], KEYS[k + 3], ARGV[4], ARGV[5], ARGV[6], e)
end
return out
`;

/** KEYS: history zset, bodies hash; ARGV: limit  →  bodies, newest first (false for a missing body). */
const HISTORY_GET_LUA = `
local ids = redis.call('ZREVRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)
local out = {}
for j = 1, #ids, 500 do
  local part = redis.call('HMGET', KEYS[2], unpack(ids, j, math.min(j + 499, #ids)))
  for _, b in ipairs(part) do out[#out + 1] = b end
end
return out
`;

/**
 * Lua function: acknowledges `ids` in the group and trims the stream below min(oldest pending entry,
 * newest id acknowledged now + 1): everything older has been delivered (delivery is in log order) and
 * is no longer pending, i.e. it is projected. Returns how many were acknowledged.
 */
const ACK_FN = `
local function ackAndTrim(stream, group, ids)
  if redis.call('EXISTS', stream) == 0 then return 0 end
  local acked, bm, bs = 0, nil, nil
  for _, id in ipairs(ids) do
    if redis.call('XACK', stream, group, id) == 1 then
      acked = acked + 1
      local ms, sq = string.match(id, '^(%d+)-(%d+)$')
      ms, sq = tonumber(ms), tonumber(sq)
      if bm == nil or ms > bm or (ms == bm and sq > bs) then bm, bs = ms, sq end
    end
  end
  if bm == nil then return acked end
  local minid = string.format('%.0f-%.0f', bm, bs + 1)
  local p = redis.pcall('XPENDING', stream, group)
  if type(p) == 'table' and not p.err and tonumber(p[1]) > 0 and p[2] then
    local pm, ps = string.match(p[2], '^(%d+)-(%d+)$')
    pm, ps = tonumber(pm), tonumber(ps)
    if pm < bm or (pm == bm and ps <= bs) then minid = p[2] end
  end
  redis.call('XTRIM', stream, 'MINID', minid)
  return acked
end
`;

/**
 * Lua function: the ids among `ids` that are still pending in the group (delivered, not acknowledged),
 * in their order. An entry acknowledged by another projector, or unknown, is not.
 */
const PENDING_FN = `
local function stillPending(stream, group, ids)
  local out = {}
  for _, id in ipairs(ids) do
    local p = redis.pcall('XPENDING', stream, group, id, id, 1)
    if type(p) == 'table' and not p.err and #p > 0 then out[#out + 1] = id end
  end
  return out
end
`;

/**
 * KEYS: stream, then lease keys to release; ARGV: group, ids…  →  number acknowledged (then trims,
 * see ACK_FN, and deletes the leases).
 */
const ACK_LUA = `${ACK_FN}
local ids = {}
for i = 2, #ARGV do ids[#ids + 1] = ARGV[i] end
local acked = ackAndTrim(KEYS[1], ARGV[1], ids)
for i = 2, #KEYS do redis.call('DEL', KEYS[i]) end
return acked
`;

/**
 * Cluster: leases the entries a projector is about to apply. KEYS: stream, then one lease key per id
 * (`keys.ts` leaseKey). ARGV: group, owner (the consumer), lease ms, ids…  →  `{id, shop, userId}` of
 * each id that is still pending and not leased by another owner, each now leased by `owner` for
 * `lease ms` (shop and user read from the entry's event, '' when it has none: the guards of the
 * projection are per user and per shop); an entry acknowledged already, or leased by another
 * projector, is left out.
 */
const LEASE_LUA = `${PENDING_FN}
local stream, group, owner, ms = KEYS[1], ARGV[1], ARGV[2], ARGV[3]
local ids, leases = {}, {}
for i = 4, #ARGV do ids[#ids + 1] = ARGV[i]; leases[ARGV[i]] = KEYS[i - 2] end
local out = {}
for _, id in ipairs(stillPending(stream, group, ids)) do
  local holder = redis.call('GET', leases[id])
  if not holder or holder == owner then
    redis.call('SET', leases[id], owner, 'PX', ms)
    local shop, user = '', ''
    local entry = redis.call('XRANGE', stream, id, id)[1]
    if entry then
      local f = entry[2]
      for j = 1, #f, 2 do
        if f[j] == 'e' then
          local ok, e = pcall(cjson.decode, f[j + 1])
          if ok and type(e) == 'table' and type(e.shop) == 'string' and type(e.userId) == 'string' then shop, user = e.shop, e.userId end
        end
      end
    end
    out[#out + 1] = {id, shop, user}
  end
end
return out
`;

/**
 * Lua function: one user's share of a projection batch: writes the profile document the projector
 * worked out, unless the document changed since the projector read it (another projector got there
 * first), in which case the delta is added here to the document as it now is. `K`: document, the four
 * structures of an earlier version (removed once their content is in the document), then the other
 * keys whose TTL activity refreshes. `A`: ttl ms, recent cap, the document as read ('' = none), the
 * new document, the delta as JSON (a `ProfileDelta`), '1' when the document as read came from the
 * earlier version's structures. The fallback's JSON numbers keep 14 significant digits (Lua cjson's
 * limit); the projector's own documents keep every digit.
 */
const PROFILE_SET_FN = `
local function profileSet(K, A)
  local ttl, cap = A[1], tonumber(A[2])
  local out = A[4]
  local cur = redis.call('GET', K[1]) or ''
  if cur ~= A[3] then
    local d = cjson.decode(A[5])
    local p
    if cur == '' then p = {{}, {}, {}, 0, d.firstTs, d.lastTs, cjson.null} else p = cjson.decode(cur) end
    for k, v in pairs(d.features) do p[1][k] = (p[1][k] or 0) + v end
    local list, at = {}, {}
    for _, t in ipairs(p[2]) do list[#list + 1] = t; at[t[1] .. '\0' .. t[2]] = #list end
    for _, r in ipairs(d.recent) do
      local key = r.productId .. '\0' .. r.type
      local j = at[key]
      if j then
        if r.ts > list[j][3] then list[j][3] = r.ts end
      else
        list[#list + 1] = {r.productId, r.type, r.ts}; at[key] = #list
      end
    end
    table.sort(list, function(a, b)
      if a[3] ~= b[3] then return a[3] > b[3] end
      if a[1] ~= b[1] then return a[1] < b[1] end
      return a[2] < b[2]
    end)
    local recent = {}
    for j = 1, math.min(cap, #list) do recent[j] = list[j] end
    p[2] = recent
    local have = {}
    for _, id in ipairs(p[3]) do have[id] = true end
    for _, id in ipairs(d.purchased) do
      if not have[id] then have[id] = true; p[3][#p[3] + 1] = id end
    end
    p[4] = p[4] + d.events
    if d.firstTs < p[5] then p[5] = d.firstTs end
    if d.lastTs > p[6] then p[6] = d.lastTs end
    if d.customerId ~= nil then p[7] = d.customerId end
    out = cjson.encode(p)
  end
  redis.call('SET', K[1], out, 'PX', ttl)
  if A[6] == '1' then redis.call('DEL', K[2], K[3], K[4], K[5]) end
  for k = 6, #K do redis.call('PEXPIRE', K[k], ttl) end
end
`;

/** Keys of one user's share of a projection ({@link PROFILE_SET_FN}'s `K`). */
export const PROFILE_SET_KEYS = 8;
/** Arguments of one user's share of a projection ({@link PROFILE_SET_FN}'s `A`). */
export const PROFILE_SET_ARGS = 6;

/** KEYS and ARGV: {@link PROFILE_SET_FN}'s `K` and `A`. Returns 1. */
const PROFILE_SET_LUA = `${PROFILE_SET_FN}
profileSet(KEYS, ARGV)
return 1
`;

/**
 * Lua function: runs the steps of a projection encoded in KEYS from `k` and ARGV from `a`: `P` and
 * {@link PROFILE_SET_ARGS} arguments (one user's profile; takes {@link PROFILE_SET_KEYS} keys), or `C`,
 * a command name, its argument count m and m arguments (a command whose first argument is its one
 * key; takes one key).
 */
const STEPS_FN = `${PROFILE_SET_FN}
local function runSteps(k, a)
  while a <= #ARGV do
    if ARGV[a] == 'P' then
      local K, A = {}, {}
      for j = 1, ${PROFILE_SET_KEYS} do K[j] = KEYS[k + j - 1] end
      for j = 1, ${PROFILE_SET_ARGS} do A[j] = ARGV[a + j] end
      profileSet(K, A)
      k, a = k + ${PROFILE_SET_KEYS}, a + 1 + ${PROFILE_SET_ARGS}
    else
      local m = tonumber(ARGV[a + 2])
      redis.call(ARGV[a + 1], KEYS[k], unpack(ARGV, a + 3, a + 2 + m))
      k, a = k + 1, a + 3 + m
    end
  end
end
`;

/**
 * Cluster: one slot's share of a projection batch (a user's profile, or a shop's statistics), written
 * at most once per log entry. The slot's marker (a sorted set: log entry id → when it was applied,
 * ms) records the entries whose deltas this slot holds, in the same atomic step as the writes, so a
 * batch applied again after a failure elsewhere (another slot, the acknowledgement) changes nothing
 * here. Markers older than `keep ms` are dropped.
 *
 * KEYS: marker, then the keys of the steps. ARGV: marker ttl ms, keep ms, n, the n entry ids of this
 * slot's share, then the steps (see STEPS_FN). Returns `{1}` when written (the ids are now marked),
 * `{0}` when every id was marked already (nothing written), `{-1, {marked ids…}}` when only some
 * were (nothing written: this share mixes applied and unapplied entries; the writer folds them apart).
 */
const GUARDED_LUA = `${STEPS_FN}
local marker, n = KEYS[1], tonumber(ARGV[3])
local marked = {}
for i = 1, n do
  if redis.call('ZSCORE', marker, ARGV[3 + i]) then marked[#marked + 1] = ARGV[3 + i] end
end
if n > 0 and #marked == n then return {0} end
if #marked > 0 then return {-1, marked} end
runSteps(2, 4 + n)
if n > 0 then
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  for i = 1, n do redis.call('ZADD', marker, now, ARGV[3 + i]) end
  redis.call('ZREMRANGEBYSCORE', marker, '-inf', '(' .. (now - tonumber(ARGV[2])))
  redis.call('PEXPIRE', marker, ARGV[1])
end
return {1}
`;

/**
 * A whole projection batch on a standalone server, applied only if every one of its entries is still
 * pending: then the deltas are written and the entries acknowledged (and the stream trimmed) in this
 * one atomic step; otherwise nothing is written, and the reply names the entries still pending, so a
 * batch that another projector (partly) projected first is never counted twice.
 *
 * KEYS: stream, then the keys of the steps in order. ARGV: group, n, the n entry ids, then the steps:
 * `P` and {@link PROFILE_SET_ARGS} arguments (one user's profile; takes {@link PROFILE_SET_KEYS} keys),
 * or `C`, a command name, its argument count m and m arguments (a command whose first argument is its
 * one key; takes one key). Returns `{1}` when applied, `{0, {ids still pending…}}` when not.
 */
const PROJECT_LUA = `${ACK_FN}${PENDING_FN}${STEPS_FN}
local stream, group, n = KEYS[1], ARGV[1], tonumber(ARGV[2])
local ids = {}
for i = 1, n do ids[i] = ARGV[2 + i] end
if n > 0 then
  local waiting = stillPending(stream, group, ids)
  if #waiting < n then return {0, waiting} end
end
runSteps(2, 3 + n)
if n > 0 then ackAndTrim(stream, group, ids) end
return {1}
`;

/**
 * Erasure: removes entries from the log and acknowledges them in the group in one step. KEYS: stream;
 * ARGV: group, ids…  →  number deleted. An entry only `XDEL`eted stays in the group's pending list, so
 * another node's projector holding it in a batch would still find it pending and write it; once it is
 * acknowledged too, that batch comes back `stale` and is folded again without it.
 */
const ERASE_LUA = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local ids = {}
for i = 2, #ARGV do ids[#ids + 1] = ARGV[i] end
if #ids == 0 then return 0 end
redis.pcall('XACK', KEYS[1], ARGV[1], unpack(ids))
return redis.call('XDEL', KEYS[1], unpack(ids))
`;

/** Every script, by the command name it is registered under. */
export const SCRIPTS = {
  affProfileSet: PROFILE_SET_LUA,
  affAppend: APPEND_LUA,
  affHistoryAdd: HISTORY_ADD_LUA,
  affAppendWithHistory: APPEND_WITH_HISTORY_LUA,
  affHistoryGet: HISTORY_GET_LUA,
  affAck: ACK_LUA,
  affLease: LEASE_LUA,
  affProject: PROJECT_LUA,
  affGuarded: GUARDED_LUA,
  affReclaim: RECLAIM_LUA,
  affErase: ERASE_LUA,
} as const;
/** The name of a registered script. */
export type ScriptName = keyof typeof SCRIPTS;

/** Registers every script on the client (ioredis sends EVALSHA, and the body once when unknown). */
export function defineScripts(client: Redis | Cluster): void {
  for (const [name, lua] of Object.entries(SCRIPTS)) client.defineCommand(name, { lua });
}
