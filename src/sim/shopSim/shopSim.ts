/**
 * A local stand-in for a Shopify store's Storefront Catalog MCP, over real HTTP on 127.0.0.1.
 *
 * `POST /api/ucp/mcp` speaks JSON-RPC 2.0 the way Shopify's endpoint is used (stateless POST, one
 * JSON answer, no `initialize` needed, results in `structuredContent` and no `content`); `initialize`
 * and `notifications/initialized` are answered too, so the official MCP SDK client can connect. It is
 * as strict as Shopify documents (rpcHandlers.ts): the agent profile in `arguments.meta`, at most 10
 * lookup ids, numeric ids and taxonomy-id categories, answers in the negotiated UCP version; the business
 * profile is served at `GET /.well-known/ucp`. With
 * `legacy: true`, `POST /api/mcp` also serves the 2025 `search_shop_catalog` tool. Faults: added
 * latency, a seeded error rate (HTTP 500 or JSON-RPC -32603), and `down` (the listening socket is
 * closed, so connections are refused, and reopened on the same port on recovery).
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Product } from '../../core/catalog/product.ts';
import { prng } from '../shopperSim.ts';
import { RPC, RpcError, SimRpc } from './rpcHandlers.ts';

/** Faults that can be changed while the simulator runs. */
export interface ShopSimFaults {
  /** Added before every answer, ms. */
  readonly latencyMs?: number;
  /** Share of requests (0..1) that fail with HTTP 500 or JSON-RPC -32603. */
  readonly errorRate?: number;
  /** Refuse connections (listening socket closed; reopened on the same port when set back to false). */
  readonly down?: boolean;
}

/** Options of {@link createShopSim}. */
export interface ShopSimOptions extends ShopSimFaults {
  readonly products: readonly Product[];
  /** Domain used in product URLs (default `shop-sim.myshopify.com`). */
  readonly shopDomain?: string;
  /** Also serve the legacy `/api/mcp` endpoint with `search_shop_catalog`. */
  readonly legacy?: boolean;
  /** Seed of the error-rate PRNG (default 1). */
  readonly seed?: number;
  /** How injected errors look: `http` (500), `rpc` (-32603) or `mixed` (either, at random; default). */
  readonly errorKind?: 'http' | 'rpc' | 'mixed';
  /** Also return the JSON of `structuredContent` as `content[0].text`. */
  readonly includeTextContent?: boolean;
  /** Include `handle` in UCP products (default false, as observed on Shopify; `url` still has it). */
  readonly includeHandle?: boolean;
  /** Server-side clamp of the page size (default 100). */
  readonly maxPageSize?: number;
  /** Behave like a stateful Streamable HTTP server: every request but `initialize` needs `Mcp-Session-Id`. */
  readonly requireSession?: boolean;
  /** UCP versions spoken, published in `/.well-known/ucp` (default 2026-04-08 and 2026-08-25). */
  readonly ucpVersions?: readonly string[];
  /** The UCP version each agent profile URL declares (not fetched; an unknown profile declares the newest). */
  readonly agentVersions?: Readonly<Record<string, string>>;
  /** `lookup_catalog` also takes product handles (default false: product and variant GIDs only). */
  readonly lookupByHandle?: boolean;
  /** Port to listen on (default 0: any free port). */
  readonly port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  readonly host?: string;
}

/** A running simulator. */
export interface ShopSim {
  /** The Storefront Catalog MCP endpoint, `http://127.0.0.1:<port>/api/ucp/mcp`. */
  readonly url: string;
  /** The legacy endpoint, `http://127.0.0.1:<port>/api/mcp` (404 unless `legacy`). */
  readonly legacyUrl: string;
  readonly port: number;
  /** HTTP requests to the MCP endpoints received so far (refused connections are not requests). */
  readonly calls: number;
  /** `GET /.well-known/ucp` requests received so far. */
  readonly profileCalls: number;
  /** The products served, as the shop holds them: numeric product and variant ids. */
  readonly products: readonly Product[];
  /** Taxonomy id (`categories[].value`) of each category path. */
  readonly taxonomyIds: ReadonlyMap<string, string>;
  /** `tools/call` requests received, by tool name. */
  readonly toolCalls: Readonly<Record<string, number>>;
  /** Changes faults; resolves once the socket is closed or listening again. */
  setFaults(faults: ShopSimFaults): Promise<void>;
  close(): Promise<void>;
}

const UCP_PATH = '/api/ucp/mcp';
const LEGACY_PATH = '/api/mcp';
const WELL_KNOWN_UCP = '/.well-known/ucp';
const MAX_BODY = 1_000_000;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function rpcError(id: unknown, code: number, message: string): Record<string, unknown> {
  return { jsonrpc: '2.0', id: id ?? null, error: { code, message } };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error): void => reject(e);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Starts a simulator on 127.0.0.1 (port 0 unless given). */
