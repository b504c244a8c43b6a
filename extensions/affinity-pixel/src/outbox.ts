/**
 * The pixel's outbox: the events it has not yet seen Affinity take, kept in the visitor's browser
 * (`browser.localStorage`, which the strict sandbox proxies to the top frame, asynchronously) so that
 * a page left before its batch went, or an Affinity outage longer than the page's retries, does not lose
 * them: the next page of the shop sends them again. Affinity is idempotent on event ids, so sending an
 * event twice (one tab resending what another is still sending) stores it once.
 *
 * - What goes in: only events seen while the visitor allowed analytics (storing on the visitor's device
 *   needs that consent, like the client id cookie); each with the consent it was seen under and its shop.
 * - Bounded: at most {@link OUTBOX_MAX_EVENTS} events, {@link OUTBOX_MAX_CHARS} characters of JSON and
 *   {@link OUTBOX_MAX_AGE_MS} of age; beyond that the oldest go first.
 * - `notBefore`: a `Retry-After` too long for the page to wait, honoured by the next page.
 *
 * The pure functions read and write the stored value; {@link outboxStore} runs read-modify-write
 * updates one at a time (the page's own updates never overwrite each other) and never throws (a full or
 * blocked storage only costs the safety net, never the live sending).
 */
import type { BrowserLocalStorage } from '@shopify/web-pixels-extension';
import type { CustomerPrivacy, ForwardedEvent } from './affinityPixel.ts';

/** The `localStorage` key of the outbox. */
export const OUTBOX_KEY = '_affinity_outbox';
/** Most events kept. */
export const OUTBOX_MAX_EVENTS = 100;
/** Largest stored value, characters (localStorage quotas are about 5 M characters per origin, shared with the theme). */
export const OUTBOX_MAX_CHARS = 128 * 1024;
/** Oldest event kept, ms (a visitor who comes back within a day still has them sent). */
export const OUTBOX_MAX_AGE_MS = 24 * 3600 * 1000;

/** One unsent event. */
export interface OutboxEntry {
  readonly shop: string;
  /** The consent the event was seen under (it is sent with it). */
  readonly consent: CustomerPrivacy;
  readonly event: ForwardedEvent;
  /** When it was put in, epoch ms. */
  readonly savedAt: number;
}

/** The stored outbox. */
export interface Outbox {
  /** Oldest first. */
  readonly entries: readonly OutboxEntry[];
  /** Not to be sent before this time, epoch ms (a long `Retry-After`). */
  readonly notBefore?: number;
}

export const EMPTY_OUTBOX: Outbox = { entries: [] };

function isEntry(x: unknown): x is OutboxEntry {
  const e = x as Partial<OutboxEntry> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.shop === 'string' &&
    typeof e.savedAt === 'number' &&
    typeof e.consent === 'object' &&
    e.consent !== null &&
    typeof e.event === 'object' &&
    e.event !== null &&
    typeof e.event.name === 'string' &&
    typeof (e.event as { id?: unknown }).id === 'string'
  );
}

const idOf = (e: OutboxEntry): string => (e.event as { id?: unknown }).id as string;

/**
 * The outbox within its bounds at `now`: entries too old (or dated more than a day ahead: a clock that
 * jumped) dropped, each event id once, then the newest {@link OUTBOX_MAX_EVENTS}, then the newest that
 * fit in {@link OUTBOX_MAX_CHARS}; a `notBefore` already past, or absurdly far, dropped.
 */
