/**
 * Self-contained MCP session ids for stateless streamable HTTP. The `initialize` answer carries an
 * `Mcp-Session-Id` that encodes the client's name and version next to a random UUID; clients send it
 * back on every later request, so whichever API node (and whichever per-request server) handles a
 * `tools/call` knows which agent is calling without any session state. The MCP specification allows
 * self-contained ids ("a securely generated UUID, a JWT, or a cryptographic hash"). The id is not a
 * credential: it only carries what the client itself declared at `initialize`.
 */
import { randomUUID } from 'node:crypto';
import type { Implementation } from '@modelcontextprotocol/sdk/types.js';

/** Longest client name and version kept. */
const MAX_NAME = 100;
const MAX_VERSION = 50;
const ID = /^[0-9a-f-]{36}\.([A-Za-z0-9_-]{1,400})$/;

/** A new session id carrying `info`. */
export function encodeSessionId(info: Pick<Implementation, 'name' | 'version'>): string {
  const payload = JSON.stringify({ n: info.name.slice(0, MAX_NAME), v: info.version.slice(0, MAX_VERSION) });
  return `${randomUUID()}.${Buffer.from(payload, 'utf8').toString('base64url')}`;
}

/** The client a session id was issued to; `undefined` for any other string. */
export function decodeSessionId(id: string | undefined): Implementation | undefined {
  const m = id ? ID.exec(id) : null;
  if (!m) return undefined;
  try {
    const o = JSON.parse(Buffer.from(m[1] as string, 'base64url').toString('utf8')) as unknown;
    if (!o || typeof o !== 'object') return undefined;
    const { n, v } = o as { n?: unknown; v?: unknown };
    if (typeof n !== 'string' || n.trim() === '') return undefined;
    return { name: n.slice(0, MAX_NAME), version: typeof v === 'string' ? v.slice(0, MAX_VERSION) : '' };
  } catch {
    return undefined;
  }
}
