/**
 * What an MCP POST's `Accept` header lets the server answer with. The specification says a client
 * lists both `application/json` and `text/event-stream`; real clients do not all do so: Claude.ai's
 * remote MCP proxy sends `text/event-stream` alone, JSON-RPC clients and probes send
 * `application/json` alone or `*\/*`, `curl` sends `*\/*`, some send none. A stateless server that
 * answers one message with one response can serve each of them in a format it accepts, so only a
 * header that accepts neither is refused (406). Pure.
 */

/** How one answer is written: a JSON body, or an SSE stream holding the one message. */
export type AnswerFormat = 'json' | 'sse';

/** The media ranges of an `Accept` header with a weight above 0, lower-cased, without parameters. */
function acceptedRanges(accept: string): string[] {
  const out: string[] = [];
  for (const part of accept.split(',')) {
    const [range, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!range) continue;
    const q = params.find((p) => p.startsWith('q='));
    if (q !== undefined && !(Number(q.slice(2)) > 0)) continue;
    out.push(range);
  }
  return out;
}

/**
 * The format to answer a POST with: JSON whenever the header allows it (`application/json`,
 * `application/*`, `*\/*`, or no header at all), else SSE when it allows that (`text/event-stream`,
 * `text/*`), else `undefined` (nothing this server writes is acceptable).
 */
export function answerFormat(accept: string | undefined): AnswerFormat | undefined {
  if (accept === undefined || accept.trim() === '') return 'json';
  const ranges = acceptedRanges(accept);
  if (ranges.some((r) => r === 'application/json' || r === 'application/*' || r === '*/*')) return 'json';
  if (ranges.some((r) => r === 'text/event-stream' || r === 'text/*')) return 'sse';
  return undefined;
}
