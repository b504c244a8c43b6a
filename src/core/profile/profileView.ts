/**
 * The read model of a profile: decayed, normalised and ready for scoring. Built from a `RawProfile`
 * at request time (pure: `now` comes in as an argument).
 */
import { decayed } from '../decay.ts';
import type { RawProfile, RecentItem } from './profileDelta.ts';

/** Options for building a view. */
export interface ProfileViewOptions {
  /** Half-life of affinities, ms (must match what the projector wrote with). */
  readonly halfLifeMs: number;
  /** Inactivity gap that ends a session, ms. */
  readonly sessionGapMs: number;
}

/** A user's price band in major units (geometric mean and spread of prices interacted with). */
export interface PriceBand {
  readonly center: number;
  readonly low: number;
  readonly high: number;
}

/** Scoring-ready profile. */
export interface ProfileView {
  readonly userId: string;
  /** Feature key (`cat:`, `type:`, `vendor:`, `tag:`) → decayed weight, normalised per namespace to sum 1. */
  readonly affinities: ReadonlyMap<string, number>;
  readonly priceBand?: PriceBand;
  /** Newest first. */
  readonly recent: readonly RecentItem[];
  /** Items of the current session, newest first (empty when the last event is older than the gap). */
  readonly session: readonly RecentItem[];
  readonly purchased: ReadonlySet<string>;
  readonly eventCount: number;
  readonly lastSeen: number;
}

const NAMESPACES = ['cat', 'type', 'vendor', 'tag'] as const;

/**
 * Position in {@link NAMESPACES} of a feature key's namespace, or -1: the part before its first `:`
 * (as `key.slice(0, key.indexOf(':'))` reads it, so a key without one loses its last character).
 */
function namespaceOf(key: string): number {
  const colon = key.indexOf(':');
  const end = colon < 0 ? key.length - 1 : colon;
  for (let i = 0; i < NAMESPACES.length; i++) {
    const ns = NAMESPACES[i] as string;
    if (ns.length === end && key.startsWith(ns)) return i;
  }
  return -1;
}

/**
 * The current session: the chain of newest events with gaps shorter than `gapMs`, provided the newest
 * one is itself within `gapMs` of `now`. Newest first.
 */
export function currentSession(recent: readonly RecentItem[], now: number, gapMs: number): RecentItem[] {
  const sorted = [...recent].sort((a, b) => b.ts - a.ts);
  const out: RecentItem[] = [];
  let prev = now;
  for (const r of sorted) {
    if (prev - r.ts > gapMs) break;
    out.push(r);
    prev = r.ts;
  }
  return out;
}

/** Builds the scoring view of a raw profile at `now`. */
export function buildProfileView(raw: RawProfile, now: number, opts: ProfileViewOptions): ProfileView {
  // Per namespace (in NAMESPACES order) its sum; keys and values in the order the features list them.
  const sums = [0, 0, 0, 0];
  const keys: string[] = [];
  const values: number[] = [];
  const spaces: number[] = [];
  for (const key in raw.features) {
    if (!Object.hasOwn(raw.features, key)) continue;
    const ns = namespaceOf(key);
    if (ns < 0) continue;
    const v = decayed(raw.features[key] as number, now, opts.halfLifeMs);
    if (!(v > 0)) continue;
    keys.push(key);
    values.push(v);
    spaces.push(ns);
    sums[ns] = (sums[ns] as number) + v;
  }
  const affinities = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) affinities.set(keys[i] as string, (values[i] as number) / (sums[spaces[i] as number] as number));

  let priceBand: PriceBand | undefined;
  const w = raw.features['price:w'];
  const s = raw.features['price:sum'];
  const s2 = raw.features['price:sq'];
  if (w && w > 0 && s !== undefined) {
    const mean = s / w;
    const variance = s2 !== undefined ? Math.max(0, s2 / w - mean * mean) : 0;
    const sd = Math.max(Math.sqrt(variance), 0.25);
    priceBand = { center: Math.exp(mean), low: Math.exp(mean - sd), high: Math.exp(mean + sd) };
  }
  const recent = [...raw.recent].sort((a, b) => b.ts - a.ts);
  return {
    userId: raw.userId,
    affinities,
    ...(priceBand ? { priceBand } : {}),
    recent,
    session: currentSession(recent, now, opts.sessionGapMs),
    purchased: new Set(raw.purchased),
    eventCount: raw.eventCount,
    lastSeen: raw.lastSeen,
  };
}