export function pruneOutbox(o: Outbox, now: number): Outbox {
  const seen = new Set<string>();
  let entries = o.entries.filter((e) => {
    if (now - e.savedAt > OUTBOX_MAX_AGE_MS || e.savedAt - now > OUTBOX_MAX_AGE_MS) return false;
    const id = idOf(e);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  if (entries.length > OUTBOX_MAX_EVENTS) entries = entries.slice(entries.length - OUTBOX_MAX_EVENTS);
  const notBefore = o.notBefore !== undefined && o.notBefore > now && o.notBefore - now <= OUTBOX_MAX_AGE_MS ? o.notBefore : undefined;
  const sizeOf = (xs: readonly OutboxEntry[]): number => JSON.stringify({ entries: xs, notBefore }).length;
  if (sizeOf(entries) > OUTBOX_MAX_CHARS) {
    // Newest first, as many as fit.
    const kept: OutboxEntry[] = [];
    let size = sizeOf([]);
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i] as OutboxEntry;
      const add = JSON.stringify(e).length + 1;
      if (size + add > OUTBOX_MAX_CHARS) continue;
      kept.unshift(e);
      size += add;
    }
    entries = kept;
  }
  return notBefore !== undefined ? { entries, notBefore } : { entries };
}

/** The outbox as stored (`raw` from `getItem`), pruned; garbage reads as empty. */
export function parseOutbox(raw: unknown, now: number): Outbox {
  if (typeof raw !== 'string' || raw === '') return EMPTY_OUTBOX;
  let v: { entries?: unknown; notBefore?: unknown };
  try {
    v = JSON.parse(raw) as typeof v;
  } catch {
    return EMPTY_OUTBOX;
  }
  if (typeof v !== 'object' || v === null || !Array.isArray(v.entries)) return EMPTY_OUTBOX;
  const entries = v.entries.filter(isEntry);
  return pruneOutbox(typeof v.notBefore === 'number' ? { entries, notBefore: v.notBefore } : { entries }, now);
}

/** `o` with `added` appended (an event id already there is not added twice), pruned. */
export function withEntries(o: Outbox, added: readonly OutboxEntry[], now: number): Outbox {
  return pruneOutbox({ ...o, entries: [...o.entries, ...added] }, now);
}

/**
 * `o` without the events `ids` of `shop` (Affinity took them, or refused them for good), and without its
 * `notBefore` (Affinity answered: it is back).
 */
export function withoutEvents(o: Outbox, shop: string, ids: ReadonlySet<string>): Outbox {
  return { entries: o.entries.filter((e) => e.shop !== shop || !ids.has(idOf(e))) };
}

/** `o` without any event of `shop` (a withdrawal of consent: nothing seen under it may be sent). */
export function withoutShop(o: Outbox, shop: string): Outbox {
  const entries = o.entries.filter((e) => e.shop !== shop);
  return o.notBefore !== undefined ? { entries, notBefore: o.notBefore } : { entries };
}

/** Read-modify-write access to the stored outbox. */
export interface OutboxStore {
  /** Applies `change` to the stored outbox, after every update asked before it; resolves to the result. */
  update(change: (o: Outbox) => Outbox): Promise<Outbox>;
}

/** The outbox in `storage` under {@link OUTBOX_KEY}; `now` is the clock. */
export function outboxStore(storage: BrowserLocalStorage, now: () => number): OutboxStore {
  let last: Promise<unknown> = Promise.resolve();
  return {
    update(change) {
      const run = async (): Promise<Outbox> => {
        let raw: unknown = null;
        try {
          raw = await storage.getItem(OUTBOX_KEY);
        } catch {
          // Unreadable: start from empty.
        }
        const next = pruneOutbox(change(parseOutbox(raw, now())), now());
        try {
          if (next.entries.length === 0 && next.notBefore === undefined) {
            if (raw !== null && raw !== undefined) await storage.removeItem(OUTBOX_KEY);
          } else {
            const value = JSON.stringify(next);
            // Written back when it changed (pruning included), so what is stored stays within the bounds.
            if (value !== raw) await storage.setItem(OUTBOX_KEY, value);
          }
        } catch {
          // A full or blocked storage: the live sending goes on without the safety net.
        }
        return next;
      };
      const p = last.then(run, run);
      last = p.catch(() => undefined);
      return p;
    },
  };
}
