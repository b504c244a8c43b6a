/**
 * The durable privacy job queue and export storage on SQLite (tables `privacy_jobs`,
 * `privacy_dedupe`, `privacy_exports`). A claim is one `UPDATE … RETURNING` that moves the job's due
 * time past the lease, so a worker that dies mid-job leaves it claimable again once the lease ends.
 * Deduplication keys expire by the `now` the queue is given (expired rows are purged on claim).
 *
 * An export is written only if its shop has no tombstone (`rec_erased_shops`, written by
 * `sqliteAttribution.ts` in the erasure's transaction) at or after the time the export's reads began:
 * the check is part of the one `INSERT … SELECT … WHERE NOT EXISTS`, which holds the write lock from
 * its start, so the shop's erasure commits wholly before it (the export is dropped) or after it (and
 * `purgeShop` removes the export).
 */
import type Database from 'better-sqlite3';
import type { NewPrivacyJob, PrivacyJob, PrivacyJobKind, PrivacyJobQueue } from '../../core/ports.ts';

type Row = Record<string, unknown>;

function toJob(r: Row): PrivacyJob {
  return {
    id: r.id as string,
    shop: r.shop as string,
    kind: r.kind as PrivacyJobKind,
    payload: JSON.parse(r.payload as string) as Record<string, unknown>,
    status: r.status as PrivacyJob['status'],
    attempts: r.attempts as number,
    createdAt: r.created_at as number,
    updatedAt: r.updated_at as number,
    ...(r.result ? { result: JSON.parse(r.result as string) as Record<string, unknown> } : {}),
    ...(r.last_error ? { lastError: r.last_error as string } : {}),
  };
}

