/**
 * Reading Redis replies: the field/value pairs of a flat reply (`HGETALL`, `CONFIG GET`, an entry of
 * `XINFO CONSUMERS`, a `ZRANGE … WITHSCORES`), the message of whatever a client call rejected with, and
 * the JSON the store wrote.
 */
import { AffinityError } from '../../core/errors.ts';

/**
 * A flat `[k, v, k, v, …]` reply (or the object ioredis makes of `HGETALL`) as pairs; an odd last
 * element is dropped, `null` is no pairs.
 * @throws Error for any other reply (a bug or a protocol surprise: never data to skip silently)
 */
export function pairs(reply: unknown): [string, string][] {
  if (reply === null || reply === undefined) return [];
  if (Array.isArray(reply)) {
    const out: [string, string][] = [];
    for (let i = 0; i + 1 < reply.length; i += 2) out.push([String(reply[i]), String(reply[i + 1])]);
    return out;
  }
  if (typeof reply === 'object') return Object.entries(reply as Record<string, unknown>).map(([k, v]) => [k, String(v)]);
  throw new Error(`Unexpected Redis reply: ${JSON.stringify(reply)}`);
}

/** The message of a rejection (an `Error`'s message, else the value as text). */
export function errMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Parses JSON the store wrote.
 * @throws AffinityError `INTERNAL` on garbage: corrupt data, not an unavailable store
 */
export function parseJson<T>(what: string, text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new AffinityError('INTERNAL', `Corrupt ${what} in Redis: ${errMessage(e)}`, [], { cause: e });
  }
}
