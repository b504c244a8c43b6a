/**
 * DIGINETICA (CIKM Cup 2016 `train-item-views.csv`) as a second next-item session dataset,
 * preprocessed as session-rec's `preprocess_diginetica.py` does:
 *
 * - Time of a view: its `eventdate` (UTC midnight) plus `timeframe` (ms since the session started).
 * - Filters, in this order: sessions of length 1 dropped; items with fewer than 5 views dropped;
 *   sessions shorter than 2 dropped.
 * - Split: sessions whose last view is within the last `daysTest` (7) days of the data are the test
 *   set, the rest train. Test views of items unseen in train are dropped, then test sessions shorter
 *   than 2. The validation split applies the same split to the train sessions.
 *
 * The protocol is then YooChoose's (`evaluateSessions`): every prefix of a test session predicts the
 * next view.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Click, Session } from './yoochoose.ts';

/** File names accepted in a Diginetica directory (the full file or SR-GNN's sample). */
export const DIGINETICA_FILES = ['train-item-views.csv', 'sample_train-item-views.csv'] as const;

/** session-rec's Diginetica settings. */
export const DIGINETICA_PREP = Object.freeze({ minItemSupport: 5, minSessionLength: 2, daysTest: 7 });

/** The views file in `dir`, or `undefined`. */
export function digineticaFile(dir: string): string | undefined {
  for (const f of DIGINETICA_FILES) if (existsSync(join(dir, f))) return join(dir, f);
  return undefined;
}

/** Whether `dir` holds a Diginetica views file. */
export function isDigineticaDir(dir: string): boolean {
  return digineticaFile(dir) !== undefined;
}

/** One view row. */
export interface View {
  readonly session: string;
  readonly item: string;
  /** Epoch ms. */
  readonly ts: number;
}

/** Parses `session_id;user_id;item_id;timeframe;eventdate` text (header first; `;` separated). */
export function parseViews(text: string): View[] {
  const out: View[] = [];
  const lines = text.split('\n');
  const header = (lines[0] ?? '').trim().split(';');
  const col = (names: readonly string[]): number => header.findIndex((h) => names.includes(h));
  const iS = col(['session_id', 'sessionId']);
  const iI = col(['item_id', 'itemId']);
  const iT = col(['timeframe']);
  const iD = col(['eventdate']);
  if (iS < 0 || iI < 0 || iT < 0 || iD < 0) throw new Error(`not a Diginetica views file (header: ${lines[0] ?? ''})`);
  for (let i = 1; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (!line) continue;
    const f = line.split(';');
    const day = Date.parse(`${f[iD] ?? ''}T00:00:00Z`);
    const frame = Number(f[iT] ?? 0);
    const session = f[iS];
    const item = f[iI];
    if (!session || !item || !Number.isFinite(day)) continue;
    out.push({ session, item, ts: day + (Number.isFinite(frame) ? frame : 0) });
  }
  return out;
}

/** Groups views into sessions (clicks by time, ties in file order), sessions by their first click. */
export function toSessions(views: readonly View[]): Session[] {
  const by = new Map<string, Click[]>();
  for (const v of views) {
    let c = by.get(v.session);
    if (!c) by.set(v.session, (c = []));
    c.push({ item: v.item, ts: v.ts });
  }
  const out: Session[] = [];
  for (const [id, clicks] of by) out.push({ id, clicks: clicks.map((c, i) => ({ c, i })).sort((a, b) => a.c.ts - b.c.ts || a.i - b.i).map((x) => x.c) });
  return out.sort((a, b) => (a.clicks[0]?.ts ?? 0) - (b.clicks[0]?.ts ?? 0) || (a.id < b.id ? -1 : 1));
}

/** session-rec's `filter_data`: sessions > 1, item support ≥ `minItemSupport`, sessions ≥ `minSessionLength`. */
export function filterViews(views: readonly View[], minItemSupport: number, minSessionLength: number): View[] {
  const count = <K>(xs: readonly View[], key: (v: View) => K): Map<K, number> => {
    const m = new Map<K, number>();
    for (const v of xs) m.set(key(v), (m.get(key(v)) ?? 0) + 1);
    return m;
  };
  let len = count(views, (v) => v.session);
  let out = views.filter((v) => (len.get(v.session) ?? 0) > 1);
  const support = count(out, (v) => v.item);
  out = out.filter((v) => (support.get(v.item) ?? 0) >= minItemSupport);
  len = count(out, (v) => v.session);
  return out.filter((v) => (len.get(v.session) ?? 0) >= minSessionLength);
}

/** session-rec's `split_data`: sessions ending in the last `daysTest` days test, the rest train. */
export function splitByLastDays(sessions: readonly Session[], daysTest: number): { train: Session[]; test: Session[] } {
  let end = -Infinity;
  for (const s of sessions) for (const c of s.clicks) end = Math.max(end, c.ts);
  const from = end - daysTest * 86_400_000;
  const lastTs = (s: Session): number => s.clicks[s.clicks.length - 1]?.ts ?? 0;
  const train = sessions.filter((s) => lastTs(s) < from);
  const known = new Set<string>();
  for (const s of train) for (const c of s.clicks) known.add(c.item);
  const test = sessions
    .filter((s) => lastTs(s) >= from)
    .map((s) => ({ id: s.id, clicks: s.clicks.filter((c) => known.has(c.item)) }))
    .filter((s) => s.clicks.length >= 2);
  return { train, test };
}

/** Train and test sessions of the Diginetica file in `dir` (`validation`: the split of train). */
export function loadDiginetica(dir: string, validation = false): { train: Session[]; test: Session[] } {
  const file = digineticaFile(dir);
  if (!file) throw new Error(`${dir}: no ${DIGINETICA_FILES.join(' or ')}`);
  const p = DIGINETICA_PREP;
  const views = filterViews(parseViews(readFileSync(file, 'utf8')), p.minItemSupport, p.minSessionLength);
  const full = splitByLastDays(toSessions(views), p.daysTest);
  return validation ? splitByLastDays(full.train, p.daysTest) : full;
}
