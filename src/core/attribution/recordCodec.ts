/**
 * Compact stored form of served lists and outcomes, shared by both stores (docs/decisions/0002,
 * "Storage cost").
 *
 * A served list is packed into bytes: a flags varint (surface, human, which optional fields follow,
 * status), then the optional fields and the items as varints. Product ids and the repeated labels
 * (experiment, variant, agent, intent, market) are numbers of the shop's dictionary (`ref`/`value`,
 * kept by the store: `p<product id>`, `s<label>`), so a list of 8 products takes ~20 bytes instead of
 * ~300. Shop, id, time and the shopper are the store's (columns or the record's header).
 * Outcomes are few (a few percent of lists are clicked) and stay short-keyed JSON.
 */
import type { Outcome, OutcomeKind, ServedList, Surface } from './servedList.ts';
import { SURFACES } from './servedList.ts';

/** Appends varints and bytes (unsigned integers up to 2^53). */
export class ByteWriter {
  #buf = new Uint8Array(64);
  #len = 0;

  get length(): number {
    return this.#len;
  }

  #room(n: number): void {
    if (this.#len + n <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < this.#len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buf.subarray(0, this.#len));
    this.#buf = next;
  }

  uint(n: number): this {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`varint: ${n} is not an unsigned safe integer`);
    this.#room(8);
    let v = n;
    while (v >= 0x80) {
      this.#buf[this.#len++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.#buf[this.#len++] = v;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.#room(b.length);
    this.#buf.set(b, this.#len);
    this.#len += b.length;
    return this;
  }

  /** Empties the writer (its memory is kept) to write another record. */
  reset(): this {
    this.#len = 0;
    return this;
  }

  /** A copy of what was written. */
  done(): Uint8Array {
    return this.#buf.slice(0, this.#len);
  }
}

/** Reads what {@link ByteWriter} wrote. Throws `RangeError` past the end. */
export class ByteReader {
  #at: number;
  constructor(
    private readonly buf: Uint8Array,
    at = 0,
    private readonly end = buf.length,
  ) {
    this.#at = at;
  }

  get at(): number {
    return this.#at;
  }

  get left(): number {
    return this.end - this.#at;
  }

