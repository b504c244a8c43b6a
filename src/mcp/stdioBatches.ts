/**
 * JSON-RPC batches on stdio: each request of a batch is refused with its own id. The SDK's stdio
 * transport reads one message per line and cannot take an array, so a batch used to get a single
 * `-32600` with `id: null`: a client on protocol 2025-03-26 (which allows batches) could not tell
 * which of its requests failed, and waited for the others forever. Refusing each request by its id
 * (JSON-RPC 2.0 §6: the answers to a batch are an array, one per request, none for notifications)
 * tells it exactly what to resend one line at a time. Over streamable HTTP, batches are answered
 * under 2025-03-26 (`jsonRpcBody.ts`); stdio never took them, under any version.
 *
 * {@link splitOutBatches} sits between stdin and the transport: every line that is not a JSON array
 * goes through unchanged, in order; a batch line is answered through `reply` and not passed on.
 */
import { Transform, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** A JSON-RPC error answer (`id: null` when the id could not be read). */
export interface RpcRefusal {
  readonly jsonrpc: '2.0';
  readonly id: string | number | null;
  readonly error: { readonly code: number; readonly message: string };
}

const BATCH_MESSAGE = 'Invalid Request: JSON-RPC batches are not supported on stdio; send each message on its own line.';

/**
 * The answers to a parsed batch: one refusal per request (by its id), one with `id: null` per element
 * that is not a JSON-RPC message, none for notifications and responses; one refusal for an empty batch.
 */
export function batchRefusals(batch: readonly unknown[]): RpcRefusal[] {
  if (batch.length === 0) return [{ jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid Request: the batch is empty.' } }];
  const out: RpcRefusal[] = [];
  for (const m of batch) {
    const msg = (typeof m === 'object' && m !== null && !Array.isArray(m) ? m : {}) as { jsonrpc?: unknown; id?: unknown; method?: unknown; result?: unknown; error?: unknown };
    const wellFormed = msg.jsonrpc === '2.0' && (typeof msg.method === 'string' || 'result' in msg || 'error' in msg);
    if (!wellFormed) out.push({ jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid Request: a batch element is not a JSON-RPC 2.0 message.' } });
    else if (typeof msg.method === 'string' && (typeof msg.id === 'string' || typeof msg.id === 'number')) out.push({ jsonrpc: '2.0', id: msg.id, error: { code: -32600, message: BATCH_MESSAGE } });
  }
  return out;
}

/** The parsed batch on `line`, or `undefined` when the line is not a JSON array. */
function batchOf(line: string): unknown[] | undefined {
  if (!line.trimStart().startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(line);
    return Array.isArray(v) ? v : undefined;
  } catch {
    // Not JSON: the transport answers it (-32700).
    return undefined;
  }
}

/**
 * `input` with its batch lines taken out and answered through `reply` (the array of refusals, when
 * there is any to send). Ends when `input` ends, after its last line was passed on (with a newline
 * added when the input ended without one).
 */
export function splitOutBatches(input: Readable, reply: (answers: RpcRefusal[]) => void): Readable {
  let partial = '';
  // A character split between two chunks is held until its last byte comes.
  const decoder = new StringDecoder('utf8');
  const lines = new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      const text = partial + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
      const end = text.lastIndexOf('\n');
      partial = end < 0 ? text : text.slice(end + 1);
      if (end < 0) return done();
      const through: string[] = [];
      for (const line of text.slice(0, end).split('\n')) {
        const batch = batchOf(line);
        if (!batch) through.push(line);
        else {
          const answers = batchRefusals(batch);
          if (answers.length > 0) reply(answers);
        }
      }
      done(null, through.length > 0 ? `${through.join('\n')}\n` : undefined);
    },
    flush(done) {
      // The end of input ends the last line too (`printf '{…}' | affinity mcp`): the transport reads a
      // message only once its newline comes.
      const rest = partial + decoder.end();
      if (rest.trim().length === 0) return done();
      const batch = batchOf(rest);
      if (!batch) return done(null, `${rest}\n`);
      const answers = batchRefusals(batch);
      if (answers.length > 0) reply(answers);
      done();
    },
  });
  input.on('error', (err) => lines.destroy(err));
  return input.pipe(lines);
}
