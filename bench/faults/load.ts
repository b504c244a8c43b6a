/**
 * Steady mixed load for the fault suite: a few closed-loop clients, each pausing a little between
 * requests, sending pixel events (`POST /v1/events`, unique ids; every id answered 202 is recorded),
 * recommendations (`POST /v1/recommendations`) and MCP tool calls (`search_catalog`,
 * `recommend_products`: raw JSON-RPC POSTs to the stateless `/mcp`). Every request is recorded with the
 * phase it started in, its outcome, its latency and whether the answer said it was degraded.
 */
import type { Product } from '../../src/core/catalog/product.ts';
import { addedToCart, productViewed } from '../../src/sim/pixelPayloads.ts';
import { prng } from '../../src/sim/shopperSim.ts';

/** What a request was. */
export type Op = 'event' | 'recommend' | 'mcp_search' | 'mcp_recommend';
export const OPS: readonly Op[] = ['event', 'recommend', 'mcp_search', 'mcp_recommend'];

/** One request's outcome. */
export interface Sample {
  readonly phase: string;
  readonly op: Op;
  /** Start, ms on the `performance.now()` clock. */
  readonly at: number;
  readonly ms: number;
  /** HTTP status, or `timeout` / `conn-error` when no answer came. */
  readonly status: string;
  /** The answer said it was degraded (`"degraded": true`, or MCP `fallback_used: true`). */
  readonly degraded: boolean;
  /** MCP: the JSON-RPC answer was an error or a tool error (`isError`). */
  readonly toolError?: string;
  /** Error code of a problem document (`{"error":{"code"}}`). */
  readonly code?: string;
  /** A 503 carried `Retry-After`. */
  readonly retryAfter?: boolean;
}

/** Options of {@link startLoad}. */
export interface LoadOptions {
  readonly url: string;
  readonly shop: string;
  /** A key with read and ingest for `shop`. */
  readonly key: string;
  readonly products: readonly Product[];
  readonly clients: number;
  /** Pause between two requests of one client, ms. */
  readonly pauseMs: number;
  /** Client-side timeout of one request, ms. */
  readonly timeoutMs: number;
  /** Shoppers the load acts as (ids). */
  readonly users: readonly string[];
  /** Prefix of event ids (unique per run). */
  readonly idPrefix: string;
  /** The phase a request starting now belongs to. */
  readonly phase: () => string;
  readonly seed?: number;
}

/** The running load. */
export interface Load {
  readonly samples: Sample[];
  /** Event id → user id, for every event answered 202. */
  readonly acked: Map<string, string>;
  /** Event ids sent, in total. */
  readonly sent: () => number;
  /** Stops the clients and waits for the requests in flight (each bounded by the timeout). */
  stop(): Promise<void>;
}

