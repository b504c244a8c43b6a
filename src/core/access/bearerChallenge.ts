/**
 * The challenge of a 401 for a missing or wrong API key (RFC 9110 §11.6.1 asks every 401 for one;
 * RFC 6750 §3): the Bearer scheme the key is sent with, and `invalid_token` when the request presented
 * a key (`Authorization` or `X-Affinity-Key`) that is not valid, none when it presented no key, as
 * RFC 6750 §3.1 asks. The REST API and the MCP endpoint answer with the same challenge.
 */
export function bearerChallenge(headers: Readonly<Record<string, string | readonly string[] | undefined>>): string {
  const presented = [headers.authorization, headers['x-affinity-key']].some((h) => ((typeof h === 'string' ? h : h?.[0])?.trim() ?? '') !== '');
  return `Bearer realm="affinity"${presented ? ', error="invalid_token"' : ''}`;
}
