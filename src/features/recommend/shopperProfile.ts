/**
 * The stored profile a shopper's recommendations read, for the readers that show it (`GET
 * /v1/users/:id/profile`, MCP `get_shopper_profile`): under the id the recommender names
 * (`BaseRecommender.profileUserId`: `<id>@<market>` for behaviour that may not be merged across
 * markets), merged with the profiles of the shopper's linked devices as recommendations merge them
 * (`BaseRecommender.linkedUserIds`, docs/decisions/0009), so both say the same about the shopper.
 */
import type { ProfileReads } from '../../core/ports.ts';
import { mergeProfiles } from '../../core/profile/mergedProfile.ts';
import type { RawProfile } from '../../core/profile/profileDelta.ts';
import type { BaseRecommender } from '../../core/recommend/baseRecommender.ts';

/** The shopper's profile as recommendations read it, and the id their own part is stored under. */
export interface ShopperProfile {
  /** The id the shopper's own stored profile and events are under. */
  readonly key: string;
  /** Linked devices whose profiles are merged in. */
  readonly devices: readonly string[];
  readonly raw: RawProfile | undefined;
}

/** Reads what recommendations read of `userId`'s behaviour (see the module comment). */
export async function readShopperProfile(recommender: BaseRecommender, store: Pick<ProfileReads, 'getProfiles'>, shop: string, userId: string): Promise<ShopperProfile> {
  const [key, devices] = await Promise.all([
    recommender.profileUserId?.(shop, userId) ?? Promise.resolve(userId),
    recommender.linkedUserIds?.(shop, userId) ?? Promise.resolve([]),
  ]);
  const parts = (await store.getProfiles(shop, [key, ...devices])).filter((p): p is RawProfile => p !== undefined);
  const raw = devices.length === 0 ? parts[0] : mergeProfiles(shop, key, parts);
  return { key, devices, raw };
}
