/**
 * Profile and item-statistics reads of the SQLite store: profiles (one JSON document per user, see
 * `core/profile/profileDoc.ts`), recent items, co-occurrence neighbours, decayed counters, shops.
 *
 * A profile is read on every recommendation: its document is still read from the database each time
 * (so a write from any process counts at once), but decoded only when its text changed. The decoded
 * profile is then the very same (frozen) object as before, which lets the recommender keep what it
 * derived from it (`features/recommend/profileViews.ts`).
 */
import type Database from 'better-sqlite3';
import type { Neighbour } from '../../core/ports.ts';
import type { RawProfile, RecentItem } from '../../core/profile/profileDelta.ts';
import { freezeProfile } from '../../core/profile/frozenProfile.ts';
import { DecodedProfiles } from '../decodedProfiles.ts';
import { decodeProfile, decodeRecent } from '../../core/profile/profileDoc.ts';

type Row = Record<string, unknown>;

/** SQLite profile and statistics reads. */
export class SqliteProfileReads {
  readonly #assertOpen: () => void;
  readonly #stmts;
  /** Decoded profiles by shop and user, reused while the stored document is the same text. */
  readonly #decoded = new DecodedProfiles();

  /** `assertOpen` throws `STORE_UNAVAILABLE` once the store is closed. */
  constructor(db: Database.Database, assertOpen: () => void) {
    this.#assertOpen = assertOpen;
    this.#stmts = {
      profileDoc: db.prepare('SELECT doc FROM profiles WHERE shop = ? AND user_id = ?').pluck(),
      recent: db.prepare(`SELECT json_extract(doc, '$[1]') FROM profiles WHERE shop = ? AND user_id = ?`).pluck(),
      neighbours: db.prepare('SELECT to_id, weight FROM cooc WHERE shop = ? AND from_id = ? ORDER BY weight DESC LIMIT ?'),
      top: db.prepare('SELECT product_id, weight FROM counters WHERE shop = ? AND counter = ? AND epoch = ? ORDER BY weight DESC LIMIT ?'),
      shops: db.prepare('SELECT DISTINCT shop FROM profiles UNION SELECT DISTINCT shop FROM counters ORDER BY 1'),
    };
  }

  /**
   * Raw profile of one user (frozen); `undefined` when unknown. The same document text gives the
   * same object.
   */
  async getProfile(shop: string, userId: string): Promise<RawProfile | undefined> {
    this.#assertOpen();
    return this.#profile(shop, userId);
  }

  /** Raw profiles of many users, aligned with `userIds` (see {@link getProfile}). */
  async getProfiles(shop: string, userIds: readonly string[]): Promise<(RawProfile | undefined)[]> {
    this.#assertOpen();
    return userIds.map((id) => this.#profile(shop, id));
  }

  /** One user's profile: the stored document read now, decoded unless it is the text decoded last time. */
  #profile(shop: string, userId: string): RawProfile | undefined {
    const doc = this.#stmts.profileDoc.get(shop, userId) as string | undefined;
    if (doc === undefined) {
      this.#decoded.delete(shop, userId);
      return undefined;
    }
    const held = this.#decoded.get(shop, userId, doc);
    if (held !== undefined) return held;
    const profile = freezeProfile(decodeProfile(shop, userId, doc));
    this.#decoded.set(shop, userId, doc, profile);
    return profile;
  }

  /** Only the recent items of many users (newest first, empty when unknown), aligned with `userIds`. */
  async getRecentItems(shop: string, userIds: readonly string[]): Promise<(readonly RecentItem[])[]> {
    this.#assertOpen();
    return userIds.map((id) => {
      const recent = this.#stmts.recent.get(shop, id) as string | undefined;
      return recent === undefined ? [] : decodeRecent(recent);
    });
  }

  /** Co-occurrence neighbours of several items, strongest first, `limit` each. */
  async getNeighbours(shop: string, productIds: readonly string[], limit: number): Promise<Map<string, Neighbour[]>> {
    this.#assertOpen();
    const out = new Map<string, Neighbour[]>();
    for (const id of productIds) {
      if (out.has(id)) continue;
      out.set(
        id,
        (this.#stmts.neighbours.all(shop, id, limit) as Row[]).map((r) => ({ productId: r.to_id as string, weight: r.weight as number })),
      );
    }
    return out;
  }

  /** Top items of one epoch of a decayed counter, strongest first. */
  async getTop(shop: string, counter: 'popular' | 'trending', epoch: number, limit: number): Promise<Neighbour[]> {
    this.#assertOpen();
    return (this.#stmts.top.all(shop, counter, epoch, limit) as Row[]).map((r) => ({
      productId: r.product_id as string,
      weight: r.weight as number,
    }));
  }

  /** Every shop that has profiles or statistics, sorted. */
  async listShops(): Promise<string[]> {
    this.#assertOpen();
    return (this.#stmts.shops.all() as Row[]).map((r) => r.shop as string);
  }
}
