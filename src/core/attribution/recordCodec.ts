/**
 * Compact stored form of served lists and outcomes, shared by both stores: short keys, and nothing the
 * store keeps in its own columns or key (shop, id, time, user). About 325 bytes for a list of 8 CSV
 * handles of ~27 characters (`bench/attributionBytes.ts`; figures in docs/decisions/0002).
 */
import type { Outcome, OutcomeKind, ServedList, Surface } from './servedList.ts';

interface ServedDoc {
  s: Surface;
  h?: 1;
  a?: string;
  e?: string;
  v?: string;
  i?: string;
  m?: string;
  p: readonly string[];
  /** Latency, ms (one decimal). */
  t?: number;
  /** Status: `d` degraded, `e` error (absent: ok). */
  x?: 'd' | 'e';
}

/** The served list minus shop, id, ts and userId. */
export function encodeServed(l: ServedList): string {
  const d: ServedDoc = {
    s: l.surface,
    ...(l.actor === 'human' ? { h: 1 as const } : {}),
    ...(l.agent ? { a: l.agent } : {}),
    ...(l.experiment ? { e: l.experiment.id, v: l.experiment.variant } : {}),
    ...(l.intent ? { i: l.intent } : {}),
    ...(l.market ? { m: l.market } : {}),
    p: l.items,
    ...(l.tookMs !== undefined ? { t: Math.round(l.tookMs * 10) / 10 } : {}),
    ...(l.status === 'degraded' ? { x: 'd' as const } : l.status === 'error' ? { x: 'e' as const } : {}),
  };
  return JSON.stringify(d);
}

export function decodeServed(shop: string, id: string, ts: number, userId: string | undefined, doc: string): ServedList {
  const d = JSON.parse(doc) as ServedDoc;
  return {
    id,
    shop,
    ts,
    surface: d.s,
    actor: d.h ? 'human' : 'agent',
    ...(d.a ? { agent: d.a } : {}),
    ...(d.e && d.v ? { experiment: { id: d.e, variant: d.v } } : {}),
    ...(d.i ? { intent: d.i } : {}),
    ...(d.m ? { market: d.m } : {}),
    ...(userId ? { userId } : {}),
    items: d.p,
    ...(d.t !== undefined ? { tookMs: d.t } : {}),
    ...(d.x ? { status: d.x === 'd' ? ('degraded' as const) : ('error' as const) } : {}),
  };
}

interface OutcomeDoc {
  r: string;
  k: OutcomeKind;
  p?: string;
  n?: number;
  c?: string;
  o?: string;
  f?: number;
}

/** The outcome minus shop, key, ts and userId. */
export function encodeOutcome(o: Outcome): string {
  const d: OutcomeDoc = {
    r: o.recId,
    k: o.kind,
    ...(o.productId ? { p: o.productId } : {}),
    ...(o.amount !== undefined ? { n: o.amount } : {}),
    ...(o.currency ? { c: o.currency } : {}),
    ...(o.orderId ? { o: o.orderId } : {}),
    ...(o.influenced ? { f: o.influenced } : {}),
  };
  return JSON.stringify(d);
}

export function decodeOutcome(shop: string, key: string, ts: number, userId: string, doc: string): Outcome {
  const d = JSON.parse(doc) as OutcomeDoc;
  return {
    key,
    shop,
    ts,
    userId,
    recId: d.r,
    kind: d.k,
    ...(d.p ? { productId: d.p } : {}),
    ...(d.n !== undefined ? { amount: d.n } : {}),
    ...(d.c ? { currency: d.c } : {}),
    ...(d.o ? { orderId: d.o } : {}),
    ...(d.f ? { influenced: d.f } : {}),
  };
}
