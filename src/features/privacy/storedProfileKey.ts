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
 */
import type { EventLog, PrivacyStore, ProfileReads } from '../../core/ports.ts';
import { isMarketScopedIdOf } from '../../core/privacy/consentPolicy.ts';

/** What the lookup reads of the store: the id's own links, then profiles and newest events. */
export type ProfileKeyStore = Pick<PrivacyStore, 'directLinks'> & Pick<ProfileReads, 'getProfiles'> & Pick<EventLog, 'getUserEvents'>;


/**
 * `userId`, or the market-scoped id of it that holds its newest stored activity (profile `lastSeen`,
 * or a stored event not folded yet). A tie goes to the market-scoped id (never the merged view when
 * in doubt); nothing stored under any of them: `userId`.
 */
export async function storedProfileUserId(store: ProfileKeyStore, shop: string, userId: string): Promise<string> {
  const scoped = (await store.directLinks(shop, userId)).filter((id) => isMarketScopedIdOf(id, userId));
  if (scoped.length === 0) return userId;
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
