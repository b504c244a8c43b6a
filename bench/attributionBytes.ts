/**
 * `node --import tsx bench/attributionBytes.ts [--lists N]`: bytes per served list on both stores
 * (docs/decisions/0002, "Storage cost"). Records N realistic lists (default 20,000): 8 items named by
 * CSV handles (the longest ids a shop has), a pixel clientId (UUID), an experiment variant, intent
 * type, market, latency and, for one list in ten, a status; 2,000 distinct shoppers.
 *
 * - SQLite: `dbstat` page bytes of the served-list tables and their indexes (`rec_lists`, the shop's
 *   dictionary `rec_dict`, `rec_shoppers`, `rec_shops`) before and after (the database is VACUUMed
 *   first, so pages are full as after a long run of appends);
 * - Redis: `MEMORY USAGE` of every key after recording (day buckets, their shopper tables, the shop's
 *   dictionary, the shoppers' day indexes), and `INFO memory` used_memory before/after.
 *
 * `--days D` spreads the lists over D days (default 1: one day bucket, as a busy shop's day).
 *
 * Prints a Markdown table: bytes per list, and the cost of 90 days at 100,000 lists a day.
 */
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedisAttribution } from '../src/adapters/redis/redisAttribution.ts';
import { SqliteAttribution } from '../src/adapters/sqlite/sqliteAttribution.ts';
import { newRecommendationId } from '../src/features/analytics/listAttribution.ts';
import { packServed } from '../src/core/attribution/recordCodec.ts';
import type { ServedList } from '../src/core/attribution/servedList.ts';
import { startRedis } from '../src/testing/redisServer.ts';
import { benchArgs } from './args.ts';

const args = benchArgs({
  run: 'node --import tsx bench/attributionBytes.ts',
  summary: `Bytes per served list on both attribution stores (docs/decisions/0002, "Storage cost"): SQLite (dbstat page
bytes) and Redis (MEMORY USAGE of the keys, INFO used_memory; starts a redis-server). Prints a Markdown table:
bytes per list and the cost of 90 days at 100,000 lists a day.`,
  options: [
    { name: 'lists', value: 'N', number: true, default: '20000', help: 'Lists recorded, 8 CSV handles each, over 2,000 shoppers' },
    { name: 'days', value: 'D', number: true, default: '1', help: 'Days the lists are spread over; 1 is one day bucket, a busy shop\'s day' },
  ],
  writes: 'nothing (a temporary SQLite file and a temporary redis-server, both removed).',
});
const N = Number(args.get('lists'));
const SPREAD_DAYS = Math.max(1, Number(args.get('days')));
const SHOP = 'northwind-outfitters.myshopify.com';
const DAY_LISTS = 100_000;
const DAYS = 90;

/** A deterministic generator (mulberry32), so runs compare. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const r = rng(42);
const WORDS = ['merino', 'wool', 'crew', 'sweater', 'waterproof', 'hiking', 'boot', 'linen', 'summer', 'dress', 'trail', 'running', 'shoe', 'insulated', 'jacket', 'organic', 'cotton', 'tee', 'womens', 'mens', 'classic', 'slim', 'fit', 'chino'];
const word = () => WORDS[Math.floor(r() * WORDS.length)] as string;
const HANDLES = Array.from({ length: 2000 }, (_, i) => `${word()}-${word()}-${word()}-${word()}${i % 7 === 0 ? `-${i}` : ''}`);
const uuid = () => [8, 4, 4, 4, 12].map((n) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('')).join('-');
const USERS = Array.from({ length: 2000 }, uuid);

function lists(n: number, t0: number): ServedList[] {
  return Array.from({ length: n }, (_, i) => ({
    id: newRecommendationId(),
    shop: SHOP,
    ts: t0 + Math.floor((i * SPREAD_DAYS * 86_400_000) / n),
    surface: i % 5 === 0 ? 'mcp' : 'product',
    actor: i % 5 === 0 ? 'agent' : 'human',
    ...(i % 5 === 0 ? { agent: 'claude-ai' } : {}),
    experiment: { id: 'recs-v1', variant: i % 2 ? 'affinity' : 'control' },
    intent: 'browsing',
    market: 'US/USD',
    userId: USERS[Math.floor(r() * USERS.length)] as string,
    items: Array.from({ length: 8 }, () => HANDLES[Math.floor(r() * HANDLES.length)] as string),
    tookMs: Math.round(r() * 400) / 10,
    ...(i % 10 === 0 ? { status: 'degraded' as const } : {}),
  }));
}

async function sqlite(batch: ServedList[]): Promise<{ bytes: number; table: number; indexes: number; dictionaries: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'affinity-bytes-'));
  try {
    const db = new Database(join(dir, 'a.db'));
    db.pragma('journal_mode = WAL');
    const store = new SqliteAttribution(db);
    const pages = () => Object.fromEntries((db.prepare("SELECT name, SUM(pgsize) AS b FROM dbstat WHERE name LIKE 'rec_%' AND name NOT LIKE 'rec_outcomes%' GROUP BY name").all() as { name: string; b: number }[]).map((x) => [x.name, x.b]));
    db.exec('VACUUM');
    const before = pages();
    for (let i = 0; i < batch.length; i += 500) await store.recordServed(batch.slice(i, i + 500));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('VACUUM');
    const after = pages();
    db.close();
    const delta = (k: string) => ((after[k] ?? 0) - (before[k] ?? 0)) / batch.length;
    const names = Object.keys(after);
    const total = names.reduce((sum, k) => sum + delta(k), 0);
    const table = delta('rec_lists');
    const indexes = names.filter((k) => k.startsWith('rec_lists_') || k.startsWith('sqlite_autoindex_rec_lists')).reduce((sum, k) => sum + delta(k), 0);
    return { table, indexes, bytes: total, dictionaries: total - table - indexes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a Redis key of the attribution holds (for the breakdown). */