export const MCP_PROTOCOL_VERSION = '2025-06-18';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function isTimeout(e: unknown): boolean {
  const name = (e as { name?: string })?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** Search words drawn from the catalog's titles and types, so that shop searches vary (and miss the cache). */
function searchWords(products: readonly Product[]): string[] {
  const words = new Set<string>();
  for (const p of products) for (const w of `${p.title} ${p.productType}`.toLowerCase().split(/[^a-z]+/)) if (w.length > 3) words.add(w);
  return [...words].sort();
}

/** Starts the clients; they run until `stop()`. */
export function startLoad(o: LoadOptions): Load {
  const rnd = prng(o.seed ?? 17);
  const words = searchWords(o.products);
  const samples: Sample[] = [];
  const acked = new Map<string, string>();
  let seq = 0;
  let rpcId = 0;
  let running = true;
  const auth = { authorization: `Bearer ${o.key}` };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const user = () => pick(o.users);

  async function request(op: Op, path: string, body: unknown, headers: Record<string, string>, read: (status: number, json: any, res: Response) => Partial<Sample>): Promise<void> {
    const phase = o.phase();
    const t0 = performance.now();
    let out: Partial<Sample>;
    try {
      const res = await fetch(`${o.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth, ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(o.timeoutMs) });
      const text = await res.text();
      let json: any;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      const code = typeof json?.error?.code === 'string' ? (json.error.code as string) : undefined;
      out = {
        status: String(res.status),
        ...(code ? { code } : {}),
        ...(res.status === 503 ? { retryAfter: res.headers.has('retry-after') } : {}),
        ...read(res.status, json, res),
      };
    } catch (e) {
      out = { status: isTimeout(e) ? 'timeout' : 'conn-error' };
    }
    samples.push({ phase, op, at: t0, ms: performance.now() - t0, status: out.status ?? 'conn-error', degraded: out.degraded ?? false, ...out });
  }

  function sendEvents(): Promise<void> {
    const u = user();
    const n = rnd() < 0.7 ? 1 : 2;
    const events = Array.from({ length: n }, () => {
      const id = `${o.idPrefix}-${seq++}`;
      const p = pick(o.products);
      return { id, event: rnd() < 0.8 ? productViewed(id, u, Date.now(), p) : addedToCart(id, u, Date.now(), p) };
    });
    return request('event', '/v1/events', { shop: o.shop, events: events.map((e) => e.event) }, {}, (status) => {
      if (status === 202) for (const e of events) acked.set(e.id, u);
      return {};
    });
  }

  function recommend(): Promise<void> {
    const body = { shop: o.shop, userId: user(), limit: 8, ...(rnd() < 0.5 ? { productId: pick(o.products).id } : {}) };
    return request('recommend', '/v1/recommendations', body, {}, (status, json) => ({ degraded: status === 200 && json?.degraded === true }));
  }

  function mcp(op: 'mcp_search' | 'mcp_recommend'): Promise<void> {
    const args =
      op === 'mcp_search'
        ? { query: pick(words), user_id: user(), limit: 5 }
        : { user_id: user(), limit: 5, market: { country: 'US', currency: 'USD' } };
    const name = op === 'mcp_search' ? 'search_catalog' : 'recommend_products';
    const body = { jsonrpc: '2.0', id: ++rpcId, method: 'tools/call', params: { name, arguments: args } };
    const headers = { accept: 'application/json, text/event-stream', 'mcp-protocol-version': MCP_PROTOCOL_VERSION };
    return request(op, `/mcp?shop=${encodeURIComponent(o.shop)}`, body, headers, (status, json) => {
      if (status !== 200) return {};
      if (json?.error) return { toolError: `rpc ${json.error.code}` };
      const r = json?.result;
      if (r?.isError) return { toolError: 'isError' };
      return { degraded: r?.structuredContent?.fallback_used === true };
    });
  }

  async function client(): Promise<void> {
    while (running) {
      const x = rnd();
      if (x < 0.4) await sendEvents();
      else if (x < 0.7) await recommend();
      else if (x < 0.85) await mcp('mcp_search');
      else await mcp('mcp_recommend');
      await sleep(o.pauseMs);
    }
  }

  const clients = Array.from({ length: o.clients }, () => client());
  return {
    samples,
    acked,
    sent: () => seq,
    async stop() {
      running = false;
      await Promise.all(clients);
    },
  };
}

/** Value at percentile `p` of sorted values (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/** Summary of a set of samples. */
export interface Summary {
  readonly n: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly degraded: number;
  readonly toolErrors: number;
  readonly fivexx: number;
  /** 503s without Retry-After. */
  readonly noRetryAfter503: number;
}

export function summarize(samples: readonly Sample[]): Summary {
  const lat = samples.map((s) => s.ms).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const s of samples) {
    const k = s.code ? `${s.status} ${s.code}` : s.status;
    statuses[k] = (statuses[k] ?? 0) + 1;
  }
  return {
    n: samples.length,
    statuses,
    p50: percentile(lat, 50),
    p95: percentile(lat, 95),
    p99: percentile(lat, 99),
    max: lat.at(-1) ?? NaN,
    degraded: samples.filter((s) => s.degraded).length,
    toolErrors: samples.filter((s) => s.toolError).length,
    fivexx: samples.filter((s) => /^5\d\d$/.test(s.status)).length,
    noRetryAfter503: samples.filter((s) => s.status === '503' && s.retryAfter === false).length,
  };
}
