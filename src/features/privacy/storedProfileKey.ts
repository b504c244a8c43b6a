/**
 * The id a shopper's stored behaviour is read under, from what the store holds: for a shopper the
 * consent ledger of this process does not hold (after a restart, on another worker, after the ledger
 * forgot them), where the ledger would say `<id>@<market>` from the latest consent.
 *
 * The consent gate stores behaviour that may not be merged across markets under `<id>@<market>` and
 * links it to the plain id (`consentGate.ts`); each stored event went where the consent of its moment
 * sent it. So the shopper's own market-scoped ids are the plain id's direct links shaped
 * `<id>@<market>`, and the one written last (the newest profile activity or stored event) is the one
 * the latest stored consent chose, as the ledger would have. Without such a link (nearly every
 * shopper) the plain id, after one link read.
 *
 * The same read finds a customer's devices (`storedProfileKeys`): a Shopify customer id is linked to
 * the browsers that checked out as them (where consent allowed the link, `consentGate.ts`); those whose
 * stored profile names this customer are read with the customer's own (docs/decisions/0009).
 */
import type { EventLog, PrivacyStore, ProfileReads } from '../../core/ports.ts';
import { isMarketScopedIdOf, MARKET_SCOPE_SEPARATOR } from '../../core/privacy/consentPolicy.ts';
import { isOrderNode } from '../../core/privacy/orderNode.ts';
import { SESSION_KEY_PREFIX } from '../../core/profile/sessionKey.ts';

/** What the lookup reads of the store: the id's own links, then profiles and newest events. */
export type ProfileKeyStore = Pick<PrivacyStore, 'directLinks'> & Pick<ProfileReads, 'getProfiles'> & Pick<EventLog, 'getUserEvents'>;


/**
 * `userId`, or the market-scoped id of it that holds its newest stored activity (profile `lastSeen`,
 * or a stored event not folded yet). A tie goes to the market-scoped id (never the merged view when
 * in doubt); nothing stored under any of them: `userId`.
 */
export async function storedProfileUserId(store: ProfileKeyStore, shop: string, userId: string): Promise<string> {
  return (await storedProfileKeys(store, shop, userId)).readId;
}

/** Where a shopper's stored behaviour is read: the id of their own profile, and their devices'. */
export interface StoredProfileKeys {
  /** As {@link storedProfileUserId}. */
  readonly readId: string;
  /**
   * Linked ids whose stored profile names `userId` as its customer (the browsers a customer checked out
   * from), newest activity first, at most {@link DEVICES_READ}; empty when `readId` is market-scoped
   * (the shopper's behaviour may not be merged across markets) or nothing is linked.
   */
  readonly devices: readonly string[];
}

/** Most linked devices read with a customer's profile (the most recently active ones). */
export const DEVICES_READ = 10;

/** Most linked ids looked at for devices (a customer of many orders has many order nodes, which are skipped unread). */
const LINKS_CHECKED = 50;

/**
 * {@link storedProfileUserId} and the customer's devices, from one link read (plus one profile read of
 * the linked ids that can be devices, only when there are any). A linked id is a device of `userId`
 * when its own stored profile was folded from events naming `userId` as the customer: order nodes,
 * conversations (`session:<id>`) and market-scoped ids (behaviour that may not be merged) never are.
 */
export async function storedProfileKeys(store: ProfileKeyStore, shop: string, userId: string): Promise<StoredProfileKeys> {
  const links = await store.directLinks(shop, userId);
  const scoped = links.filter((id) => isMarketScopedIdOf(id, userId));
  const readId = scoped.length === 0 ? userId : await newestOf(store, shop, userId, scoped);
  if (readId !== userId) return { readId, devices: [] };
  const maybe = links.filter((id) => !isOrderNode(id) && !id.startsWith(SESSION_KEY_PREFIX) && !id.includes(MARKET_SCOPE_SEPARATOR)).slice(0, LINKS_CHECKED);
  if (maybe.length === 0) return { readId, devices: [] };
  const profiles = await store.getProfiles(shop, maybe);
  const devices = maybe
    .map((id, i) => ({ id, p: profiles[i] }))
    .filter((d) => d.p?.customerId === userId)
    .sort((a, b) => (b.p?.lastSeen ?? 0) - (a.p?.lastSeen ?? 0))
    .slice(0, DEVICES_READ)
    .map((d) => d.id);
  return { readId, devices };
}

/** Of `userId` and its market-scoped ids, the one with the newest stored activity (a tie: the scoped one). */
async function newestOf(store: ProfileKeyStore, shop: string, userId: string, scoped: readonly string[]): Promise<string> {
  const candidates = [...scoped, userId];
  const [profiles, newest] = await Promise.all([store.getProfiles(shop, candidates), Promise.all(candidates.map((id) => store.getUserEvents(shop, id, 1)))]);
  let best = userId;
  let bestAt = -Infinity;
  candidates.forEach((id, i) => {
    const at = Math.max(profiles[i]?.lastSeen ?? -Infinity, newest[i]?.[0]?.ts ?? -Infinity);
    if (at > bestAt) {
      best = id;
      bestAt = at;
    }
  });
  return best;
}