function keyClass(k: string): string {
  if (/:rl:\d+$/.test(k)) return 'day buckets';
  if (/:rl:\d+:u$/.test(k) || k.includes(':rh:')) return 'shopper tables';
  if (/:rd(:r)?$/.test(k)) return 'dictionary';
  return 'other';
}

async function redis(batch: ServedList[]): Promise<{ keys: number; usedMemory: number; byClass: Record<string, number> }> {
  const server = await startRedis();
  const c = new Redis(server.url);
  try {
    const used = async () => Number(/used_memory:(\d+)/.exec(await c.info('memory'))?.[1]);
    const before = await used();
    const store = new RedisAttribution(c, 90 * 86_400_000);
    for (let i = 0; i < batch.length; i += 500) await store.recordServed(batch.slice(i, i + 500));
    // The day is over: the sweep seals its bucket (drops the append preallocation), as in production.
    await store.sweep([SHOP], 0, Math.max(...batch.map((l) => l.ts)) + 86_400_000);
    const after = await used();
    let keyBytes = 0;
    const byClass: Record<string, number> = {};
    let cursor = '0';
    for (let guard = 0; guard < 100_000; guard++) {
      const [next, ks] = await c.scan(cursor, 'MATCH', '*', 'COUNT', 1000);
      for (const k of ks) {
        const b = Number(await c.call('MEMORY', 'USAGE', k, 'SAMPLES', '0'));
        keyBytes += b;
        byClass[keyClass(k)] = (byClass[keyClass(k)] ?? 0) + b / batch.length;
      }
      cursor = next;
      if (cursor === '0') break;
    }
    return { keys: keyBytes / batch.length, usedMemory: (after - before) / batch.length, byClass };
  } finally {
    c.disconnect();
    await server.stop();
  }
}

const batch = lists(N, Date.UTC(2025, 0, 1));
// The packed list alone (dictionary numbers assigned in order of first use, as the stores do).
const refs = new Map<string, number>();
const doc = batch.reduce((s, l) => s + packServed(l, (v) => refs.get(v) ?? (refs.set(v, refs.size + 1), refs.size)).length, 0) / N;
const s = await sqlite(batch);
const rd = await redis(batch);
const gb = (perList: number) => ((perList * DAY_LISTS * DAYS) / 1e9).toFixed(2);
console.log(`${N} lists of 8 CSV handles over ${SPREAD_DAYS} day(s), ${USERS.length} shoppers; packed list ${doc.toFixed(0)} B/list\n`);
console.log('| store | bytes per list | 90 days × 100k lists/day |');
console.log('|---|---:|---:|');
console.log(`| SQLite (table ${s.table.toFixed(0)} + indexes ${s.indexes.toFixed(0)} + dictionaries ${s.dictionaries.toFixed(0)}, dbstat) | ${s.bytes.toFixed(0)} | ${gb(s.bytes)} GB |`);
const parts = Object.entries(rd.byClass).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(' + ');
console.log(`| Redis (MEMORY USAGE of the keys: ${parts}) | ${rd.keys.toFixed(0)} | ${gb(rd.keys)} GB |`);
console.log(`| Redis (INFO used_memory delta) | ${rd.usedMemory.toFixed(0)} | ${gb(rd.usedMemory)} GB |`);
