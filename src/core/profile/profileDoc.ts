/**
 * How the stores keep a profile: one JSON array per user (SQLite's `profiles.doc`, Redis's `…:p:doc`).
 * Positional rather than an object, and recent items as `[productId, type, ts]`, because a profile
 * is read on every recommendation and written on every projected batch: its size is what both cost.
 * The projection adds a delta to the parsed document in place (no conversion to and from
 * {@link RawProfile}), in the projecting process rather than inside the database.
 */
import { RECENT_CAP, type ProfileDelta, type RawProfile, type RecentItem } from './profileDelta.ts';

type RecentTuple = [productId: string, type: RecentItem['type'], ts: number];

/** `[features, recent (newest first), purchased, eventCount, firstSeen, lastSeen, customerId]`. */
export type ProfileDoc = [Record<string, number>, RecentTuple[], string[], number, number, number, string | null];

/** How many elements a {@link ProfileDoc} has (an earlier Redis document had four). */
export const PROFILE_DOC_LENGTH = 7;

/** The document of a profile (its shop and user id are the key it is stored under, not part of it). */
export function toProfileDoc(p: RawProfile): ProfileDoc {
  return [
    { ...p.features },
    p.recent.map((r) => [r.productId, r.type, r.ts]),
    [...p.purchased],
    p.eventCount,
    p.firstSeen,
    p.lastSeen,
    p.customerId ?? null,
  ];
}

/** The profile a document holds. */
export function decodeProfile(shop: string, userId: string, json: string): RawProfile {
  return profileOfDoc(shop, userId, JSON.parse(json) as ProfileDoc);
}

/**
 * The profile of a parsed document. Lists may come as `{}` (Redis's Lua JSON encoder writes an empty
 * table as an object), and are read as empty.
 */
export function profileOfDoc(shop: string, userId: string, doc: ProfileDoc): RawProfile {
  const [features, recent, purchased, eventCount, firstSeen, lastSeen, customerId] = doc;
  return {
    shop,
    userId,
    features,
    recent: Array.isArray(recent) ? recent.map(([productId, type, ts]) => ({ productId, type, ts })) : [],
    purchased: Array.isArray(purchased) ? purchased : [],
    eventCount,
    firstSeen,
    lastSeen,
    ...(customerId !== null ? { customerId } : {}),
  };
}

/** The recent items (newest first) from a document's second element, `json_extract(doc, '$[1]')`. */
export function decodeRecent(json: string): RecentItem[] {
  return (JSON.parse(json) as RecentTuple[]).map(([productId, type, ts]) => ({ productId, type, ts }));
}
/**
 * The document with a projected delta added: `doc` is the stored text, a document already parsed
 * (then changed in place), or undefined for a new user. Features add up
 * (decay-forward sums), counts add, first/last seen widen, the customer id is the newest one given,
 * purchases are a set, and recent items keep the latest time per (product, type), newest first (ties
 * by product, then type), at most {@link RECENT_CAP}.
 */
export function applyDelta(stored: string | ProfileDoc | undefined, d: ProfileDelta): { readonly doc: string; readonly lastSeen: number } {
  const doc: ProfileDoc =
    stored === undefined ? [{}, [], [], 0, d.firstTs, d.lastTs, null] : typeof stored === 'string' ? (JSON.parse(stored) as ProfileDoc) : stored;
  if (!Array.isArray(doc[1])) doc[1] = [];
  if (!Array.isArray(doc[2])) doc[2] = [];
  const features = doc[0];
  for (const key in d.features) features[key] = (features[key] ?? 0) + (d.features[key] as number);
  const recent = doc[1];
  for (const r of d.recent) addRecent(recent, r);
  if (recent.length > RECENT_CAP) recent.length = RECENT_CAP;
  for (const id of d.purchased) if (!doc[2].includes(id)) doc[2].push(id);
  doc[3] += d.events;
  doc[4] = Math.min(doc[4], d.firstTs);
  doc[5] = Math.max(doc[5], d.lastTs);
  if (d.customerId !== undefined) doc[6] = d.customerId;
  return { doc: JSON.stringify(doc), lastSeen: doc[5] };
}

/** Records `r` in a sorted, (product, type)-unique list, unless the list already has it at a later time. */
function addRecent(list: RecentTuple[], r: RecentItem): void {
  const at = list.findIndex((t) => t[0] === r.productId && t[1] === r.type);
  if (at >= 0) {
    if ((list[at] as RecentTuple)[2] >= r.ts) return;
    list.splice(at, 1);
  }
  let i = 0;
  while (i < list.length && before(list[i] as RecentTuple, r)) i++;
  list.splice(i, 0, [r.productId, r.type, r.ts]);
}

/** Whether `t` comes before `r`: newer, or as new with a smaller product id, then type. */
function before(t: RecentTuple, r: RecentItem): boolean {
  if (t[2] !== r.ts) return t[2] > r.ts;
  return t[0] !== r.productId ? t[0] < r.productId : t[1] < r.type;
}
