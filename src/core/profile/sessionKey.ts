/**
 * The profile key of an anonymous agent conversation. An MCP tool call that names a shopper only by
 * its `session_id` keeps that conversation's events and profile under `session:<id>`, a namespace of
 * its own: no pixel client id (a storefront may send only those, see `pixelClientIdProblem`) and no
 * customer id is ever written or read there.
 */

/** Prefix of profile keys made from a session id. */
export const SESSION_KEY_PREFIX = 'session:';

/** The profile key of the conversation `sessionId`. */
export function sessionKey(sessionId: string): string {
  return `${SESSION_KEY_PREFIX}${sessionId}`;
}
