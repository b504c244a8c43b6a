/**
 * A small JSON-RPC 2.0 over HTTP POST client for MCP endpoints, stateless first.
 *
 * Why not the MCP SDK client: `Client.connect()` always runs the `initialize` handshake (plus
 * `notifications/initialized` and a GET for a server stream) before any call. Shopify's own
 * Storefront MCP client sends `tools/list`/`tools/call` as plain POSTs with no handshake and no
 * session, and whether Shopify's endpoints answer `initialize` is not documented (docs/shopify.md §1.2,
 * "What I could NOT verify"). Its `callTool` does accept `structuredContent` without `content`
 * (SDK 1.32 defaults `content` to `[]`; shop-sim tests check this), so that is not the reason. What we
 * need is one POST per call, each bounded by the caller's AbortSignal (cockatiel's timeout), with no
 * connection or session state to rebuild when the circuit breaker flips. This file is that; it
 * falls back to the handshake only when a server demands a session (HTTP 400/404 naming one).
 */
import { CatalogMcpError } from './errors.ts';

/** Options of {@link JsonRpcHttp}. */
export interface JsonRpcHttpOptions {
  readonly url: string;
  /** Extra request headers (e.g. a bearer token for the global catalog). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Injected fetch (tests, proxies); default global fetch. */
  readonly fetch?: typeof fetch;
  /** `clientInfo` sent if a server demands the `initialize` handshake. */
  readonly clientInfo?: { readonly name: string; readonly version: string };
}

const PROTOCOL_VERSION = '2025-06-18';

type Envelope = { jsonrpc?: unknown; id?: unknown; result?: unknown; error?: { code?: unknown; message?: unknown } };

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Picks the JSON-RPC response with `id` out of an SSE body (`data:` lines per event). */
function fromSse(text: string, id: number): Envelope | undefined {
  for (const event of text.split(/\r?\n\r?\n/)) {
    const data = event
      .split(/\r?\n/)
      .filter((l) => l.startsWith('data:'))
      .map((l) => l.slice(5).replace(/^ /, ''))
      .join('\n');
    if (data === '') continue;
    try {
      const msg = JSON.parse(data) as unknown;
      if (isObj(msg) && msg.id === id) return msg as Envelope;
    } catch {
      // not JSON: skip
    }
  }
  return undefined;
}

/** Whether a failed reply asks for an MCP session (stateful Streamable HTTP servers). */
function wantsSession(e: unknown): boolean {
  return e instanceof CatalogMcpError && (e.status === 400 || e.status === 404) && /session|initiali[sz]/i.test(e.message);
}

/** JSON-RPC requests to one MCP endpoint. */
export class JsonRpcHttp {
  readonly #o: JsonRpcHttpOptions;
  readonly #fetch: typeof fetch;
  #nextId = 1;
  #sessionId: string | undefined;
  #protocolVersion: string | undefined;

  constructor(opts: JsonRpcHttpOptions) {
    this.#o = opts;
    this.#fetch = opts.fetch ?? fetch;
  }

  /** The endpoint URL. */
  get url(): string {
    return this.#o.url;
  }

  /** Sends one request and returns its `result`. @throws CatalogMcpError */
  async request(method: string, params: unknown, signal?: AbortSignal): Promise<unknown> {
    try {
      return await this.#send(method, params, signal);
    } catch (e) {
      if (!wantsSession(e) || signal?.aborted) throw e;
      this.#sessionId = undefined;
      await this.#initialize(signal);
      return this.#send(method, params, signal);
    }
  }

  async #initialize(signal?: AbortSignal): Promise<void> {
    const r = (await this.#send(
      'initialize',
      { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: this.#o.clientInfo ?? { name: 'affinity', version: '0.1.0' } },
      signal,
    )) as { protocolVersion?: unknown } | undefined;
    if (typeof r?.protocolVersion === 'string') this.#protocolVersion = r.protocolVersion;
    await this.#post({ jsonrpc: '2.0', method: 'notifications/initialized' }, signal);
  }

  async #post(body: unknown, signal?: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...(this.#sessionId ? { 'mcp-session-id': this.#sessionId } : {}),
      ...(this.#protocolVersion ? { 'mcp-protocol-version': this.#protocolVersion } : {}),
      ...this.#o.headers,
    };
    try {
      const res = await this.#fetch(this.#o.url, { method: 'POST', headers, body: JSON.stringify(body), ...(signal ? { signal } : {}) });
      const sid = res.headers.get('mcp-session-id');
      if (sid) this.#sessionId = sid;
      return res;
    } catch (e) {
      if (signal?.aborted) throw new CatalogMcpError('timeout', `${this.#o.url}: request aborted`, { cause: e });
      throw new CatalogMcpError('network', `${this.#o.url}: ${(e as Error).message}${causeCode(e)}`, { cause: e });
    }
  }

  async #send(method: string, params: unknown, signal?: AbortSignal): Promise<unknown> {
    const id = this.#nextId++;
    const res = await this.#post({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) }, signal);
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      if (signal?.aborted) throw new CatalogMcpError('timeout', `${this.#o.url}: response aborted`, { cause: e });
      throw new CatalogMcpError('network', `${this.#o.url}: response interrupted: ${(e as Error).message}`, { status: res.status, cause: e });
    }
    let msg: Envelope | undefined;
    if ((res.headers.get('content-type') ?? '').includes('text/event-stream')) msg = fromSse(text, id);
    else {
      try {
        const parsed = JSON.parse(text) as unknown;
        if (isObj(parsed)) msg = parsed as Envelope;
      } catch {
        msg = undefined;
      }
    }
    if (msg && isObj(msg.error)) {
      const code = typeof msg.error.code === 'number' ? msg.error.code : undefined;
      const message = typeof msg.error.message === 'string' ? msg.error.message : 'JSON-RPC error';
      throw new CatalogMcpError('rpc', `${method}: ${message}${code !== undefined ? ` (${code})` : ''}`, {
        ...(code !== undefined ? { rpcCode: code } : {}),
        ...(res.ok ? {} : { status: res.status }),
      });
    }
    if (!res.ok) throw new CatalogMcpError('http', `${method}: HTTP ${res.status}`, { status: res.status });
    if (!msg || !('result' in msg)) throw new CatalogMcpError('protocol', `${method}: the reply is not a JSON-RPC result`, { status: res.status });
    return msg.result;
  }
}

function causeCode(e: unknown): string {
  const code = (e as { cause?: { code?: unknown } })?.cause?.code;
  return typeof code === 'string' ? ` (${code})` : '';
}