/** SQLite implementation of {@link PrivacyJobQueue}. */
export class SqlitePrivacyQueue implements PrivacyJobQueue {
  readonly #db: Database.Database;
  readonly #s;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#s = {
      byLegacyDedupe: db.prepare('SELECT id FROM privacy_jobs WHERE dedupe_key = ?'),
      byDedupe: db.prepare('SELECT job_id FROM privacy_dedupe WHERE key = ? AND expires_at > ?'),
      putDedupe: db.prepare(`INSERT INTO privacy_dedupe (key, job_id, expires_at) VALUES (?, ?, ?)
        ON CONFLICT (key) DO UPDATE SET job_id = excluded.job_id, expires_at = excluded.expires_at`),
      expireDedupe: db.prepare('DELETE FROM privacy_dedupe WHERE expires_at <= ?'),
      purgeDedupe: db.prepare('DELETE FROM privacy_dedupe WHERE job_id IN (SELECT id FROM privacy_jobs WHERE shop = ? AND id <> ?)'),
      insert: db.prepare(`INSERT INTO privacy_jobs (id, shop, kind, payload, status, attempts, due_at, created_at, updated_at, dedupe_key)
        VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?, NULL)`),
      claim: db.prepare(`UPDATE privacy_jobs SET due_at = ?, attempts = attempts + 1, updated_at = ?
        WHERE id = (SELECT id FROM privacy_jobs WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, created_at LIMIT 1)
        RETURNING *`),
      complete: db.prepare(`UPDATE privacy_jobs SET status = 'done', payload = '{}', result = ?, last_error = NULL, updated_at = ? WHERE id = ?`),
      fail: db.prepare('UPDATE privacy_jobs SET due_at = ?, last_error = ?, updated_at = ? WHERE id = ? AND status = \'pending\''),
      get: db.prepare('SELECT * FROM privacy_jobs WHERE id = ?'),
      pending: db.prepare("SELECT count(*) AS n FROM privacy_jobs WHERE status = 'pending'"),
      putExport: db.prepare(`INSERT INTO privacy_exports (shop, id, subject, body, expires_at)
        SELECT :shop, :id, :subject, :body, :expiresAt
        WHERE NOT EXISTS (SELECT 1 FROM rec_erased_shops WHERE shop = :shop AND at >= :readsBegan)
        ON CONFLICT (shop, id) DO UPDATE SET subject = excluded.subject, body = excluded.body, expires_at = excluded.expires_at`),
      getExport: db.prepare('SELECT body FROM privacy_exports WHERE shop = ? AND id = ? AND expires_at > ?'),
      exportIdsOf: db.prepare('SELECT id FROM privacy_exports WHERE shop = ? AND subject = ? AND expires_at > ? ORDER BY expires_at DESC, id'),
      deleteExportsOf: db.prepare('DELETE FROM privacy_exports WHERE shop = ? AND subject = ?'),
      purgeExports: db.prepare('DELETE FROM privacy_exports WHERE shop = ?'),
      purgeJobs: db.prepare('DELETE FROM privacy_jobs WHERE shop = ? AND id <> ?'),
      expireExports: db.prepare('DELETE FROM privacy_exports WHERE expires_at <= ?'),
    };
  }

  async enqueue(job: NewPrivacyJob, now: number): Promise<{ id: string; duplicate: boolean }> {
    const keys = job.dedupe ?? [];
    return this.#db.transaction(() => {
      for (const { key } of keys) {
        const prev = (this.#s.byDedupe.get(key, now) as Row | undefined)?.job_id ?? (this.#s.byLegacyDedupe.get(key) as Row | undefined)?.id;
        if (prev !== undefined) return { id: prev as string, duplicate: true };
      }
      this.#s.insert.run(job.id, job.shop, job.kind, JSON.stringify(job.payload), now, now, now);
      for (const { key, ttlMs } of keys) this.#s.putDedupe.run(key, job.id, now + ttlMs);
      return { id: job.id, duplicate: false };
    })();
  }

  async claim(now: number, leaseMs: number): Promise<PrivacyJob | undefined> {
    this.#s.expireExports.run(now);
    this.#s.expireDedupe.run(now);
    const r = this.#s.claim.get(now + leaseMs, now, now) as Row | undefined;
    return r ? toJob(r) : undefined;
  }

  async complete(id: string, result: Readonly<Record<string, unknown>>, now: number): Promise<void> {
    this.#s.complete.run(JSON.stringify(result), now, id);
  }

  async fail(id: string, error: string, retryAt: number, now: number): Promise<void> {
    this.#s.fail.run(retryAt, error.slice(0, 500), now, id);
  }

  async getJob(id: string): Promise<PrivacyJob | undefined> {
    const r = this.#s.get.get(id) as Row | undefined;
    return r ? toJob(r) : undefined;
  }

  async pendingCount(): Promise<number> {
    return (this.#s.pending.get() as Row).n as number;
  }

  async putExport(shop: string, id: string, subject: string, doc: unknown, expiresAt: number, readsBegan: number): Promise<boolean> {
    return this.#s.putExport.run({ shop, id, subject, body: JSON.stringify(doc), expiresAt, readsBegan }).changes > 0;
  }

  async getExport(shop: string, id: string, now: number): Promise<unknown | undefined> {
    const r = this.#s.getExport.get(shop, id, now) as Row | undefined;
    return r ? (JSON.parse(r.body as string) as unknown) : undefined;
  }

  async exportIdsOf(shop: string, subject: string, now: number): Promise<string[]> {
    return (this.#s.exportIdsOf.all(shop, subject, now) as Row[]).map((r) => r.id as string);
  }

  async deleteExportsOf(shop: string, subject: string): Promise<number> {
    return this.#s.deleteExportsOf.run(shop, subject).changes;
  }

  async purgeShop(shop: string, keepJobId?: string): Promise<void> {
    this.#db.transaction(() => {
      this.#s.purgeExports.run(shop);
      this.#s.purgeDedupe.run(shop, keepJobId ?? '');
      this.#s.purgeJobs.run(shop, keepJobId ?? '');
    })();
  }
}
