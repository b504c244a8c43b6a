/**
 * One shopper's behaviour stored under several ids, read as one profile: a Shopify customer's own
 * profile and those of the browsers (pixel client ids) the store knows as theirs
 * (`features/privacy/storedProfileKey.ts`, `linkedDevices`). Nothing stored is rewritten; the merge is
 * made at read time, so an erasure of one device, a new link or a device's next event shows at once.
 *
 * Feature values are decay-forward sums (`profileDelta.ts`), so the parts' features add up exactly as
 * if one id had received every event. Recent items keep the latest time per (product, type), newest
 * first, capped as the store caps them; purchases are the union.
 */
import { RECENT_CAP, type RawProfile, type RecentItem } from './profileDelta.ts';

/**
 * The profile of `userId` made of `parts` (its own profile first when it has one). A single part
 * under `userId` is returned as it is; no parts: `undefined`.
 */
export function mergeProfiles(shop: string, userId: string, parts: readonly RawProfile[]): RawProfile | undefined {
  if (parts.length === 0) return undefined;
  const only = parts[0] as RawProfile;
  if (parts.length === 1 && only.userId === userId) return only;
  const features: Record<string, number> = {};
  const recent = new Map<string, RecentItem>();
  const purchased = new Set<string>();
  let eventCount = 0;
  let firstSeen = Infinity;
  let lastSeen = -Infinity;
  let customerId: string | undefined;
  for (const p of parts) {
    for (const k in p.features) features[k] = (features[k] ?? 0) + (p.features[k] as number);
    for (const r of p.recent) {
      const key = `${r.productId}\u0000${r.type}`;
      const held = recent.get(key);
      if (!held || held.ts < r.ts) recent.set(key, r);
    }
    for (const id of p.purchased) purchased.add(id);
    eventCount += p.eventCount;
    firstSeen = Math.min(firstSeen, p.firstSeen);
    lastSeen = Math.max(lastSeen, p.lastSeen);
    customerId ??= p.customerId;
  }
  const newestFirst = [...recent.values()].sort((a, b) => b.ts - a.ts || (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
  return {
    shop,
    userId,
    features,
    recent: newestFirst.slice(0, RECENT_CAP),
    purchased: [...purchased],
    eventCount,
    firstSeen,
    lastSeen,
    ...(customerId !== undefined ? { customerId } : {}),
  };
}
