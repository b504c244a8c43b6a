/**
 * Data-subject operations of the SQLite store (erasure, export, identity links), on the store's own
 * connection. `SqliteStore` delegates its {@link PrivacyStore} methods here.
 *
 * Erasure deletes rows in one transaction, then truncates the WAL: the database runs with
 * `secure_delete`, so freed pages are zeroed, and the checkpoint makes sure no old page image of the
 * erased rows stays behind in the write-ahead log.
 */
import type Database from 'better-sqlite3';
import type { UserEvent } from '../../core/events/userEvent.ts';
import type { EraseUserOptions, ErasureReport, KeptConsent, UserExport } from '../../core/ports.ts';
import { erasedIdHash } from '../erasureTombstones.ts';
import { decodeKeptConsent, encodeKeptConsent } from '../keptConsent.ts';
import type { RawProfile } from '../../core/profile/profileDelta.ts';

/** Most ids a transitive link walk visits (a guard against a pathological link graph). */
export const MAX_LINKED_IDS = 1000;

/** Every table with a `shop` column (the whole tenant). */
const SHOP_TABLES = ['events', 'profiles', 'cooc', 'counters', 'products', 'product_links', 'identity_links', 'consent_kept'] as const;

type Row = Record<string, unknown>;

/** SQLite data-subject operations. */
export class SqlitePrivacy {
  readonly #db: Database.Database;
  readonly #stmts;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#stmts = {
      link: db.prepare('INSERT OR IGNORE INTO identity_links (shop, a, b, created_at) VALUES (?, ?, ?, ?)'),
      linksOf: db.prepare('SELECT b FROM identity_links WHERE shop = ? AND a = ?'),
      unlink: db.prepare('DELETE FROM identity_links WHERE shop = ? AND (a = ? OR b = ?)'),
      events: db.prepare('SELECT body FROM events WHERE shop = ? AND user_id = ? ORDER BY seq'),
      deleteEvents: db.prepare('DELETE FROM events WHERE shop = ? AND user_id = ?'),
      deleteProfile: db.prepare('DELETE FROM profiles WHERE shop = ? AND user_id = ?'),
      deleteShop: SHOP_TABLES.map((t) => db.prepare(`DELETE FROM ${t} WHERE shop = ?`)),
      deleteCatalogVersion: db.prepare('DELETE FROM meta WHERE key = ?'),
      keepConsent: db.prepare('INSERT INTO consent_kept (shop, h, state, at) VALUES (?, ?, ?, ?) ON CONFLICT (shop, h) DO UPDATE SET state = excluded.state, at = excluded.at'),
      keptConsent: db.prepare('SELECT state FROM consent_kept WHERE shop = ? AND h = ?').pluck(),
      sweepConsent: db.prepare('DELETE FROM consent_kept WHERE at < ?'),
    };
  }

  /** Links two ids (both directions). */
  link(shop: string, a: string, b: string, now: number): void {
    if (a === b) return;
    this.#db.transaction(() => {
      this.#stmts.link.run(shop, a, b, now);
      this.#stmts.link.run(shop, b, a, now);
    })();
  }

  /** Ids reachable from `id` through links, without `id`, sorted. */
  linkedIds(shop: string, id: string): string[] {
    const seen = new Set<string>([id]);
    const queue = [id];
    while (queue.length > 0 && seen.size < MAX_LINKED_IDS) {
      const cur = queue.shift() as string;
      for (const r of this.#stmts.linksOf.all(shop, cur) as Row[]) {
        const next = r.b as string;
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    seen.delete(id);
    return [...seen].sort();
  }

  /** Ids linked to `id` by one link (its own rows), without `id`, sorted. */
  directLinks(shop: string, id: string): string[] {
    const out = new Set<string>();
    for (const r of this.#stmts.linksOf.all(shop, id) as Row[]) if (r.b !== id) out.add(r.b as string);
    return [...out].sort();
  }

  /** Removes the user's events (projected or not), profile rows and (unless `keepLinks`) links. */
  eraseUser(shop: string, userId: string, opts: EraseUserOptions = {}): ErasureReport {
    const s = this.#stmts;
    const report = this.#db.transaction((): ErasureReport => {
      const events = s.deleteEvents.run(shop, userId).changes;
      const profiles = s.deleteProfile.run(shop, userId).changes;
      // Each link is stored in both directions.
      const links = opts.keepLinks ? 0 : s.unlink.run(shop, userId, userId).changes / 2;
      return { events, profiles, links };
    })();
    this.#truncateWal();
    return report;
  }

  /** Keeps an id's consent state (`adapters/keptConsent.ts`), replacing the one kept before. */
  keepConsent(shop: string, userId: string, state: KeptConsent): void {
    this.#stmts.keepConsent.run(shop, erasedIdHash(shop, userId), encodeKeptConsent(state), state.at);
  }

  /** The kept consent states of `ids`, aligned. */
  keptConsent(shop: string, ids: readonly string[]): (KeptConsent | undefined)[] {
    return ids.map((id) => decodeKeptConsent(this.#stmts.keptConsent.get(shop, erasedIdHash(shop, id)) as string | undefined));
  }

  /** Drops kept consent states unchanged since `before`. */
  sweepConsent(before: number): void {
    this.#stmts.sweepConsent.run(before);
  }

  /** Removes every row of a shop. */
  eraseShop(shop: string): void {
    this.#db.transaction(() => {
      for (const st of this.#stmts.deleteShop) st.run(shop);
      this.#stmts.deleteCatalogVersion.run(`catalog_version:${shop}`);
      this.#stmts.deleteCatalogVersion.run(`links_version:${shop}`);
    })();
    this.#truncateWal();
  }

  /** Everything held about one id. */
  exportUser(shop: string, userId: string, profile: RawProfile | undefined): UserExport {
    const events = (this.#stmts.events.all(shop, userId) as Row[]).map((r) => JSON.parse(r.body as string) as UserEvent);
    return { shop, userId, linkedIds: this.linkedIds(shop, userId), ...(profile ? { profile } : {}), events };
  }

  #truncateWal(): void {
    try {
      this.#db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Another connection is reading: the next checkpoint overwrites the frames instead.
    }
  }
}
