/**
 * Refuses a JSON body that carries a string with a lone UTF-16 surrogate (400 `VALIDATION_FAILED`,
 * every offending field named), before any hook or handler hands its strings to a store.
 *
 * JSON can spell a lone surrogate (`"\ud800abc"`); JavaScript decodes it into a string that has no
 * UTF-8 form, so a store cannot key it: Redis failed such a user id with 503 on every retry (the
 * consent hook of `POST /v1/events`, profile reads, recommendation requests). Raw bytes cannot carry
 * one (invalid UTF-8 decodes to U+FFFD), so only parsed JSON bodies are walked: not the raw bodies of
 * webhooks and CSV imports, not URLs or headers. `/mcp` is left to the MCP transport, which answers
 * in JSON-RPC; its tools validate their own arguments, and `track_event` goes through the same ingest
 * parser (`core/events/ingest.ts`) that holds every id to `core/ids.ts`.
 */
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import { AffinityError, type FieldIssue } from '../core/errors.ts';
import { isWellFormed, LONE_SURROGATE_MESSAGE } from '../core/ids.ts';

/** Most issues listed in one answer. */
export const MAX_LISTED_ISSUES = 20;

/** Routes whose errors are not ours to shape (JSON-RPC). */
const OWN_PROTOCOL_ROUTES: ReadonlySet<string> = new Set(['/mcp']);

interface Frame {
  readonly value: object;
  readonly key: string;
  readonly parent: Frame | undefined;
}

function pathTo(parent: Frame, key: string): string {
  const parts = [key];
  for (let f: Frame | undefined = parent; f?.parent; f = f.parent) parts.push(f.key);
  return parts.reverse().join('.');
}

/**
 * Every string (values and property names) in a parsed JSON value that is not well-formed Unicode,
 * as dotted paths (`events.0.clientId`), up to `max`. Iterative: any nesting depth is fine.
 */
export function malformedStrings(value: unknown, max = MAX_LISTED_ISSUES): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (typeof value === 'string') return isWellFormed(value) ? issues : [{ path: '', message: LONE_SURROGATE_MESSAGE }];
  if (!value || typeof value !== 'object') return issues;
  const stack: Frame[] = [{ value, key: '', parent: undefined }];
  while (stack.length > 0 && issues.length < max) {
    const frame = stack.pop() as Frame;
    const v = frame.value;
    const nested: Frame[] = [];
    const visit = (child: unknown, key: string): void => {
      if (typeof child === 'string') {
        if (!isWellFormed(child)) issues.push({ path: pathTo(frame, key), message: LONE_SURROGATE_MESSAGE });
      } else if (child && typeof child === 'object') nested.push({ value: child, key, parent: frame });
    };
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) visit(v[i], String(i));
    } else {
      for (const k of Object.keys(v)) {
        if (!isWellFormed(k)) issues.push({ path: pathTo(frame, k), message: `property name ${LONE_SURROGATE_MESSAGE}` });
        visit((v as Record<string, unknown>)[k], k);
      }
    }
    // Reversed, so that the first nested value is walked first.
    for (let i = nested.length - 1; i >= 0; i--) stack.push(nested[i] as Frame);
  }
  return issues.slice(0, max);
}

/** Any UTF-16 surrogate (a cheap test that passes over almost every string before the exact one). */
const ANY_SURROGATE = /[\uD800-\uDFFF]/;
/** Nesting the recursive fast check follows before it hands a subtree to the iterative walk. */
const MAX_RECURSION = 256;

/** Whether a parsed JSON value holds a malformed string: the fast path of every request (no paths, no allocation). */
export function hasMalformedString(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return ANY_SURROGATE.test(v) && !isWellFormed(v);
  if (typeof v !== 'object' || v === null) return false;
  if (depth > MAX_RECURSION) return malformedStrings(v, 1).length > 0;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (hasMalformedString(v[i], depth + 1)) return true;
    return false;
  }
  for (const k in v) {
    if (ANY_SURROGATE.test(k) && !isWellFormed(k)) return true;
    if (hasMalformedString((v as Record<string, unknown>)[k], depth + 1)) return true;
  }
  return false;
}

/**
 * What of an events body is checked here: the envelope's `shop` only (the tenant: the whole request is
 * for it). Every id of every event is held to `core/ids.ts` by the ingest parser, event by event: an event
 * with a malformed id is refused on its own while the rest of the batch is stored (docs/decisions/0006),
 * and consent is read only from the valid events. A lone surrogate anywhere else in a pixel payload (a
 * product title cut inside an emoji by the storefront) is stored escaped.
 */
function eventKeyFields(body: object): object {
  if (Array.isArray(body)) return [];
  const envelope = body as Record<string, unknown>;
  return Array.isArray(envelope.events) && 'shop' in envelope ? { shop: envelope.shop } : {};
}

/** The check of one route's bodies (`events`: only the key fields of `POST /v1/events`). */
function checkBodies(events: boolean): preHandlerHookHandler {
  return (req, _reply, done) => {
    let body = req.body;
    if (!body || typeof body !== 'object' || Buffer.isBuffer(body)) return done();
    if (events) body = eventKeyFields(body);
    if (!hasMalformedString(body)) return done();
    const issues = malformedStrings(body);
    done(new AffinityError('VALIDATION_FAILED', `Invalid request: ${issues[0]?.path || 'body'}: ${issues[0]?.message}`, issues));
  };
}

/**
 * Installs the check on every route declared after this call (a route-level `preHandler`, first among
 * the route's own: after access control, before the handlers). Per route rather than one hook that
 * asks each request for its route (`req.routeOptions` builds a new object on every read).
 */
export function installWellFormedBodies(app: FastifyInstance): void {
  const all = checkBodies(false);
  const events = checkBodies(true);
  app.addHook('onRoute', (route) => {
    if (OWN_PROTOCOL_ROUTES.has(route.url)) return;
    const check = route.url === '/v1/events' ? events : all;
    const own = route.preHandler;
    route.preHandler = own ? [check, ...(Array.isArray(own) ? own : [own])] : check;
  });
}