export async function createShopSim(opts: ShopSimOptions): Promise<ShopSim> {
  const rpc = new SimRpc({
    products: opts.products,
    shopDomain: opts.shopDomain ?? 'shop-sim.myshopify.com',
    ...(opts.includeTextContent ? { includeTextContent: true } : {}),
    ...(opts.includeHandle ? { includeHandle: true } : {}),
    ...(opts.maxPageSize ? { maxPageSize: opts.maxPageSize } : {}),
    ...(opts.ucpVersions ? { ucpVersions: opts.ucpVersions } : {}),
    ...(opts.agentVersions ? { agentVersions: opts.agentVersions } : {}),
    ...(opts.lookupByHandle ? { lookupByHandle: true } : {}),
  });
  let profileCalls = 0;
  const rnd = prng(opts.seed ?? 1);
  const host = opts.host ?? '127.0.0.1';
  let faults = { latencyMs: opts.latencyMs ?? 0, errorRate: opts.errorRate ?? 0, down: false };
  let calls = 0;
  const toolCalls: Record<string, number> = {};
  const sessions = new Set<string>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    // The business profile, where agents negotiate the UCP version (no fault but `down` applies to it).
    if (path === WELL_KNOWN_UCP) {
      profileCalls++;
      if (req.method !== 'GET') return sendJson(res, 405, { error: 'Method Not Allowed' }, { allow: 'GET' });
      return sendJson(res, 200, rpc.businessProfile(`http://${host}:${port}${UCP_PATH}`));
    }
    calls++;
    const legacy = path === LEGACY_PATH;
    if (path !== UCP_PATH && !(legacy && opts.legacy)) return sendJson(res, 404, { error: 'Not Found' });
    // No server-initiated SSE stream and no session deletion: 405, which MCP clients accept.
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'Method Not Allowed' }, { allow: 'POST' });

    const raw = await readBody(req);
    if (faults.latencyMs > 0) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, faults.latencyMs);
        res.once('close', () => {
          clearTimeout(t);
          resolve();
        });
      });
      if (res.destroyed) return;
    }
    let msg: unknown;
    try {
      msg = JSON.parse(raw);
    } catch {
      return sendJson(res, 400, rpcError(null, RPC.PARSE, 'Parse error'));
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return sendJson(res, 400, rpcError(null, RPC.INVALID_REQUEST, 'Invalid Request'));
    const { id, method, params } = msg as { id?: unknown; method?: unknown; params?: unknown };
    if (typeof method !== 'string') return sendJson(res, 400, rpcError(id, RPC.INVALID_REQUEST, 'Invalid Request'));

    if (faults.errorRate > 0 && rnd() < faults.errorRate) {
      const kind = opts.errorKind ?? 'mixed';
      if (kind === 'http' || (kind === 'mixed' && rnd() < 0.5)) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        return void res.end('Internal Server Error');
      }
      return sendJson(res, 200, rpcError(id, RPC.INTERNAL, 'Internal error'));
    }
    if (opts.requireSession && method !== 'initialize') {
      const sid = req.headers['mcp-session-id'];
      if (typeof sid !== 'string' || !sessions.has(sid)) return sendJson(res, 400, rpcError(id, -32000, 'Bad Request: No valid session ID provided'));
    }
    // Notifications (no id) get no JSON-RPC answer.
    if (id === undefined || id === null) {
      res.writeHead(202);
      return void res.end();
    }
    if (method === 'tools/call') {
      const name = (params as { name?: unknown } | undefined)?.name;
      if (typeof name === 'string') toolCalls[name] = (toolCalls[name] ?? 0) + 1;
    }
    try {
      const result = rpc.handle(method, params, legacy);
      const headers: Record<string, string> = {};
      if (method === 'initialize' && opts.requireSession) {
        const sid = randomUUID();
        sessions.add(sid);
        headers['mcp-session-id'] = sid;
      }
      sendJson(res, 200, { jsonrpc: '2.0', id, result }, headers);
    } catch (e) {
      if (e instanceof RpcError) return sendJson(res, 200, rpcError(id, e.code, e.message));
      sendJson(res, 200, rpcError(id, RPC.INTERNAL, 'Internal error'));
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal Server Error' });
      else res.destroy();
    });
  });
  const port = await listen(server, opts.port ?? 0, host);

  async function setFaults(f: ShopSimFaults): Promise<void> {
    faults = { latencyMs: f.latencyMs ?? faults.latencyMs, errorRate: f.errorRate ?? faults.errorRate, down: f.down ?? faults.down };
    if (faults.down && server.listening) await stop(server);
    else if (!faults.down && !server.listening) await listen(server, port, host);
  }
  if (opts.down) await setFaults({ down: true });

  const base = `http://${host}:${port}`;
  return {
    url: `${base}${UCP_PATH}`,
    legacyUrl: `${base}${LEGACY_PATH}`,
    port,
    get calls() {
      return calls;
    },
    get profileCalls() {
      return profileCalls;
    },
    products: rpc.products,
    taxonomyIds: rpc.taxonomyIds,
    get toolCalls() {
      return { ...toolCalls };
    },
    setFaults,
    close: () => stop(server),
  };
}
