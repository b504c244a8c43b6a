/**
 * Whole-store dumps for erasure tests: every key of a Redis keyspace (SCAN on every node, with each
 * key's content) and every row of every SQLite table, as text lines to search for identifiers.
 */
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';

/** One line per key: the key name and its whole content (any type). */
export async function dumpRedis(nodes: readonly { host: string; port: number }[]): Promise<string[]> {
  const out: string[] = [];
  for (const n of nodes) {
    const r = new Redis({ host: n.host, port: n.port, lazyConnect: false });
    try {
      let cursor = '0';
      do {
        const [next, keys] = await r.scan(cursor, 'COUNT', 1000);
        cursor = next;
        for (const key of keys) out.push(`${key} => ${JSON.stringify(await content(r, key))}`);
      } while (cursor !== '0');
    } finally {
      r.disconnect();
    }
  }
  return out;
}

async function content(r: Redis, key: string): Promise<unknown> {
  switch (await r.type(key)) {
    case 'string':
      return r.get(key);
    case 'hash':
      return r.hgetall(key);
    case 'set':
      return r.smembers(key);
    case 'zset':
      return r.zrange(key, 0, -1, 'WITHSCORES');
    case 'list':
      return r.lrange(key, 0, -1);
    case 'stream':
      return [await r.xrange(key, '-', '+'), await r.call('xinfo', 'groups', key).catch(() => null)];
    default:
      return null;
  }
}

/** One line per row of every table (and the table list), read through a separate read-only connection. */
export function dumpSqlite(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    const out: string[] = [`tables: ${tables.join(',')}`];
    for (const t of tables) for (const row of db.prepare(`SELECT * FROM "${t}"`).all()) out.push(`${t}: ${JSON.stringify(row)}`);
    return out;
  } finally {
    db.close();
  }
}

/** The dump lines that contain any of `needles` (empty when the store holds none of them). */
export function findAny(lines: readonly string[], needles: readonly string[]): string[] {
  return lines.filter((l) => needles.some((n) => l.includes(n)));
}
