/**
 * Ids only Affinity's own tools write. An MCP `track_event` stores its event as `mcp:<event_id>`, and an
 * agent conversation known only by its session keeps its profile under `session:<session_id>`
 * (`core/profile/sessionKey.ts`). A batch from `POST /v1/events` may not name them: a REST event with
 * id `mcp:x` made the agent's later `track_event` with `event_id: x` (another shopper's purchase) answer
 * "duplicate" and never be stored, and a REST `userId` of `session:conv` wrote into a conversation's
 * profile (an attacker probe, 2026-12-06). Such an event is refused on its own (docs/decisions/0006).
 */
import type { FieldIssue } from '../errors.ts';
import { SESSION_KEY_PREFIX } from '../profile/sessionKey.ts';
import type { UserEvent } from './userEvent.ts';

/** Prefix of the ids of events recorded through MCP (keeps them apart from the API's and the pixel's). */
export const MCP_EVENT_ID_PREFIX = 'mcp:';

/**
 * The issue of an event a batch may not carry: its id in the MCP namespace, or its shopper in the
 * conversations' (`undefined`: none). `path` is the event's path in the batch; `shopperField` the field
 * its shopper was read from (`userId`, or a pixel event's `clientId`).
 */
export function reservedIdIssue(e: UserEvent, path: string, shopperField: 'userId' | 'clientId'): FieldIssue | undefined {
  const at = (field: string): string => [path, field].filter(Boolean).join('.');
  if (e.id.startsWith(MCP_EVENT_ID_PREFIX)) return { path: at('id'), message: `ids starting with "${MCP_EVENT_ID_PREFIX}" are those of events recorded through MCP track_event; choose another id` };
  if (e.userId.startsWith(SESSION_KEY_PREFIX)) return { path: at(shopperField), message: `shopper ids starting with "${SESSION_KEY_PREFIX}" are agent conversations' own (MCP session_id); name the shopper by their own id` };
  return undefined;
}
