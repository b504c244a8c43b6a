/**
 * Profile and item-statistics reads of the SQLite store: profiles (one JSON document per user, see
 * `core/profile/profileDoc.ts`), recent items, co-occurrence neighbours, decayed counters, shops.
 */
import type Database from 'better-sqlite3';
import type { Neighbour } from '../../core/ports.ts';
import type { RawProfile, RecentItem } from '../../core/profile/profileDelta.ts';
import { decodeProfile, decodeRecent } from '../../core/profile/profileDoc.ts';

type Row = Record<string, unknown>;

/** SQLite profile and statistics reads. */
export class SqliteProfileReads {
  readonly #assertOpen: () => void;
  readonly #stmts;

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

  /** Raw profile of one user; `undefined` when unknown. */
  async getProfile(shop: string, userId: string): Promise<RawProfile | undefined> {
    this.#assertOpen();
    const doc = this.#stmts.profileDoc.get(shop, userId) as string | undefined;
    return doc === undefined ? undefined : decodeProfile(shop, userId, doc);
  }

  /** Raw profiles of many users, aligned with `userIds`. */
  async getProfiles(shop: string, userIds: readonly string[]): Promise<(RawProfile | undefined)[]> {
    const out: (RawProfile | undefined)[] = [];
    for (const id of userIds) out.push(await this.getProfile(shop, id));
    return out;
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
