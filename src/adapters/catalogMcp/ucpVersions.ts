/**
 * UCP version negotiation from the client's side. A shop publishes its business profile at
 * `https://{shop}/.well-known/ucp`; its `services["dev.ucp.shopping"]` entries name the versions (and
 * the MCP endpoint) it serves. The client speaks {@link UCP_VERSIONS} and negotiates the newest one
 * both sides know, the way `@shopify/ucp-cli` does. The server selects the version of each answer
 * from the agent profile (`ucp.version` there), and says which in `structuredContent.ucp.version`.
 *
 * What differs between the two versions Affinity reads (docs/shopify.md §0): 2026-08-25 adds
 * `context.location`, `context.payment[]`, `policies[]`/`actions` and `variant.quantity_unit`, and
 * profiles renamed `signing_keys[]` to `keys[]`. Both are accepted wherever they can appear.
 */
import { CatalogMcpError } from './errors.ts';

/** UCP versions the client reads, oldest first. */
export const UCP_VERSIONS = ['2026-04-08', '2026-08-25'] as const;

/** A UCP version the client reads. */
export type UcpVersion = (typeof UCP_VERSIONS)[number];

/** The newest version the client speaks (what it negotiates when the shop offers it). */
export const LATEST_UCP_VERSION: UcpVersion = '2026-08-25';

/** The first version with `context.location`, `context.payment[]`, `policies[]` and `keys[]`. */
export const UCP_2026_08_25: UcpVersion = '2026-08-25';

/** UCP's shopping service, the one the catalog tools belong to. */
const SHOPPING_SERVICE = 'dev.ucp.shopping';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const VERSION = /^\d{4}-\d{2}-\d{2}$/;

/** What a shop's business profile says, as far as the catalog client needs it. */
export interface BusinessProfile {
  /** `ucp.version` of the profile document. */
  readonly version?: string;
  /** Versions of `dev.ucp.shopping` served over MCP (newest first). */
  readonly mcpVersions: readonly string[];
  /** MCP endpoint of each of those versions. */
  readonly endpoints: Readonly<Record<string, string>>;
  /** `kid`s of the published signing keys, from `keys[]` (2026-08-25) or `signing_keys[]` (2026-04-08). */
  readonly keyIds: readonly string[];
}

/** Whether `v` is a UCP version Affinity reads. */
export function isKnownVersion(v: unknown): v is UcpVersion {
  return typeof v === 'string' && (UCP_VERSIONS as readonly string[]).includes(v);
}

/**
 * Reads a business profile (`/.well-known/ucp`). Accepts the 2026 shape (`services` entries are arrays
 * of `{version, transport, endpoint}`) and the earlier draft's (`{version, mcp: {endpoint}}`), and
 * `supported_versions` (version → URL of that rendering) as further offered versions.
 * @throws CatalogMcpError `protocol` when the document has no `ucp` object
 */
export function parseBusinessProfile(doc: unknown): BusinessProfile {
  if (!isObj(doc) || !isObj(doc.ucp)) throw new CatalogMcpError('protocol', '/.well-known/ucp: no "ucp" object');
  const ucp = doc.ucp;
  const endpoints: Record<string, string> = {};
  const services = isObj(ucp.services) ? ucp.services[SHOPPING_SERVICE] : undefined;
  const entries = Array.isArray(services) ? services : isObj(services) ? [services] : [];
  for (const e of entries.filter(isObj)) {
    if (typeof e.version !== 'string' || !VERSION.test(e.version)) continue;
    const mcp = e.transport === 'mcp' ? e : isObj(e.mcp) ? e.mcp : undefined;
    if (!mcp) continue;
    endpoints[e.version] = typeof mcp.endpoint === 'string' ? mcp.endpoint : (endpoints[e.version] ?? '');
  }
  if (isObj(ucp.supported_versions)) for (const v of Object.keys(ucp.supported_versions)) if (VERSION.test(v) && !(v in endpoints)) endpoints[v] = '';
  const keys = Array.isArray(doc.keys) ? doc.keys : Array.isArray(doc.signing_keys) ? doc.signing_keys : [];
  return {
    ...(typeof ucp.version === 'string' ? { version: ucp.version } : {}),
    mcpVersions: Object.keys(endpoints).sort().reverse(),
    endpoints,
    keyIds: keys.filter(isObj).flatMap((k) => (typeof k.kid === 'string' ? [k.kid] : [])),
  };
}

/** The newest version both the shop and the client speak, or `undefined` when they share none. */
export function negotiateVersion(offered: readonly string[]): UcpVersion | undefined {
  for (const v of [...UCP_VERSIONS].reverse()) if (offered.includes(v)) return v;
  return undefined;
}

/** `https://host/.well-known/ucp` of an endpoint URL's origin. */
export function businessProfileUrl(endpoint: string): string {
  return `${new URL(endpoint).origin}/.well-known/ucp`;
}

/**
 * Fetches and reads a shop's business profile. `undefined` when the shop publishes none (HTTP 404)
 * or answers with something that is not one.
 * @throws CatalogMcpError `network`/`timeout`/`http` when the shop cannot be reached
 */
export async function fetchBusinessProfile(
  endpoint: string,
  opts: { readonly fetch?: typeof fetch; readonly signal?: AbortSignal; readonly headers?: Readonly<Record<string, string>> } = {},
): Promise<BusinessProfile | undefined> {
  const url = businessProfileUrl(endpoint);
  let res: Response;
  try {
    res = await (opts.fetch ?? fetch)(url, { headers: { accept: 'application/json', ...opts.headers }, ...(opts.signal ? { signal: opts.signal } : {}) });
  } catch (e) {
    if (opts.signal?.aborted) throw new CatalogMcpError('timeout', `${url}: request aborted`, { cause: e });
    throw new CatalogMcpError('network', `${url}: ${(e as Error).message}`, { cause: e });
  }
  const text = await res.text().catch(() => '');
  if (res.status === 404 || res.status === 405) return undefined;
  if (!res.ok) throw new CatalogMcpError('http', `GET /.well-known/ucp: HTTP ${res.status}`, { status: res.status });
  try {
    return parseBusinessProfile(JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}
