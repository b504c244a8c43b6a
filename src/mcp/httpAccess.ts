/**
 * Which browsers and host names may reach `/mcp` over HTTP. The MCP transport specification asks
 * servers to validate `Origin` (a web page must not drive a local MCP server from the shopper's
 * browser) and, for servers on the local machine, to guard against DNS rebinding, where a page on
 * `attacker.example` re-resolves its name to 127.0.0.1 and then posts to the server as a
 * "same-origin" request whose `Host` header still says `attacker.example`.
 *
 * - `Origin`: requests without one (server-side agents, desktop clients, curl) pass. A request that
 *   carries one passes only when it is listed in `AFFINITY_MCP_ALLOWED_ORIGINS` (none by default).
 * - `Host`: the names the server listens on, plus `AFFINITY_MCP_ALLOWED_HOSTS`. Bound to a loopback
 *   address (the default `127.0.0.1`, `localhost`, `::1`), that is `localhost`, `127.0.0.1` and
 *   `[::1]`; bound to another name or address, that name. Bound to every interface (`0.0.0.0`, `::`)
 *   the server cannot know its public names: the loopback names plus the list, or any name when the
 *   list is empty (then set the list, or put an authenticating gateway in front). Ports are ignored;
 *   `*` in the list allows any name.
 *
 * An allowed `Origin` also gets the CORS answer a browser needs to read the response (see
 * {@link corsHeaders} and {@link preflightHeaders}); a refused one gets none, only the 403.
 *
 * Pure: no I/O. The `/mcp` route applies it before reading the body.
 */
import { normalizeOrigin } from '../core/access/apiKeys.ts';

/** Host names of the loopback interface, as `URL.hostname` writes them. */
export const LOOPBACK_HOSTNAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** What `/mcp` accepts. */
export interface McpHttpAccess {
  /** Allowed `Host` names (lower case, IPv6 in brackets, no port), or `'any'`. */
  readonly allowedHosts: readonly string[] | 'any';
  /** Allowed `Origin`s (`scheme://host[:port]`, lower case). A request without `Origin` is always allowed. */
  readonly allowedOrigins: readonly string[];
}