  uint(): number {
    let n = 0;
    let mul = 1;
    for (let i = 0; i < 8; i++) {
      if (this.#at >= this.end) throw new RangeError('varint past the end');
      const b = this.buf[this.#at++] as number;
      n += (b & 0x7f) * mul;
      if (b < 0x80) return n;
      mul *= 0x80;
    }
    throw new RangeError('varint too long');
  }

  bytes(n: number): Uint8Array {
    if (this.#at + n > this.end) throw new RangeError('bytes past the end');
    const out = this.buf.subarray(this.#at, this.#at + n);
    this.#at += n;
    return out;
  }
}

/** Dictionary value of a product id. */
export const productValue = (id: string): string => `p${id}`;
/** Dictionary value of a label (experiment, variant, agent, intent, market). */
export const labelValue = (s: string): string => `s${s}`;

/** The dictionary values a list needs (products and labels), each once. */
export function dictionaryValues(l: ServedList): string[] {
  const out = new Set<string>();
  for (const label of [l.agent, l.experiment?.id, l.experiment?.variant, l.intent, l.market]) if (label) out.add(labelValue(label));
  for (const p of l.items) out.add(productValue(p));
  return [...out];
}

const F_HUMAN = 1 << 3;
const F_AGENT = 1 << 4;
const F_EXPERIMENT = 1 << 5;
const F_INTENT = 1 << 6;
const F_MARKET = 1 << 7;
const F_TOOK = 1 << 8;
const STATUS_SHIFT = 9;

/** Packs a list minus shop, id, ts and the shopper ids. `ref` gives the dictionary number of a value (from {@link dictionaryValues}). */
export function packServed(l: ServedList, ref: (value: string) => number, w = new ByteWriter()): ByteWriter {
  return packServedBy(l, { product: (id) => ref(productValue(id)), label: (s) => ref(labelValue(s)) }, w);
}

/** Dictionary numbers by kind of value: a product id's (of `productValue(id)`), a label's (of `labelValue(s)`). */
export interface DictionaryRefs {
  readonly product: (id: string) => number;
  readonly label: (s: string) => number;
}

/** {@link packServed} with the numbers asked for by kind (a store keeping them apart builds no `p…`/`s…` string per lookup). */
export function packServedBy(l: ServedList, ref: DictionaryRefs, w = new ByteWriter()): ByteWriter {
  const surface = SURFACES.indexOf(l.surface);
  if (surface < 0) throw new RangeError(`unknown surface ${l.surface}`);
  const status = l.status === 'degraded' ? 1 : l.status === 'error' ? 2 : 0;
  let flags = surface | (status << STATUS_SHIFT);
  if (l.actor === 'human') flags |= F_HUMAN;
  if (l.agent) flags |= F_AGENT;
  if (l.experiment) flags |= F_EXPERIMENT;
  if (l.intent) flags |= F_INTENT;
  if (l.market) flags |= F_MARKET;
  const took = l.tookMs !== undefined && Number.isFinite(l.tookMs) ? Math.max(0, Math.round(l.tookMs * 10)) : undefined;
  if (took !== undefined) flags |= F_TOOK;
  w.uint(flags);
  if (l.agent) w.uint(ref.label(l.agent));
  if (l.experiment) w.uint(ref.label(l.experiment.id)).uint(ref.label(l.experiment.variant));
  if (l.intent) w.uint(ref.label(l.intent));
  if (l.market) w.uint(ref.label(l.market));
  // Latency in tenths of a millisecond (the precision analytics reports).
  if (took !== undefined) w.uint(took);
  w.uint(l.items.length);
  for (const p of l.items) w.uint(ref.product(p));
  return w;
}

/** What {@link unpackServed} reads: the list minus what the store keeps itself. */
export type PackedFields = Omit<ServedList, 'id' | 'shop' | 'ts' | 'userId' | 'shopperKey'>;

/**
 * Reads a packed list. `value` gives the dictionary value of a number (`undefined` when the store has
 * none: a product missing from the dictionary reads as `#<n>`, a label as absent).
 */
export function unpackServed(r: ByteReader, value: (n: number) => string | undefined): PackedFields {
  const flags = r.uint();
  const label = (): string | undefined => {
    const v = value(r.uint());
    return v?.startsWith('s') ? v.slice(1) : undefined;
  };
  const surface = SURFACES[flags & 7] ?? 'api';
  const agent = flags & F_AGENT ? label() : undefined;
  const experiment = flags & F_EXPERIMENT ? [label(), label()] : undefined;
  const intent = flags & F_INTENT ? label() : undefined;
  const market = flags & F_MARKET ? label() : undefined;
  const took = flags & F_TOOK ? r.uint() / 10 : undefined;
  const status = (flags >> STATUS_SHIFT) & 3;
  const n = r.uint();
  const items: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = r.uint();
    const v = value(k);
    items.push(v?.startsWith('p') ? v.slice(1) : `#${k}`);
  }
  return {
    surface: surface as Surface,
    actor: flags & F_HUMAN ? 'human' : 'agent',
    ...(agent ? { agent } : {}),
    ...(experiment?.[0] && experiment[1] ? { experiment: { id: experiment[0], variant: experiment[1] } } : {}),
    ...(intent ? { intent } : {}),
    ...(market ? { market } : {}),
    items,
    ...(took !== undefined ? { tookMs: took } : {}),
    ...(status === 1 ? { status: 'degraded' as const } : status === 2 ? { status: 'error' as const } : {}),
  };
}

/** The 12 bytes of a well-formed recommendation id (16 base64url characters); `undefined` for any other id (stored as text). */
export function rawId(id: string): Uint8Array | undefined {
  return /^[A-Za-z0-9_-]{16}$/.test(id) ? Buffer.from(id, 'base64url') : undefined;
}

/** The id of {@link rawId}'s bytes. */
export function idOfRaw(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64url');
}

/** A list as versions before the packed form stored it (JSON with short keys); read once to convert it. */
export function decodeLegacyServed(shop: string, id: string, ts: number, userId: string | undefined, doc: string): ServedList {
  const d = JSON.parse(doc) as { s: Surface; h?: 1; a?: string; e?: string; v?: string; i?: string; m?: string; p: string[]; t?: number; x?: 'd' | 'e' };
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
