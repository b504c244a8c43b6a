/**
 * Well-known URIs (RFC 8615), the OAuth discovery documents among them, answer 404 to anyone, key or
 * not. Affinity authenticates with API keys and runs no OAuth authorization server, so it publishes
 * no Protected Resource Metadata (RFC 9728), no Authorization Server Metadata (RFC 8414) and no
 * OpenID configuration.
 *
 * Why before authentication: an OAuth-capable MCP client (Claude Code, mcp-remote, the SDK with an
 * `authProvider`) that gets a 401 from `/mcp` probes `/.well-known/oauth-protected-resource[/mcp]`,
 * then `/.well-known/oauth-authorization-server` and `/.well-known/openid-configuration` at the root,
 * without any credential. RFC 9728 §3.1 reads a 404 there as "this resource publishes no metadata",
 * which lets the client tell its user to configure a header; a 401 looks like a discovery document
 * that itself needs OAuth, and clients end in a confusing loop or error. The answer tells nothing a
 * caller could not guess (no document exists at any well-known path, for any tenant), so it needs no
 * key. The whole `/.well-known/` prefix is covered because clients insert the resource's path after
 * it (`/.well-known/oauth-authorization-server/mcp`) and no Affinity route lives under it.
 *
 * When no metadata is found, the MCP SDK's client assumes `/register`, `/authorize` and `/token` at the
 * server's root and tries to register there: those answer 404 the same way, not 401.
 *
 * An `onRequest` hook rather than a route: nothing is served there, and the answer is the API's error
 * shape (`{"error": {"code": "NOT_FOUND", "message"}}`) with a message saying how to authenticate.
 */
import type { FastifyInstance } from 'fastify';
import { AffinityError } from '../../core/errors.ts';
import { pathOf } from '../requestGuard.ts';

/** Whether `path` (no query) is a well-known URI (`/.well-known/…`). */
export function isWellKnownPath(path: string): boolean {
  return path === '/.well-known' || path.startsWith('/.well-known/');
}

/** The OAuth and OpenID discovery documents clients ask for (RFC 9728, RFC 8414, OpenID Discovery). */
const OAUTH_DOCUMENTS = ['oauth-protected-resource', 'oauth-authorization-server', 'openid-configuration'];

/** The 404 message for a well-known path: the OAuth documents say how Affinity authenticates instead. */
export function wellKnownMessage(path: string): string {
  const name = path.slice('/.well-known/'.length).split('/')[0] ?? '';
  if (!OAUTH_DOCUMENTS.includes(name)) return `No document at ${path}: Affinity publishes no well-known metadata.`;
  return `No ${name} metadata at ${path}: Affinity does not use OAuth. It authenticates with an API key, sent with every request as "Authorization: Bearer <key>" (or "X-Affinity-Key: <key>"); configure your client to send that header.`;
}

/**
 * The endpoints an OAuth client falls back to at the server's root when discovery finds no metadata
 * (the MCP SDK's `auth()`: `/register`, `/authorize`, `/token`). No route lives there either.
 */
const OAUTH_FALLBACK_PATHS = new Set(['/register', '/authorize', '/token']);

/** Whether `path` (no query) is one of the OAuth endpoints a client assumes when discovery finds none. */
export function isOAuthFallbackPath(path: string): boolean {
  return OAUTH_FALLBACK_PATHS.has(path);
}

/** The 404 message of an OAuth endpoint: there is none, and how to authenticate instead. */
export function oauthEndpointMessage(path: string): string {
  return `No OAuth endpoint at ${path}: Affinity does not use OAuth. It authenticates with an API key, sent with every request as "Authorization: Bearer <key>" (or "X-Affinity-Key: <key>"); configure your client to send that header.`;
}

/** Answers every well-known URI, and the OAuth endpoints clients assume, with 404 `NOT_FOUND`, before authentication. */
export function oauthDiscoveryRoutes(app: FastifyInstance): void {
  app.addHook('onRequest', (req, _reply, done) => {
    // Every request passes here: most are answered by the first-character tests alone.
    const url = req.url;
    if (!url.startsWith('/.well-known') && !url.startsWith('/register') && !url.startsWith('/authorize') && !url.startsWith('/token')) return done();
    const path = pathOf(url);
    if (isWellKnownPath(path)) return done(new AffinityError('NOT_FOUND', wellKnownMessage(path)));
    if (isOAuthFallbackPath(path)) return done(new AffinityError('NOT_FOUND', oauthEndpointMessage(path)));
    done();
  });
}