/** `Host` header or host list entry → host name (lower case, IPv6 bracketed, port dropped); `undefined` when unparsable. */
export function hostnameOf(host: string): string | undefined {
  const h = host.trim();
  if (h === '' || /[/?#@\s]/.test(h)) return undefined;
  // A bare IPv6 address (HOST=::1) has no brackets; a Host header always has them.
  const bracketed = h.includes(':') && !h.startsWith('[') && h.indexOf(':') !== h.lastIndexOf(':') ? `[${h}]` : h;
  try {
    return new URL(`http://${bracketed}`).hostname || undefined;
  } catch {
    return undefined;
  }
}

const WILDCARD_HOSTS: ReadonlySet<string> = new Set(['0.0.0.0', '[::]']);

/** Parses `AFFINITY_MCP_ALLOWED_HOSTS` (comma-separated host names, ports ignored; `*` for any). */
export function parseAllowedHosts(text: string | undefined): { hosts: readonly string[] | 'any' } | { problems: string[] } {
  const entries = (text ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  if (entries.includes('*')) return { hosts: 'any' };
  const hosts: string[] = [];
  const problems: string[] = [];
  for (const e of entries) {
    const n = hostnameOf(e);
    if (n) hosts.push(n);
    else problems.push(`AFFINITY_MCP_ALLOWED_HOSTS: "${e.slice(0, 80)}" is not a host name like api.example.com`);
  }
  return problems.length > 0 ? { problems } : { hosts };
}

/** Parses `AFFINITY_MCP_ALLOWED_ORIGINS` (comma-separated `scheme://host[:port]`). */
export function parseAllowedOrigins(text: string | undefined): { origins: readonly string[] } | { problems: string[] } {
  const origins: string[] = [];
  const problems: string[] = [];
  for (const e of (text ?? '').split(',').map((x) => x.trim()).filter(Boolean)) {
    const n = normalizeOrigin(e);
    if (n) origins.push(n);
    else problems.push(`AFFINITY_MCP_ALLOWED_ORIGINS: "${e.slice(0, 80)}" is not an origin like https://agent.example`);
  }
  return problems.length > 0 ? { problems } : { origins };
}

/**
 * The access rules for a server listening on `listenHost` (the `HOST` setting), given the configured
 * host names and origins (see the module comment for the defaults).
 */
export function mcpHttpAccess(listenHost: string, configuredHosts: readonly string[] | 'any', allowedOrigins: readonly string[]): McpHttpAccess {
  const access = (hosts: readonly string[] | 'any'): McpHttpAccess =>
    Object.freeze({ allowedHosts: hosts === 'any' ? hosts : Object.freeze([...new Set(hosts)]), allowedOrigins: Object.freeze([...allowedOrigins]) });
  if (configuredHosts === 'any') return access('any');
  const listen = hostnameOf(listenHost) ?? listenHost.trim().toLowerCase();
  if (WILDCARD_HOSTS.has(listen)) return access(configuredHosts.length === 0 ? 'any' : [...LOOPBACK_HOSTNAMES, ...configuredHosts]);
  const loopback = LOOPBACK_HOSTNAMES.includes(listen) || listen.startsWith('127.');
  return access([listen, ...(loopback ? LOOPBACK_HOSTNAMES : []), ...configuredHosts]);
}

/** The default: a server on 127.0.0.1 that no browser page may call. */
export const LOOPBACK_MCP_ACCESS: McpHttpAccess = mcpHttpAccess('127.0.0.1', [], []);

/** Why a request with these `Host` and `Origin` headers is refused (403), or `undefined` when it may proceed. */
export function refusal(access: McpHttpAccess, host: string | undefined, origin: string | undefined): string | undefined {
  if (access.allowedHosts !== 'any') {
    const name = host === undefined ? undefined : hostnameOf(host);
    if (name === undefined || !access.allowedHosts.includes(name)) {
      return `Invalid Host header: ${host === undefined ? '(none)' : host.slice(0, 200)}. This server answers to ${access.allowedHosts.join(', ')}; add the name to AFFINITY_MCP_ALLOWED_HOSTS.`;
    }
  }
  if (origin !== undefined && !access.allowedOrigins.includes(normalizeOrigin(origin) ?? origin)) {
    return `Invalid Origin header: ${origin.slice(0, 200)}. Browser pages may call /mcp only from an origin listed in AFFINITY_MCP_ALLOWED_ORIGINS${access.allowedOrigins.length === 0 ? ' (none is)' : ''}.`;
  }
  return undefined;
}

/** Methods a browser may use on `/mcp` (GET and DELETE answer 405, which a page must be able to read). */
export const MCP_CORS_METHODS: readonly string[] = ['POST', 'GET', 'DELETE', 'OPTIONS'];

/**
 * Request headers a browser client may send: those the MCP SDK's streamable HTTP client sends
 * (`content-type`, `accept`, `authorization`, `mcp-protocol-version`, `mcp-session-id`, `last-event-id`)
 * and Affinity's own key and shop headers.
 */
export const MCP_CORS_REQUEST_HEADERS: readonly string[] = ['content-type', 'accept', 'authorization', 'mcp-protocol-version', 'mcp-session-id', 'last-event-id', 'x-affinity-key', 'x-affinity-shop'];

/**
 * Response headers a page may read: the session id `initialize` hands out, the protocol version, and the
 * challenge of a 401 (a browser hides every other header from a cross-origin page).
 */
export const MCP_CORS_EXPOSED_HEADERS: readonly string[] = ['mcp-session-id', 'mcp-protocol-version', 'www-authenticate'];

/**
 * The CORS headers of any `/mcp` answer to a request from `origin`: the origin echoed, with the
 * headers a page may read, when it is an allowed origin; nothing otherwise (no `Origin`: not a
 * browser; an origin not listed: refused with 403 by {@link refusal}). No credentials mode: a browser
 * client sends its key in `Authorization`, never a cookie.
 */
export function corsHeaders(access: McpHttpAccess, origin: string | undefined): Record<string, string> | undefined {
  if (origin === undefined || !access.allowedOrigins.includes(normalizeOrigin(origin) ?? origin)) return undefined;
  return { 'access-control-allow-origin': origin, vary: 'Origin', 'access-control-expose-headers': MCP_CORS_EXPOSED_HEADERS.join(', ') };
}

/** A preflight's answer (`OPTIONS /mcp`) for an allowed `origin`: {@link corsHeaders} plus the methods and request headers allowed. */
export function preflightHeaders(access: McpHttpAccess, origin: string | undefined): Record<string, string> | undefined {
  const cors = corsHeaders(access, origin);
  return cors && { ...cors, 'access-control-allow-methods': MCP_CORS_METHODS.join(', '), 'access-control-allow-headers': MCP_CORS_REQUEST_HEADERS.join(', '), 'access-control-max-age': '7200' };
}
